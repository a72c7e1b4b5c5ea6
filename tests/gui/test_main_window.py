"""The invigilator window: session start, face and manual check-ins, camera loss."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from gui_threads import on_station, on_task_thread, shown_candidate
from PySide6.QtCore import Qt

from headcount.errors import SourceError
from headcount.gui.backend import User
from headcount.gui.demo import write_demo_video
from headcount.vision.frames import Frame


def test_window_opens_the_open_session_with_its_roster(make_window: Any, backend: Any) -> None:
    w = make_window(backend, feeds=[])
    assert w.session.kind == "exam" and w.session.status == "open"
    assert w.roster.model.rowCount() == 6
    assert "Not yet arrived: 6" in w.roster.counts.text()  # "Absent" only once closed
    # The Manual ID check is always visible and on F2, even in a narrow window.
    assert w.manual_button.isVisible() or not w.isVisible()
    w.resize(640, 480)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert w.manual_button.isVisible() or not w.isVisible()
    assert w.act_manual.shortcut().toString() == "F2"


def test_session_created_and_started_from_the_window(make_window: Any, backend: Any,
                                                     qtbot: Any) -> None:
    w = make_window(backend, feeds=[])
    s = on_task_thread(w, backend).create_session(user=w.user, kind="class", name="Physics",
                                                  room="Lab", class_name="初一(2)班")
    with qtbot.waitSignal(w.session_loaded, timeout=5000):
        w.reload_sessions(select=s.id)
    assert w.session.id == s.id and w.roster.model.rowCount() == 2
    with qtbot.waitSignal(w.session_loaded, timeout=5000):
        w.start_session()
    assert w.session.status == "open"


def test_manual_check_in_with_the_camera_off(make_window: Any, backend: Any, qtbot: Any) -> None:
    w = make_window(backend, feeds=[])  # no camera at all
    qtbot.keyClick(w, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: w._manual is not None and w._manual.isVisible(), timeout=3000)
    dialog = w._manual
    target = person(on_task_thread(w, backend), "2025004")
    dialog.search.setText(target.number[-3:])
    assert dialog.results.count() == 1
    dialog.reason.setCurrentIndex(dialog.reason.findData("not_enrolled"))
    with qtbot.waitSignal(w.checked_in, timeout=5000) as sig:
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    c = sig.args[0]
    assert (c.person_id, c.method, c.reason) == (target.id, "manual", "not_enrolled")
    qtbot.waitUntil(lambda: "Present (manual): 1" in w.roster.counts.text(), timeout=3000)


def test_manual_search_by_id_card_number(make_window: Any, backend: Any) -> None:
    w = make_window(backend, feeds=[])
    dialog = w.open_manual_check()
    dialog.search.setText("200903140026")
    assert dialog.results.count() == 1
    assert dialog.selected_person() == person(on_task_thread(w, backend), "2025001").id
    assert "200903140026" not in dialog.results.item(0).text()  # masked on screen
    dialog.close()


def test_face_check_in_from_a_generated_video(make_window: Any, enrolled: Any, qtbot: Any,
                                              tmp_path: Path) -> None:
    video = write_demo_video(tmp_path / "entrance.avi", seconds=4)
    w = make_window(enrolled, feeds=[str(video)], loop=True)
    c = shown_candidate(qtbot, w)
    assert c.kind == "confirm" and c.number == "2025001" and c.entry is not None
    # Templates, not pictures (C9): no reference photo exists to show.
    assert w.card.reference.pixmap().isNull()
    assert "only templates are stored" in w.card.reference.text()
    with qtbot.waitSignal(w.checked_in, timeout=5000) as done:
        qtbot.mouseClick(w.card.confirm, Qt.MouseButton.LeftButton)
    assert done.args[0].method == "face" and done.args[0].score is not None
    qtbot.waitUntil(lambda: "Present (face): 1" in w.roster.counts.text(), timeout=3000)
    assert w.feeds[0].latencies, "results reached the GUI thread"


def test_reject_never_checks_anyone_in(make_window: Any, enrolled: Any, qtbot: Any,
                                       tmp_path: Path) -> None:
    video = write_demo_video(tmp_path / "entrance.avi", seconds=4)
    w = make_window(enrolled, feeds=[str(video)], loop=True)
    c = shown_candidate(qtbot, w)
    w.card.reject.click()
    assert w.candidates.was_rejected(c.track_id, c.person_id)
    assert all(e.checkin is None for e in on_task_thread(w, enrolled).roster(w.session.id))


OPERATOR = User("teacher", "operator")


def person(backend: Any, number: str) -> Any:
    return next(p for p in backend.people() if p.number == number)


class FlakyCamera:
    """Delivers a few frames, drops out once (SourceError), comes back when allowed."""

    def __init__(self) -> None:
        self.opened = 0
        self.back = threading.Event()

    def __call__(self) -> Iterator[Frame]:
        self.opened += 1
        rgb = np.full((120, 160, 3), 90, np.uint8)
        if self.opened > 1:
            self.back.wait(10)
        for i in range(3):
            yield Frame(i, 0.0, rgb, "camera 7")
        if self.opened == 1:
            raise SourceError("Lost camera 7", "摄像头 7 已断开")
        pace = threading.Event()  # never set: wait() paces the fake camera at 50 fps
        while True:
            pace.wait(0.02)
            yield Frame(3, 0.0, rgb, "camera 7")


class NoFaces:
    def analyse(self, rgb: Any, tracker: Any = None) -> list[Any]:
        return []

    def close(self) -> None:
        pass


def test_camera_loss_shows_a_banner_and_reconnects(make_window: Any, backend: Any,
                                                   qtbot: Any) -> None:
    camera = FlakyCamera()
    w = make_window(backend, feeds=[camera], analyser_factory=NoFaces)
    feed = w.feeds[0]
    qtbot.waitUntil(lambda: "Camera lost" in feed.view.banner, timeout=5000)
    # Manual checks keep working while the camera is down.
    with qtbot.waitSignal(w.checked_in, timeout=5000):
        w.manual_check_in(person(on_task_thread(w, backend), "2025002").id, "camera_fault")
    camera.back.set()
    qtbot.waitUntil(lambda: feed.view.banner == "", timeout=5000)
    assert camera.opened >= 2 and feed.worker.reconnects >= 1
    assert feed.stop() and not feed.running  # cooperative stop


def test_missing_model_leaves_manual_checks_working(make_window: Any, backend: Any,
                                                    qtbot: Any) -> None:
    from headcount.errors import ModelError

    def broken() -> Any:
        raise ModelError("model file missing", "模型文件缺失")

    w = make_window(backend, feeds=["demo:"], analyser_factory=broken)
    qtbot.waitUntil(lambda: "Manual ID check" in w.feeds[0].view._notice, timeout=5000)
    with qtbot.waitSignal(w.checked_in, timeout=5000):
        w.manual_check_in(person(on_task_thread(w, backend), "2025003").id, "camera_fault")


def test_operator_may_check_in(make_window: Any, backend: Any, qtbot: Any) -> None:
    w = make_window(backend, user=OPERATOR, feeds=[])
    with qtbot.waitSignal(w.checked_in, timeout=5000) as sig:
        w.manual_check_in(person(on_task_thread(w, backend), "2025005").id, "declined")
    assert sig.args[0].operator == "teacher"


def test_audit_log_dialog_lists_the_station_s_entries(make_window: Any, backend: Any,
                                                      qtbot: Any) -> None:
    """Administration > Audit log shows the core's entries as they are (time, who, what,
    on what, details), newest first."""
    w = make_window(backend, feeds=[])
    d = w.open_audit()
    qtbot.waitUntil(lambda: d.table.rowCount() > 0, timeout=5000)
    rows = [[d.table.item(r, c).text() for c in range(5)] for r in range(d.table.rowCount())]
    entries = on_station(w, lambda: backend.st.audit.entries(limit=500))
    assert [r[2] for r in rows] == [e.action for e in entries]
    with_details = next(r for r, e in zip(rows, entries, strict=True) if e.details)
    assert with_details[4].startswith("{")
    d.close()
