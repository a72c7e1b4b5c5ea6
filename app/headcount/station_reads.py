"""The station's audited reads of personal data (C10), a part of ``Station``.

Each opened view or command that reads personal data writes one audit row naming who
read what, never one per row read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from headcount.attendance.roll import SessionView
from headcount.compliance.consent import ConsentRecord
from headcount.store.people import Person

if TYPE_CHECKING:
    import sqlite_utils

    from headcount.attendance.checkin import Attendance
    from headcount.attendance.sessions import Sessions
    from headcount.compliance.consent import Consents
    from headcount.store.audit import AuditLog
    from headcount.store.people import People
    from headcount.store.templates import Templates
    from headcount.store.users import User


@dataclass(frozen=True)
class PersonSummary:
    """A person with their template count and consent state (``people show``)."""

    person: Person
    templates: int
    consent: ConsentRecord | None  # the active face consent
    manual_only: bool  # no consent covering the notice in force, or held after a restore
    held_after_restore: bool  # compliance/erasure_hold.py
    must_renew_consent: bool
    age: int | None

    def as_dict(self) -> dict[str, Any]:
        return {**self.person.as_dict(), "templates": self.templates,
                "consent": self.consent.as_dict() if self.consent else None,
                "manual_only": self.manual_only, "held_after_restore": self.held_after_restore,
                "must_renew_consent": self.must_renew_consent, "age": self.age}


@dataclass(frozen=True)
class ConsentHistory:
    """A person's consent records, oldest first (``consent show``)."""

    number: str
    manual_only: bool
    templates: int
    consents: tuple[ConsentRecord, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "manual_only": self.manual_only,
                "templates": self.templates, "consents": [c.as_dict() for c in self.consents]}


class Reads:
    """Mixed into ``Station``: the parts it uses are the station's."""

    db: sqlite_utils.Database
    audit: AuditLog
    people: People
    consent: Consents
    templates: Templates
    sessions: Sessions
    attendance: Attendance

    def person_summary(self, number: str, actor: User | None = None) -> PersonSummary:
        """A person with their template count and consent state (``people show``).
        With ``actor`` the look-up is audited (one person's record was read by them)."""
        p = self.people.get(number)
        if actor is not None:
            self.audit.record(actor.name, "person_view", p.number)
        active = self.consent.active(p.id)
        held = self.db.execute("SELECT 1 FROM erasure_hold WHERE person_id = ?",
                               [p.id]).fetchone() is not None
        return PersonSummary(p, self.templates.count(p.id), active,
                             self.consent.manual_only(p.id) or held, held,
                             self.consent.stale(p.id), p.age_on(dt.date.today()))

    def record_read(self, actor: User, action: str, subject: str = "",
                    **details: Any) -> None:
        """One audit row for one read of personal data (a command or an opened view),
        never one per row read."""
        self.audit.record(actor.name, action, subject, details)

    def list_people(self, actor: User, *, class_name: str | None = None,
                    search: str | None = None, via: str = "cli",
                    must_renew: bool = False) -> list[Person]:
        """The roster, a class of it, or a search (``people list``, the window's lists);
        audited: who read which list and how many people were on it. ``must_renew``:
        only those whose consent predates a material notice change."""
        people = self.people.search(search) if search else self.people.all(
            class_name=class_name)
        if must_renew:
            renew = set(self.consent.needing_renewal())
            people = [p for p in people if p.id in renew]
        details: dict[str, Any] = {"rows": len(people), "via": via}
        if class_name:
            details["class"] = class_name
        if search:
            details["search"] = True  # the text may itself be personal (an ID number)
        if len(people) <= 100:  # who exactly, for an incident report (C14)
            details["numbers"] = [p.number for p in people]
        self.record_read(actor, "people_list", "", **details)
        return people

    def consent_view(self, actor: User, number: str) -> ConsentHistory:
        """A person's consent history (``consent show``); audited."""
        p = self.people.get(number)
        history = tuple(self.consent.history(p.number))
        self.record_read(actor, "consent_view", p.number)
        return ConsentHistory(p.number, self.consent.manual_only(p.id),
                              self.templates.count(p.id), history)

    def view_session(self, actor: User, session_id: int, *, via: str = "cli") -> SessionView:
        """A session with its roll: who is on it, who came, how (``session show``, the
        window opening a session); audited once per view, not per refresh."""
        s = self.sessions.get(session_id)
        roll = self.attendance.roll(s.id)
        self.record_read(actor, "session_view", f"session:{s.id}", rows=len(roll), via=via)
        return SessionView(s, tuple(roll))
