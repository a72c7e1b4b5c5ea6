"""Screenshots of the window can show faces from a live feed: owner-only files."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_screenshot_is_owner_only_from_the_start(qtbot: Any, tmp_path: Path) -> None:
    from headcount.gui.app import _save_small

    label = QLabel("画面 1")
    qtbot.addWidget(label)
    label.resize(120, 40)
    old = os.umask(0o022)  # a usual umask would make a plain file world-readable
    try:
        path = _save_small(label, tmp_path / "main-window-zh.png")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    image = QImage(str(path))
    assert not image.isNull() and image.width() == label.width()
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind
