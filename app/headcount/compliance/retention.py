"""Retention (C5, C8, C11): purges that run at start-up and on demand.

- templates of people who left, ``retention_left_days`` after they left;
- templates not used for ``retention_unused_days`` (Measures art. 8, shortest period):
  counted from the last session the person was on (an exam they were a candidate of,
  a class session of their class), or from their enrolment if later; an open session
  counts as in use and a planned one from its start, so a candidate of next month's exam
  keeps theirs;
- check-ins, corrections and lists of sessions ended ``retention_attendance_days`` ago
  (the session row stays, marked purged, so reports can say the data is gone);
- audit rows older than ``retention_audit_days`` (at least 3 years).

Each purge writes a receipt with counts and identifiers (numbers, session ids) only.
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from headcount.compliance.erasures import Erasures
from headcount.store.audit import AuditLog
from headcount.store.db import atomic, checkpoint
from headcount.store.receipts import PurgeReceipt, Receipts
from headcount.store.settings import Settings
from headcount.store.users import User

# When a session's list ended, for retention: a closed session when it was closed; a
# planned one at its end time but never before it was created (one created with an end
# in the past is not purged by the next command); an open session never (NULL).
ENDED = ("(CASE status WHEN 'open' THEN NULL WHEN 'closed' THEN coalesce(closed_at, ends_at)"
         " ELSE max(coalesce(ends_at, created_at), created_at) END)")

# People with templates whose last use (session they were on, or enrolment) is before
# the cut-off; an open session counts as in use, a planned one from its start.
UNUSED_SQL = """
SELECT p.id, p.number FROM people p
WHERE p.status = 'active' AND EXISTS (SELECT 1 FROM templates t WHERE t.person_id = p.id)
AND max(
  coalesce((SELECT max(CASE s.status WHEN 'open' THEN '9999'
                       WHEN 'planned' THEN coalesce(s.starts_at, s.created_at)
                       ELSE coalesce(s.closed_at, s.ends_at, s.starts_at, s.created_at) END)
            FROM sessions s
            WHERE s.id IN (SELECT c.session_id FROM candidates c WHERE c.person_id = p.id)
               OR (s.kind = 'class' AND p.class_name != '' AND s.class_name = p.class_name)),
           ''),
  (SELECT max(t.created_at) FROM templates t WHERE t.person_id = p.id)) < ?
"""


class Retention:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog, settings: Settings,
                 receipts: Receipts, erasures: Erasures | None = None) -> None:
        self.db, self.audit, self.settings, self.receipts = db, audit, settings, receipts
        self.erasures = erasures

    def cutoffs(self, now: dt.datetime) -> dict[str, str]:
        days = self.settings
        return {k: (now - dt.timedelta(days=int(days[s]))).isoformat()
                for k, s in (("templates", "retention_left_days"),
                             ("unused", "retention_unused_days"),
                             ("attendance", "retention_attendance_days"),
                             ("audit", "retention_audit_days"))}

    def due(self, now: dt.datetime | None = None) -> dict[str, int]:
        """What a purge would remove now (counts only)."""
        cut = self.cutoffs(now or dt.datetime.now(dt.UTC))
        q = self.db.execute
        return {
            "templates": q("SELECT count(*) FROM templates t JOIN people p ON p.id = t.person_id"
                           " WHERE p.status = 'left' AND p.left_at < ?",
                           [cut["templates"]]).fetchone()[0],
            "unused_templates": q("SELECT count(*) FROM templates WHERE person_id IN"
                                  f" (SELECT id FROM ({UNUSED_SQL}))",
                                  [cut["unused"]]).fetchone()[0],
            "sessions": q(f"SELECT count(*) FROM sessions WHERE purged_at IS NULL AND {ENDED}"
                          " < ?", [cut["attendance"]]).fetchone()[0],
            "audit_rows": q("SELECT count(*) FROM audit WHERE ts < ?",
                            [cut["audit"]]).fetchone()[0],
        }

    def purge(self, actor: User, now: dt.datetime | None = None) -> PurgeReceipt:
        """Delete what is past its retention period; returns the receipt."""
        now = now or dt.datetime.now(dt.UTC)
        cut = self.cutoffs(now)
        q = self.db.execute
        left = q("SELECT DISTINCT p.id, p.number FROM people p JOIN templates t"
                 " ON t.person_id = p.id WHERE p.status = 'left' AND p.left_at < ?",
                 [cut["templates"]]).fetchall()
        unused = q(UNUSED_SQL, [cut["unused"]]).fetchall()
        gone = [(n, pid) for pid, n in (*left, *unused)]
        # The ledger lines first (write-ahead, C5): a crash before the commit is finished
        # by the next open.
        with self.erasures.erasing(actor, "purge", gone) \
                if self.erasures is not None else atomic(self.db):
            templates = sum(q("DELETE FROM templates WHERE person_id = ?", [pid]).rowcount
                            for pid, _ in left)
            unused_templates = sum(q("DELETE FROM templates WHERE person_id = ?",
                                     [pid]).rowcount for pid, _ in unused)
            ended = [r[0] for r in q("SELECT id FROM sessions WHERE purged_at IS NULL AND"
                                     f" {ENDED} < ?", [cut["attendance"]])]
            events = corrections = 0
            for sid in ended:
                events += q("DELETE FROM checkins WHERE session_id = ?", [sid]).rowcount
                corrections += q("DELETE FROM corrections WHERE session_id = ?", [sid]).rowcount
                q("DELETE FROM candidates WHERE session_id = ?", [sid])
                q("UPDATE sessions SET purged_at = ? WHERE id = ?", [now.isoformat(), sid])
            audit_rows = self.audit.purge_before(cut["audit"], now)
            data = {"at": now.isoformat(), "templates_deleted": templates + unused_templates,
                    "people": [n for _, n in left],
                    "unused_templates_deleted": unused_templates,
                    "unused_people": [n for _, n in unused], "sessions_purged": ended,
                    "checkins_deleted": events, "corrections_deleted": corrections,
                    "audit_rows_deleted": audit_rows}
            stored = self.receipts.write("purge", actor.name, data)
            receipt = PurgeReceipt(
                **vars(stored), at=now.isoformat(),
                templates_deleted=templates + unused_templates,
                people=tuple(n for _, n in left), unused_templates_deleted=unused_templates,
                unused_people=tuple(n for _, n in unused), sessions_purged=tuple(ended),
                checkins_deleted=events, corrections_deleted=corrections,
                audit_rows_deleted=audit_rows)
            self.audit.record(actor.name, "purge", f"receipt:{stored.receipt}",
                              {k: v for k, v in data.items()
                               if k not in ("people", "unused_people")}
                              | {"people": len(left), "unused_people": len(unused)})
        if templates or unused_templates or events or audit_rows:
            checkpoint(self.db)
        return receipt
