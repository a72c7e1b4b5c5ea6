"""What a linked station learns back from the school server at each sync.

- Its duplicates: numbers it checked in for an exam that another room also checked in
  (the classic impersonation sign), with the other room only (station_views.py).
- The school's filing count: distinct people with facial data held across the linked
  stations. Kept in the station's meta with its time, so the filing warning can use it
  while the server is away (compliance/filing.py, wired by station.py).
- Its last sequence on the server: a station restored from an older backup must not
  re-use a sequence the server already holds for another event (``align``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlite_utils

from headcount.store.db import atomic

if TYPE_CHECKING:  # the station imports this module: psycopg loads only when syncing
    import psycopg

LINK_KEY = "office_link"  # meta: the sealed DSN while linked (office/outbox.py)
COUNT_KEY = "office_face_data"  # meta: {"count": n, "at": ISO time} from the last sync


@dataclass(frozen=True)
class SeenElsewhere:
    """A number this station checked in for an exam that another room also checked in."""

    session_ref: int  # this station's session id
    session: str  # the exam's name
    number: str
    other_rooms: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"session_ref": self.session_ref, "session": self.session,
                "number": self.number, "other_rooms": list(self.other_rooms)}


def duplicates(conn: psycopg.Connection) -> list[SeenElsewhere]:
    """This station's numbers also checked in elsewhere, one entry per session and number."""
    out: dict[tuple[int, str], tuple[str, list[str]]] = {}
    for ref, session, number, room in conn.execute(
            "SELECT session_ref, session, number, other_room FROM headcount.my_duplicates()"):
        out.setdefault((ref, number), (session, []))[1].append(room)
    return [SeenElsewhere(ref, session, number, tuple(rooms))
            for (ref, number), (session, rooms) in out.items()]


def school_count(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT headcount.school_face_data()").fetchone()
    return int(row[0]) if row else 0


def remember_count(db: sqlite_utils.Database, count: int) -> None:
    """Keep the count with its time; the window syncs every few seconds, so an unchanged
    count is written again only when the stored time is over a minute old."""
    now = dt.datetime.now(dt.UTC)
    row = db.execute("SELECT value FROM meta WHERE key = ?", (COUNT_KEY,)).fetchone()
    if row:
        known = json.loads(row[0])
        if known["count"] == count and \
                now - dt.datetime.fromisoformat(known["at"]) < dt.timedelta(minutes=1):
            return
    value = json.dumps({"count": count, "at": now.isoformat(timespec="seconds")})
    with atomic(db):
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (COUNT_KEY, value))


def known_count(db: sqlite_utils.Database) -> dict[str, Any] | None:
    """The school's count as of the last sync, or None (never synced, or not linked)."""
    rows = dict(db.execute("SELECT key, value FROM meta WHERE key IN (?, ?)",
                           (LINK_KEY, COUNT_KEY)).fetchall())
    if LINK_KEY not in rows or COUNT_KEY not in rows:
        return None
    return dict(json.loads(rows[COUNT_KEY]))


def forget_count(db: sqlite_utils.Database) -> None:
    with atomic(db):
        db.execute("DELETE FROM meta WHERE key = ?", (COUNT_KEY,))


def _identity(kind: Any, ref: Any, number: Any, at: Any) -> tuple[Any, ...]:
    when = dt.datetime.fromisoformat(at) if isinstance(at, str) else at
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return (kind, ref, number, when)


def align(db: sqlite_utils.Database, conn: psycopg.Connection) -> dict[str, int]:
    """Make the waiting events continue after the server's last sequence.

    A waiting event whose sequence the server already holds is either the same event
    (its reply was lost: it leaves the outbox) or another one (the station was restored
    from an older backup: it moves after the server's last sequence, in order). New
    events then continue after it too. Returns {"delivered": n, "moved": n}."""
    row = conn.execute("SELECT headcount.my_last_seq()").fetchone()
    last = int(row[0]) if row else 0
    held = db.execute("SELECT seq, event FROM office_outbox WHERE seq <= ? ORDER BY seq",
                      (last,)).fetchall()
    delivered: list[int] = []
    if held:
        server = {seq: _identity(kind, ref, num, at) for seq, kind, ref, num, at in conn.execute(
            "SELECT seq, kind, session_ref, number, at FROM headcount.events "
            "WHERE seq = ANY(%s)", ([s for s, _ in held],))}
        for seq, text in held:
            e = json.loads(text)
            if server.get(seq) == _identity(e["kind"], e.get("session_ref"), e.get("number"),
                                            e.get("at")):
                delivered.append(seq)
    moved = len(held) - len(delivered)
    with atomic(db):
        db.conn.executemany("DELETE FROM office_outbox WHERE seq = ?", [(s,) for s in delivered])
        if moved:
            first = db.execute("SELECT min(seq) FROM office_outbox").fetchone()[0]
            shift = last + 1 - int(first)
            # two steps, so no row meets another's sequence half-way
            db.execute("UPDATE office_outbox SET seq = -(seq + ?)", (shift,))
            db.execute("UPDATE office_outbox SET seq = -seq")
        top = db.execute("SELECT max(seq) FROM office_outbox").fetchone()[0] or 0
        floor = max(last, int(top))
        if db.execute("SELECT 1 FROM sqlite_sequence WHERE name = 'office_outbox'").fetchone():
            db.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) "
                       "WHERE name = 'office_outbox'", (floor,))
        else:
            db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('office_outbox', ?)",
                       (floor,))
    return {"delivered": len(delivered), "moved": moved}
