"""Erasures that outlive a database (C5): the station's side of the erasure ledger
(store/erasure_ledger.py).

- ``erasing``: a withdrawal, a person deletion or a purge, write-ahead: one ledger line
  per person BEFORE the transaction, which records the line's id in
  ``erasures_applied``; a failed transaction appends a ``cancel`` line. A ledger that
  cannot be written never blocks the deletion; it is audited and shown as a warning.
- ``reconcile``: at every open and after a restore, every ledger entry the database
  has not applied (a restored old copy, or a crash between line and commit) is applied:
  templates made at or before the entry's time are deleted (secure_delete), consents
  given before a withdrawal are stamped withdrawn, a deleted person is erased again;
  one audit row per person ("reapplied withdrawal after restore"). Later consents and
  templates (the person enrolled again) stay. Damage to the ledger is reported (audit
  row once per kind of damage, and ``warning``), never silently passed over.
- ``merge``: a ledger carried in a backup is joined to the one already in the key
  folder (entries by id; new ones appended), so restoring an old backup on a PC that
  knows of later withdrawals keeps them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from headcount.i18n import Text
from headcount.store import erasure_ledger as ledger
from headcount.store.audit import AuditLog
from headcount.store.db import StorageError, atomic, checkpoint
from headcount.store.migrations import now_iso
from headcount.store.users import User

PROBLEM_KEY = "erasure_ledger_problem"  # meta: signature of the last reported damage
REAPPLIED = Text("reapplied withdrawal after restore", "恢复后重新执行了撤回/删除")


def crash_point(step: str) -> None:
    """For the kill-at-every-step test (tests/store/test_erasure_crash.py): end the
    process at once, as a power cut would, when HEADCOUNT_CRASH_AT names this step."""
    if os.environ.get("HEADCOUNT_CRASH_AT") == step:
        os._exit(137)


def _cancelled(read: ledger.LedgerRead) -> set[str]:
    return {e.id[len(ledger.CANCEL):] for e in read.entries if e.what == "cancel"}


def _t(iso: str) -> dt.datetime:
    t = dt.datetime.fromisoformat(iso)
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


class Erasures:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog, path: Path | None,
                 station_id: str) -> None:
        self.db, self.audit, self.path, self.station_id = db, audit, path, station_id
        self.warning: Text | None = None
        self.reapplied: list[dict[str, Any]] = []  # what the last ``reconcile`` erased again
        self._forget: list[Any] = []  # callbacks that drop decrypted template caches

    def on_delete(self, callback: Any) -> None:
        self._forget.append(callback)

    # --- writing (write-ahead) ---------------------------------------------------------
    @contextlib.contextmanager
    def erasing(self, actor: User | str, what: str, people: list[tuple[str, int]],
                at: str | None = None, ref: int | None = None) -> Iterator[None]:
        """One erasure, crash-safe: the ledger line is written first, then the caller's
        block runs in one transaction that also records the entry as applied. A crash
        after the line and before the commit is finished by the next open (reconcile);
        a block that fails leaves a ``cancel`` line. A ledger that cannot be written
        never blocks the erasure: it is audited and shown as ``warning``."""
        name = actor if isinstance(actor, str) else actor.name
        entries = [ledger.new_entry(self.station_id, n, pid, what, name, at, ref)
                   for n, pid in people]
        failed = self._intend(entries) if entries and self.path is not None else None
        step = crash_point if entries else (lambda _: None)
        step("ledger")
        try:
            with atomic(self.db):
                yield
                if failed is not None:
                    self.audit.record(name, "erasure_ledger_failed", people[0][0]
                                      if len(people) == 1 else "",
                                      {"what": what, "people": [n for n, _ in people],
                                       "error": failed, "message": self.warning.both()
                                       if self.warning else ""})
                else:
                    self._applied([e.id for e in entries])
                step("erased")
        except BaseException:
            if failed is None and entries and self.path is not None:
                self._cancel(entries)
            raise
        step("committed")
        if failed is None and self.path is not None and entries:
            self._mark_seen(ledger.read(self.path, self.station_id))

    def _intend(self, entries: list[ledger.Entry]) -> str | None:
        """Write the lines; the error's text when they could not be written."""
        assert self.path is not None
        try:
            ledger.append(self.path, entries)
        except OSError as err:
            self.warning = Text(
                f"The erasure ledger {self.path} could not be written ({err.strerror or err}). "
                "The data was deleted; but a backup made before it, once restored, would "
                "bring it back. Make the key folder writable.",
                f"无法写入删除台账 {self.path}（{err.strerror or err}）。数据已删除；但恢复此前"
                "的备份会使其重新出现。请使密钥文件夹可写。")
            return str(err)
        return None

    def _cancel(self, entries: list[ledger.Entry]) -> None:
        """The erasure's transaction failed (nothing was deleted): say so in the ledger.
        If even this fails, the next open applies the erasure: the safe direction."""
        assert self.path is not None
        cancels = [ledger.Entry(ledger.CANCEL + e.id, e.station, e.person, e.person_id,
                                "cancel", now_iso(), e.by) for e in entries]
        with contextlib.suppress(OSError):
            ledger.append(self.path, cancels)

    def _applied(self, ids: list[str]) -> None:
        """Inside the erasure's transaction: these entries are done in this database."""
        now = now_iso()
        for entry_id in ids:
            self.db.execute("INSERT OR IGNORE INTO erasures_applied (id, at) VALUES (?, ?)",
                            [entry_id, now])

    def _done(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM erasures_applied")}

    def _mark_seen(self, read: ledger.LedgerRead, start: int | None = None) -> None:
        """The database reflects the ledger up to the last line of the longest run of
        lines from ``start`` (default: what it had seen) on that are done here (applied,
        cancelled or damaged): another process's line whose transaction has not
        committed stays unseen."""
        if start is None:
            seen = self._seen() or {}
            n = int(seen.get("lines", 0) or 0)
            fits = 0 < n <= len(read.lines) and read.lines[n - 1][0] == seen.get("last_hash")
            start = n if fits else 0
        done, cancelled = self._done(), _cancelled(read)
        n = start
        while n < len(read.lines):
            e = read.lines[n][1]
            if e is not None and e.what != "cancel" and e.id not in done | cancelled:
                break
            n += 1
        if n == start or n == 0:
            return
        last = read.lines[n - 1]
        value = json.dumps({"lines": n, "last_id": last[1].id if last[1] else "",
                            "last_hash": last[0]})
        try:
            with atomic(self.db):
                self.db.table("meta").upsert({"key": ledger.META_KEY, "value": value}, pk="key")
        except StorageError:
            pass  # the next open checks every line again (re-applying is idempotent)

    def _seen(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?",
                              [ledger.META_KEY]).fetchone()
        try:
            return dict(json.loads(row[0])) if row else None
        except (ValueError, TypeError):
            return None

    # --- merging a ledger from a backup -------------------------------------------------
    def merge(self, text: str, where: str) -> tuple[int, list[Text]]:
        """Append the entries of ``text`` that the key folder's ledger lacks; returns
        (entries added, problems of the incoming ledger)."""
        incoming = ledger.parse(text, self.station_id, where)
        if self.path is None:
            return 0, incoming.problems
        have = {e.id for e in ledger.read(self.path, self.station_id).entries}
        new = [e for e in incoming.entries if e.id not in have]
        if new:
            ledger.append(self.path, new)
        return len(new), incoming.problems

    # --- checking and re-applying ---------------------------------------------------------
    def reconcile(self, actor: User | str, extra_problems: list[Text] | None = None
                  ) -> dict[str, Any]:
        """Apply again what the database has not seen; report damage. Cheap when the
        database is up to date (one read of the file, no write)."""
        if self.path is None:
            return {"reapplied": [], "problems": []}
        name = actor if isinstance(actor, str) else actor.name
        read = ledger.read(self.path, self.station_id)
        problems = list(extra_problems or []) + read.problems
        start = 0
        seen = self._seen()
        if seen and int(seen.get("lines", 0)) > 0:
            n = int(seen["lines"])
            here = read.lines[n - 1] if n <= len(read.lines) else None
            ids = {e.id for e in read.entries}
            if here is not None and here[0] == seen.get("last_hash"):
                start = n
            elif here is not None and here[1] is not None and here[1].id == seen.get("last_id"):
                problems.append(Text(
                    f"The erasure ledger {self.path}, line {n}: it was edited after it was "
                    "written.", f"删除台账 {self.path} 第 {n} 行：写入后被改动。"))
            elif seen.get("last_id") not in ids:
                problems.append(Text(
                    f"The erasure ledger {self.path} is missing or lost lines: this database "
                    f"has seen {n} line(s), the file has {len(read.lines)}. Copy the ledger "
                    "from the old key folder or the latest backup.",
                    f"删除台账 {self.path} 缺失或少了行：此数据库已见过 {n} 行，文件中只有 "
                    f"{len(read.lines)} 行。请从原密钥文件夹或最新备份复制台账。"))
        self._report(name, problems)
        self.refresh_warning()
        skip = self._done() | _cancelled(read) if start < len(read.lines) else set()
        pending = [e for _, e in read.lines[start:]
                   if e is not None and e.what != "cancel" and e.id not in skip]
        done = self._reapply(name, pending) if pending else []
        self.reapplied = done
        if start < len(read.lines):
            self._mark_seen(read, start)
        return {"reapplied": done, "problems": [p.both() for p in problems]}

    def refresh_warning(self) -> None:
        """Add who is held after a restore (compliance/erasure_hold.py) to ``warning``."""
        from headcount.compliance import erasure_hold

        numbers = erasure_hold.held(self.db)
        held = erasure_hold.notice(numbers)
        if not numbers or (self.warning is not None and held.en in self.warning.en):
            return
        self.warning = held if self.warning is None else Text(
            f"{self.warning.en}\n{held.en}", f"{self.warning.zh}\n{held.zh}")

    def _report(self, actor: str, problems: list[Text]) -> None:
        if not problems:
            return
        self.warning = Text("\n".join(p.en for p in problems), "\n".join(p.zh for p in problems))
        sig = hashlib.sha256(json.dumps([p.both() for p in problems]).encode()).hexdigest()
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [PROBLEM_KEY]).fetchone()
        if row and row[0] == sig:
            return  # already in the audit log; still shown as ``warning``
        try:
            with atomic(self.db):
                self.audit.record(actor, "erasure_ledger_damaged", "",
                                  {"problems": [p.both() for p in problems]})
                self.db.table("meta").upsert({"key": PROBLEM_KEY, "value": sig}, pk="key")
        except StorageError:
            pass  # a read-only station: ``warning`` still says it

    def _reapply(self, actor: str, entries: list[ledger.Entry]) -> list[dict[str, Any]]:
        by_person: dict[tuple[int, str], list[ledger.Entry]] = defaultdict(list)
        for e in entries:
            by_person[(e.person_id, e.person)].append(e)
        done = []
        for (pid, number), items in by_person.items():
            result = self._reapply_person(actor, pid, number, items)
            if result:
                done.append(result)
        if done:
            for forget in self._forget:
                forget()
            checkpoint(self.db)  # the deleted pages leave the -wal file too
        return done

    def _reapply_person(self, actor: str, pid: int, number: str,
                        items: list[ledger.Entry]) -> dict[str, Any] | None:
        q = self.db.execute
        with atomic(self.db):
            self._applied([e.id for e in items])
            row = q("SELECT created_at FROM people WHERE id = ? AND number = ?",
                    [pid, number]).fetchone()
            if row is None:
                return None  # gone already (or the number now belongs to someone new)
            latest = max(_t(e.at) for e in items)
            erase = any(e.what == "person_delete" and _t(row[0]) <= _t(e.at) for e in items)
            old = [tid for tid, made in q("SELECT id, created_at FROM templates"
                                           " WHERE person_id = ?", [pid]).fetchall()
                   if _t(made) <= latest]
            for tid in old:
                q("DELETE FROM templates WHERE id = ?", [tid])
            withdrawn = 0
            for e in items:
                if e.what != "withdrawal":
                    continue
                for cid, given in q("SELECT id, given_at FROM consents WHERE person_id = ? AND"
                                    " scope = 'face' AND withdrawn_at IS NULL",
                                    [pid]).fetchall():
                    # Consents up to the one the withdrawal ended; without its id,
                    # those given in an earlier second (given_at keeps whole seconds).
                    if cid <= e.ref if e.ref is not None else \
                            _t(given) < _t(e.at).replace(microsecond=0):
                        q("UPDATE consents SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ?",
                          [e.at, e.by, cid])
                        withdrawn += 1
            if erase:
                q("DELETE FROM people WHERE id = ?", [pid])  # cascades
            if not (old or withdrawn or erase):
                return None
            details = {"reason": REAPPLIED.en, "reason_zh": REAPPLIED.zh,
                       "what": sorted({e.what for e in items}),
                       "erased_at": max(e.at for e in items), "templates_deleted": len(old),
                       "consents_withdrawn": withdrawn, "person_deleted": erase}
            self.audit.record(actor, "erasure_reapplied", number, details)
        return {"number": number, **details}
