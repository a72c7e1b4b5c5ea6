"""`headcount bench office` at toy size: real stations, real outbox and sync, every
check-in seen in the office status (the figures themselves go to docs/BENCHMARKS.md)."""

from __future__ import annotations

from headcount.bench.office_load import _cpu_seconds, run
from headcount.office.status import status


def test_every_checkin_reaches_the_office(office_dsn: str, pg_cluster) -> None:
    before = _cpu_seconds(pg_cluster.postmaster_pid())
    got = run(stations=2, candidates=3, minutes=0.03, dsn=office_dsn, poll=0.1)
    assert got["checkins"] == got["seen"] == 6 and "errors" not in got
    assert got["commit_to_status_s"]["n"] == 6
    assert 0 <= got["commit_to_server_s"]["median"] <= got["commit_to_status_s"]["max"]
    rooms = status(office_dsn, "模拟考试")["rooms"]
    assert [(r["room"], r["present"], r["absent"]) for r in rooms] == [("101", 3, 0),
                                                                      ("102", 3, 0)]
    assert _cpu_seconds(pg_cluster.postmaster_pid()) > before  # the server did the work


def test_a_server_killed_halfway_loses_nothing_and_doubles_nothing() -> None:
    """`bench office --outage`: the throwaway server is killed (immediate) halfway and
    restarted; stations keep checking in; every check-in reaches the office once."""
    got = run(stations=2, candidates=6, minutes=0.15, poll=0.1, outage=3.0)
    assert "errors" not in got, got.get("errors")
    assert got["outage_s"] >= 3.0 and got["checkins_during_outage"] >= 1
    assert got["checkins"] == got["seen"] == got["server_checkin_events"] == 12
    assert got["exactly_once"] is True
