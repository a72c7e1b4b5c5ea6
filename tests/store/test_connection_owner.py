"""One SQLite connection belongs to one thread: the station's connection refuses others.

The thread that opens a station owns its connection until it hands it over or ends
(store/db.py ``OwnedConnection``). Any other thread gets ``WrongThread`` naming both
threads, before SQLite is touched: nothing is written, nothing is half-done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from headcount.i18n import set_language
from headcount.station import Station
from headcount.store.db import OwnedConnection, WrongThread, atomic, hand_over
from headcount.store.users import User


def in_thread(fn: Callable[[], Any], name: str = "second") -> Any:
    """Run ``fn`` in a new thread; return its result or the exception it raised."""
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(fn())
        except BaseException as exc:  # handed back to the test
            out.append(exc)

    t = threading.Thread(target=run, name=name)
    t.start()
    t.join(30)
    assert not t.is_alive()
    return out[0]


def audit_rows(st: Station) -> int:
    return int(st.db.execute("SELECT count(*) FROM audit").fetchone()[0])


def test_a_station_used_from_a_second_thread_fails_clearly(roster: Station,
                                                           admin: User) -> None:
    st = roster
    assert isinstance(st.db.conn, OwnedConnection)
    before = audit_rows(st)
    # An audited read (a write) from another thread: refused, naming both threads.
    err = in_thread(lambda: st.list_people(admin, via="test"), name="feed-1")
    assert isinstance(err, WrongThread)
    assert "'feed-1'" in str(err) and "'MainThread'" in str(err)
    assert "One SQLite connection belongs to one thread" in str(err)
    set_language("zh")
    try:
        assert "内部错误" in str(err) and "'feed-1'" in str(err)
    finally:
        set_language("en")
    assert audit_rows(st) == before  # nothing was written
    assert not st.db.conn.in_transaction
    # The owner goes on as if nothing happened.
    assert len(st.list_people(admin, via="test")) == 4
    assert audit_rows(st) == before + 1


@pytest.mark.parametrize("use", [
    lambda st: st.db.execute("SELECT 1").fetchone(),
    lambda st: st.db.conn.execute("SELECT 1"),
    lambda st: st.db.conn.cursor(),
    lambda st: st.db.executescript("SELECT 1;"),
    lambda st: st.db["people"].count,
    lambda st: list(st.db["people"].rows),
    lambda st: st.db["meta"].insert({"key": "x", "value": "y"}),
    lambda st: atomic(st.db).__enter__(),
    lambda st: st.db.conn.commit(),
    lambda st: st.db.conn.close(),
    lambda st: list(st.db.conn.iterdump()),
], ids=["db.execute", "conn.execute", "cursor", "executescript", "count", "rows", "insert",
        "atomic", "commit", "close", "iterdump"])
def test_every_way_in_is_checked(station: Station, use: Callable[[Station], Any]) -> None:
    assert isinstance(in_thread(lambda: use(station)), WrongThread)
    assert station.db.execute("SELECT count(*) FROM meta WHERE key = 'x'").fetchone()[0] == 0


def test_rows_carried_to_another_thread_fail(station: Station) -> None:
    rows = station.db["people"].rows_where(select="id")  # a generator over a cursor
    cursor = station.db.execute("SELECT key FROM meta")
    assert isinstance(in_thread(lambda: next(iter(rows), None)), WrongThread)
    assert isinstance(in_thread(cursor.fetchall), WrongThread)
    assert cursor.fetchall()  # on the owner: fine


def test_hand_over_moves_the_connection_to_the_next_user(roster: Station,
                                                         admin: User) -> None:
    st = roster
    hand_over(st.db)
    owner_seen = threading.Event()
    done = threading.Event()
    results: list[Any] = []

    def worker() -> None:  # takes it at its first use and keeps it while it lives
        results.append(len(st.list_people(admin, via="test")))
        owner_seen.set()
        done.wait(30)

    t = threading.Thread(target=worker, name="headcount-db_0")
    t.start()
    assert owner_seen.wait(30)
    try:
        assert results == [4]
        with pytest.raises(WrongThread, match=r"'MainThread'.*'headcount-db_0'"):
            st.people.all()
        with pytest.raises(WrongThread):
            hand_over(st.db)  # only the owner can give it away
    finally:
        done.set()
        t.join(30)
    # The owner ended: the next user takes over (in turn, never at the same time).
    assert len(st.people.all()) == 4
    assert st.db.conn.owners[-3:] == ["MainThread", "headcount-db_0", "MainThread"]
