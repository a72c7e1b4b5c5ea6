"""Consent (C3-C5): separate, explicit, recorded per person; guardians for under-14s;
withdrawal deletes the person's templates at once and gives a receipt.

A person without an active consent is "manual only": a normal state, not an error
(C6, C7). Consent records are never edited; withdrawal stamps the record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from headcount.compliance.erasures import Erasures
from headcount.compliance.notice import Notices
from headcount.errors import BadInput, Refused
from headcount.roster.dates import is_child
from headcount.store.audit import AuditLog
from headcount.store.db import atomic, checkpoint
from headcount.store.migrations import now_iso
from headcount.store.people import People, Person
from headcount.store.receipts import ConsentWithdrawn, Receipts
from headcount.store.settings import Settings
from headcount.store.templates import Templates
from headcount.store.users import User

BY = ("self", "guardian")
METHODS = ("slip", "screen")
SCOPES = ("face", "template_export")
_COLS = ("id", "person_id", "scope", "given_by", "guardian_name", "relationship", "method",
         "notice_version", "age_years", "given_at", "operator", "withdrawn_at", "withdrawn_by",
         "evidence")


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    person_id: int
    scope: str
    given_by: str
    guardian_name: str
    relationship: str
    method: str
    notice_version: int
    age_years: int | None
    given_at: str
    operator: str
    withdrawn_at: str | None
    withdrawn_by: str | None
    evidence: str = ""  # slip number or scan file name (a guardian's consent is written)

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    def as_dict(self) -> dict[str, Any]:
        return {c: getattr(self, c) for c in _COLS} | {"active": self.active}


class Consents:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog, settings: Settings,
                 people: People, notices: Notices, templates: Templates,
                 receipts: Receipts, erasures: Erasures | None = None) -> None:
        self.db, self.audit, self.settings = db, audit, settings
        self.people, self.notices, self.templates, self.receipts = (
            people, notices, templates, receipts)
        self.erasures = erasures

    def _records(self, where: str, params: list[Any]) -> list[ConsentRecord]:
        return [ConsentRecord(*r) for r in self.db.execute(
            f"SELECT {', '.join(_COLS)} FROM consents {where}", params)]

    def history(self, number: str) -> list[ConsentRecord]:
        person = self.people.get(number)
        return self._records("WHERE person_id = ? ORDER BY id", [person.id])

    def active(self, person_id: int, scope: str = "face") -> ConsentRecord | None:
        rows = self._records("WHERE person_id = ? AND scope = ? AND withdrawn_at IS NULL"
                             " ORDER BY id DESC LIMIT 1", [person_id, scope])
        return rows[0] if rows else None

    def withdrawn(self, person_id: int, scope: str = "face") -> bool:
        """Consent was given once and withdrawn (the person declined face recognition)."""
        return bool(self._records("WHERE person_id = ? AND scope = ? AND withdrawn_at IS NOT"
                                  " NULL LIMIT 1", [person_id, scope]))

    def current(self, person_id: int, scope: str = "face") -> ConsentRecord | None:
        """The active consent if it was given on the notice now in force: a material
        change since (compliance/notice_change.py) makes it stale until renewed."""
        record = self.active(person_id, scope)
        if record is None or record.notice_version < self.notices.consent_base():
            return None
        return record

    def stale(self, person_id: int) -> bool:
        """Consented, but on a notice since changed materially: must renew."""
        record = self.active(person_id)
        return record is not None and record.notice_version < self.notices.consent_base()

    def needing_renewal(self) -> list[int]:
        """Person ids whose active face consent predates the last material change."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT person_id FROM consents WHERE scope = 'face' AND"
            " withdrawn_at IS NULL AND notice_version < ? AND person_id NOT IN ("
            "  SELECT person_id FROM consents WHERE scope = 'face' AND withdrawn_at IS NULL"
            "  AND notice_version >= ?)", [self.notices.consent_base()] * 2)]

    def current_ids(self) -> set[int]:
        """Everyone whose latest active face consent is on the notice in force (``current``
        for all people at once: the competitors of a session, attendance/recognition.py)."""
        return {r[0] for r in self.db.execute(
            "SELECT c.person_id FROM consents c WHERE c.scope = 'face' AND c.withdrawn_at"
            " IS NULL AND c.notice_version >= ? AND c.id = (SELECT max(id) FROM consents"
            " WHERE person_id = c.person_id AND scope = 'face' AND withdrawn_at IS NULL)",
            [self.notices.consent_base()])}

    def manual_only(self, person_id: int) -> bool:
        """No consent that covers the current notice: checked manually."""
        return self.current(person_id) is None

    def is_child(self, person: Person, on: dt.date) -> bool:
        """Under the age of consent on that day; unknown age counts as a child (safe side)."""
        born = dt.date.fromisoformat(person.birth_date) if person.birth_date else None
        return is_child(born, on, int(self.settings["age_of_consent"]))

    def record(self, actor: User, number: str, *, by: str, method: str = "slip",
               guardian_name: str = "", relationship: str = "", scope: str = "face",
               at: dt.datetime | None = None, evidence: str = "") -> ConsentRecord:
        """Record consent given now (or ``at``) against the current complete notice.

        A guardian's consent is given in writing (Measures art. 7; the children's rules):
        a signed slip, whose number or scan file name is kept as ``evidence``."""
        if by not in BY or method not in METHODS or scope not in SCOPES:
            raise BadInput("Consent needs --by self|guardian and --method slip|screen.",
                           "同意记录需要 --by self|guardian 和 --method slip|screen。")
        notice = self.notices.require_complete()
        person = self.people.get(number)
        when = at or dt.datetime.now(dt.UTC)
        age = person.age_on(when.date())
        if by == "self" and self.is_child(person, when.date()):
            limit = self.settings["age_of_consent"]
            raise Refused(
                f"{person.number} is under {limit} (or has no date of birth): consent must be "
                "given by a guardian (--by guardian --guardian-name NAME --relationship R).",
                f"{person.number} 未满 {limit} 周岁（或无出生日期）：须由监护人同意"
                "（--by guardian --guardian-name 姓名 --relationship 关系）。")
        if by == "guardian" and method != "slip":
            raise Refused(
                "A guardian's consent is given in writing: record it from the signed slip "
                "(--method slip --evidence SLIP-NUMBER).",
                "监护人同意须以书面形式作出：请依据签字的同意书登记"
                "（--method slip --evidence 同意书编号）。")
        if by == "guardian" and not evidence.strip():
            raise BadInput(
                "Give the signed slip's number or the scan's file name (--evidence), so the "
                "written consent can be found.",
                "请填写签字同意书的编号或扫描件文件名（--evidence），以便查找书面同意。")
        if by == "guardian":
            guardian_name = guardian_name.strip() or person.guardian_name
            if not guardian_name or not relationship.strip():
                raise BadInput(
                    "Guardian consent needs the guardian's name and relationship "
                    "(--guardian-name, --relationship).",
                    "监护人同意需要监护人姓名和关系（--guardian-name、--relationship）。")
        with atomic(self.db):
            cid = self.db.table("consents").insert({
                "person_id": person.id, "scope": scope, "given_by": by,
                "guardian_name": guardian_name if by == "guardian" else "",
                "relationship": relationship.strip() if by == "guardian" else "",
                "method": method, "notice_version": notice.version, "age_years": age,
                "given_at": when.isoformat(timespec="seconds"), "operator": actor.name,
                "evidence": evidence.strip()[:200],
            }).last_pk
            self.audit.record(actor.name, "consent_record", person.number,
                              {"consent": cid, "by": by, "method": method, "scope": scope,
                               "notice_version": notice.version,
                               "evidence": evidence.strip()[:200]})
        return self._records("WHERE id = ?", [cid])[0]

    def recheck_age(self, actor: User, number: str) -> ConsentWithdrawn | None:
        """After a date-of-birth change: an active self-consent given while, by the new
        date, the person was under the age of consent no longer counts. It is withdrawn
        (templates deleted, receipt, ledger: C5) and audited; returns the receipt."""
        person = self.people.get(number)
        record = self.active(person.id)
        if record is None or record.given_by != "self":
            return None
        given = dt.datetime.fromisoformat(record.given_at).date()
        if not self.is_child(person, given):
            return None
        self.audit.record(actor.name, "consent_invalidated", person.number,
                          {"consent": record.id, "reason": "self-consent under the age of "
                           "consent by the new date of birth", "birth_date": person.birth_date})
        return self.withdraw(actor, number)

    def withdraw(self, actor: User, number: str, *, scope: str = "face") -> ConsentWithdrawn:
        """Withdraw consent: templates go at once; returns the deletion receipt (C5)."""
        person = self.people.get(number)
        record = self.active(person.id, scope)
        if record is None:
            raise Refused(f"{person.number} has no active consent to withdraw.",
                          f"{person.number} 没有可撤回的有效同意。")
        now = now_iso()
        # The ledger line first (write-ahead, C5): a crash before the commit is finished
        # by the next open. Only face consent erases templates.
        gone = [(person.number, person.id)] if scope == "face" and self.erasures else []
        with self.erasures.erasing(actor, "withdrawal", gone, now, ref=record.id) \
                if self.erasures is not None else atomic(self.db):
            self.db.execute("UPDATE consents SET withdrawn_at = ?, withdrawn_by = ?"
                            " WHERE person_id = ? AND scope = ? AND withdrawn_at IS NULL",
                            [now, actor.name, person.id, scope])
            deleted = self.templates.delete_for_person(person.id) if scope == "face" else 0
            stored = self.receipts.write("deletion", actor.name, {
                "person": person.number, "name": person.name, "consent": record.id,
                "scope": scope, "withdrawn_at": now, "templates_deleted": deleted,
                "manual_only": True,
            })
            receipt = ConsentWithdrawn(**vars(stored), person=person.number, name=person.name,
                                       consent=record.id, scope=scope, withdrawn_at=now,
                                       templates_deleted=deleted)
            self.audit.record(actor.name, "consent_withdraw", person.number,
                              {"consent": record.id, "templates_deleted": deleted,
                               "receipt": stored.receipt})
        # Fold the WAL so the deleted pages' old copies leave the -wal file too.
        checkpoint(self.db)
        return receipt
