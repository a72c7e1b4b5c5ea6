"""The window's own small records (no Qt here): who is signed in, a person as the
enrolment page lists them, a session and its roster rows as the main window shows them.

``StationBackend`` (gui/station_backend.py) fills them from ``headcount.station.Station``;
the window talks only to it, on the task manager's worker thread (docs/ARCHITECTURE.md,
"Threads"). The demo and the GUI tests run on a real station too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from headcount.attendance.reasons import REASONS
from headcount.roster.dates import age_on

Role = Literal["admin", "operator"]
Method = Literal["face", "manual"]
# Reasons for a manual check: the codes the station core defines (one definition).
MANUAL_REASONS = REASONS


@dataclass(frozen=True)
class User:
    name: str
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass
class Person:
    id: int
    number: str
    name: str
    class_name: str = ""
    birth_date: str | None = None  # ISO date
    id_number: str = ""
    # "renew": consented on a notice since changed materially; checked manually until renewed
    consent: Literal["none", "self", "guardian", "renew"] = "none"
    enrolled: bool = False  # at least one template stored
    withdrew: bool = False  # consent given once and withdrawn: declined face recognition
    evidence: str = ""  # the consent's slip number or scan file name
    needs_guardian: bool = True  # the station's rule decides (unknown: the safe side)
    age_of_consent: int = 14  # the station's setting, for the hint

    def age(self, today: dt.date | None = None) -> int | None:
        born = dt.date.fromisoformat(self.birth_date) if self.birth_date else None
        return age_on(born, today or dt.date.today())


@dataclass
class SessionInfo:
    id: int
    kind: Literal["exam", "class"]
    name: str
    room: str = ""
    starts_at: str | None = None  # ISO datetime; check-ins after start + late_minutes are late
    late_minutes: int = 15
    status: Literal["planned", "open", "closed"] = "planned"
    opened_at: str | None = None  # local ISO time; the start when no starts_at is set
    camera_off: bool = False  # the teacher runs it without the camera (manual checks only)
    # Local time after which an arrival counts as late: the station decides (shown only).
    late_after: dt.datetime | None = None

    @property
    def title(self) -> str:
        return f"{self.name} · {self.room}" if self.room else self.name


@dataclass
class CheckIn:
    person_id: int
    session_id: int
    method: Method
    ts: str
    operator: str
    score: float | None = None
    reason: str = ""
    late: bool = False
    flag: str = ""  # e.g. "elsewhere": also checked in to another room of the same exam
    repeats: int = 0


STATUSES = ("present_face", "present_manual", "late", "absent")


@dataclass
class Correction:
    """A correction of a check-in status: kept beside the original, never overwriting it."""

    status: str  # one of STATUSES
    by: str
    reason: str
    at: str = ""


@dataclass
class RosterEntry:
    """One row of the roll as the station computed it (attendance/roll.py decides the
    status and lateness; the window only shows them)."""

    person: Person
    seat: str = ""
    checkin: CheckIn | None = None
    correction: Correction | None = None
    recorded_status: str = "absent"  # what the check-in itself says (STATUSES)
    status: str = "absent"  # the status that counts: the latest correction, else recorded


@dataclass
class EnrolOutcome:
    person_id: int | None
    ok: bool
    reasons: list[str] = field(default_factory=list)
    message: str = ""
    source: str = ""
    warning: str = ""  # from the station, in the current language (no impact assessment)


@dataclass
class ImportRow:
    row: int
    values: dict[str, str]
    error: str = ""  # empty when the row is good
