"""Office users read every room and write nothing; no role at all changes an event."""

from __future__ import annotations

import json

import psycopg
import pytest
from office_events import EXAM, checkin, exam_events

from headcount.cli import main
from headcount.errors import BadInput
from headcount.office.board import read_board
from headcount.office.events import push
from headcount.office.roles import add_office_user
from headcount.office.schema import add_station, init
from headcount.office.status import status

WRITES = (
    "INSERT INTO headcount.events (station, seq, kind, at) VALUES ('a', 99, 'checkin', now())",
    "UPDATE headcount.events SET number = 'Z'",
    "DELETE FROM headcount.events",
    "TRUNCATE headcount.events",
    "INSERT INTO headcount.stations (name, role) VALUES ('evil', 'evil')",
    "DELETE FROM headcount.stations",
)


def test_office_user_reads_everything_and_writes_nothing(office_dsn: str, capsys) -> None:
    init(office_dsn)
    a = add_station(office_dsn, "a")["dsn"]
    b = add_station(office_dsn, "b")["dsn"]
    push(a, [*exam_events("1", [("N1", "甲")]), checkin(10, "N1")])
    push(b, exam_events("2", [("N2", "乙")]))
    assert main(["--json", "office", "add-user", "jiaowu", "--dsn", office_dsn]) == 0
    reader = json.loads(capsys.readouterr().out)
    assert reader["user"] == "jiaowu" and "password=" in reader["dsn"]
    # reads: both stations' rooms through status and the board (unlike a station's role)
    got = status(reader["dsn"], EXAM)
    assert [(r["station"], r["present"]) for r in got["rooms"]] == [("a", 1), ("b", 0)]
    assert [r.absent for r in read_board(reader["dsn"], EXAM).rooms] == [0, 1]
    for stmt in WRITES:
        with psycopg.connect(reader["dsn"]) as conn, pytest.raises(
                (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction)):
            conn.execute(stmt)
        # refused by the grants themselves, not only by the read-only default
        with psycopg.connect(reader["dsn"]) as conn, pytest.raises(
                psycopg.errors.InsufficientPrivilege):
            conn.execute("SET default_transaction_read_only = off")
            conn.commit()
            conn.execute(stmt)
    assert len(status(office_dsn)["rooms"]) == 2  # nothing changed


def test_no_role_can_update_or_delete_an_event(office_dsn: str) -> None:
    init(office_dsn)
    station = add_station(office_dsn, "s")["dsn"]
    reader = add_office_user(office_dsn, "reader")["dsn"]
    push(station, [*exam_events("1", [("N1", "甲")]), checkin(10, "N1")])
    for who in (station, reader, office_dsn):  # the owner/administrator meets the trigger
        for stmt in ("UPDATE headcount.events SET present = false",
                     "DELETE FROM headcount.events", "TRUNCATE headcount.events"):
            with psycopg.connect(who) as conn, pytest.raises(psycopg.Error):
                conn.execute("SET TRANSACTION READ WRITE")
                conn.execute(stmt)
    with psycopg.connect(office_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM headcount.events").fetchone()[0] == 3
        # the only grants on events are SELECT (everyone) and INSERT (stations)
        grants = set(conn.execute(
            "SELECT grantee, privilege_type FROM information_schema.role_table_grants "
            "WHERE table_schema = 'headcount' AND table_name = 'events' "
            "AND grantee <> 'postgres'").fetchall())
    assert {p for _g, p in grants} == {"SELECT", "INSERT"}
    assert {g for g, p in grants if p == "INSERT"} == {g for g, _p in grants
                                                        if g.endswith("_stations")}


def test_add_user_refuses_bad_names_and_repeats(office_dsn: str) -> None:
    with pytest.raises(BadInput):
        add_office_user(office_dsn, "early")  # no schema yet
    init(office_dsn)
    add_office_user(office_dsn, "x")
    with pytest.raises(BadInput):
        add_office_user(office_dsn, "x")
    with pytest.raises(BadInput):
        add_office_user(office_dsn, "Robert'); DROP")


def test_a_version_1_server_migrates_and_keeps_its_events(office_dsn: str, monkeypatch) -> None:
    from headcount.office import schema

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    assert schema.init(office_dsn) == {"version": 1, "applied": 1}
    station = add_station(office_dsn, "old")["dsn"]
    push(station, [*exam_events("1", [("N1", "甲"), ("N2", "乙")]), checkin(10, "N1")])
    monkeypatch.undo()
    with pytest.raises(BadInput):
        add_office_user(office_dsn, "early")  # the schema is older than this Headcount
    assert init(office_dsn) == {"version": len(schema.MIGRATIONS),
                                "applied": len(schema.MIGRATIONS) - 1}
    reader = add_office_user(office_dsn, "later")["dsn"]
    room = status(reader, EXAM)["rooms"][0]
    assert (room["expected"], room["present"], room["absent"]) == (2, 1, 1)
    push(station, [checkin(11, "N2")])  # the station's credential still works
    assert status(reader, EXAM)["rooms"][0]["present"] == 2
