"""An unhandled error in the window: written to the station's log, said in the status
bar, and the window goes on (store/logfile.py, gui/app.py Controller)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QTimer

from headcount.gui.app import Controller, WindowOptions
from headcount.gui.backend import User


# The exception is meant to reach the hooks; pytest-qt must not turn it into a failure.
@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_shown_and_survived(backend: Any, qtbot: Any) -> None:
    c = Controller(backend, User("admin", "admin"), WindowOptions(feeds=[], lang="en"))
    try:
        w = c.show()
        qtbot.waitUntil(lambda: w.session is not None, timeout=5000)
        assert c.log_file == backend.folders()[0] / "logs" / "headcount.log"

        def broken_slot() -> None:
            raise RuntimeError("a bug in a slot")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: "internal error" in w.statusBar().currentMessage(),
                        timeout=5000)
        shown = w.statusBar().currentMessage()
        assert "RuntimeError: a bug in a slot" in shown and "headcount.log" in shown
        text = c.log_file.read_text(encoding="utf-8")
        assert "unhandled exception" in text and "in broken_slot" in text
        # The window goes on: a manual check-in still works after it.
        target = next(e for e in w.entries.values() if e.checkin is None)
        sid = w.session.id
        with qtbot.waitSignal(w.checked_in, timeout=5000) as done:
            w.tasks.run(lambda: backend.check_in(sid, target.person.id, user=c.user,
                                                 method="manual", reason="declined"),
                        w._checked_in)
        assert done.args[0].person_id == target.person.id
    finally:
        if c.window is not None:
            c.window.close()
