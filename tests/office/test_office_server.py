"""The school server on a real PostgreSQL: schema, station roles, row-level security,
exactly-once delivery, the office status, and the boundary (no faces leave a station)."""

from __future__ import annotations

import json

import psycopg
import pytest

from headcount.cli import main
from headcount.errors import BadInput
from headcount.office.events import push
from headcount.office.schema import MIGRATIONS, add_station, init
from headcount.office.status import status

T0 = "2026-12-03T08:00:00+08:00"


def _exam(room: str, numbers: list[str], seq0: int = 1) -> list[dict]:
    events: list[dict] = [{"seq": seq0, "kind": "session", "session_ref": 1, "session": "数学模拟",
                           "session_kind": "exam", "room": room, "starts_at": T0,
                           "invigilators": "王老师", "at": T0}]
    for i, num in enumerate(numbers, start=1):
        events.append({"seq": seq0 + i, "kind": "entry", "session_ref": 1, "session": "数学模拟",
                       "number": num, "name": f"学生{num}", "class": "高三1班",
                       "seat": str(i), "at": T0})
    return events


def _checkin(seq: int, number: str, minute: int, method: str = "face") -> dict:
    return {"seq": seq, "kind": "checkin", "session_ref": 1, "session": "数学模拟",
            "number": number, "method": method, "present": True, "operator": "王老师",
            "at": f"2026-12-03T08:{minute:02d}:00+08:00"}


def test_init_is_versioned_and_repeatable(office_dsn: str) -> None:
    assert init(office_dsn) == {"version": len(MIGRATIONS), "applied": len(MIGRATIONS)}
    assert init(office_dsn) == {"version": len(MIGRATIONS), "applied": 0}


def test_cli_walkthrough_status_and_exactly_once(office_dsn: str, capsys) -> None:
    assert main(["office", "init", "--dsn", office_dsn, "--json"]) == 0
    capsys.readouterr()
    creds = {}
    for name in ("room-101", "room-102"):
        assert main(["office", "add-station", name, "--dsn", office_dsn, "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["station"] == name and "password=" in out["dsn"]
        creds[name] = out["dsn"]
    events_a = [*_exam("101", ["A1", "A2", "A3"]), _checkin(10, "A1", 1), _checkin(11, "X9", 2)]
    assert push(creds["room-101"], events_a) == 6
    assert push(creds["room-101"], events_a) == 0  # a repeat is ignored, not doubled
    events_b = [*_exam("102", ["B1", "X9"]), _checkin(10, "X9", 3, "manual"),
                {"seq": 11, "kind": "face_data", "number": "B1", "held": True, "at": T0}]
    assert push(creds["room-102"], events_b) == 5
    # a correction is a new event: A1 marked not present after all
    assert push(creds["room-101"], [{"seq": 12, "kind": "correction", "session_ref": 1,
                                     "session": "数学模拟",
                                     "number": "A1", "method": "manual", "present": False,
                                     "operator": "王老师", "at": "2026-12-03T08:05:00+08:00"}]) == 1
    assert main(["office", "status", "--dsn", office_dsn, "--exam", "数学模拟", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["rooms"] == [
        {"station": "room-101", "session": "数学模拟", "room": "101", "expected": 3,
         "present": 0, "absent": 3},
        {"station": "room-102", "session": "数学模拟", "room": "102", "expected": 2,
         "present": 1, "absent": 1},
    ]
    # X9 checked in both in room 101 (not on its list) and in room 102: the impostor sign
    assert got["duplicates"] == [{"number": "X9", "session": "数学模拟", "rooms": ["101", "102"]}]
    assert got["people_with_face_data"] == 1 and got["filing_required"] is False
    assert status(office_dsn, "another exam")["rooms"] == []
    # the same name again on one station (a class every day) is another session
    again = [{**e, "seq": e["seq"] + 100, "session_ref": 2} for e in _exam("101", ["A1"])]
    push(creds["room-101"], again)
    assert [r["expected"] for r in status(office_dsn, "数学模拟")["rooms"]] == [3, 1, 2]


def test_station_reads_only_its_own_rows_and_cannot_forge(office_dsn: str) -> None:
    init(office_dsn)
    a = add_station(office_dsn, "a")["dsn"]
    b = add_station(office_dsn, "b")["dsn"]
    push(a, _exam("1", ["N1"]))
    push(b, _exam("2", ["N2"]))
    with psycopg.connect(b) as conn:
        stations = {r[0] for r in conn.execute("SELECT station FROM headcount.events")}
        assert stations == {"b"}
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM headcount.stations")
    with psycopg.connect(b) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("INSERT INTO headcount.events (station, seq, kind, at) "
                     "VALUES ('a', 99, 'checkin', now())")
    for stmt in ("UPDATE headcount.events SET number = 'Z'", "DELETE FROM headcount.events"):
        with psycopg.connect(b) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(stmt)
        # not even the school's own administrator may change an event
        with psycopg.connect(office_dsn) as conn, pytest.raises(psycopg.errors.RaiseException):
            conn.execute(stmt)
    with pytest.raises(BadInput):
        push(b, [{"seq": 5, "kind": "checkin", "at": T0, "score": 0.93}])
    with pytest.raises(BadInput):
        add_station(office_dsn, "a")
    with pytest.raises(BadInput):
        add_station(office_dsn, "Bad Name; DROP")
    assert len(status(office_dsn)["rooms"]) == 2


def test_server_stopped_midway_nothing_lost_nothing_twice(office_dsn: str, pg_cluster) -> None:
    init(office_dsn)
    dsn = add_station(office_dsn, "s1")["dsn"]
    events = [*_exam("301", [f"N{i}" for i in range(10)]),
              *(_checkin(100 + i, f"N{i}", i) for i in range(10))]
    assert push(dsn, events[:8]) == 8
    pg_cluster.stop("immediate")  # killed, as a power cut would
    try:
        with pytest.raises(BadInput) as err:
            push(dsn, events)
        assert "school server" in err.value.text.en
    finally:
        pg_cluster.start()
    assert push(dsn, events) == len(events) - 8  # the rest, once; the first 8 not again
    room = status(office_dsn)["rooms"][0]
    assert (room["expected"], room["present"], room["absent"]) == (10, 10, 0)


def test_no_column_can_hold_a_face(office_dsn: str) -> None:
    init(office_dsn)
    with psycopg.connect(office_dsn) as conn:
        cols = conn.execute("SELECT table_name, column_name, data_type FROM "
                            "information_schema.columns WHERE table_schema = 'headcount'"
                            ).fetchall()
    # tables; the views (version 4) only read events and are checked column by column
    assert {t for t, _c, _d in cols} == {"meta", "stations", "events", "office_users",
                                         "marks", "session_rooms"}
    banned = ("template", "descriptor", "embedding", "vector", "score", "distance",
              "image", "photo", "picture", "face", "reason", "note", "blob")
    for table, column, dtype in cols:
        assert not any(b in column.lower() for b in banned), (table, column)
        assert dtype not in ("bytea", "json", "jsonb", "ARRAY", "USER-DEFINED"), (table, column)
    events = sorted(c for t, c, _d in cols if t == "events")
    assert events == sorted(["station", "seq", "kind", "session_ref", "session",
                             "session_kind", "room",
                             "starts_at", "ends_at", "invigilators", "number", "name",
                             "class", "seat", "method", "present", "held", "at", "operator",
                             "received_at"])


def test_unreachable_server_is_a_clear_error(capsys) -> None:
    code = main(["office", "status", "--dsn", "host=127.0.0.1 port=1 dbname=x user=y", "--json"])
    assert code == 2
    assert "school server" in json.loads(capsys.readouterr().out)["error"]
