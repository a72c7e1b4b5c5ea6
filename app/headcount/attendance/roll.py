"""A session's roll as typed rows: who is on the list, their status and how they came.

``Attendance.roll`` returns these; the window, the command line and the reports read
fields by name. ``as_dict`` is the command line's JSON shape (unchanged since the rows
were dicts: the list entry's fields, then the check-in's, flags as a list)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from headcount.attendance.sessions import Session


@dataclass(frozen=True)
class RollCorrection:
    """The latest correction of a person's status, with who made it and why."""

    status: str
    by: str
    reason: str
    at: str


@dataclass(frozen=True)
class RollRow:
    person_id: int
    number: str
    name: str
    class_name: str
    seat: str
    status: str  # after any correction (STATUSES)
    recorded_status: str  # from the check-in alone
    method: str | None = None  # "face" | "manual"; None: not checked in
    time: str | None = None
    score: float | None = None
    threshold: float | None = None
    model_version: str | None = None
    operator: str | None = None
    reason: str | None = None
    repeats: int = 0
    flags: tuple[str, ...] = ()
    event: int | None = None
    correction: RollCorrection | None = None

    @property
    def late(self) -> bool:
        """Checked in late, before any correction."""
        return self.recorded_status == "late"

    @property
    def elsewhere(self) -> bool:
        """Also checked in to another room of the same exam."""
        return any(f.startswith("also_in_session") for f in self.flags)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["flags"] = list(self.flags)
        return out


@dataclass(frozen=True)
class SessionView:
    """A session and its roll, as one audited read returns them."""

    session: Session
    roll: tuple[RollRow, ...]
