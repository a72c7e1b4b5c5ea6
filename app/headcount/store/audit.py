"""Append-only, hash-chained audit log (C10, C11).

Each row stores the hash of the previous row and its own hash over (previous hash, id,
time, actor, action, subject, details). Triggers refuse UPDATE and DELETE. ``verify()``
recomputes the chain and reports the first row that was edited, deleted or moved.

Against someone who can write the files but has not got the station's key:

- The chain is keyed: from the row named in ``meta.audit_keyed`` on (an
  ``audit_chain_keyed`` row, written the first time the key is at hand: new stations
  start keyed, older plain SHA-256 chains are verified as before up to it), a row's hash
  is an HMAC-SHA-256 under a key derived from the template key (store/crypto.py), kept
  and backed up with it. Rows written while the key was missing are plain, and are
  accepted only when a keyed row follows them.
- The head file beside the key holds the newest row's id and hash, sealed with the same
  key: a cut-off tail is detected, and a head the chain no longer extends is kept, never
  overwritten by later rows, so the cut stays detectable.
- Only the retention purge removes rows, and it records itself (``audit_purge`` with the
  new anchor, its cutoff and the newest removed row's time): an anchor without that row,
  or one removing rows younger than the legal minimum of three years, does not verify.

The log holds no face data: subjects are person numbers and ids, never templates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from headcount.i18n import Text
from headcount.store.db import atomic, on_commit
from headcount.store.migrations import now_iso
from headcount.store.private_files import make_private

GENESIS = "0" * 64
ANCHOR_KEY = "audit_anchor"
KEYED_KEY = "audit_keyed"  # meta: {"from_id": first keyed row, "mac": ...}
MIN_RETENTION = dt.timedelta(days=3 * 365)  # audit rows are kept at least three years


def _body(row_id: int, ts: str, actor: str, action: str, subject: str, details: str) -> bytes:
    return json.dumps([row_id, ts, actor, action, subject, details], ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def row_hash(prev_hash: str, row_id: int, ts: str, actor: str, action: str, subject: str,
             details: str, key: bytes | None = None) -> str:
    """Plain SHA-256 without ``key``; HMAC-SHA-256 under ``key`` (a keyed row)."""
    data = prev_hash.encode() + b"\n" + _body(row_id, ts, actor, action, subject, details)
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def _seal(key: bytes, label: str) -> str:
    return hmac.new(key, label.encode(), hashlib.sha256).hexdigest()


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
    note: Text | None = None  # what could not be checked (the key is missing here)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "rows": self.rows, "first_bad_id": self.first_bad_id,
                "problem": self.problem.both() if self.problem else None,
                "note": self.note.both() if self.note else None}


def _bad(rows: int, row_id: int | None, en: str, zh: str) -> VerifyResult:
    return VerifyResult(False, rows, row_id, Text(en, zh))


class AuditLog:
    """The station's audit log. ``record`` joins the caller's transaction when one is open.

    ``head_file`` (beside the key, outside the database) keeps the id and hash of the
    newest row, so deleting rows from the end, or rewriting the whole chain, is detected
    too: a chain alone cannot notice a cut-off tail. ``key`` returns the chain key
    (None while the station's key is missing).
    """

    def __init__(self, db: sqlite_utils.Database, head_file: Path | None = None,
                 key: Callable[[], bytes | None] | None = None) -> None:
        self.db = db
        self.head_file = head_file
        self._key = key or (lambda: None)
        if head_file is not None:
            on_commit(db, self.sync_head)

    # --- writing ---------------------------------------------------------------------
    def record(self, actor: str, action: str, subject: str = "",
               details: dict[str, Any] | None = None) -> int:
        body = json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str)
        key = self._key()
        with atomic(self.db):
            if key is not None and self._keyed_from() is None:
                self._start_keyed(key)
            row_id = self._insert(actor, action, subject, body, key)
        self.sync_head()
        return row_id

    def _insert(self, actor: str, action: str, subject: str, body: str,
                key: bytes | None) -> int:
        last = self.db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        row_id, prev = (last[0] + 1, last[1]) if last else self._anchor()
        ts = now_iso()
        digest = row_hash(prev, row_id, ts, actor, action, subject, body, key)
        self.db.execute(
            "INSERT INTO audit (id, ts, actor, action, subject, details, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [row_id, ts, actor, action, subject, body, prev, digest],
        )
        self._pending = (row_id, digest)  # written once the transaction has committed
        return row_id

    def _start_keyed(self, key: bytes) -> None:
        """The transition: rows from here on are keyed (a plain chain before it)."""
        last = self.db.execute("SELECT id FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        first = last[0] + 1 if last else self._anchor()[0]
        self.db.table("meta").upsert({"key": KEYED_KEY, "value": json.dumps(
            {"from_id": first, "mac": _seal(key, f"keyed-from:{first}")})}, pk="key")
        self._insert("system", "audit_chain_keyed", "", json.dumps(
            {"from_id": first}, sort_keys=True), key)

    def ensure_keyed(self) -> None:
        """At open: start the keyed chain now if the key is here and it has not begun."""
        key = self._key()
        if key is not None and self._keyed_from() is None:
            with atomic(self.db):
                self._start_keyed(key)
            self.sync_head()

    _pending: tuple[int, str] | None = None

    def _keyed_from(self) -> int | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [KEYED_KEY]).fetchone()
        try:
            return int(json.loads(row[0])["from_id"]) if row else None
        except (ValueError, TypeError, KeyError):
            return -1  # damaged: verify says so

    # --- the head file ---------------------------------------------------------------
    def _read_head(self) -> tuple[int, str, str] | None:
        """(id, hash, seal or '') of the newest row the station attested."""
        if self.head_file is None:
            return None
        try:
            parts = self.head_file.read_text().split()
            return int(parts[0]), parts[1], parts[2] if len(parts) > 2 else ""
        except (OSError, ValueError, IndexError):
            return None

    def _extends(self, head: tuple[int, str, str]) -> bool:
        """The chain still holds the attested head (or a purge removed it)."""
        row = self.db.execute("SELECT hash FROM audit WHERE id = ?", [head[0]]).fetchone()
        if row is not None:
            return bool(row[0] == head[1])
        return head[0] < self._anchor()[0]

    def _write_head(self, row_id: int, digest: str) -> None:
        """Best effort: the newest id wins; a failure never blocks the recorded action.
        A head the chain no longer holds (rows cut or rewritten) is kept as evidence."""
        if self.head_file is None:
            return
        try:
            head = self._read_head()
            if head and (head[0] >= row_id or not self._extends(head)):
                return
            key = self._key()
            seal = _seal(key, f"head:{row_id}:{digest}") if key else ""
            self.head_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = self.head_file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(f"{row_id} {digest} {seal}".strip())
            make_private(tmp)  # owner-only, as everything in the key folder
            os.replace(tmp, self.head_file)
        except (OSError, sqlite3.Error):
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
        from headcount.store.audit_verify import verify

        return verify(self, self._key())

    def purge_before(self, cutoff_iso: str, now: dt.datetime | None = None) -> int:
        """Remove rows older than ``cutoff_iso`` (retention, never under three years
        before ``now``); keeps the chain verifiable and records itself (``audit_purge``:
        the new anchor, the cutoff, the purge's time and the newest removed row's time).
        """
        now = now or dt.datetime.now(dt.UTC)
        with atomic(self.db):
            last = self.db.execute(
                "SELECT id, hash, ts FROM audit WHERE ts < ? ORDER BY id DESC LIMIT 1",
                [cutoff_iso]).fetchone()
            if not last or dt.datetime.fromisoformat(cutoff_iso) > now - MIN_RETENTION:
                return 0
            self.db.execute("INSERT INTO audit_gate (open) VALUES (1)")
            try:
                n = self.db.execute("DELETE FROM audit WHERE id <= ?", [last[0]]).rowcount
            finally:
                self.db.execute("DELETE FROM audit_gate")
            anchor = {"next_id": last[0] + 1, "prev_hash": last[1]}
            self.db.table("meta").upsert({"key": ANCHOR_KEY, "value": json.dumps(anchor)},
                                         pk="key")
            self.record("system", "audit_purge", "", anchor | {
                "cutoff": cutoff_iso, "at": now.isoformat(), "newest_removed_ts": last[2],
                "rows": n})
        return n
