"""Words an invigilator reads (issue 9): titles, labels, statuses, a missing model."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtWidgets import QFormLayout, QLabel

from headcount.gui.backend import User
from headcount.gui.qt import set_language
from headcount.models import LANDMARKER, model_path

ADMIN = User("admin", "admin")


def test_the_new_session_dialog_names_the_session_not_a_person(qtbot: Any) -> None:
    from headcount.gui.sessions import NewSessionDialog

    set_language("zh")
    dialog = NewSessionDialog(["高一(3)班"])
    qtbot.addWidget(dialog)
    form = dialog.findChild(QFormLayout)
    label = form.labelForField(dialog.name)
    assert isinstance(label, QLabel) and label.text() == "名称"


def test_titles_in_chinese_name_the_product_and_the_camera(make_window: Any, backend: Any,
                                                           qtbot: Any) -> None:
    set_language("zh")
    w = make_window(backend, feeds=["demo:"], analyser_factory=lambda: None)
    assert w.windowTitle().startswith("考勤核验 Headcount")
    assert w.views[0].title == "画面 1：演示入口"  # not the raw "demo:"


def test_camera_names_hide_addresses_and_passwords(qapp: Any) -> None:
    from headcount.gui.camera_view import source_name

    assert source_name(0) == "Camera 1"
    assert source_name("rtsp://admin:secret@10.0.0.7:554/stream1") == "Network camera 10.0.0.7"
    assert source_name("/videos/entrance.avi") == "entrance.avi"
    assert source_name("demo:") == "Demo entrance"


def test_missing_model_tells_the_invigilator_what_to_do(make_window: Any, backend: Any,
                                                        tmp_path: Path, qtbot: Any) -> None:
    def frames() -> Any:
        from headcount.vision.frames import Frame

        for i in range(10**6):
            yield Frame(i, 0.0, np.zeros((120, 160, 3), np.uint8), "x")

    w = make_window(backend, feeds=[frames],
                    analyser_factory=lambda: model_path(LANDMARKER, tmp_path))
    qtbot.waitUntil(lambda: bool(w.views[0]._notice), timeout=5000)
    notice = w.views[0]._notice
    assert LANDMARKER in notice and "Reinstall" in notice
    assert "python -m" not in notice and "fetch" not in notice


def test_missing_people_are_not_yet_arrived_until_the_session_closes(
        make_window: Any, backend: Any, qtbot: Any) -> None:
    w = make_window(backend, feeds=[])
    assert "Not yet arrived: 6" in w.roster.counts.text()
    assert w.roster.model.status_text("absent") == "Not yet arrived"
    with qtbot.waitSignal(w.session_loaded, timeout=5000):
        w.close_session()
    qtbot.waitUntil(lambda: "Absent: 6" in w.roster.counts.text(), timeout=5000)
    assert w.roster.model.status_text("absent") == "Absent"


def test_core_refusals_name_the_window_menu_not_only_a_command(make_window: Any,
                                                              backend: Any) -> None:
    """Refusals the window shows (session not started, no consent, incomplete notice, no
    impact assessment) say where in the window to go, in both languages, with the
    window's own menu words; the command follows for IT staff."""
    from headcount.compliance.assessment import NO_PIA

    def menu_words(lang: str) -> set[str]:
        set_language(lang)
        w = make_window(backend, feeds=[], analyser_factory=lambda: None)
        words = set()
        for menu_action in w.menuBar().actions():
            top = menu_action.text().replace("&", "").split("(")[0]
            words.add(top)
            for a in menu_action.menu().actions():
                words.add(a.text().rstrip(".").rstrip("…").rstrip("."))
        w.close()
        return words

    for lang, text in (("en", NO_PIA.en), ("zh", NO_PIA.zh)):
        words = menu_words(lang)
        impact = [a for a in words if "mpact assessment done" in a or "影响评估已完成" in a]
        assert impact and impact[0] in text
        assert ("Administration" if lang == "en" else "管理") in text
    for path, en, zh in (
            ("attendance/checkin.py", "Session > Start session", "场次 > 开始场次"),
            ("compliance/enrolment.py", "People > Enrolment and consent > Record consent",
             "人员 > 录入与同意 > 记录同意"),
            ("compliance/notice.py", "Administration > Settings", "管理 > 设置")):
        source = (Path(__file__).parents[2] / "app" / "headcount" / path).read_text("utf-8")
        source = re.sub(r'"\s*\n\s*f?"', "", source)  # join the continued literals
        assert en in source and zh in source, path
    set_language("en")
