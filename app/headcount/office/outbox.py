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
from dataclasses import dataclass
from typing import Any

import psycopg
import sqlite_utils
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from headcount.errors import BadInput
from headcount.office import backfill, feedback
from headcount.office.events import push_on
from headcount.office.feedback import LINK_KEY, SeenElsewhere
from headcount.office.schema import connect
from headcount.store.db import atomic

_AAD = b"headcount office link v1"
# A server that answers the connection but not the statements (a table locked by
# maintenance, a stalled disk) must not hold the sync for good: the server cancels a
# statement after this long, the events stay waiting and go at the next try.
STATEMENT_TIMEOUT_S = 10


@dataclass(frozen=True)
class Linked:
    station: str  # the station's name on the school server
    queued: int  # events of what the station held before, queued now
    waiting: int  # events waiting in the outbox

    def as_dict(self) -> dict[str, Any]:
        return {"linked": True, "station": self.station, "queued": self.queued,
                "waiting": self.waiting}


@dataclass(frozen=True)
class Synced:
    sent: int  # events the server committed now
    waiting: int
    duplicates: tuple[SeenElsewhere, ...]
    people_with_face_data: int  # the school's count (office/feedback.py)

    def as_dict(self) -> dict[str, Any]:
        return {"sent": self.sent, "waiting": self.waiting,
                "duplicates": [d.as_dict() for d in self.duplicates],
                "people_with_face_data": self.people_with_face_data}


@dataclass(frozen=True)
class Unlinked:
    waiting: int  # stays queued; a later link sends it

    def as_dict(self) -> dict[str, Any]:
        return {"linked": False, "waiting": self.waiting}


def link(db: sqlite_utils.Database, key: bytes, dsn: str) -> Linked:
    """Check the DSN is a station's credential on a school server, then store it
    encrypted with the station key. From now on events are queued; what the station
    held before is queued once now (office/backfill.py)."""
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
                           "该凭据不属于任何工作站：请使用 headcount office add-station "
                           "输出的连接串")
        nonce = secrets.token_bytes(12)
        sealed = nonce + AESGCM(key).encrypt(nonce, dsn.encode(), _AAD)
        with atomic(db):
            # the link first: it takes the write lock, so nothing slips between the
            # comparison below and the triggers taking over
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                       (LINK_KEY, sealed.hex()))
            queued = backfill.queue(db, backfill.missing(db, conn))
    return Linked(str(row[0]), queued, waiting(db))


def unlink(db: sqlite_utils.Database) -> Unlinked:
    """Stop queueing; what is already waiting stays (a later link sends it)."""
    with atomic(db):
        db.execute("DELETE FROM meta WHERE key = ?", (LINK_KEY,))
    return Unlinked(waiting(db))


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


def sync(db: sqlite_utils.Database, key: bytes, batch: int = 500,
         timeout: int = 5, statement_timeout: float = STATEMENT_TIMEOUT_S) -> Synced:
    """Send everything waiting, oldest first, and read back what the station may know:
    its duplicates and the school's count (office/feedback.py)."""
    dsn = linked_dsn(db, key)
    if dsn is None:
        raise BadInput("this station is not linked to an exam office: `headcount link --dsn`",
                       "本工作站未关联考务办公室：请运行 headcount link --dsn")
    sent = 0
    # A network gone mid-sync (cable out) ends the call in seconds, not minutes.
    wait_ms = max(1, int(statement_timeout * 1000))
    with connect(dsn, timeout, tcp_user_timeout=10_000, keepalives=1, keepalives_idle=5,
                 keepalives_interval=2, keepalives_count=2,
                 options=f"-c statement_timeout={wait_ms}") as conn:
        try:
            feedback.align(db, conn)
            while True:
                rows = db.execute("SELECT seq, event FROM office_outbox ORDER BY seq LIMIT ?",
                                  (batch,)).fetchall()
                if not rows:
                    break
                sent += push_on(conn, [{**json.loads(event), "seq": seq} for seq, event in rows])
                with atomic(db):  # only after the server committed: a crash means a repeat
                    db.execute("DELETE FROM office_outbox WHERE seq <= ?", (rows[-1][0],))
            duplicates = feedback.duplicates(conn)
            people = feedback.school_count(conn)
        except psycopg.errors.UndefinedFunction as exc:
            raise BadInput("the school server's schema is older than this station: run "
                           "`headcount office init` there",
                           "学校服务器的数据结构比本工作站旧：请在服务器上运行 "
                           "headcount office init") from exc
        except psycopg.errors.QueryCanceled as exc:
            raise BadInput(f"the school server did not answer within {statement_timeout:g} s "
                           "(busy, or a table locked by maintenance); the check-ins wait here "
                           "and are sent at the next try",
                           f"学校服务器在 {statement_timeout:g} 秒内未响应（繁忙，或数据表因维护"
                           "被锁定）；签到记录保存在本机，下次同步时发送") from exc
        except psycopg.OperationalError as exc:
            raise BadInput(f"the school server was lost while syncing: {exc}",
                           f"同步时与学校服务器的连接中断：{exc}") from exc
    feedback.remember_count(db, people)
    return Synced(sent, waiting(db), tuple(duplicates), people)
