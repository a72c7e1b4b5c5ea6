"""What the window needs from a station, as one small interface (no Qt here).

The window talks only to a ``Backend``; its one implementation is ``StationBackend``
(gui/station_backend.py), a thin adapter over ``headcount.station.Station``. The demo
and the GUI tests run on a real station too (gui/demo.py builds one in a folder).

Keeping this seam narrow means the window never depends on storage details, and every
call here is something the task manager runs on its worker thread: the one thread that
uses the station (``hand_over`` gives it the station; docs/ARCHITECTURE.md, "Threads").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import numpy as np

from headcount.attendance.reasons import REASONS
from headcount.attendance.roll_call import RollCallConfirmed, RollCallProposal
from headcount.compliance.assessment import AssessmentDone
from headcount.models import MODEL_VERSION
from headcount.roster.dates import age_on
from headcount.store.people import ImportResult
from headcount.store.receipts import ConsentWithdrawn, PersonDeleted, PurgeReceipt

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
    person: Person
    seat: str = ""
    checkin: CheckIn | None = None
    correction: Correction | None = None

    @property
    def recorded_status(self) -> str:
        """What the check-in itself says: absent, present_face, present_manual or late."""
        if self.checkin is None:
            return "absent"
        if self.checkin.late:
            return "late"
        return "present_face" if self.checkin.method == "face" else "present_manual"

    @property
    def status(self) -> str:
        """The status that counts: the latest correction, else the recorded one."""
        return self.correction.status if self.correction else self.recorded_status


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


@dataclass
class AuditRow:
    ts: str
    actor: str
    action: str
    subject: str
    details: str = ""


class Backend(Protocol):
    """The station as the window sees it; methods may raise HeadcountError subclasses.

    Every method but ``hand_over`` runs on the task manager's worker thread only."""

    # threads: the calling thread (which opened the station) lets go of it; the task
    # thread takes it at its first call
    def hand_over(self) -> None: ...

    # users
    def sign_in(self, name: str, password: str) -> User: ...
    def needs_sign_in(self) -> bool: ...
    def users(self, *, user: User) -> list[User]: ...  # administrators only
    def password_rules(self) -> dict[str, int]: ...  # min_password, max_name
    def add_user(self, name: str, role: str, password: str, *, user: User) -> User: ...
    def change_password(self, name: str, password: str, *, user: User,
                        current: str | None = None) -> None: ...

    # sessions and roster
    def sessions(self) -> list[SessionInfo]: ...
    def create_session(self, *, user: User, kind: str, name: str, room: str,
                       class_name: str = "", person_ids: list[int] | None = None,
                       starts_at: str | None = None,
                       late_minutes: int | None = None,
                       candidate_file: str = "",
                       invigilators: list[str] | None = None) -> SessionInfo: ...
    def session(self, session_id: int) -> SessionInfo: ...
    def start_session(self, session_id: int, *, user: User) -> SessionInfo: ...
    def close_session(self, session_id: int, *, user: User) -> SessionInfo: ...
    def roster(self, session_id: int) -> list[RosterEntry]: ...
    def classes(self) -> list[str]: ...
    def people(self) -> list[Person]: ...
    def person(self, person_id: int) -> Person: ...

    # attendance
    def check_in(self, session_id: int, person_id: int, *, user: User, method: Method,
                 score: float | None = None, threshold: float | None = None,
                 reason: str = "") -> CheckIn: ...
    def correct(self, session_id: int, person_id: int, *, user: User, status: str,
                reason: str) -> Correction: ...
    def exam_checkins(self, session_id: int) -> dict[int, int]: ...
    # classroom roll call: a proposal (attendance/roll_call.py) a person confirms
    def roll_call(self, session_id: int, rgb: np.ndarray, *,
                  user: User) -> RollCallProposal: ...
    def confirm_roll_call(self, proposal: RollCallProposal, numbers: list[str], *,
                          user: User) -> RollCallConfirmed: ...

    # recognition data
    def session_gallery(self, session_id: int) -> Any: ...  # attendance.recognition
    def reference_image(self, person_id: int) -> np.ndarray | None: ...

    def estimate_threshold(self, *, user: User) -> str: ...

    # notice, consent, enrolment
    def notice(self) -> dict[str, str]: ...
    def record_consent(self, person_id: int, *, user: User, given_by: str,
                       guardian_name: str = "", relationship: str = "",
                       method: str = "screen", notice_shown: bool = False,
                       evidence: str = "") -> None: ...
    def withdraw_consent(self, person_id: int, *, user: User) -> ConsentWithdrawn: ...
    def camera_off(self, session_id: int, *, user: User) -> SessionInfo: ...
    def record_assessment(self, *, user: User) -> AssessmentDone: ...
    def delete_person(self, person_id: int, *, user: User) -> PersonDeleted: ...
    def enrol_template(self, person_id: int, template: np.ndarray, *, user: User,
                       source: str, model: str = MODEL_VERSION) -> EnrolOutcome: ...
    def preview_roster(self, path: str) -> list[ImportRow]: ...
    def import_roster(self, path: str, *, user: User) -> ImportResult: ...

    # administration
    def settings(self, *, user: User | None = None) -> dict[str, Any]: ...
    def update_settings(self, values: dict[str, Any], *, user: User) -> None: ...
    def audit(self, *, user: User, limit: int = 500) -> list[AuditRow]: ...
    def filing(self) -> dict[str, Any]: ...
    def link_loop(self, period: float) -> Any: ...
    def purge_if_due(self) -> PurgeReceipt | None: ...
    def publish_notice(self, changes: dict[str, str], *, user: User) -> int: ...

    # printed paper (PDF bytes from headcount.reports; personal documents are audited)
    def render(self, document: str, *, user: User, lang: str, **params: Any) -> Any: ...
    def receipts(self) -> list[dict[str, Any]]: ...
