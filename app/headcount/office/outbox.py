"""The station's side of the exam office: the link (encrypted DSN) and ``sync``.

Events are queued by triggers in the station's SQLite (store/migrations.py, migration 7)
in the same transaction as the station's own rows, only while linked. ``sync`` sends the
waiting ones in order with their local sequence and removes them once the server has
committed; a repeat after a lost reply is ignored by the server, so each arrives once.
With the server gone, sync reports it and keeps everything waiting.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

import sqlite_utils
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from headcount.errors import BadInput
from headcount.office.events import push
from headcount.office.schema import connect
from headcount.store.db import atomic

LINK_KEY = "office_link"
_AAD = b"headcount office link v1"


def link(db: sqlite_utils.Database, key: bytes, dsn: str) -> dict[str, Any]:
    """Check the DSN is a station's credential on a school server, then store it
    encrypted with the station key. From now on events are queued."""
    with connect(dsn) as conn:
        try:
            row = conn.execute("SELECT headcount.station_of(current_user)").fetchone()
        except Exception as exc:
            raise BadInput("this server has no exam-office schema (run `headcount office "
                           "init` there)", "该服务器没有考务数据结构（请先在服务器上运行 "
                           "headcount office init）") from exc
    if not row or not row[0]:
        raise BadInput("this credential is not a station's: use the DSN printed by "
                       "`headcount office add-station`",
                       "该凭据不属于任何工作站：请使用 headcount office add-station 输出的连接串")
    nonce = secrets.token_bytes(12)
    sealed = nonce + AESGCM(key).encrypt(nonce, dsn.encode(), _AAD)
    with atomic(db):
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                   (LINK_KEY, sealed.hex()))
    return {"linked": True, "station": row[0]}


def unlink(db: sqlite_utils.Database) -> dict[str, Any]:
    """Stop queueing; what is already waiting stays (a later link sends it)."""
    with atomic(db):
        db.execute("DELETE FROM meta WHERE key = ?", (LINK_KEY,))
    return {"linked": False, "waiting": waiting(db)}


def linked_dsn(db: sqlite_utils.Database, key: bytes) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (LINK_KEY,)).fetchone()
    if not row:
        return None
    sealed = bytes.fromhex(row[0])
    try:
        return AESGCM(key).decrypt(sealed[:12], sealed[12:], _AAD).decode()
    except InvalidTag as exc:
        raise BadInput("the stored office link cannot be read with this station's key: "
                       "link again",
                       "无法用本工作站的密钥读取已保存的考务连接：请重新关联") from exc


def waiting(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT count(*) FROM office_outbox").fetchone()
    return int(row[0]) if row else 0


def sync(db: sqlite_utils.Database, key: bytes, batch: int = 500) -> dict[str, int]:
    """Send everything waiting, oldest first; returns {"sent": n, "waiting": n}."""
    dsn = linked_dsn(db, key)
    if dsn is None:
        raise BadInput("this station is not linked to an exam office: `headcount link --dsn`",
                       "本工作站未关联考务办公室：请运行 headcount link --dsn")
    sent = 0
    while True:
        rows = db.execute("SELECT seq, event FROM office_outbox ORDER BY seq LIMIT ?",
                          (batch,)).fetchall()
        if not rows:
            break
        sent += push(dsn, [{**json.loads(event), "seq": seq} for seq, event in rows])
        with atomic(db):  # only after the server committed: a crash here means a repeat
            db.execute("DELETE FROM office_outbox WHERE seq <= ?", (rows[-1][0],))
    return {"sent": sent, "waiting": waiting(db)}
