"""The window's flows use the station from its task thread only (docs/ARCHITECTURE.md,
"Threads"): the station's connection would raise ``WrongThread`` otherwise, and every
use of it is watched here, so a flow that touched it from the GUI thread, a feed worker
or the enrolment worker fails this test."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from gui_threads import on_task_thread
from PySide6.QtCore import Qt

from headcount.store.db import OwnedConnection, WrongThread


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Every thread that uses an OwnedConnection, and every refusal."""
    seen: dict[str, list[Any]] = {"uses": [], "refused": []}
    real = OwnedConnection.check_thread

    def check(self: OwnedConnection) -> None:
        seen["uses"].append((self, threading.current_thread()))
        try:
            real(self)
        except WrongThread as exc:
            seen["refused"].append(exc)
            raise

    monkeypatch.setattr(OwnedConnection, "check_thread", check)
    return seen


def test_window_flows_use_the_station_from_the_task_thread_only(
        make_window: Any, backend: Any, qtbot: Any, tmp_path: Path,
        watched: dict[str, list[Any]]) -> None:
    import cv2

    from headcount.gui.demo import astronaut

    conn = backend.st.db.conn
    w = make_window(backend, feeds=["demo:"], analyser_factory=None)
    watched["uses"].clear()  # from here on: only the window's own work
    # Sign in (the window's own dialog).
    d = w.open_sign_in()
    d.name.setText("teacher")
    d.password.setText("teacher")
    with qtbot.waitSignal(d.signed_in, timeout=10000):
        d.try_sign_in()
    w.set_user(w.user.__class__("admin", "admin"))
    # Roster search, then a Manual ID check.
    qtbot.keyClicks(w.roster.search, "Wang")
    assert w.roster.proxy.rowCount() == 1
    manual = w.open_manual_check()
    qtbot.keyClicks(manual.search, "Wang")
    with qtbot.waitSignal(w.checked_in, timeout=5000):
        qtbot.keyClick(manual.search, Qt.Key.Key_Return)
    # Enrolment from a photo folder: the models run in the enrolment worker, whose
    # results reach the GUI thread by signal; the station writes go to the task thread.
    folder = tmp_path / "photos"
    folder.mkdir()
    cv2.imwrite(str(folder / "2025001.png"), cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR))
    cv2.imwrite(str(folder / "2025004.png"), np.full((200, 200, 3), 128, np.uint8))
    enrol = w.open_enrolment()
    qtbot.waitUntil(lambda: enrol.person.count() > 0, timeout=5000)
    handled_on: list[threading.Thread] = []
    worker = enrol.enrol_folder(str(folder))
    worker.yielded.connect(lambda _v: handled_on.append(threading.current_thread()))
    with qtbot.waitSignal(worker.finished, timeout=60000):
        pass
    qtbot.waitUntil(lambda: watched["refused"] or "need review" in enrol.message.text(),
                    timeout=10000)
    assert watched["refused"] == []
    assert handled_on and set(handled_on) == {threading.main_thread()}
    enrol.close()
    # The enrolment's own reloads (people, the session) are done: the window is idle.
    qtbot.waitUntil(lambda: w.tasks.pending == 0, timeout=10000)
    # Open the second room's session, then close the first and take its report.
    room = next(i for i in range(w.session_box.count())
                if "302" in w.session_box.itemText(i))
    first, second = w.session.id, int(w.session_box.itemData(room))

    def loaded(sid: int) -> Any:
        return qtbot.waitSignal(w.session_loaded, timeout=10000,
                                check_params_cb=lambda loaded_id: loaded_id == sid)

    with loaded(second):
        w.load_session(second)
    with loaded(second):
        w.start_session()
    assert w.session.id == second and w.session.status == "open"
    with loaded(first):
        w.load_session(first)
    with qtbot.waitSignal(w.report_offered, timeout=5000) as offered:
        w.close_session()
    report = offered.args[0]
    qtbot.waitUntil(lambda: report.result is not None, timeout=20000)
    report.close()
    assert w.last_error is None, w.last_error
    # Every use of the station came from one thread: the window's task thread.
    users = {t for c, t in watched["uses"] if c is conn}
    assert watched["refused"] == []
    assert users == {conn.owner}
    assert conn.owner is not threading.main_thread()
    assert conn.owner.name.startswith("headcount-db")
    assert person_enrolled(w, backend, "2025001")
    # And the check is live: the GUI thread itself is refused while the window runs.
    with pytest.raises(WrongThread, match=r"'MainThread'.*'headcount-db"):
        backend.people()


def person_enrolled(w: Any, backend: Any, number: str) -> bool:
    return next(p for p in on_task_thread(w, backend).people() if p.number == number).enrolled


def test_task_callbacks_never_run_off_the_gui_thread(qtbot: Any) -> None:
    """A task started from another thread would run its callbacks (widget work) there:
    refused at once."""
    from headcount.gui.tasks import TaskManager

    tasks = TaskManager()
    errors: list[BaseException] = []

    def from_worker() -> None:
        try:
            tasks.run(lambda: None)
        except RuntimeError as exc:
            errors.append(exc)

    t = threading.Thread(target=from_worker, name="feed-1")
    t.start()
    t.join(10)
    assert errors and "'feed-1'" in str(errors[0]) and "not the GUI thread" in str(errors[0])
    assert tasks.pending == 0
    with qtbot.waitSignal(tasks.idle, timeout=5000):
        tasks.run(lambda: 1)
    tasks.shutdown()


def test_a_rebuilt_window_takes_the_station_over(backend: Any, qtbot: Any) -> None:
    """A language switch rebuilds the window: the old task thread ends, then the new
    one takes the station; owners follow one another, never overlap."""
    from headcount.gui.app import Controller, WindowOptions
    from headcount.gui.backend import User

    conn = backend.st.db.conn
    c = Controller(backend, User("admin", "admin"), WindowOptions(feeds=[], lang="en"))
    try:
        first = c.show()
        qtbot.waitUntil(lambda: first.session is not None, timeout=5000)
        old_owner = conn.owner
        c.switch_language("zh")  # closes the first window (deleted later)
        second = c.window
        assert second is not None and second is not first
        qtbot.waitUntil(lambda: second.session is not None, timeout=5000)
        assert not old_owner.is_alive() and conn.owner is not old_owner
        assert conn.owner.name.startswith("headcount-db") and second.last_error is None
    finally:
        if c.window is not None:
            c.window.close()  # its task thread ends before the fixture closes the station
    assert not conn.owner.is_alive()
