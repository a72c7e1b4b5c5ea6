"""Sending a station's events to the school server, exactly once, in order.

Every event carries the station's local sequence; (station, seq) is the server's primary
key, so a repeat after a lost reply is ignored (ON CONFLICT DO NOTHING). The station
column is filled by the server from the logged-in role, so a station cannot send for
another one (row-level security refuses it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import psycopg

from headcount.errors import BadInput
from headcount.office.schema import connect

# The only fields an event may carry (the boundary; see schema.py).
FIELDS = ("seq", "kind", "session_ref", "session", "session_kind", "room", "starts_at", "ends_at",
          "invigilators", "number", "name", "class", "seat", "method", "present", "held",
          "at", "operator")

_INSERT = (
    f"INSERT INTO headcount.events ({', '.join(FIELDS)}) "
    f"VALUES ({', '.join('%s' for _ in FIELDS)}) ON CONFLICT (station, seq) DO NOTHING"
)


def push(dsn: str, events: Iterable[Mapping[str, Any]]) -> int:
    """Insert the events in one transaction; returns how many were new."""
    with connect(dsn) as conn:
        return push_on(conn, events)


def push_on(conn: psycopg.Connection, events: Iterable[Mapping[str, Any]]) -> int:
    """``push`` on an open connection, committed here (one transaction; whatever the
    connection had not yet committed goes with it)."""
    rows = []
    for event in events:
        extra = set(event) - set(FIELDS)
        if extra:
            raise BadInput(f"an event may not carry {sorted(extra)}",
                           f"事件不得包含 {sorted(extra)}")
        rows.append(tuple(event.get(f) for f in FIELDS))
    try:
        with conn.cursor() as cur:
            sent = 0
            for row in rows:
                cur.execute(_INSERT, row)
                sent += cur.rowcount
        conn.commit()
        return sent
    except psycopg.errors.InsufficientPrivilege as exc:
        raise BadInput("the school server refused these events (another station's?)",
                       "学校服务器拒绝了这些事件（属于其他工作站？）") from exc
    except psycopg.OperationalError as exc:
        raise BadInput(f"the school server was lost while sending: {exc}",
                       f"发送时与学校服务器的连接中断：{exc}") from exc
