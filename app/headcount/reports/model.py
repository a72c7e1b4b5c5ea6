"""Plain input data for the printed documents.

The document builders read only these dataclasses, never the store, so every document
can be built and tested from made-up data; ``from_station`` fills them from a Station.
Text the school writes itself (the notice) may be given in both languages as
``headcount.i18n.Text`` or as one plain string used for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from headcount.i18n import Text
from headcount.roster.dates import age_on, is_child
from headcount.store.settings import BY_NAME

Localized = str | Text


def pick(value: Localized | None, lang: str) -> str:
    """The text of ``value`` in ``lang`` ('zh' or 'en'); plain strings serve both."""
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.zh if lang == "zh" else value.en
    return value


@dataclass(frozen=True)
class SchoolData:
    """The personal information processor, from the station settings."""

    name: Localized
    contact: Localized = ""
    logo: Path | None = None


@dataclass(frozen=True)
class NoticeData:
    """The notice of COMPLIANCE.md C2, one version of it."""

    processor: Localized
    contact: Localized
    purpose: Localized
    method: Localized
    retention: Localized
    necessity: Localized  # why face processing is necessary and its effect on rights
    rights: Localized  # how to access, delete, withdraw
    alternative: Localized  # the alternative to face recognition
    version: str
    questions: Localized = ""  # where to ask; the contact when empty
    effective: date | None = None

    def missing(self) -> list[str]:
        """Names of the C2 fields that are empty in either language."""
        names = ("processor", "contact", "purpose", "method", "retention", "necessity",
                 "rights", "alternative", "version")
        return [n for n in names
                if not all(pick(getattr(self, n), lang).strip() for lang in ("zh", "en"))]


@dataclass(frozen=True)
class CameraPlacement:
    """Where one camera is installed and who checked it against the guide (C13)."""

    camera: str
    location: str
    checked_by: str = ""
    checked_on: date | None = None


@dataclass(frozen=True)
class PersonData:
    number: str  # student or candidate number
    name: str
    klass: str = ""
    birth: date | None = None

    def age_on(self, day: date) -> int | None:
        return age_on(self.birth, day)


@dataclass(frozen=True)
class ConsentSlipData:
    person: PersonData
    notice: NoticeData
    printed: date
    guardian: bool | None = None  # None: decided from the date of birth
    age_of_consent: int = field(default_factory=lambda: int(BY_NAME["age_of_consent"].default))

    @property
    def for_guardian(self) -> bool:
        if self.guardian is not None:
            return self.guardian
        return is_child(self.person.birth, self.printed, self.age_of_consent)


@dataclass(frozen=True)
class ChildrenRulesData:
    notice: NoticeData
    retention: Localized = ""  # the children's retention; the notice's when empty


@dataclass(frozen=True)
class AttendanceRow:
    seat: str
    number: str
    name: str
    status: str  # present | late | absent | excused | pending
    time: datetime | None = None
    method: str = ""  # face | manual | "" (not checked in)
    # About the attendance status (late, excused, corrected), never about why face
    # recognition was not used: C7 lets face and manual rows differ only in the method.
    reason: str = ""


@dataclass(frozen=True)
class Incident:
    time: datetime
    kind: str  # duplicate_room | double_checkin | correction | camera | other
    detail: str
    person: str = ""
    by: str = ""  # who acted (corrections)
    why: str = ""  # why (corrections)


@dataclass(frozen=True)
class AttendanceSheet:
    session_id: str
    kind: str  # exam | class
    title: str  # exam subject or class name
    room: str
    scheduled_start: datetime | None
    scheduled_end: datetime | None = None
    opened: datetime | None = None
    closed: datetime | None = None
    legal_basis: str = "consent"  # consent | statutory | free text
    legal_basis_text: str = ""  # the rule relied on, for a statutory basis
    operators: tuple[str, ...] = ()  # accounts that worked the station (not signers)
    rows: tuple[AttendanceRow, ...] = ()
    incidents: tuple[Incident, ...] = ()
    invigilators: tuple[str, ...] = ()  # named on the session: they sign the report

    def counts(self) -> dict[str, int]:
        out = {"total": len(self.rows), "present": 0, "late": 0, "absent": 0,
               "excused": 0, "pending": 0, "face": 0, "manual": 0}
        for row in self.rows:
            out[row.status] = out.get(row.status, 0) + 1
            if row.method in ("face", "manual"):
                out[row.method] += 1
        return out


@dataclass(frozen=True)
class TermStudent:
    number: str
    name: str
    present: int = 0
    late: int = 0
    absent: int = 0
    excused: int = 0

    @property
    def sessions(self) -> int:
        return self.present + self.late + self.absent + self.excused

    @property
    def rate(self) -> float | None:
        """Share of sessions attended (present or late); None without sessions."""
        total = self.sessions - self.excused
        return (self.present + self.late) / total if total > 0 else None


@dataclass(frozen=True)
class TermDay:
    day: date
    expected: int
    attended: int  # present or late


@dataclass(frozen=True)
class TermClass:
    klass: str
    students: tuple[TermStudent, ...]
    days: tuple[TermDay, ...] = ()


@dataclass(frozen=True)
class TermData:
    start: date
    end: date
    classes: tuple[TermClass, ...]


@dataclass(frozen=True)
class DeletionReceiptData:
    receipt_id: str
    person: PersonData
    when: datetime
    templates_deleted: int
    operator: str
    requested_by: str = ""  # the person or guardian who asked
    relationship: str = ""
    consent_withdrawn: bool = True
    audit_ref: str = ""


@dataclass(frozen=True)
class PurgedItem:
    number: str
    name: str
    templates: int | None = None  # None: the receipt holds only the total
    enrolled: date | None = None
    expired: date | None = None


@dataclass(frozen=True)
class PurgeReceiptData:
    receipt_id: str
    when: datetime
    rule: Localized  # the retention rule that applied
    items: tuple[PurgedItem, ...]
    operator: str = ""  # empty: the automatic purge
    audit_ref: str = ""
    templates_deleted: int | None = None  # None: the sum over the items
    extra: tuple[tuple[Localized, str], ...] = ()  # other things the purge removed

    @property
    def templates_total(self) -> int:
        if self.templates_deleted is not None:
            return self.templates_deleted
        return sum(i.templates or 0 for i in self.items)


@dataclass(frozen=True)
class PiaCounts:
    people: int = 0
    with_templates: int = 0
    consents: int = 0
    guardian_consents: int = 0
    withdrawals: int = 0
    sessions: int = 0
    face_checkins: int = 0
    manual_checkins: int = 0
    purged: int = 0


@dataclass(frozen=True)
class PiaData:
    notice: NoticeData
    generated: datetime
    counts: PiaCounts
    data_items: tuple[Localized, ...] = ()  # data categories; defaults when empty
    safeguards: tuple[Localized, ...] = ()  # defaults when empty
    period_start: date | None = None
    period_end: date | None = None
    filing_threshold: int = 100_000
    filing_warning: int = 80_000
    credit_code: str = ""  # the school's unified social credit code
    done_on: date | None = None  # the day an administrator recorded it done (Art. 9)
    false_match: Localized = ""  # the last calibrate's measured false-match rate
    filing_reached_on: date | None = None  # the day 100,000 was first reached
    filing_deadline: date | None = None  # 30 working days later (Art. 15)


@dataclass(frozen=True)
class FilingData:
    pia: PiaData
    rules: tuple[Localized, ...] = ()  # internal rules; defaults when empty
    responsible: str = ""  # person responsible for personal information protection
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def volume(self) -> int:
        return self.pia.counts.with_templates
