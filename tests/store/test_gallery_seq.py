"""The gallery notices every change, by any process (issue 10): a change sequence that
only grows, bumped in the same transaction as every template or consent change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from headcount.station import Station
from headcount.store import migrations
from station_fixtures import template_for

A, B = "2024002", "2024004"  # two adults of the roster


def test_a_second_station_withdraws_the_newest_and_enrols_another(
        roster: Station, admin: Any, data_dir: Path, engine: Any) -> None:
    one = roster
    for number in (A, B):
        one.consent.record(admin, number, by="self")
    one.enrolment.enrol_template(admin, A, template_for(1))  # A holds the newest template
    sid = one.sessions.create(admin, kind="exam", name="Final", room="301",
                              candidates=[(A, "01"), (B, "02")]).id
    one.sessions.start(admin, sid)
    owners, _ = one.templates.gallery()  # station 1 has decrypted its gallery
    a_id, b_id = one.people.get(A).id, one.people.get(B).id
    assert list(owners) == [a_id]
    a_template_id = one.db.execute("SELECT max(id) FROM templates").fetchone()[0]

    two = Station.open(data_dir, engine=engine)  # another window or the command line
    try:
        two.consent.withdraw(admin, A)
        two.enrolment.enrol_template(admin, B, template_for(2))
    finally:
        two.close()
    # The hard case: same row count, and B's template got the id A's had.
    assert one.db.execute("SELECT count(*), max(id) FROM templates").fetchone() == (
        1, a_template_id)

    owners, mat = one.templates.gallery()
    assert list(owners) == [b_id]  # A's deleted template is gone from memory too
    assert not np.allclose(mat[0], template_for(1))
    hits = one.templates.matcher().search(template_for(1), k=1)[0]
    assert all(h.person_id != a_id for h in hits)
    result = one.attendance.check_in_templates(admin, sid, [template_for(2)],
                                               model_version="fake-1")
    assert [c.number for c in result.checkins] == [B]


def test_every_template_and_consent_change_moves_the_sequence(roster: Station,
                                                               admin: Any) -> None:
    st, seen = roster, [migrations.gallery_seq(roster.db)]

    def moved() -> bool:
        seen.append(migrations.gallery_seq(st.db))
        return seen[-1] > seen[-2]

    st.consent.record(admin, A, by="self")
    assert moved()
    st.enrolment.enrol_template(admin, A, template_for(1))
    assert moved()
    st.delete_person(admin, A)  # the cascade deletes the template and the consent
    assert moved()
    st.people.get(B)  # a read changes nothing
    assert not moved()
