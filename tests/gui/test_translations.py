"""Both languages complete: Qt translation files and the language switch."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from headcount import i18n
from headcount.gui.qt import cjk_family, set_language
from headcount.resources import resources_dir

TS = resources_dir() / "i18n" / "headcount_zh_CN.ts"
GUI = Path(__file__).resolve().parents[2] / "app" / "headcount" / "gui"


def test_every_string_has_a_chinese_translation() -> None:
    messages = list(ET.parse(TS).getroot().iter("message"))
    assert len(messages) > 150
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "obsolete")  # type: ignore[union-attr]
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []
    assert (TS.with_suffix(".qm")).is_file()


def test_no_string_in_the_code_is_missing_from_the_ts(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists() and shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate not installed")
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    out = subprocess.run([str(lupdate if lupdate.exists() else "pyside6-lupdate"),
                          *sorted(str(p) for p in GUI.glob("*.py")), "-ts", str(copy)],
                         capture_output=True, text=True, timeout=60)
    assert "(0 new and" in out.stdout + out.stderr, out.stdout + out.stderr


def test_language_switch_translates_widgets_and_core_messages(qapp: Any) -> None:
    set_language("zh")
    try:
        assert QCoreApplication.translate("ManualCheckDialog", "Manual ID check") == "人工核验"
        assert i18n.language() == "zh"
    finally:
        set_language("en")
    assert QCoreApplication.translate("ManualCheckDialog", "Manual ID check") == "Manual ID check"


def test_a_chinese_font_is_available(qapp: Any) -> None:
    assert cjk_family() is not None, "install fonts-wqy-microhei or Noto Sans CJK SC"


def test_window_in_chinese(make_window: Any, backend: Any) -> None:
    set_language("zh")
    w = make_window(backend, feeds=[])
    assert w.manual_button.text() == "人工核验（F2）"
    assert "未到" in w.roster.counts.text()
