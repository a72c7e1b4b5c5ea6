"""150 % scaling on a 1920x1080 screen: the window fits, its status bar whole (issue 9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCREEN = {"screens": [{"name": "1080p", "x": 0, "y": 0, "width": 1920, "height": 1080,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def run_scaled(tmp_path: Path, scale: str, lang: str = "zh") -> dict[str, object]:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": scale}
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    out = subprocess.run([sys.executable, str(Path(__file__).with_name("scaled_window.py")),
                          str(tmp_path / "demo"), lang], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.parametrize("scale", ["1.5", "1"])
def test_the_status_bar_is_whole_on_a_1080p_screen(tmp_path: Path, scale: str) -> None:
    r = run_scaled(tmp_path, scale)
    assert r["scale"] == float(scale)
    ax, ay, aw, ah = r["available"]  # type: ignore[misc]
    fx, fy, fw, fh = r["frame"]  # type: ignore[misc]
    assert fx >= ax and fy >= ay and fx + fw <= ax + aw and fy + fh <= ay + ah, r
    sx, sy, sw, sh = r["status_bar"]  # type: ignore[misc]
    assert r["status_visible"] and sh >= r["text_height"], r  # type: ignore[operator]
    assert sx >= ax and sx + sw <= ax + aw and sy >= ay and sy + sh <= ay + ah, r  # all on it
    assert "林晓雯" in str(r["message"]) and r["manual_visible"]
