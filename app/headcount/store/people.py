"""People on the roster: students and exam candidates, identified by their number.

Importing a roster upserts by number (re-importing updates, never duplicates). A person
who leaves keeps their record until retention removes their templates; ``delete`` is the
right to erasure and removes everything about them at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import sqlite_utils

from headcount.errors import BadInput, Refused
from headcount.results import Result
from headcount.roles import require
from headcount.roster.dates import age_on
from headcount.roster.reader import PersonRow, RosterResult
from headcount.store.audit import AuditLog
from headcount.store.db import atomic, insert
from headcount.store.migrations import now_iso
from headcount.store.users import User

COLUMNS = ("id", "number", "name", "class_name", "birth_date", "guardian_name",
           "guardian_phone", "id_number", "status", "left_at")
ROSTER_FIELDS = ("name", "class_name", "birth_date", "guardian_name", "guardian_phone",
                 "id_number")


@dataclass(frozen=True)
class ImportResult(Result):
    """What a roster import did (both faces show it; ``as_dict`` for JSON)."""

    source: str
    inserted: int
    updated: int
    unchanged: int
    rejected: int  # bad rows, each reported in ``errors``
    marked_left: int
    left: list[str]  # numbers marked as left (mark_missing_left)
    errors: list[dict[str, Any]]
    # Dates of birth an administrator changed for people with consent or templates (C3).
    birth_date_changed: list[str] = field(default_factory=list)
    # Self-consents withdrawn because the new date of birth makes the person a child.
    consents_invalidated: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The counts (the audit row)."""
        return {k: v for k, v in asdict(self).items()
                if k not in ("left", "errors", "birth_date_changed", "consents_invalidated")}



@dataclass(frozen=True)
class Person(Result):
    id: int
    number: str
    name: str
    class_name: str
    birth_date: str | None
    guardian_name: str
    guardian_phone: str
    id_number: str
    status: str
    left_at: str | None

    def age_on(self, day: dt.date) -> int | None:
        """Whole years on ``day``; None when the date of birth is unknown."""
        return age_on(dt.date.fromisoformat(self.birth_date) if self.birth_date else None, day)



def no_such_person(number: str) -> BadInput:
    return BadInput(f"No person with number {number}.", f"没有学号/考号为 {number} 的人员。")


class People:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog) -> None:
        self.db, self.audit = db, audit

    def _rows(self, where: str = "", params: list[Any] | None = None) -> list[Person]:
        sql = f"SELECT {', '.join(COLUMNS)} FROM people {where}"
        return [Person(*r) for r in self.db.execute(sql, params or [])]

    def get(self, number: str) -> Person:
        rows = self._rows("WHERE number = ?", [str(number).strip()])
        if not rows:
            raise no_such_person(number)
        return rows[0]

    def by_id(self, person_id: int) -> Person:
        return self._rows("WHERE id = ?", [person_id])[0]

    def find(self, number: str) -> Person | None:
        rows = self._rows("WHERE number = ?", [str(number).strip()])
        return rows[0] if rows else None

    def all(self, *, class_name: str | None = None, status: str | None = None) -> list[Person]:
        where, params = [], []
        if class_name is not None:
            where.append("class_name = ?")
            params.append(class_name)
        if status is not None:
            where.append("status = ?")
            params.append(status)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        return self._rows(clause + " ORDER BY class_name, number", params)

    def search(self, text: str, *, limit: int = 20) -> list[Person]:
        """Manual ID check (C6): part of a name, a number, or an ID-card number."""
        text = text.strip()
        if not text:
            return []
        like = f"%{text}%"
        return self._rows(
            "WHERE number = ? OR upper(id_number) = upper(?) OR name LIKE ? OR number LIKE ?"
            " ORDER BY number = ? DESC, name LIMIT ?", [text, text, like, like, text, limit])

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM people").fetchone()[0])

    def import_rows(self, actor: User, result: RosterResult, *, source: str = "",
                    mark_missing_left: bool = False,
                    classes_only: bool = False) -> ImportResult:
        """Insert new people and update changed ones; bad rows are only reported.

        ``mark_missing_left``: the file is the whole current roster, so active people
        not in it have left (``classes_only``: only those of the classes the file
        names). Each gets an audit row (no receipt: nothing is deleted now; retention
        removes their templates later). Refused while the file has bad rows, since the
        people on them would be marked as left by mistake."""
        if mark_missing_left:
            require(actor, "roster.mark_left")
            if result.errors or not result.rows:
                raise Refused(
                    "The roster has bad rows (or none at all): fix it before marking people "
                    "missing from it as left. Nothing was imported.",
                    "名单有错误行（或为空）：请先改正，再把名单中没有的人员标记为离校。"
                    "未导入任何内容。")
        inserted = updated = unchanged = 0
        now = now_iso()
        held: list[dict[str, Any]] = []  # birth-date changes an operator may not make
        changed: list[str] = []  # birth dates changed for people with consent/templates
        with atomic(self.db):
            for row in result.rows:
                row = self._guard_birth_date(actor, row, source, held, changed)
                outcome = self._upsert(row, now)
                inserted += outcome == "inserted"
                updated += outcome == "updated"
                unchanged += outcome == "unchanged"
            left = self._mark_missing(actor, result, source, now, classes_only) \
                if mark_missing_left else []
            out = ImportResult(source, inserted, updated, unchanged,
                               len({e.row for e in result.errors}), len(left), left,
                               [e.as_dict() for e in result.errors] + held, changed)
            self.audit.record(actor.name, "roster_import", source, out.summary())
        return out

    def _guard_birth_date(self, actor: User, row: PersonRow, source: str,
                          held: list[dict[str, Any]], changed: list[str]) -> PersonRow:
        """A new date of birth for someone with consent or templates decides whose
        consent counts (C3): only an administrator changes it, audited with both values;
        an operator's import keeps the old date and reports the row."""
        existing = self.find(row.number)
        new = row.birth_date.isoformat() if row.birth_date else None
        if existing is None or not new or not existing.birth_date \
                or existing.birth_date == new or not self._has_consent_or_templates(existing.id):
            return row
        if not actor.is_admin:
            old = existing.birth_date
            held.append({"row": row.row, "field": "birth_date",
                         "en": f"the date of birth of {row.number} (who has a consent or face "
                               f"templates) can only be changed by an administrator; kept as "
                               f"{old}",
                         "zh": f"{row.number}（已有同意记录或人脸模板）的出生日期只能由管理员"
                               f"修改；仍为 {old}"})
            return replace(row, birth_date=dt.date.fromisoformat(existing.birth_date))
        self.audit.record(actor.name, "birth_date_change", row.number,
                          {"old": existing.birth_date, "new": new, "source": source})
        changed.append(row.number)
        return row

    def _has_consent_or_templates(self, person_id: int) -> bool:
        return bool(self.db.execute(
            "SELECT 1 FROM consents WHERE person_id = ? AND withdrawn_at IS NULL UNION ALL "
            "SELECT 1 FROM templates WHERE person_id = ? LIMIT 1",
            [person_id, person_id]).fetchone())

    def _mark_missing(self, actor: User, result: RosterResult, source: str, now: str,
                      classes_only: bool) -> list[str]:
        present = {r.number for r in result.rows}
        classes = {r.class_name for r in result.rows}
        gone = [p for p in self.all(status="active") if p.number not in present
                and (not classes_only or p.class_name in classes)]
        for p in gone:
            self.db.execute("UPDATE people SET status = 'left', left_at = ?, updated_at = ?"
                            " WHERE id = ?", [now, now, p.id])
            self.audit.record(actor.name, "person_left", p.number,
                              {"reason": "missing_from_roster", "source": source})
        return [p.number for p in gone]

    def _upsert(self, row: PersonRow, now: str) -> str:
        values = {"name": row.name, "class_name": row.class_name,
                  "birth_date": row.birth_date.isoformat() if row.birth_date else None,
                  "guardian_name": row.guardian_name, "guardian_phone": row.guardian_phone,
                  "id_number": row.id_number}
        existing = self.find(row.number)
        if existing is None:
            insert(self.db, "people", {"number": row.number, **values, "status": "active",
                                       "created_at": now, "updated_at": now})
            return "inserted"
        # Empty cells in a re-import do not erase what is known (e.g. an exam list
        # without dates of birth re-imported over the class roster).
        changes: dict[str, Any] = {k: v for k, v in values.items()
                   if v not in (None, "") and getattr(existing, k) != v}
        if existing.status == "left":
            changes.update(status="active", left_at=None)
        if not changes:
            return "unchanged"
        self.db.table("people").update(existing.id, {**changes, "updated_at": now})
        return "updated"

    def mark_left(self, actor: User, number: str, *, at: str | None = None) -> Person:
        """The person left the school: retention removes their templates later (C8)."""
        person = self.get(number)
        with atomic(self.db):
            self.db.table("people").update(person.id, {"status": "left", "left_at": at or now_iso(),
                                                 "updated_at": now_iso()})
            self.audit.record(actor.name, "person_left", person.number)
        return self.get(number)

    def export(self, actor: User, number: str) -> dict[str, Any]:
        """Everything held about one person (an access request); never the template bytes."""
        require(actor, "person.export")
        person = self.get(number)
        q = self.db.execute

        def rows(sql: str) -> list[dict[str, Any]]:
            cur = q(sql, [person.id])
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur]

        data = {
            "person": person.as_dict(),
            "consents": rows("SELECT id, scope, given_by, guardian_name, relationship, method,"
                             " notice_version, age_years, given_at, operator, withdrawn_at,"
                             " withdrawn_by FROM consents WHERE person_id = ? ORDER BY id"),
            "templates": rows("SELECT id, model_version, source, created_at, duplicate_of"
                              " FROM templates WHERE person_id = ? ORDER BY id"),
            "checkins": rows("SELECT c.session_id, s.kind, s.name, s.room, c.ts, c.method,"
                             " c.score, c.reason, c.operator, c.repeats, c.flag FROM checkins c"
                             " JOIN sessions s ON s.id = c.session_id WHERE c.person_id = ?"
                             " ORDER BY c.ts"),
            "corrections": rows("SELECT session_id, ts, operator, status, reason"
                                " FROM corrections WHERE person_id = ? ORDER BY id"),
            "exported_at": now_iso(),
        }
        self.audit.record(actor.name, "person_export", person.number)
        return data
