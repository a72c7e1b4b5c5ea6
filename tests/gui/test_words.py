"""Words an invigilator reads (issue 9): titles, labels, statuses, a missing model."""

from __future__ import annotations

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
