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
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from headcount.i18n import Text
from headcount.store.db import atomic
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
    """The station's audit log. ``record`` joins the caller's transaction when one is open."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

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
        return row_id

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
