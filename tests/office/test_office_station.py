"""A station linked to the school server: the outbox fills only while linked, in the same
transaction as the event; sync delivers in order, exactly once, and survives the server
being gone."""

from __future__ import annotations

import json

import pytest

from headcount.errors import BadInput
from headcount.office.outbox import Synced, waiting
from headcount.office.schema import add_station, init
from headcount.office.status import status
from headcount.station import Station
from headcount.store.users import User


def _exam(st: Station, user: User, room: str) -> int:
    sid = st.sessions.create(user, kind="exam", name="数学模拟", room=room,
                             candidates=[("2024001", "1"), ("2024002", "2")],
                             invigilators=["王老师"]).id
    st.sessions.start(user, sid)
    return sid


def _counts(result: Synced) -> dict[str, int]:
    return {"sent": result.sent, "waiting": result.waiting}


def test_link_sync_status_exactly_once(roster: Station, admin: User, office_dsn: str,
                                       pg_cluster) -> None:
    init(office_dsn)
    _exam(roster, admin, "before-link")  # not linked yet: nothing queued by the triggers
    assert waiting(roster.db) == 0
    dsn = add_station(office_dsn, "room-101")["dsn"]
    # ... but linking queues what came before once: the session and its two entries
    assert roster.link_office(admin, dsn).as_dict() == {"linked": True, "station": "room-101",
                                              "queued": 3, "waiting": 3}
    stored = roster.db.execute("SELECT value FROM meta WHERE key = 'office_link'").fetchone()[0]
    assert "password" not in stored and dsn.split("password=")[1].split()[0] not in stored
    sid = _exam(roster, admin, "101")
    roster.attendance.check_in(admin, sid, "2024001", reason="declined")
    queued = waiting(roster.db)
    assert queued == 3 + 5  # session, 2 entries, start, check-in
    assert "declined" not in json.dumps(roster.db.execute(
        "SELECT event FROM office_outbox").fetchall())  # a manual check's reason stays home
    pg_cluster.stop("immediate")
    try:
        with pytest.raises(BadInput):
            roster.sync_office()
        assert waiting(roster.db) == queued  # nothing lost
    finally:
        pg_cluster.start()
    assert _counts(roster.sync_office()) == {"sent": queued, "waiting": 0}
    assert _counts(roster.sync_office()) == {"sent": 0, "waiting": 0}
    roster.attendance.correct(admin, sid, "2024001", status="absent", reason="left early")
    roster.attendance.check_in(admin, sid, "2024002", reason="declined")
    assert _counts(roster.sync_office()) == {"sent": 2, "waiting": 0}
    rooms = [r for r in status(office_dsn, "数学模拟")["rooms"] if r["room"] == "101"]
    assert rooms == [{"station": "room-101", "session": "数学模拟", "room": "101",
                      "expected": 2, "present": 1, "absent": 1}]
    assert roster.unlink_office(admin).as_dict() == {"linked": False, "waiting": 0}
    roster.sessions.close(admin, sid)
    assert waiting(roster.db) == 0
    with pytest.raises(BadInput):
        roster.sync_office()


def test_link_refuses_a_non_station_credential(roster: Station, admin: User,
                                               office_dsn: str) -> None:
    init(office_dsn)
    with pytest.raises(BadInput):
        roster.link_office(admin, office_dsn)  # the administrator's, not a station's
    with pytest.raises(BadInput):
        roster.link_office(admin, "host=127.0.0.1 port=1 dbname=x user=y connect_timeout=1")
    assert roster.db.execute("SELECT 1 FROM meta WHERE key = 'office_link'").fetchone() is None


def test_face_data_held_is_counted_school_wide_as_numbers(roster: Station, admin: User,
                                                          office_dsn: str) -> None:
    init(office_dsn)
    roster.link_office(admin, add_station(office_dsn, "s")["dsn"])
    pid = roster.db.execute("SELECT id FROM people WHERE number = '2024002'").fetchone()[0]
    # the trigger under test fires on the templates table itself, whatever wrote the row
    roster.db.execute("INSERT INTO templates (person_id, ciphertext, model_version, source, "
                      "created_at) VALUES (?, x'00', 'm', 'test', 'now')", (pid,))
    roster.db.conn.commit()
    assert "x'00'" not in roster.db.execute("SELECT event FROM office_outbox").fetchone()[0]
    roster.sync_office()
    assert status(office_dsn)["people_with_face_data"] == 1
    roster.delete_person(admin, "2024002")
    roster.sync_office()
    assert status(office_dsn)["people_with_face_data"] == 0


def test_cli_link_sync_and_off(hc, office_dsn: str) -> None:  # type: ignore[no-untyped-def]
    init(office_dsn)
    dsn = add_station(office_dsn, "cli")["dsn"]
    assert hc("sync")[0] == 2  # not linked: a clear error
    code, out = hc("link", "--dsn", dsn)
    assert code == 0 and out["station"] == "cli"
    created = hc("session", "create", "--kind", "exam", "--name", "语文", "--room", "201",
                 "--class", "7A", "--invigilator", "王老师")
    assert created[0] == 0, created
    code, out = hc("sync")
    assert code == 0 and out["waiting"] == 0 and out["sent"] >= 1
    assert hc("link", "--off")[1] == {"linked": False, "waiting": 0}
