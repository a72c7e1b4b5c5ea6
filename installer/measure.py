"""Figures for docs/BENCHMARKS.md, measured on the built bundle (Linux):

* size of dist/headcount and of the .deb (if built);
* launch to window shown: the bundle's demo started on a private Xvfb display (real
  xcb platform, not offscreen); the clock runs from the launch until ``xwininfo``
  reports the Headcount top-level window viewable. Cold = first start with a fresh home
  (the demo station is created), warm = the second start;
* resident memory (VmRSS from /proc) with two demo feeds analysed at once, sampled
  every 0.5 s: peak, and the median over the second half of the run (steady state).

    .venv/bin/python installer/measure.py [--seconds 30]

Needs Xvfb and xwininfo (x11-utils). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / "dist" / "headcount" / "headcount"


def du_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "HEADCOUNT_", "VIRTUAL_ENV", "QT_"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               HEADCOUNT_KEYRING="0", HEADCOUNT_LANG="zh", **extra)
    return env


def window_shown(display: str) -> bool:
    out = subprocess.run(["xwininfo", "-root", "-children", "-display", display],
                         capture_output=True, text=True).stdout
    # Top-level windows of class "headcount" (not Qt's 1x1 helper windows).
    pattern = r'^\s+(0x[0-9a-f]+) ".*?": \("headcount" "Headcount"\)\s+(\d+)x(\d+)'
    for wid, w, h in re.findall(pattern, out, re.M):
        if int(w) < 200 or int(h) < 200:
            continue
        info = subprocess.run(["xwininfo", "-id", wid, "-display", display],
                              capture_output=True, text=True).stdout
        if "IsViewable" in info:
            return True
    return False


def time_to_window(home: Path, display: str, timeout: float = 120) -> float:
    env = clean_env(home, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    start = time.monotonic()
    proc = subprocess.Popen([str(EXE), "demo", "--camera", "demo:"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - start < timeout:
            if window_shown(display):
                return round(time.monotonic() - start, 2)
            if proc.poll() is not None:
                raise RuntimeError(f"headcount exited with {proc.returncode}")
            time.sleep(0.02)
        raise TimeoutError("no window")
    finally:
        proc.terminate()
        proc.wait(30)


def rss_two_feeds(home: Path, seconds: float) -> dict[str, float]:
    frames = int(seconds * 15)  # the demo feed runs at 15 frames/s
    env = clean_env(home, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([str(EXE), "demo", "--offscreen", "--frames", str(frames),
                             "--camera", "demo:", "--camera", "demo:"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    samples: list[float] = []
    while proc.poll() is None:
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            kb = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
            samples.append(kb / 1024)
        except (OSError, AttributeError):
            pass
        time.sleep(0.5)
    figures = json.loads((proc.stdout.read() if proc.stdout else "").strip().splitlines()[-1])
    half = samples[len(samples) // 2:] or samples
    return {"feeds": figures["feeds"], "frames": figures["frames"],
            "rss_peak_mb": round(max(samples), 1),
            "rss_steady_median_mb": round(statistics.median(half), 1),
            "face_result_latency_ms_p95": figures["face_result_latency_ms_p95"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    out: dict[str, object] = {"bundle_bytes": du_bytes(EXE.parent),
                              "bundle_files": sum(1 for _ in EXE.parent.rglob("*"))}
    debs = sorted((ROOT / "dist").glob("headcount_*.deb"))
    if debs:
        out["deb"] = {"file": debs[-1].name, "bytes": debs[-1].stat().st_size}
    display = ":97"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    home = Path(tempfile.mkdtemp(prefix="headcount-measure-"))
    try:
        time.sleep(1.0)
        out["window_shown_s"] = {"cold": time_to_window(home, display),
                                 "warm": time_to_window(home, display)}
        out["two_feeds"] = rss_two_feeds(home, args.seconds)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
        shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
