"""Classroom roll call in the core: propose from one frame, a person confirms (issue 9).

Real engine, real station (the demo station in tmp_path), a generated classroom frame
made of the two public-domain photos shipped in resources/demo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from headcount.attendance.roll_call import RollCallProposal
from headcount.errors import Refused
from headcount.vision.labels import place_labels


@pytest.fixture(scope="module")
def frame() -> np.ndarray:
    from headcount.gui.demo import classroom_frame

    return classroom_frame()


@pytest.fixture
def demo(tmp_path: Path) -> Any:
    from headcount.gui.demo import build_demo_station, demo_photos
    from headcount.vision.pipeline import FacePipeline

    st = build_demo_station(tmp_path / "demo", "en")
    admin = st.login("admin", "admin")
    with FacePipeline(mode="entrance", threads=1) as pipe:
        for number, photo in demo_photos().items():
            assert st.enrolment.enrol_template(admin, number, pipe.enrol_image(photo).template,
                                               source="test").stored
    yield st, admin
    st.close()


def _exam(st: Any) -> int:
    return next(s.id for s in st.sessions.all(status="open"))


def test_proposal_names_both_faces_and_lists_the_rest(demo: Any, frame: np.ndarray) -> None:
    st, admin = demo
    sid = _exam(st)
    p = st.propose_roll_call(admin, sid, frame)
    assert isinstance(p, RollCallProposal)
    assert p.faces == 2
    assert sorted(m.number for m in p.matches) == ["2025001", "2025002"]
    assert all(m.distance < p.threshold for m in p.matches)
    # Nothing recorded by a proposal.
    assert all(r.time is None for r in st.attendance.roll(sid))
    rest = {r.number: r.reason for r in p.remaining}
    assert rest == {"2025003": "not_enrolled", "2025004": "no_consent",
                    "2025005": "no_consent", "2025006": "no_consent"}
    d = p.as_dict()
    assert d["proposals"] == 2 and d["awaiting_confirmation"] == 2


def test_confirm_records_only_the_ticked(demo: Any, frame: np.ndarray) -> None:
    st, admin = demo
    sid = _exam(st)
    p = st.propose_roll_call(admin, sid, frame)
    out = st.confirm_roll_call(admin, p, ["2025002"])
    assert out.confirmed == 1 and out.unticked == ("2025001",)
    assert [c.number for c in out.checkins] == ["2025002"]
    roll = {r.number: r for r in st.attendance.roll(sid)}
    assert roll["2025002"].method == "face"
    assert roll["2025001"].time is None
    # A number that was not proposed cannot be confirmed through a roll call.
    with pytest.raises(Refused):
        st.confirm_roll_call(admin, p, ["2025003"])
    # Proposed again, the one already here is no longer a proposal.
    again = st.propose_roll_call(admin, sid, frame)
    assert [m.number for m in again.matches] == ["2025001"]
    assert [m.number for m in again.already] == ["2025002"]
    actions = [e.action for e in st.audit.entries(limit=20)]
    assert "roll_call_propose" in actions and "roll_call_confirm" in actions


def test_only_the_sessions_own_list_is_matched(demo: Any, frame: np.ndarray) -> None:
    """C1: room 302's list holds neither demo face, so nobody is proposed there."""
    st, admin = demo
    other = next(s for s in st.sessions.all() if s.kind == "exam" and s.status == "planned")
    st.sessions.start(admin, other.id)
    p = st.propose_roll_call(admin, other.id, frame)
    assert p.matches == [] and p.faces == 2
    assert p.nobody_enrolled  # no one on 302's list has a template
    assert len(p.poor) == 2 and p.unknown == []  # not strangers: nobody can be matched


def test_a_session_not_started_proposes_nobody(demo: Any, frame: np.ndarray) -> None:
    st, admin = demo
    planned = next(s for s in st.sessions.all() if s.status == "planned")
    with pytest.raises(Refused):
        st.propose_roll_call(admin, planned.id, frame)


def test_labels_never_overlap_in_a_crowded_row() -> None:
    # 40 faces in two tight rows, labels wider than the faces: no two labels overlap.
    boxes = [(20 + 45 * (i % 20), 120 + 70 * (i // 20), 60 + 45 * (i % 20),
              160 + 70 * (i // 20)) for i in range(40)]
    sizes = [(90.0, 16.0)] * 40
    rects = place_labels(boxes, sizes, 1000, 600)
    assert len(rects) == 40
    for i, a in enumerate(rects):
        assert a[0] >= 0 and a[0] + a[2] <= 1000 and a[1] >= 0 and a[1] + a[3] <= 600
        for b in rects[i + 1:]:
            assert not (a[0] < b[0] + b[2] and b[0] < a[0] + a[2]
                        and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]), (a, b)


def test_someone_checked_in_in_another_room_is_flagged_not_proposed(demo: Any,
                                                                  frame: np.ndarray) -> None:
    """A person of this room's list already checked in in another room of the same
    exam: never proposed here, and the rest of the list says so (check their ID)."""
    st, admin = demo
    sid = _exam(st)
    exam = st.sessions.get(sid)
    other = st.sessions.create(admin, kind="exam", name=exam.name, room="999",
                               candidates=[("2025001", "1")]).id
    st.sessions.start(admin, other)
    st.attendance.check_in(admin, other, "2025001", reason="declined")
    p = st.propose_roll_call(admin, sid, frame)
    assert [m.number for m in p.matches] == ["2025002"]
    rest = {r.number: r for r in p.remaining}
    assert rest["2025001"].checked_in_elsewhere == other
    assert rest["2025003"].checked_in_elsewhere is None
    shown = {r["number"]: r for r in p.as_dict()["remaining"]}  # checkin --propose --json
    assert shown["2025001"]["checked_in_elsewhere"] == other
