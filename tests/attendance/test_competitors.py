"""The station's other enrolled people as anonymous competitors (attendance/recognition.py)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from headcount.attendance.recognition import session_gallery
from headcount.attendance.roll_call import propose
from headcount.station import Station
from station_fixtures import FakeFace, template_for

NEAR = template_for(1)
# 0.3 from NEAR: under every threshold, so a list of one would propose it.
LOOKALIKE = (NEAR + template_for(9) / np.float32(1.45) * np.float32(0.3)).astype(np.float32)


def _class_of_one(st: Station, admin: Any) -> int:
    """2024002 (NEAR) on the list; 2024001 (LOOKALIKE, consenting) enrolled, not on it."""
    st.consent.record(admin, "2024002", by="self")
    st.enrolment.enrol_template(admin, "2024002", NEAR)
    st.consent.record(admin, "2024001", by="guardian", relationship="mother",
                      evidence="slip 1")
    st.enrolment.enrol_template(admin, "2024001", LOOKALIKE)
    sid = st.sessions.create(admin, kind="exam", name="Quiz", room="9",
                             candidates=[("2024002", "1")]).id
    st.sessions.start(admin, sid)
    return sid


def test_a_face_nearer_to_a_competitor_is_not_proposed(roster: Station, admin: Any) -> None:
    sid = _class_of_one(roster, admin)
    g = session_gallery(roster.attendance, sid)
    other = roster.people.get("2024001")
    assert other.id not in g.gallery.person_ids and g.competitors is not None
    assert len(g.competitors) == 1
    face = (LOOKALIKE + np.float32(0.002)).astype(np.float32)
    assert float(np.linalg.norm(face - NEAR)) < g.threshold  # the list alone would match
    m = g.decide(face)
    assert m.kind == "unknown" and m.person_id is None and m.runner_up_id is None
    # No check-in, no name, no number of the competitor anywhere in the answers.
    res = roster.attendance.check_in_templates(admin, sid, [face], model_version="fake-1")
    p = propose(roster.attendance, sid, [FakeFace(face)], model_version="fake-1",
                frame_size=(8, 8))
    assert res.checkins == () and res.unknown == 1 and p.matches == []
    shown = (json.dumps(res.as_dict(), ensure_ascii=False)
             + json.dumps(p.as_dict(), ensure_ascii=False))
    assert other.number not in shown and other.name not in shown
    assert roster.db.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0


def test_a_list_person_clearly_nearest_is_still_proposed(roster: Station, admin: Any) -> None:
    sid = _class_of_one(roster, admin)
    g = session_gallery(roster.attendance, sid)
    m = g.decide(NEAR)
    assert m.kind == "roster" and m.person_id == roster.people.get("2024002").id
    # The card's runner-up is the competitor (0.3 away): its words follow the score.
    assert m.runner_up_distance is not None and abs(m.runner_up_distance - 0.3) < 1e-3
    assert m.runner_up_id is None
    res = roster.attendance.check_in_templates(admin, sid, [NEAR], model_version="fake-1")
    assert [c.number for c in res.checkins] == ["2024002"]
    p = propose(roster.attendance, sid, [FakeFace(NEAR)], model_version="fake-1",
                frame_size=(8, 8))
    assert p.already and p.already[0].number == "2024002"


def test_only_consenting_people_still_at_school_compete(roster: Station, admin: Any) -> None:
    sid = _class_of_one(roster, admin)
    other = roster.people.get("2024001")
    assert roster.attendance.competitor_ids(set()) >= {other.id}
    assert other.id not in roster.attendance.competitor_ids({other.id})
    face = (LOOKALIKE + np.float32(0.002)).astype(np.float32)
    # Left the school: templates kept until retention removes them, but no competitor.
    roster.people.mark_left(admin, "2024001")
    assert other.id not in roster.attendance.competitor_ids(set())
    g = session_gallery(roster.attendance, sid)
    assert g.competitors is None  # nobody else: the list alone decides
    assert g.decide(face).kind == "roster"
    # Consent withdrawn: the templates are gone, nobody competes either.
    roster.consent.withdraw(admin, "2024001")
    assert other.id not in roster.attendance.competitor_ids(set())


def test_the_windows_recogniser_shows_nobody_for_a_competitors_face(
        roster: Station, admin: Any) -> None:
    from headcount.gui.recognise import Recogniser

    sid = _class_of_one(roster, admin)
    r = Recogniser()
    r.configure(session_gallery(roster.attendance, sid))

    class Face:
        box, track_id, reasons, quality_ok = (0, 0, 1, 1), 1, (), True
        descriptor = (LOOKALIKE + np.float32(0.002)).astype(np.float32)

    out = r.decide(Face())
    assert out.kind == "unknown" and out.person_id is None
    Face.descriptor = NEAR
    mine = r.decide(Face())
    assert mine.kind == "roster" and mine.person_id == roster.people.get("2024002").id
