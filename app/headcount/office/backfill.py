"""The initial send: what a station held before it was linked, queued once at linking.

The outbox triggers (store/migrations.py, migration 7) only queue while linked, so the
sessions, list entries, check-ins, corrections and face-data set made before are missing
on the server. At ``link`` the station compares what it holds with what the server
already has from it (its own rows: row-level security allows that) and with what is
still waiting in its outbox, and queues only the difference, in the triggers' shape and
order (sessions, entries, marks by time, face data). Linking again, or linking a station
that was unlinked for a while, so sends each event once; the sequence simply continues.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import psycopg
import sqlite_utils

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
# The same fields the triggers write (store/migrations.py, migration 7).
_SESSIONS = f"""SELECT json_object(
    'kind', 'session', 'session_ref', s.id, 'session', s.name, 'session_kind', s.kind,
    'room', s.room, 'starts_at', coalesce(s.opened_at, s.starts_at),
    'ends_at', coalesce(s.closed_at, s.ends_at), 'invigilators', s.invigilators, 'at', {_NOW})
    FROM sessions s ORDER BY s.id"""
_ENTRIES = f"""SELECT json_object(
    'kind', 'entry', 'session_ref', s.id, 'session', s.name, 'number', p.number,
    'name', p.name, 'class', p.class_name, 'seat', c.seat, 'at', {_NOW})
    FROM candidates c JOIN sessions s ON s.id = c.session_id
    JOIN people p ON p.id = c.person_id ORDER BY s.id, c.rowid"""
_MARKS = """SELECT json FROM (
    SELECT c.ts AS ts, c.id AS n, json_object(
        'kind', 'checkin', 'session_ref', s.id, 'session', s.name, 'number', p.number,
        'method', c.method, 'present', json('true'), 'operator', c.operator, 'at', c.ts) AS json
    FROM checkins c JOIN sessions s ON s.id = c.session_id JOIN people p ON p.id = c.person_id
    UNION ALL
    SELECT k.ts, k.id, json_object(
        'kind', 'correction', 'session_ref', s.id, 'session', s.name, 'number', p.number,
        'method', 'manual', 'operator', k.operator, 'at', k.ts, 'present',
        json(CASE WHEN k.status IN ('present_face', 'present_manual', 'late')
             THEN 'true' ELSE 'false' END))
    FROM corrections k JOIN sessions s ON s.id = k.session_id JOIN people p ON p.id = k.person_id
) ORDER BY ts, n"""
_HELD = "SELECT DISTINCT p.number FROM people p JOIN templates t ON t.person_id = p.id"
_SERVER = ("SELECT kind, session_ref, session, session_kind, room, starts_at, ends_at, "
           "invigilators, number, held, at FROM headcount.events ORDER BY seq")
_COLS = ("kind", "session_ref", "session", "session_kind", "room", "starts_at", "ends_at",
         "invigilators", "number", "held", "at")


def _when(value: Any) -> Any:
    if isinstance(value, str) and value[:4].isdigit():
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _session_state(e: dict[str, Any]) -> tuple[Any, ...]:
    return (e.get("session"), e.get("session_kind"), e.get("room") or "",
            _when(e.get("starts_at")), _when(e.get("ends_at")), e.get("invigilators"))


class _Seen:
    """What the server and the outbox already carry from this station."""

    def __init__(self, events: Iterable[dict[str, Any]]) -> None:
        self.sessions: dict[Any, tuple[Any, ...]] = {}
        self.entries: set[tuple[Any, Any]] = set()
        self.marks: set[tuple[Any, ...]] = set()
        self.held: dict[Any, bool] = {}
        for e in events:
            self.add(e)

    def add(self, e: dict[str, Any]) -> None:
        kind, ref, number = e["kind"], e.get("session_ref"), e.get("number")
        if kind == "session":
            self.sessions[ref] = _session_state(e)
        elif kind == "entry":
            self.entries.add((ref, number))
        elif kind in ("checkin", "correction"):
            self.marks.add((kind, ref, number, _when(e.get("at"))))
        elif kind == "face_data":
            self.held[number] = bool(e.get("held"))

    def lacks(self, e: dict[str, Any]) -> bool:
        kind, ref, number = e["kind"], e.get("session_ref"), e.get("number")
        if kind == "session":
            return self.sessions.get(ref) != _session_state(e)
        if kind == "entry":
            return (ref, number) not in self.entries
        return (kind, ref, number, _when(e.get("at"))) not in self.marks


def missing(db: sqlite_utils.Database, conn: psycopg.Connection) -> list[dict[str, Any]]:
    """The events the server lacks from this station, in the order to send them."""
    server = [dict(zip(_COLS, row, strict=True)) for row in conn.execute(_SERVER)]
    waiting = [json.loads(r[0]) for r in
               db.execute("SELECT event FROM office_outbox ORDER BY seq").fetchall()]
    seen = _Seen([*server, *waiting])
    out = [e for sql in (_SESSIONS, _ENTRIES, _MARKS)
           for e in (json.loads(r[0]) for r in db.execute(sql).fetchall()) if seen.lacks(e)]
    held = {r[0] for r in db.execute(_HELD).fetchall()}
    at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    out += [{"kind": "face_data", "number": n, "at": at, "held": True}
            for n in sorted(held) if not seen.held.get(n)]
    out += [{"kind": "face_data", "number": n, "at": at, "held": False}
            for n, was in sorted(seen.held.items()) if was and n not in held]
    return out


def queue(db: sqlite_utils.Database, events: list[dict[str, Any]]) -> int:
    """Append to the outbox (the caller holds the transaction)."""
    db.conn.executemany("INSERT INTO office_outbox (event) VALUES (?)",
                   [(json.dumps(e, ensure_ascii=False),) for e in events])
    return len(events)
