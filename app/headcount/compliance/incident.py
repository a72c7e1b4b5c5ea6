"""Incident export (C14, PIPL 57): who and what data may be affected.

With a time window, the affected people are those whose data the audit log shows was
touched in it (enrolments, exports, check-ins, ...); without one (a lost or stolen
station) everyone held on the station. For each person the kinds of data held are
listed, never the data itself.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlite_utils

from headcount.roles import require
from headcount.store.audit import AuditLog
from headcount.store.migrations import now_iso
from headcount.store.users import User


def incident_report(db: sqlite_utils.Database, audit: AuditLog, actor: User, *,
                    since: str | None = None, until: str | None = None) -> dict[str, Any]:
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
    affected = []
    for number in sorted(numbers):
        pid, name = people[number]
        kinds = ["roster"] + [k for k, ids in held.items() if pid in ids]
        affected.append({"number": number, "name": name, "data": kinds})
    report = {
        "generated_at": now_iso(), "since": since, "until": until,
        "affected_people": affected,
        "counts": {"people": len(affected),
                   "with_facial_data": sum("templates" in a["data"] for a in affected)},
        "actions_in_window": dict(actions),
        "data_types": {"roster": "number, name, class, date of birth, guardian, ID number",
                       "templates": "encrypted 128-number face templates (no images)",
                       "consent": "consent records", "attendance": "check-in events"},
    }
    audit.record(actor.name, "incident_export", "", {"people": len(affected),
                                                    "since": since, "until": until})
    return report
