"""A classroom roll call as one action: propose from one frame, a person confirms.

``propose`` matches every face of a classroom frame against the session's own list
(C1: ``recognition.session_gallery``, the path every face of the station takes; another
exam room's candidate is never proposed) and returns a ``RollCallProposal``: the confident
matches (one face per person, the closest), faces that are ambiguous or unknown, the
people already checked in, and the rest of the list with the reason their manual
check will most likely need. Nothing is recorded. ``confirm`` records the matches a
person ticked, and only those: a number that was not proposed cannot be confirmed
through it. The window and ``checkin --image --propose`` show the same proposal.

The frame is never stored (C9); a proposal holds boxes, distances and numbers only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

import numpy as np

from headcount.attendance.checkin import Attendance, CheckinResult
from headcount.attendance.recognition import session_gallery
from headcount.errors import BadInput, Refused
from headcount.i18n import Text
from headcount.store.users import User

Box = tuple[float, float, float, float]  # x1, y1, x2, y2 in frame pixels


@dataclass
class Proposed:
    person_id: int
    number: str
    name: str
    seat: str
    box: Box
    distance: float


@dataclass
class Remaining:
    """Someone on the list the frame did not check in: to be checked by hand."""

    person_id: int
    number: str
    name: str
    seat: str
    reason: str  # a REASONS code to preselect in the manual check
    # already checked in to this session (room) of the same exam: check their ID
    # before checking them in here too (a possible impersonation)
    checked_in_elsewhere: int | None = None


@dataclass
class RollCallProposal:
    session_id: int
    threshold: float
    model_version: str
    frame_size: tuple[int, int]  # width, height
    faces: int = 0
    matches: list[Proposed] = field(default_factory=list)
    already: list[Proposed] = field(default_factory=list)  # matched, already checked in
    ambiguous: list[Box] = field(default_factory=list)
    unknown: list[Box] = field(default_factory=list)  # no one on the list is close
    poor: list[Box] = field(default_factory=list)  # too small/blurred to decide
    remaining: list[Remaining] = field(default_factory=list)
    nobody_enrolled: bool = False  # no one on the list can be matched at all

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["proposals"] = len(self.matches)
        out["awaiting_confirmation"] = len(self.matches)
        return out


@dataclass(frozen=True)
class RollCallConfirmed:
    """The ticked matches of a proposal, recorded as face check-ins."""

    session: int
    proposed: int
    confirmed: int
    unticked: tuple[str, ...]  # proposed numbers the person left unticked
    checkins: tuple[CheckinResult, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"session": self.session, "proposed": self.proposed,
                "confirmed": self.confirmed, "unticked": list(self.unticked),
                "checkins": [r.as_dict() for r in self.checkins]}


class Face(Protocol):
    """One face of a classroom frame (``vision.pipeline.FaceResult``; tests fake it)."""

    box: Any  # x1, y1, x2, y2 in frame pixels
    descriptor: np.ndarray | None  # None: too poor to describe

    @property
    def quality_ok(self) -> bool: ...


NOT_PROPOSED = Text("{numbers}: not in this roll call's proposal; check them by hand.",
                    "{numbers}：不在本次点名的建议名单中，请人工核验。")


def propose(attendance: Attendance, session_id: int, faces: list[Face], *, model_version: str,
            frame_size: tuple[int, int]) -> RollCallProposal:
    """Match the faces of one frame (``FaceResult``s of a classroom pipeline) against
    the session's list; record nothing. The session must be open: a roll call of a
    session that has not started proposes nobody."""
    s = attendance.open_session(session_id)
    gallery = session_gallery(attendance, s.id)  # the one path from a face (C1)
    roll = {r.person_id: r for r in attendance.roll(s.id)}
    out = RollCallProposal(s.id, gallery.threshold, model_version, frame_size,
                           faces=len(faces))
    usable = [f for f in faces if f.descriptor is not None and f.quality_ok]
    out.poor = [_box(f) for f in faces if f.descriptor is None or not f.quality_ok]
    enrolled = {int(p) for p in gallery.gallery.person_ids} & gallery.roster
    out.nobody_enrolled = not enrolled
    matches = gallery.decide_all([f.descriptor for f in usable if f.descriptor is not None]) \
        if usable and not out.nobody_enrolled else []
    best: dict[int, Proposed] = {}
    for face, m in zip(usable, matches, strict=False):
        if m.ambiguous:
            out.ambiguous.append(_box(face))
            continue
        # Another room's candidate, or one checked in elsewhere: never proposed here.
        if m.kind != "roster" or m.person_id is None:
            out.unknown.append(_box(face))
            continue
        pid = m.person_id
        row = roll[pid]
        p = Proposed(pid, row.number, row.name, row.seat or "", _box(face),
                     round(float(m.distance or 0.0), 4))
        other = best.get(pid)
        if other is not None:  # two faces, one person: keep the closer, doubt the other
            keep, drop = (p, other) if p.distance < other.distance else (other, p)
            best[pid] = keep
            out.ambiguous.append(drop.box)
            continue
        best[pid] = p
    for pid, p in best.items():
        (out.already if roll[pid].time else out.matches).append(p)
    out.matches.sort(key=lambda p: (p.seat, p.number))
    if out.nobody_enrolled:
        out.unknown, out.poor = [], [*out.poor, *(_box(f) for f in usable)]
    for pid, row in roll.items():
        if pid in best or row.time:
            continue
        if pid not in gallery.roster:
            reason = "no_consent"
        elif pid not in enrolled:
            reason = "not_enrolled"
        else:
            reason = "not_recognised"
        out.remaining.append(Remaining(pid, row.number, row.name, row.seat or "", reason,
                                       gallery.checked_elsewhere.get(pid)))
    out.remaining.sort(key=lambda r: (r.seat, r.number))
    return out


def confirm(attendance: Attendance, actor: User, proposal: RollCallProposal,
            numbers: list[str], *, station: str = "") -> RollCallConfirmed:
    """Record the ticked matches of ``proposal`` (face check-ins with their distance).
    Every number must be one of the proposal's matches; others are refused whole."""
    proposed = {p.number: p for p in proposal.matches}
    stray = [n for n in numbers if n not in proposed]
    if stray:
        joined = ", ".join(stray)
        raise Refused(NOT_PROPOSED.en.format(numbers=joined),
                      NOT_PROPOSED.zh.format(numbers=joined))
    if len(set(numbers)) != len(numbers):
        raise BadInput("A number is ticked twice.", "同一学号被勾选了两次。")
    results = [attendance.check_in(actor, proposal.session_id, n, method="face",
                                   score=proposed[n].distance, threshold=proposal.threshold,
                                   model_version=proposal.model_version, station=station)
               for n in numbers]
    unticked = [p.number for p in proposal.matches if p.number not in numbers]
    attendance.audit.record(actor.name, "roll_call_confirm", f"session:{proposal.session_id}",
                            {"proposed": len(proposal.matches), "confirmed": len(numbers),
                             "unticked": unticked})
    return RollCallConfirmed(proposal.session_id, len(proposal.matches), len(numbers),
                             tuple(unticked), tuple(results))


def _box(face: Face) -> Box:
    x1, y1, x2, y2 = (round(float(v), 1) for v in face.box)
    return (x1, y1, x2, y2)
