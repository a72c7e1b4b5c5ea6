"""The invigilator's keys on the real window (issue 9), driven with key events.

The feed runs in its real worker thread through the real recogniser and the window's
candidate queue; only the face detector is replaced by a "camera" that shows whoever
the test puts in front of it, described by the real templates of the demo photos. So
a face can arrive, stay and leave exactly when the test says.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from gui_threads import on_task_thread
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from headcount.attendance.candidates import LEFT_SHOWN_S, PROPOSAL_TTL_S
from headcount.gui.backend import User
from headcount.gui.qt import set_language
from headcount.vision.frames import Frame

ADMIN = User("admin", "admin")

LIN, ZHOU = "2025001", "2025002"  # the astronaut and Grace Hopper in the demo photos


class Desk:
    """A camera at the desk: blank frames at 20 fps with the faces the test places."""

    def __init__(self, templates: dict[str, np.ndarray]) -> None:
        self.templates = templates
        self.present: dict[str, int] = {}  # number -> track id
        self.lock = threading.Lock()

    def show(self, number: str, track: int = 1) -> None:
        with self.lock:
            self.present[number] = track

    def leave(self, number: str) -> None:
        with self.lock:
            self.present.pop(number, None)

    def frames(self) -> Iterator[Frame]:
        rgb = np.full((480, 640, 3), 120, np.uint8)
        rgb[100:300, 220:420] = (200, 170, 150)  # a face-sized patch for the card
        start = time.monotonic()
        for i in range(10**9):
            delay = start + i / 20 - time.monotonic()
            if delay > 0:
                time.sleep(delay)  # paced like a camera (in the feed's thread)
            yield Frame(i, i / 20, rgb, "desk")

    def analyse(self, rgb: np.ndarray, tracker: Any = None) -> list[Any]:
        with self.lock:
            present = dict(self.present)
        return [SimpleNamespace(box=(220.0 + 10 * n, 100.0, 420.0, 300.0), track_id=track,
                                reasons=(), descriptor=self.templates[number],
                                quality_ok=True)
                for n, (number, track) in enumerate(present.items())]

    def close(self) -> None:
        pass


@pytest.fixture
def desk(demo_templates: dict[str, np.ndarray]) -> Desk:
    return Desk(demo_templates)


@pytest.fixture
def desk_window(make_window: Any, enrolled: Any, desk: Desk) -> Any:
    def make(**kw: Any) -> Any:
        return make_window(enrolled, feeds=[desk.frames], analyser_factory=lambda: desk, **kw)
    return make


def person(backend: Any, number: str) -> Any:
    return next(p for p in backend.people() if p.number == number)


def checkins(backend: Any, w: Any) -> list[int]:
    rows = on_task_thread(w, backend).roster(w.session.id)  # the window's thread owns it
    return [e.person.id for e in rows if e.checkin is not None]


def test_enter_in_the_roster_search_searches_and_an_arrival_takes_no_focus(
        desk_window: Any, enrolled: Any, desk: Desk, qtbot: Any) -> None:
    w = desk_window()
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.roster.search, timeout=3000)
    qtbot.keyClicks(w.roster.search, "20250")
    with qtbot.waitSignal(w.candidate_shown, timeout=10000) as shown:
        desk.show(LIN)
    assert shown.args[0].number == LIN and w.card.confirm.isEnabled()
    # The arrival did not take the keyboard: typing goes on in the search box.
    assert QApplication.focusWidget() is w.roster.search
    qtbot.keyClicks(w.roster.search, "03")
    with qtbot.assertNotEmitted(w.checked_in, wait=700):
        qtbot.keyClick(w.roster.search, Qt.Key.Key_Return)  # searches
    assert w.roster.selected_entry().person.number == "2025003"
    assert QApplication.focusWidget() is w.roster.table
    # Space and Enter in the roster table do not confirm either.
    with qtbot.assertNotEmitted(w.checked_in, wait=500):
        qtbot.keyClick(w.roster.table, Qt.Key.Key_Space)
        qtbot.keyClick(w.roster.table, Qt.Key.Key_Return)
    assert checkins(enrolled, w) == []
    # Esc in the search goes back to the card, where Space confirms.
    w.focus_search()
    qtbot.keyClick(w.roster.search, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is w.card
    with qtbot.waitSignal(w.checked_in, timeout=5000) as done:
        qtbot.keyClick(w.card, Qt.Key.Key_Space)
    assert done.args[0].person_id == person(on_task_thread(w, enrolled), LIN).id


def test_a_stale_card_says_left_and_cannot_be_confirmed(
        desk_window: Any, enrolled: Any, desk: Desk, qtbot: Any) -> None:
    w = desk_window()
    with qtbot.waitSignal(w.candidate_shown, timeout=10000) as shown:
        desk.show(LIN)
    stale = shown.args[0]
    started = time.monotonic()
    desk.leave(LIN)
    qtbot.waitUntil(lambda: "Left the camera" in w.card.warning.text(),
                    timeout=int(1000 * (PROPOSAL_TTL_S + 3)))
    assert time.monotonic() - started >= PROPOSAL_TTL_S - 0.3  # not before the stated time
    assert not w.card.confirm.isEnabled()
    with qtbot.assertNotEmitted(w.checked_in, wait=500):
        qtbot.keyClick(w.card, Qt.Key.Key_Return)
        w.confirm_candidate(stale)  # a stale object from a button: the core refuses too
    assert "left the camera" in w.result_banner.plain_text()
    assert checkins(enrolled, w) == []
    qtbot.waitUntil(lambda: w.card.candidate is None, timeout=int(1000 * (LEFT_SHOWN_S + 2)))


def test_nothing_is_proposed_before_the_session_starts(
        desk_window: Any, enrolled: Any, desk: Desk, qtbot: Any) -> None:
    w = desk_window()
    planned = next(s for s in on_task_thread(w, enrolled).sessions() if s.status == "planned")
    with qtbot.waitSignal(w.session_loaded, timeout=5000):
        w.reload_sessions(select=planned.id)
    desk.show(LIN)
    qtbot.waitUntil(lambda: w.feeds[0].worker.frames_done > 10, timeout=5000)
    with qtbot.assertNotEmitted(w.candidate_shown, wait=1000):
        pass
    assert w.card.candidate is None
    with qtbot.waitSignal(w.candidate_shown, timeout=10000):
        w.start_session()
    assert w.session.status == "open"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_another_rooms_candidate_is_named_with_their_room(
        desk_window: Any, enrolled: Any, desk: Desk, qtbot: Any, lang: str) -> None:
    set_language(lang)
    room302 = next(s for s in enrolled.sessions() if s.room == "Room 302")
    enrolled.start_session(room302.id, user=ADMIN)
    w = desk_window(session_id=room302.id)
    assert w.session.id == room302.id
    with qtbot.waitSignal(w.candidate_shown, timeout=10000) as shown:
        desk.show(LIN)  # on room 301's list
    c = shown.args[0]
    assert c.kind == "other_room" and c.name == "Lin Xiaowen" and c.number == LIN
    advice = w.card.warning.text()
    assert "Room 301" in advice
    if lang == "en":
        assert "Send them to Room 301" in advice and "admission ticket" in advice
        assert "F2" not in advice.split("(")[0]  # F2 lists only this room: not the advice
    else:
        assert "请其前往" in advice and "准考证" in advice
    assert w.result_banner.isVisible() and "Lin Xiaowen" in w.result_banner.plain_text()
    assert not w.card.confirm.isEnabled()
    with qtbot.assertNotEmitted(w.checked_in, wait=500):
        qtbot.keyClick(w.card, Qt.Key.Key_Return)
    assert checkins(enrolled, w) == []


def test_a_face_already_checked_in_is_marked_on_feed_and_card(
        desk_window: Any, enrolled: Any, desk: Desk, qtbot: Any) -> None:
    w = desk_window()
    lin = person(on_task_thread(w, enrolled), LIN)
    first = on_task_thread(w, enrolled).check_in(w.session.id, lin.id, user=ADMIN, method="manual",
                              reason="declined")
    w.refresh_roster()
    qtbot.waitUntil(lambda: w.entries[lin.id].checkin is not None, timeout=5000)
    with qtbot.waitSignal(w.candidate_shown, timeout=10000) as shown:
        desk.show(LIN)
    assert shown.args[0].kind == "duplicate"
    assert f"Already checked in at {first.ts[11:16]}" in w.card.warning.text()
    assert not w.card.confirm.isEnabled()
    # The feed overlay: a blue box labelled with the check-in time.
    qtbot.waitUntil(lambda: bool(w.views[0]._result and w.views[0]._result.faces),
                    timeout=5000)
    face = w.views[0]._result.faces[0]
    assert w.desk.colour_for(face) == "checked_in"
    assert "✓" in w.desk.label_for(face) and first.ts[11:16] in w.desk.label_for(face)
    # A manual duplicate: F2 does not preselect Lin; choosing her shows it large.
    qtbot.keyClick(w, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: w._manual is not None and w._manual.isVisible(), timeout=3000)
    dialog = w._manual
    qtbot.keyClicks(dialog.search, "Lin Xiaowen")
    assert dialog.results.count() == 1 and dialog.selected_person() is None
    dialog.results.setCurrentRow(0)
    with qtbot.waitSignal(w.checked_in, timeout=5000) as again:
        qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    assert again.args[0].repeats == 1
    assert w.result_banner.isVisible() and w.result_banner.tone == "repeat"
    assert f"Already checked in at {first.ts[11:16]}" in w.result_banner.plain_text()


def test_confirm_shows_a_large_result_and_similarity(
        desk_window: Any, enrolled: Any, desk: Desk, qtbot: Any) -> None:
    w = desk_window()
    with qtbot.waitSignal(w.candidate_shown, timeout=10000):
        desk.show(ZHOU)
    assert "Similarity:" in w.card.details.text() and "Score" not in w.card.details.text()
    with qtbot.waitSignal(w.checked_in, timeout=5000):
        qtbot.keyClick(w.card, Qt.Key.Key_Enter)
    banner = w.result_banner
    assert banner.isVisible() and banner.tone == "ok"
    assert "Zhou Haiming · Seat 02" in banner.plain_text()
    assert "Checked in" in banner.plain_text()
    assert banner.height() >= 90 and "30pt" in banner.text()  # large
    assert w.roster.counts.font().pointSizeF() >= 13
    # Still in front of the camera: the card now says when, and offers nothing to confirm.
    qtbot.waitUntil(lambda: "Already checked in at" in w.card.warning.text(), timeout=5000)
    assert not w.card.confirm.isEnabled()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=8000)  # only for a moment


def test_similarity_in_chinese(desk_window: Any, desk: Desk, qtbot: Any) -> None:
    set_language("zh")
    w = desk_window()
    with qtbot.waitSignal(w.candidate_shown, timeout=10000):
        desk.show(ZHOU)
    assert "相似度" in w.card.details.text() and "得分" not in w.card.details.text()


def test_roster_search_and_f2_find_the_same_people(make_window: Any, backend: Any,
                                                   qtbot: Any) -> None:
    w = make_window(backend, feeds=[])
    for query in ("Zhou Haiming", "zhou  haiming", "ZHOUHAIMING"):
        w.focus_search()
        qtbot.keyClicks(w.roster.search, query)
        assert w.roster.proxy.rowCount() == 1, query
        qtbot.keyClick(w.roster.search, Qt.Key.Key_Return)
        assert w.roster.selected_entry().person.number == ZHOU
        w.roster.search.clear()
    # A seat number finds that seat first (before numbers that contain it).
    w.focus_search()
    qtbot.keyClicks(w.roster.search, "3")
    qtbot.keyClick(w.roster.search, Qt.Key.Key_Return)
    assert w.roster.selected_entry().seat == "03"
    qtbot.keyClick(w, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: w._manual is not None and w._manual.isVisible(), timeout=3000)
    dialog = w._manual
    qtbot.keyClicks(dialog.search, "Zhou Haiming")
    assert dialog.selected_person() == person(on_task_thread(w, backend), ZHOU).id
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "3")
    assert dialog.selected_person() == person(on_task_thread(w, backend), "2025003").id
    dialog.close()


def test_f2_reason_follows_the_persons_state(make_window: Any, enrolled: Any,
                                             qtbot: Any) -> None:
    enrolled.withdraw_consent(person(enrolled, "2025003").id, user=ADMIN)
    enrolled.record_consent(person(enrolled, "2025005").id, user=ADMIN, given_by="self",
                            notice_shown=True)
    w = make_window(enrolled, feeds=[])
    expected = {LIN: "not_recognised",  # consent and a face: the camera missed them
                "2025004": "no_consent",  # never consented
                "2025003": "declined",  # consent withdrawn
                "2025005": "not_enrolled",  # consent, no face enrolled yet
                }
    qtbot.keyClick(w, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: w._manual is not None and w._manual.isVisible(), timeout=3000)
    dialog = w._manual
    for number, reason in expected.items():
        dialog.search.clear()
        qtbot.keyClicks(dialog.search, number)
        assert dialog.reason.currentData() == reason, number
    # Once the operator picks a reason, it stays.
    dialog.reason.setCurrentIndex(dialog.reason.findData("camera_fault"))
    dialog.reason.activated.emit(dialog.reason.currentIndex())
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, LIN)
    assert dialog.reason.currentData() == "camera_fault"
    dialog.close()
