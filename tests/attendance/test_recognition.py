"""One path from a face to a check-in (attendance/recognition.py), without Qt."""

from __future__ import annotations

from typing import Any

import numpy as np

from headcount.attendance.recognition import session_gallery
from headcount.gui.recognise import Recogniser
from headcount.station import Station
from station_fixtures import template_for


def _exam(st: Station, admin: Any, room: str, numbers: list[str]) -> int:
    sid = st.sessions.create(admin, kind="exam", name="Final", room=room,
                             candidates=[(n, str(i)) for i, n in enumerate(numbers, 1)]).id
    st.sessions.start(admin, sid)
    return sid


def test_session_gallery_holds_its_list_and_the_other_rooms_only(roster: Station,
                                                                 admin: Any) -> None:
    for i, number in enumerate(("2024002", "2024004"), 1):
        roster.consent.record(admin, number, by="self")
        roster.enrolment.enrol_template(admin, number, template_for(i))
    roster.consent.record(admin, "2024001", by="guardian", relationship="mother",
                          evidence="slip 1")
    roster.enrolment.enrol_template(admin, "2024001", template_for(3))  # in no exam room
    here = _exam(roster, admin, "101", ["2024002"])
    there = _exam(roster, admin, "102", ["2024004"])
    g = session_gallery(roster.attendance, here)
    ids = {roster.people.get(n).id: n for n in ("2024001", "2024002", "2024004")}
    assert {ids[p] for p in g.gallery.person_ids} == {"2024002", "2024004"}
    assert g.decide(template_for(1)).kind == "roster"
    m = g.decide(template_for(2))
    assert m.kind == "elsewhere" and m.other_session == there
    assert g.decide(template_for(3)).kind == "unknown"  # not decrypted for this session
    assert g.decide(None).kind == "unmatchable"
    # The CLI's check-in uses the same decisions: another room's candidate is told,
    # never checked in here.
    res = roster.attendance.check_in_templates(admin, here, [template_for(1), template_for(2)],
                                               model_version="fake-1")
    assert [c.number for c in res.checkins] == ["2024002"]
    assert [(e.number, e.session) for e in res.elsewhere] == [("2024004", there)]
    # The window's recogniser decides with the same value.
    r = Recogniser()
    r.configure(g)

    class Face:
        box, track_id, reasons, quality_ok = (0, 0, 1, 1), 1, (), True
        descriptor = template_for(2) + np.float32(0.001)

    out = r.decide(Face())
    assert out.kind == "elsewhere" and out.person_id == roster.people.get("2024004").id


def test_roll_call_decides_a_face_like_every_other_check_in(roster: Station,
                                                             admin: Any) -> None:
    """Another room's candidate who looks like someone on this list (closer to
    themselves than to anyone): the roll call proposes nobody, as ``checkin`` records
    nobody, because both decide against the same session gallery."""
    from headcount.attendance.roll_call import propose
    from station_fixtures import FakeFace

    near = template_for(1)
    step = template_for(9) / np.float32(1.45) * np.float32(0.3)  # 0.3 away: under the threshold
    lookalike = (near + step).astype(np.float32)
    for number, t in (("2024002", near), ("2024004", lookalike)):
        roster.consent.record(admin, number, by="self")
        roster.enrolment.enrol_template(admin, number, t)
    here = _exam(roster, admin, "101", ["2024002"])
    there = _exam(roster, admin, "102", ["2024004"])
    g = session_gallery(roster.attendance, here)
    assert float(np.linalg.norm(lookalike - near)) < g.threshold  # a restricted list matches
    p = propose(roster.attendance, here, [FakeFace(lookalike)], model_version="fake-1",
                frame_size=(8, 8))
    assert p.matches == [] and p.already == [] and len(p.unknown) == 1
    assert [(r.number, r.reason) for r in p.remaining] == [("2024002", "not_recognised")]
    res = roster.attendance.check_in_templates(admin, here, [lookalike], model_version="fake-1")
    assert res.checkins == ()
    assert [(e.number, e.session) for e in res.elsewhere] == [("2024004", there)]
    # Its own face is proposed, at the distance the check-in would record.
    p = propose(roster.attendance, here, [FakeFace(near)], model_version="fake-1",
                frame_size=(8, 8))
    assert [(m.number, m.distance) for m in p.matches] == [("2024002", 0.0)]
