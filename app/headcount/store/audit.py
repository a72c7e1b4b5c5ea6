"""Append-only, hash-chained audit log (C10, C11).

Each row stores the hash of the previous row and its own hash over (previous hash, id,
time, actor, action, subject, details). Triggers refuse UPDATE and DELETE; only the
retention purge may remove rows older than the audit retention period, and it records
the hash of the last removed row as the chain's new anchor. ``verify()`` recomputes the
chain and reports the first row that was edited, deleted or moved.

The log holds no face data: subjects are person numbers and ids, never templates.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from headcount.i18n import Text
from headcount.store.db import atomic, on_commit
from headcount.store.migrations import now_iso

GENESIS = "0" * 64
ANCHOR_KEY = "audit_anchor"


def row_hash(prev_hash: str, row_id: int, ts: str, actor: str, action: str, subject: str,
             details: str) -> str:
    body = json.dumps([row_id, ts, actor, action, subject, details], ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256((prev_hash + "\n" + body).encode("utf-8")).hexdigest()


@dataclass
class AuditEntry:
    id: int
    ts: str
    actor: str
    action: str
    subject: str
    details: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "ts": self.ts, "actor": self.actor, "action": self.action,
                "subject": self.subject, "details": self.details}


@dataclass
class VerifyResult:
    ok: bool
    rows: int
    first_bad_id: int | None = None
    problem: Text | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "rows": self.rows, "first_bad_id": self.first_bad_id,
                "problem": self.problem.both() if self.problem else None}


class AuditLog:
    """The station's audit log. ``record`` joins the caller's transaction when one is open.

    ``head_file`` (beside the key, outside the database) keeps the id and hash of the
    newest row, so deleting rows from the end, or rewriting the whole chain, is detected
    too: a chain alone cannot notice a cut-off tail.
    """

    def __init__(self, db: sqlite_utils.Database, head_file: Path | None = None) -> None:
        self.db = db
        self.head_file = head_file
        if head_file is not None:
            on_commit(db, self.sync_head)

    def record(self, actor: str, action: str, subject: str = "",
               details: dict[str, Any] | None = None) -> int:
        body = json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str)
        with atomic(self.db):
            last = self.db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
            if last:
                row_id, prev = last[0] + 1, last[1]
            else:
                row_id, prev = self._anchor()
            ts = now_iso()
            digest = row_hash(prev, row_id, ts, actor, action, subject, body)
            self.db.execute(
                "INSERT INTO audit (id, ts, actor, action, subject, details, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [row_id, ts, actor, action, subject, body, prev, digest],
            )
        self._pending = (row_id, digest)  # written once the transaction has committed
        self.sync_head()
        return row_id

    _pending: tuple[int, str] | None = None

    def _read_head(self) -> tuple[int, str] | None:
        if self.head_file is None:
            return None
        try:
            row_id, digest = self.head_file.read_text().split()
            return int(row_id), digest
        except (OSError, ValueError):
            return None

    def _write_head(self, row_id: int, digest: str) -> None:
        """Best effort: the newest id wins; a failure never blocks the recorded action."""
        if self.head_file is None:
            return
        try:
            head = self._read_head()
            if head and head[0] >= row_id:
                return
            self.head_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = self.head_file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(f"{row_id} {digest}")
            os.replace(tmp, self.head_file)
        except OSError:
            pass

    def sync_head(self) -> None:
        """Write the head after an enclosing transaction committed. A row whose
        transaction was rolled back (disk full, an error later in the block) is never
        written: the head would then name a row that does not exist, a false alarm."""
        if self._pending and not self.db.conn.in_transaction:
            row_id, digest = self._pending
            self._pending = None
            try:
                row = self.db.execute("SELECT hash FROM audit WHERE id = ?", [row_id]).fetchone()
            except sqlite3.Error:
                return
            if row and row[0] == digest:
                self._write_head(row_id, digest)

    def _anchor(self) -> tuple[int, str]:
        """(next id, previous hash) for the first row after a purge (or the genesis)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [ANCHOR_KEY]).fetchone()
        if not row:
            return 1, GENESIS
        anchor = json.loads(row[0])
        return int(anchor["next_id"]), str(anchor["prev_hash"])

    def entries(self, *, limit: int | None = None, action: str | None = None,
                subject: str | None = None) -> list[AuditEntry]:
        """Newest first."""
        sql = "SELECT id, ts, actor, action, subject, details FROM audit"
        where, params = [], []
        if action:
            where.append("action = ?")
            params.append(action)
        if subject:
            where.append("subject = ?")
            params.append(subject)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]))
                for r in self.db.execute(sql, params)]

    def _rows(self) -> Iterator[tuple[Any, ...]]:
        yield from self.db.execute(
            "SELECT id, ts, actor, action, subject, details, prev_hash, hash FROM audit"
            " ORDER BY rowid"
        )

    def verify(self) -> VerifyResult:
        """Recompute the chain; the first row that does not fit is reported."""
        next_id, prev = self._anchor()
        count = 0
        for row_id, ts, actor, action, subject, details, prev_hash, digest in self._rows():
            count += 1
            if row_id != next_id or prev_hash != prev:
                return VerifyResult(False, count, row_id, Text(
                    f"Row {row_id}: a row before it was deleted or rows were reordered "
                    f"(expected row {next_id}).",
                    f"第 {row_id} 行：其前面的行被删除或顺序被改动（应为第 {next_id} 行）。",
                ))
            if row_hash(prev, row_id, ts, actor, action, subject, details) != digest:
                return VerifyResult(False, count, row_id, Text(
                    f"Row {row_id} was edited after it was written.",
                    f"第 {row_id} 行在写入后被修改。",
                ))
            prev, next_id = digest, row_id + 1
        head = self._read_head()
        if head and (head[0] >= next_id or (head[0] == next_id - 1 and head[1] != prev)):
            return VerifyResult(False, count, head[0], Text(
                f"Rows after {next_id - 1} were removed or the log was rewritten "
                f"(the station last recorded row {head[0]}).",
                f"第 {next_id - 1} 行之后的记录被删除，或日志被整体改写"
                f"（工作站最后记录的是第 {head[0]} 行）。"))
        return VerifyResult(True, count)

    def purge_before(self, cutoff_iso: str) -> int:
        """Remove rows older than ``cutoff_iso`` (retention); keeps the chain verifiable.

        Must run inside the purge's transaction; the caller records the purge itself.
        """
        with atomic(self.db):
            last = self.db.execute(
                "SELECT id, hash FROM audit WHERE ts < ? ORDER BY id DESC LIMIT 1", [cutoff_iso]
            ).fetchone()
            if not last:
                return 0
            self.db.execute("INSERT INTO audit_gate (open) VALUES (1)")
            try:
                n = self.db.execute("DELETE FROM audit WHERE id <= ?", [last[0]]).rowcount
            finally:
                self.db.execute("DELETE FROM audit_gate")
            self.db.table("meta").upsert(
                {"key": ANCHOR_KEY,
                 "value": json.dumps({"next_id": last[0] + 1, "prev_hash": last[1]})},
                pk="key",
            )
        return n
