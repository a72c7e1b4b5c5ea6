"""Incident export (C14, PIPL 57): who and what data may be affected.

With a time window, the affected people are those whose data the audit log shows was
touched in it (enrolments, exports, check-ins, ...); without one (a lost or stolen
station) everyone held on the station. For each person the kinds of data held are
listed, never the data itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from headcount.roles import require
from headcount.store.audit import AuditLog
from headcount.store.migrations import now_iso
from headcount.store.users import User

DATA_TYPES = {"roster": "number, name, class, date of birth, guardian, ID number",
              "templates": "encrypted 128-number face templates (no images)",
              "consent": "consent records", "attendance": "check-in events"}


@dataclass(frozen=True)
class Affected:
    number: str
    name: str
    data: tuple[str, ...]  # kinds of data held: "roster", "templates", ...


@dataclass(frozen=True)
class IncidentReport:
    generated_at: str
    since: str | None
    until: str | None
    affected_people: tuple[Affected, ...]
    actions_in_window: dict[str, int]  # audit action -> rows in the window

    @property
    def people(self) -> int:
        return len(self.affected_people)

    @property
    def with_facial_data(self) -> int:
        return sum("templates" in a.data for a in self.affected_people)

    def counts(self) -> dict[str, int]:
        return {"people": self.people, "with_facial_data": self.with_facial_data}

    def as_dict(self) -> dict[str, Any]:
        """The incident file's JSON."""
        return {"generated_at": self.generated_at, "since": self.since, "until": self.until,
                "affected_people": [{"number": a.number, "name": a.name, "data": list(a.data)}
                                    for a in self.affected_people],
                "counts": self.counts(), "actions_in_window": dict(self.actions_in_window),
                "data_types": dict(DATA_TYPES)}


def incident_report(db: sqlite_utils.Database, audit: AuditLog, actor: User, *,
                    since: str | None = None, until: str | None = None) -> IncidentReport:
    require(actor, "audit.incident")
    q = db.execute
    people = {r[0]: (r[1], r[2]) for r in q("SELECT number, id, name FROM people")}
    actions: Counter[str] = Counter()
    if since or until:
        rows = q("SELECT action, subject FROM audit WHERE ts >= ? AND ts <= ?",
                 [since or "", until or "9999"]).fetchall()
        numbers = set()
        for action, subject in rows:
            actions[action] += 1
            if subject in people:
                numbers.add(subject)
    else:
        numbers = set(people)
    held = {
        "templates": {r[0] for r in q("SELECT DISTINCT person_id FROM templates")},
        "consent": {r[0] for r in q("SELECT DISTINCT person_id FROM consents")},
        "attendance": {r[0] for r in q("SELECT DISTINCT person_id FROM checkins")},
    }
    affected: list[Affected] = []
    for number in sorted(numbers):
        pid, name = people[number]
        kinds = ["roster"] + [k for k, ids in held.items() if pid in ids]
        affected.append(Affected(number, name, tuple(kinds)))
    report = IncidentReport(now_iso(), since, until, tuple(affected), dict(actions))
    audit.record(actor.name, "incident_export", "", {"people": len(affected),
                                                    "since": since, "until": until})
    return report
