"""A fresh station says what to do next, with buttons that do it; an exam room with seats
is created from the window (issue 9)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from headcount.gui.backend import User
from headcount.gui.station_backend import StationBackend

ADMIN = User("admin", "admin")
CANDIDATES = ("考号,姓名,座位号\n"
              "2026101,许明,01\n2026102,高远,02\n2026103,孙晴,03\n")


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from headcount.station import Station

    monkeypatch.setenv("HEADCOUNT_KEYRING", "0")
    st = Station.init(tmp_path / "station", school="Test School", contact="010-1",
                      admin="admin", password="admin-pass-1", use_keyring=False,
                      key_dir=tmp_path / "keys", language="en")
    b = StationBackend(st)
    b.sign_in("admin", "admin-pass-1")
    yield b
    st.close()


def _window(qtbot: Any, backend: Any) -> Any:
    from headcount.gui.main_window import MainWindow

    w = MainWindow(backend, ADMIN, feeds=[])
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_fresh_station_leads_to_an_exam_room_with_seats(qtbot: Any, fresh: Any,
                                                        tmp_path: Path) -> None:
    w = _window(qtbot, fresh)
    empty = w.empty_state
    qtbot.waitUntil(lambda: w.content_stack.currentWidget() is empty, timeout=5000)
    assert "No one is on this station yet" in empty.text.text()
    assert not empty.session_button.isEnabled()  # step 2 waits for step 1
    # Step 1: the import button opens the roster import page.
    roster = tmp_path / "class.csv"
    roster.write_text("number,name,class\n2026001,Lin,1A\n2026002,Zhou,1A\n", encoding="utf-8")
    qtbot.mouseClick(empty.import_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in QApplication.topLevelWidgets()
                  if type(d).__name__ == "EnrolmentDialog" and d.isVisible())
    dialog.preview_roster(str(roster))
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: empty.people == 2, timeout=5000)
    dialog.close()
    assert "2 people are on the roster" in empty.text.text()
    assert empty.session_button.isEnabled()
    # Step 2: an exam room from a candidate list with seats, in the new-session dialog.
    candidates = tmp_path / "room-101.csv"
    candidates.write_text(CANDIDATES, encoding="utf-8")

    def fill() -> None:
        d = QApplication.activeModalWidget()
        assert d is not None and type(d).__name__ == "NewSessionDialog"
        d.kind.setCurrentIndex(d.kind.findData("exam"))
        qtbot.keyClicks(d.name, "Physics")
        qtbot.keyClicks(d.room, "101")
        d.candidate_file.setText(str(candidates))
        d._accept()

    QTimer.singleShot(200, fill)
    qtbot.mouseClick(empty.session_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.session is not None, timeout=10000)
    assert w.content_stack.currentIndex() == 0  # the empty state gives way
    assert w.session.kind == "exam" and w.session.room == "101"
    seats = sorted((e.seat, e.person.number) for e in w.entries.values())
    assert seats == [("01", "2026101"), ("02", "2026102"), ("03", "2026103")]


def test_bad_candidate_list_is_refused_whole(qtbot: Any, fresh: Any, tmp_path: Path) -> None:
    from headcount.errors import BadInput

    bad = tmp_path / "bad.csv"
    bad.write_text("考号,姓名,座位号\n2026101,许明,01\n,没有考号,02\n", encoding="utf-8")
    with pytest.raises(BadInput, match="bad rows"):
        fresh.create_session(user=ADMIN, kind="exam", name="Physics", room="101",
                             candidate_file=str(bad))
    assert fresh.st.people.all() == [] and fresh.sessions() == []
