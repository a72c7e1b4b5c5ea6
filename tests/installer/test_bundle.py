"""The PyInstaller bundle runs on its own: version, self-check, the window headless.

Builds dist/headcount with installer/build.sh (reused when its stamp matches the
sources) and runs the executable with a clean environment: no PYTHONPATH, no
HEADCOUNT_RESOURCES, a throw-away home, so only what the bundle carries is used.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from headcount import __version__

pytestmark = pytest.mark.bundle

REPO = Path(__file__).resolve().parents[2]
EXE = REPO / "dist" / "headcount" / "headcount"


@pytest.fixture(scope="module")
def bundle() -> Path:
    subprocess.run(["bash", str(REPO / "installer" / "build.sh"), "--if-stale"], cwd=REPO,
                   check=True, timeout=1800)
    assert EXE.is_file()
    return EXE


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "HEADCOUNT_", "VIRTUAL_ENV", "QT_"))}
    home = tmp_path / "home"
    home.mkdir()
    out.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               HEADCOUNT_KEYRING="0", HEADCOUNT_LANG="en", QT_QPA_PLATFORM="offscreen")
    return out


def run(exe: Path, *args: str, env: dict[str, str], timeout: float = 120,
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=env["HOME"])


def test_version(bundle: Path, env: dict[str, str]) -> None:
    out = run(bundle, "--version", env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"headcount {__version__}"


def test_doctor_passes_except_cameras(bundle: Path, env: dict[str, str], tmp_path: Path) -> None:
    out = run(bundle, "doctor", "--json", "--data-dir", str(tmp_path / "station"), env=env)
    report = json.loads(out.stdout)
    assert out.returncode == 0, out.stdout + out.stderr
    assert report["ok"] is True and report["bundle"] is True
    not_ok = {c["name"]: c["detail"]["en"] for c in report["checks"] if not c["ok"]}
    assert set(not_ok) <= {"cameras"}, not_ok
    names = {c["name"] for c in report["checks"]}
    # The models really loaded from the bundle's own copies.
    assert {"model-load:embedder", "model-load:detector-entrance",
            "model-load:landmarker"} <= names
    file_check = next(c for c in report["checks"]
                      if c["name"] == "model-file:face_landmarker.task")
    assert str(bundle.parent / "_internal" / "resources") in file_check["detail"]["en"]


def test_demo_runs_headless(bundle: Path, env: dict[str, str]) -> None:
    out = run(bundle, "demo", "--offscreen", "--frames", "30", "--camera", "demo:", env=env,
              timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures["feeds"] == 1 and figures["frames"] == [30]
    assert figures["face_result_latency_ms_p95"] is not None  # faces were analysed


def test_bundle_is_lean(bundle: Path) -> None:
    internal = bundle.parent / "_internal"
    present = {p.name for p in internal.iterdir()}
    for unwanted in ("matplotlib", "skimage", "scipy", "dlib", "onnx", "pytest", "tkinter"):
        assert unwanted not in present
    qt = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert qt <= {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"}, qt
    assert not list(internal.rglob("libQt6Quick*")) and not list(internal.rglob("libQt6Qml*"))
    assert not (internal / "mediapipe" / "tasks" / "python" / "test").exists()
