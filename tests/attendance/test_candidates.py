"""The candidate queue without Qt: expiry, closed sessions, other rooms, duplicates."""

from __future__ import annotations

import pytest

from headcount.attendance.candidates import (
    LEFT_SHOWN_S,
    NO_FRAMES_GRACE_S,
    PROPOSAL_TTL_S,
    CandidateQueue,
    Sighting,
)
from headcount.errors import Refused

A, B, C, OTHER, STRANGER = 1, 2, 3, 7, 99


def queue(*, session_open: bool = True, checked_in: dict[int, str] | None = None,
          elsewhere: dict[int, int] | None = None) -> CandidateQueue:
    q = CandidateQueue()
    q.configure(session_open=session_open, on_list={A, B, C}, checked_in=checked_in or {},
                other_rooms={OTHER: 12}, checked_elsewhere=elsewhere or {})
    return q


def seen(*ids: int, track: int = 1) -> list[Sighting]:
    return [Sighting(i, track, 0.3) for i in ids]


def test_a_face_on_the_list_is_proposed_and_confirmed_once() -> None:
    q = queue()
    assert q.observe(seen(A), now=0.0)
    assert q.current is not None and q.current.kind == "confirm" and q.current.confirmable
    p = q.confirm(A, now=1.0)
    assert p.person_id == A and q.current is None
    q.observe(seen(A), now=1.5)  # still in front of the camera: now a duplicate
    assert q.current is not None and q.current.kind == "duplicate"
    with pytest.raises(Refused):
        q.confirm(A, now=1.6)


def test_a_proposal_expires_when_its_face_is_gone() -> None:
    q = queue()
    q.observe(seen(A), now=0.0)
    q.observe(seen(A), now=2.0)  # still there: last seen moves on
    q.observe([], now=2.0 + PROPOSAL_TTL_S - 0.1)  # frames without A
    assert not q.tick(now=2.0 + PROPOSAL_TTL_S - 0.1)
    assert q.current is not None and not q.current.expired
    q.observe([], now=2.0 + PROPOSAL_TTL_S + 0.1)
    assert q.tick(now=2.0 + PROPOSAL_TTL_S + 0.1)
    assert q.current is not None and q.current.expired and not q.current.confirmable
    # The core refuses, whatever the window's button says.
    with pytest.raises(Refused, match="left the camera"):
        q.confirm(A, now=2.0 + PROPOSAL_TTL_S + 0.2)
    # The "left the camera" card goes after a moment.
    q.tick(now=2.0 + PROPOSAL_TTL_S + 0.2 + LEFT_SHOWN_S + 0.1)
    assert q.current is None


def test_confirm_refused_even_before_the_clock_ticks() -> None:
    q = queue()
    q.observe(seen(A), now=0.0)
    q.observe([], now=PROPOSAL_TTL_S + 1)
    with pytest.raises(Refused):
        q.confirm(A, now=PROPOSAL_TTL_S + 1)


def test_a_slow_pc_does_not_expire_a_face_still_there() -> None:
    """Frames analysed late (a loaded 2-core PC) are judged by their capture time: the
    person was in every frame, so the card stays confirmable however late it is."""
    q = queue()
    q.observe(seen(A), now=0.0)
    q.observe(seen(A), now=0.5)  # captured at 0.5, analysed much later
    assert not q.tick(now=0.5 + PROPOSAL_TTL_S + 1.0)
    assert q.current is not None and q.current.confirmable
    assert q.confirm(A, now=0.5 + PROPOSAL_TTL_S + 1.0).person_id == A


def test_no_frames_at_all_expire_after_the_grace() -> None:
    """A camera that stops delivering frames: the card expires by the wall clock."""
    q = queue()
    q.observe(seen(A), now=0.0)
    assert not q.tick(now=PROPOSAL_TTL_S + NO_FRAMES_GRACE_S - 0.1)
    assert q.tick(now=PROPOSAL_TTL_S + NO_FRAMES_GRACE_S + 0.1)
    assert q.current is not None and q.current.expired
    with pytest.raises(Refused, match="left the camera"):
        q.confirm(A, now=PROPOSAL_TTL_S + NO_FRAMES_GRACE_S + 0.2)


def test_an_expired_card_gives_way_to_the_next_and_returns_when_seen_again() -> None:
    q = queue()
    q.observe(seen(A) + seen(B, track=2), now=0.0)
    assert q.current is not None and q.current.person_id == A
    q.observe(seen(B, track=2), now=3.5)
    q.tick(now=3.5)  # A unseen for 3.5 s of frames: expired, B takes the card
    assert q.current is not None and q.current.person_id == B
    q.observe(seen(A, track=3), now=4.0)
    assert [p.person_id for p in q.waiting()] == [A]


def test_nothing_is_proposed_in_a_session_that_is_not_open() -> None:
    q = queue(session_open=False)
    assert not q.observe(seen(A, OTHER), now=0.0)
    assert q.current is None and q.waiting() == []


def test_another_rooms_candidate_names_the_room_and_cannot_be_confirmed() -> None:
    q = queue(elsewhere={B: 13})
    q.observe(seen(OTHER), now=0.0)
    assert q.current is not None
    assert (q.current.kind, q.current.other_session) == ("other_room", 12)
    with pytest.raises(Refused):
        q.confirm(OTHER, now=0.1)
    q.reject(OTHER, now=0.2)
    # On this list but already checked in to another room: still confirmable, flagged.
    q.observe(seen(B, track=5), now=0.3)
    assert q.current is not None and q.current.kind == "confirm"
    assert q.current.other_session == 13
    q.observe(seen(STRANGER, track=6), now=0.4)  # on no list of this exam: ignored
    assert all(p.person_id != STRANGER for p in q.waiting())


def test_a_duplicate_shows_its_time_but_gives_way_to_people_still_to_check() -> None:
    q = queue(checked_in={A: "2026-12-03T08:12:00"})
    q.observe(seen(A), now=0.0)
    assert q.current is not None and q.current.kind == "duplicate"
    assert q.current.checked_in_at.endswith("08:12:00")
    q.observe(seen(A) + seen(B, track=2), now=0.5)
    assert q.current is not None and q.current.person_id == B


def test_a_rejected_face_is_not_offered_again_on_the_same_track() -> None:
    q = queue()
    q.observe(seen(A, track=1), now=0.0)
    q.reject(A, now=0.1)
    q.observe(seen(A, track=1), now=0.2)
    assert q.current is None
    q.observe(seen(A, track=2), now=0.3)  # walked out and back: a new track
    assert q.current is not None and q.current.person_id == A


def test_a_checkin_elsewhere_turns_a_waiting_proposal_into_a_duplicate() -> None:
    q = queue()
    q.observe(seen(A) + seen(B, track=2), now=0.0)
    q.update_checked_in({B: "2026-12-03T08:20:00"}, {})
    assert [p.kind for p in q.waiting()] == ["duplicate"]


def test_a_confirmed_persons_duplicate_card_gets_the_recorded_time() -> None:
    q = queue()
    q.observe(seen(A), now=0.0)
    q.confirm(A, now=0.5)
    q.observe(seen(A), now=0.6)
    assert q.current is not None and q.current.kind == "duplicate"
    q.update_checked_in({A: "2026-12-03T09:39:00"}, {})
    assert q.current.checked_in_at == "2026-12-03T09:39:00"


def test_counts_for_the_headless_demo() -> None:
    q = queue(checked_in={C: "2026-12-03T08:00:00"})
    q.observe(seen(A) + seen(OTHER, track=2) + seen(C, track=3), now=0.0)
    assert q.proposed == 2  # A and the other room's candidate; C is a duplicate
    assert q.awaiting() == 1  # only A can be confirmed
    q.confirm(A, now=0.1)
    assert q.awaiting() == 0
