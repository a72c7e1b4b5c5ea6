"""The station's side of the link on a real PostgreSQL: what was there before linking is
sent once, duplicates across rooms come back to both stations (and nothing else does),
the filing count is the school's while linked, a restored older backup never re-uses a
sequence, and a server lost mid-exam (or for the whole exam) loses nothing and doubles
nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import psycopg
import pytest

from headcount.errors import BadInput
from headcount.office.feedback import SeenElsewhere
from headcount.office.outbox import waiting
from headcount.office.schema import add_station, init
from headcount.office.status import status
from headcount.station import Station
from headcount.store.users import User
from station_fixtures import PASSWORD, ROSTER_CSV, FakeEngine

EXAM = "数学模拟"


def _exam(st: Station, user: User, room: str, numbers: tuple[str, ...] = ("2024001", "2024002"),
          kind: str = "exam", name: str = EXAM) -> int:
    sid = st.sessions.create(user, kind=kind, name=name, room=room,
                             candidates=[(n, str(i)) for i, n in enumerate(numbers, 1)],
                             invigilators=["王老师"]).id
    st.sessions.start(user, sid)
    return sid


def _hold_face(st: Station, number: str) -> None:
    pid = st.db.execute("SELECT id FROM people WHERE number = ?", (number,)).fetchone()[0]
    st.db.execute("INSERT INTO templates (person_id, ciphertext, model_version, source, "
                  "created_at) VALUES (?, x'00', 'm', 'test', 'now')", (pid,))
    st.db.conn.commit()


def _server(office_dsn: str) -> list[tuple]:
    """(station, seq, kind, number, at) of every event, read as the school's administrator."""
    with psycopg.connect(office_dsn) as conn:
        return conn.execute("SELECT station, seq, kind, number, at FROM headcount.events "
                            "ORDER BY station, seq").fetchall()


def _kinds(rows: list[tuple], station: str) -> Counter:
    return Counter(r[2] for r in rows if r[0] == station)


@pytest.fixture
def second(tmp_path: Path) -> Station:
    """Another station of the same school (room 102), with the same four people."""
    st = Station.init(tmp_path / "second", school="Test Middle School",
                      contact="office@test.edu.cn", admin="admin", password=PASSWORD,
                      engine=FakeEngine())
    path = tmp_path / "second.csv"
    path.write_text(ROSTER_CSV, encoding="utf-8")
    st.import_roster(st.login("admin", PASSWORD), path)
    yield st
    st.close()


def test_prelink_data_is_sent_once_and_relinking_sends_only_the_gap(
        roster: Station, admin: User, office_dsn: str) -> None:
    init(office_dsn)
    sid = _exam(roster, admin, "101", ("2024001", "2024002", "2024003"))
    roster.attendance.check_in(admin, sid, "2024001", reason="declined")
    roster.attendance.correct(admin, sid, "2024001", status="late", reason="bus")
    _hold_face(roster, "2024002")
    assert waiting(roster.db) == 0  # made before linking: nothing queued yet
    dsn = add_station(office_dsn, "room-101")["dsn"]
    linked = roster.link_office(admin, dsn)
    # session, 3 entries, check-in, correction, 1 person with face data
    assert linked.queued == 7 and linked.waiting == 7
    assert roster.sync_office().sent == 7
    rows = _server(office_dsn)
    assert _kinds(rows, "room-101") == {"session": 1, "entry": 3, "checkin": 1,
                                        "correction": 1, "face_data": 1}
    assert [r[1] for r in rows] == list(range(1, 8))  # in order, no gap
    assert status(office_dsn, EXAM)["rooms"][0]["present"] == 1  # late counts as present
    assert status(office_dsn)["people_with_face_data"] == 1
    # linking again sends nothing twice
    assert roster.link_office(admin, dsn).queued == 0
    # unlinked for a while: what happened then is sent at the next link, once
    roster.unlink_office(admin)
    roster.attendance.check_in(admin, sid, "2024003", reason="declined")
    roster.delete_person(admin, "2024002")  # their face data goes too
    assert waiting(roster.db) == 0
    assert roster.link_office(admin, dsn).queued == 2  # the check-in, face data gone
    assert roster.sync_office().sent == 2
    rows = _server(office_dsn)
    assert _kinds(rows, "room-101")["checkin"] == 2
    assert [r[1] for r in rows] == list(range(1, 10))  # the sequence simply continues
    assert status(office_dsn)["people_with_face_data"] == 0


def test_a_check_in_in_two_rooms_comes_back_to_both_stations(
        roster: Station, admin: User, second: Station, office_dsn: str, hc,
        cli_roster_file: Path) -> None:
    init(office_dsn)
    b_admin = second.login("admin", PASSWORD)
    a_dsn = add_station(office_dsn, "room-101")["dsn"]
    roster.link_office(admin, a_dsn)
    second.link_office(b_admin, add_station(office_dsn, "room-102")["dsn"])
    a = _exam(roster, admin, "101", ("2024001", "2024002"))
    b = _exam(second, b_admin, "102", ("2024001", "2024003"))
    roster.attendance.check_in(admin, a, "2024001", reason="declined")
    assert roster.sync_office().duplicates == ()  # room 102 has not checked them in
    second.attendance.check_in(b_admin, b, "2024001", reason="declined")
    second.attendance.check_in(b_admin, b, "2024003", reason="declined")
    assert second.sync_office().duplicates == (SeenElsewhere(b, EXAM, "2024001", ("101",)),)
    assert roster.sync_office().as_dict()["duplicates"] == [
        {"session_ref": a, "session": EXAM, "number": "2024001", "other_rooms": ["102"]}]
    # a class of the same name is not an exam: no impersonation sign
    c = _exam(roster, admin, "lab", ("2024003",), kind="class", name=EXAM)
    roster.attendance.check_in(admin, c, "2024003", reason="declined")
    assert [d.number for d in roster.sync_office().duplicates] == ["2024001"]
    # corrected to absent in room 102: no longer a duplicate anywhere
    second.attendance.correct(b_admin, b, "2024001", status="absent", reason="wrong person")
    assert second.sync_office().duplicates == ()
    assert roster.sync_office().duplicates == ()
    # a station reads its own rows only, and not the views behind the function
    with psycopg.connect(a_dsn) as conn:
        assert {r[0] for r in conn.execute("SELECT station FROM headcount.events")} == {
            "room-101"}
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM headcount.marks")
    # the command line shows them in `sync --json`
    assert hc("roster", "import", str(cli_roster_file))[0] == 0
    code, out = hc("link", "--dsn", add_station(office_dsn, "room-103")["dsn"])
    assert code == 0 and list(out) == ["linked", "station", "queued", "waiting"]
    assert (out["linked"], out["station"]) == (True, "room-103")
    code, made = hc("session", "create", "--kind", "exam", "--name", EXAM, "--room", "103",
                    "--numbers", "2024003", "--invigilator", "李老师")
    assert code == 0, made
    assert hc("session", "start", str(made["id"]))[0] == 0
    assert hc("checkin", str(made["id"]), "2024003", "--manual", "--reason", "declined")[0] == 0
    code, out = hc("sync")
    assert list(out) == ["sent", "waiting", "duplicates", "people_with_face_data"]
    assert code == 0 and out["duplicates"] == [
        {"session_ref": made["id"], "session": EXAM, "number": "2024003",
         "other_rooms": ["102"]}]
    code, text = hc("sync", as_json=False)
    assert code == 0 and "DUPLICATE: 2024003 (数学模拟) is also checked in in room 102" in text


def test_filing_uses_the_school_count_while_linked(roster: Station, admin: User,
                                                   second: Station, office_dsn: str) -> None:
    init(office_dsn)
    _hold_face(roster, "2024001")
    _hold_face(second, "2024001")  # the same person at two stations counts once
    _hold_face(second, "2024004")
    assert roster.filing.status().count_source == "station"
    assert roster.filing.status().people_with_facial_data == 1
    roster.link_office(admin, add_station(office_dsn, "a")["dsn"])
    # linked, but no count from the server yet: still the local one, and it says so
    assert roster.filing.status().count_source == "station"
    second.link_office(second.login("admin", PASSWORD), add_station(office_dsn, "b")["dsn"])
    second.sync_office()
    assert roster.sync_office().people_with_face_data == 2
    f = roster.filing.status()
    assert f.people_with_facial_data == 2 and f.count_source == "school_server"
    assert "school server" in f.count_used.en and "学校服务器" in f.count_used.zh
    assert "Counted: the school server's count" in f.message.en
    assert "计数依据：学校服务器" in f.message.zh
    roster.unlink_office(admin)
    assert roster.filing.status().count_source == "station"
    assert roster.filing.status().people_with_facial_data == 1


def test_doctor_says_which_filing_count_is_used(roster: Station, admin: User,
                                                office_dsn: str) -> None:
    from headcount.doctor import check_station

    def filing_check() -> str:
        found = [c for c in check_station(roster.data_dir, roster.keys.key_dir)
                 if c.name == "filing-count"]
        assert len(found) == 1
        return found[0].detail.en

    assert "this station's own count" in filing_check()
    init(office_dsn)
    roster.link_office(admin, add_station(office_dsn, "a")["dsn"])
    roster.sync_office()
    assert "school server" in filing_check()


def test_a_restored_older_backup_continues_after_the_servers_last_sequence(
        roster: Station, admin: User, office_dsn: str, tmp_path: Path) -> None:
    init(office_dsn)
    roster.link_office(admin, add_station(office_dsn, "room-101")["dsn"])
    sid = _exam(roster, admin, "101", ("2024001", "2024002", "2024003"))
    roster.attendance.check_in(admin, sid, "2024001", reason="declined")
    archive = tmp_path / "before.hcbak"
    roster.backup(admin, archive, "backup phrase 123")  # 6 events waiting inside
    roster.sync_office()
    roster.attendance.check_in(admin, sid, "2024002", reason="declined")  # seq 7
    roster.sync_office()
    restored = Station.restore(archive, tmp_path / "restored", "backup phrase 123",
                               user="admin", password=PASSWORD,
                               key_dir=tmp_path / "restored-keys")
    try:
        # the restored station knows nothing of seq 7: its next event would be seq 7 too
        again = restored.login("admin", PASSWORD)
        restored.attendance.check_in(again, sid, "2024003", reason="declined")
        assert waiting(restored.db) == 7
        result = restored.sync_office()
        # 6 were the same events already there; the new one moved after seq 7
        assert result.sent == 1 and result.waiting == 0
        rows = _server(office_dsn)
        assert [r[1] for r in rows] == list(range(1, 9))
        assert [r[3] for r in rows if r[2] == "checkin"] == ["2024001", "2024002", "2024003"]
        assert status(office_dsn, EXAM)["rooms"][0]["present"] == 3
        restored.sessions.close(again, sid)  # and the next one continues after it
        restored.sync_office()
        assert _server(office_dsn)[-1][1] == 9
    finally:
        restored.close()


def test_server_killed_mid_exam_and_restarted_loses_nothing_and_doubles_nothing(
        roster: Station, admin: User, office_dsn: str, pg_cluster) -> None:
    init(office_dsn)
    roster.link_office(admin, add_station(office_dsn, "room-101")["dsn"])
    sid = _exam(roster, admin, "101", ("2024001", "2024002", "2024003", "2024004"))
    roster.attendance.check_in(admin, sid, "2024001", reason="declined")
    roster.sync_office()
    pg_cluster.stop("immediate")  # killed, no clean shutdown
    try:
        for number in ("2024002", "2024003"):  # the exam goes on
            roster.attendance.check_in(admin, sid, number, reason="declined")
        with pytest.raises(BadInput):
            roster.sync_office()
        assert waiting(roster.db) == 2
    finally:
        pg_cluster.start()
    roster.attendance.check_in(admin, sid, "2024004", reason="declined")
    last = roster.db.execute("SELECT seq, event FROM office_outbox").fetchall()
    assert roster.sync_office().sent == 3
    # a reply lost after the server committed: the same rows are still waiting, and
    # are recognised as delivered (the same seq and content), not sent or moved
    roster.db.conn.executemany("INSERT INTO office_outbox (seq, event) VALUES (?, ?)", last)
    roster.db.conn.commit()
    assert roster.sync_office().as_dict() | {"duplicates": []} == {
        "sent": 0, "waiting": 0, "duplicates": [], "people_with_face_data": 0}
    rows = _server(office_dsn)
    assert [r[3] for r in rows if r[2] == "checkin"] == ["2024001", "2024002", "2024003",
                                                         "2024004"]
    assert [r[1] for r in rows] == list(range(1, len(rows) + 1))
    assert status(office_dsn, EXAM)["rooms"][0]["absent"] == 0


def test_offline_for_the_whole_exam_then_syncing(roster: Station, admin: User,
                                                 office_dsn: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    init(office_dsn)
    dsn = add_station(office_dsn, "room-101")["dsn"]
    roster.link_office(admin, dsn)
    # the DSN points at a port nobody listens on for the whole exam (cable out)
    gone = dsn.replace(f"port={dsn.split('port=')[1].split()[0]}", "port=1")
    from headcount.office import outbox

    key = roster._key_bytes()
    with monkeypatch.context() as m:
        m.setattr(outbox, "linked_dsn", lambda db, k: gone)
        sid = _exam(roster, admin, "101", ("2024001", "2024002", "2024003"))
        start = dt.datetime.now(dt.UTC)
        for number in ("2024001", "2024003"):
            roster.attendance.check_in(admin, sid, number, reason="declined")
            with pytest.raises(BadInput):
                outbox.sync(roster.db, key, timeout=1)
        roster.sessions.close(admin, sid)
        assert waiting(roster.db) == 1 + 3 + 1 + 2 + 1  # session, entries, start, 2, close
    assert roster.sync_office().sent == 8
    rooms = status(office_dsn, EXAM)["rooms"]
    assert rooms == [{"station": "room-101", "session": EXAM, "room": "101", "expected": 3,
                      "present": 2, "absent": 1}]
    assert all(r[4] >= start for r in _server(office_dsn) if r[2] == "checkin")


def test_the_window_loop_backs_off_while_the_server_is_gone(
        roster: Station, admin: User, office_dsn: str, pg_cluster) -> None:
    init(office_dsn)
    loop = roster.office_link_loop(period=5.0, max_delay=30.0)
    try:
        assert loop.cycle()["state"] == "not_linked"
        roster.link_office(admin, add_station(office_dsn, "room-101")["dsn"])
        assert loop.cycle() | {"duplicates": []} == {
            "state": "up_to_date", "waiting": 0, "sent": 0, "duplicates": [],
            "people_with_face_data": 0, "next_in": 5.0}
        pg_cluster.stop("immediate")
        try:
            sid = _exam(roster, admin, "101")
            states = [loop.cycle() for _ in range(5)]
        finally:
            pg_cluster.start()
        assert [s["state"] for s in states] == ["unreachable"] * 5
        assert [s["next_in"] for s in states] == [5.0, 10.0, 20.0, 30.0, 30.0]
        assert {s["since"] for s in states} == {states[0]["since"]}  # the outage's start
        assert states[0]["waiting"] == 4 and "school server" in states[0]["error"]
        roster.attendance.check_in(admin, sid, "2024001", reason="declined")
        back = loop.cycle()
        assert back["state"] == "up_to_date" and back["sent"] == 5 and back["next_in"] == 5.0
        assert loop.cycle()["next_in"] == 5.0 and loop.failures == 0
    finally:
        loop.close()


def test_a_locked_server_table_ends_the_sync_in_seconds_and_loses_nothing(
        roster: Station, admin: User, office_dsn: str) -> None:
    """A server that takes the connection but not the statements (the events table locked
    by maintenance) must not hold the window's sync thread for good: the statement is
    cancelled, the check-ins stay waiting, and go once the lock is gone."""
    import threading
    import time

    from headcount.office import outbox

    init(office_dsn)
    roster.link_office(admin, add_station(office_dsn, "room-101")["dsn"])
    sid = _exam(roster, admin, "101")
    roster.attendance.check_in(admin, sid, "2024001", reason="declined")
    before = waiting(roster.db)
    key = roster._key_bytes()
    outcome: list[BaseException | None] = []

    def try_sync() -> None:  # its own SQLite connection: one connection, one thread
        from headcount.store.db import open_db

        db = open_db(roster.data_dir)
        try:
            outbox.sync(db, key, timeout=2, statement_timeout=1)
            outcome.append(None)
        except BaseException as err:
            outcome.append(err)
        finally:
            db.close()

    with psycopg.connect(office_dsn) as maintenance:
        maintenance.execute("LOCK TABLE headcount.events IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        worker = threading.Thread(target=try_sync)
        worker.start()
        worker.join(15)  # without the timeout the sync would wait for the lock for good
        ended = not worker.is_alive()
        took = time.monotonic() - started
    worker.join()  # the lock is gone with the maintenance transaction
    assert ended and took < 8, took
    assert isinstance(outcome[0], BadInput) and "did not answer within 1 s" in str(outcome[0])
    assert "未响应" in outcome[0].text.zh
    assert waiting(roster.db) == before
    # the lock is gone (the maintenance transaction ended): everything goes, once
    assert outbox.sync(roster.db, key).sent == before
    assert [r[3] for r in _server(office_dsn) if r[2] == "checkin"] == ["2024001"]
