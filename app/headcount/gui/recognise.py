"""Turn the engine's faces into what the operator sees: one outcome per face (no Qt).

Outcomes (box colours in the feed):

* ``roster``: matched to someone on this session's list (green);
* ``elsewhere``: matched to someone on another room's list of the same exam, or who is
  already checked in to another room (amber): a warning for the invigilator;
* ``unknown``: a usable face that matches nobody under the threshold (red);
* ``unmatchable``: a face is there but cannot be decided: too poor to describe,
  ambiguous between two people, or recognition is off (grey). People without consent
  or without a template are never in the gallery, so they show as unknown/unmatchable
  and go to the Manual ID check like everyone else. When no one on the list has a
  template at all, every face is ``unmatchable`` with reason ``nobody_enrolled`` (a
  neutral hint, never a red stranger alert).

Compliance C1: the gallery holds only this session's roster plus, for an exam, the
other rooms of the same exam (to warn, never to check in).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from headcount.matching.gallery import Gallery

OUTCOMES = ("roster", "elsewhere", "unknown", "unmatchable")


@dataclass
class FaceOutcome:
    box: tuple[float, float, float, float]
    kind: str  # one of OUTCOMES
    person_id: int | None = None
    distance: float | None = None
    track_id: int | None = None
    other_session: int | None = None
    reasons: tuple[str, ...] = ()


@dataclass
class FeedResult:
    """One analysed frame, handed to the GUI thread."""

    rgb: np.ndarray
    faces: list[FaceOutcome]
    index: int
    captured_at: float  # time.monotonic() when the frame was read
    decided_at: float  # time.monotonic() when its faces were decided
    fps: float = 0.0


class Recogniser:
    """Per-session matching state, shared by the feed workers of that session.

    The GUI thread replaces the whole state at once (``configure``, ``mark_elsewhere``);
    workers only read it, so no lock is needed (attribute assignment is atomic).
    """

    def __init__(self) -> None:
        self._view: Any = None
        self._roster: frozenset[int] = frozenset()
        self._other_rooms: dict[int, int] = {}
        self._checked_elsewhere: dict[int, int] = {}
        self.threshold = 0.6
        # No one on this list has a template: a face is nobody to match, not a stranger.
        self.nobody_enrolled = True

    def configure(self, *, templates: np.ndarray, person_ids: list[int], roster: set[int],
                  other_rooms: dict[int, int], checked_elsewhere: dict[int, int],
                  threshold: float) -> None:
        allowed = set(roster) | set(other_rooms)
        gallery = Gallery.from_arrays(templates, person_ids) if len(person_ids) else Gallery()
        self._view = gallery.restrict(allowed)
        self._roster = frozenset(roster)
        self._other_rooms = dict(other_rooms)
        self._checked_elsewhere = dict(checked_elsewhere)
        self.threshold = float(threshold)
        self.nobody_enrolled = not any(int(p) in self._roster for p in self._view.person_ids)

    def mark_elsewhere(self, checked_elsewhere: dict[int, int]) -> None:
        self._checked_elsewhere = dict(checked_elsewhere)

    def decide(self, face: Any) -> FaceOutcome:
        """``face`` is a ``FaceResult`` from the pipeline."""
        out = self._decide(face)
        # Nobody on this list enrolled: a face that is not another room's candidate is
        # nobody to match (neutral grey), never a red stranger alert.
        if self.nobody_enrolled and out.kind in ("unknown", "unmatchable"):
            out.kind = "unmatchable"
            out.reasons = (*out.reasons, "nobody_enrolled")
        return out

    def _decide(self, face: Any) -> FaceOutcome:
        box = tuple(float(v) for v in face.box)
        base = FaceOutcome(box, "unmatchable", track_id=face.track_id,  # type: ignore[arg-type]
                           reasons=tuple(face.reasons))
        view = self._view
        if view is None or face.descriptor is None or not face.quality_ok:
            return base
        d = view.decide(face.descriptor, threshold=self.threshold)
        if d.outcome == "unknown":
            base.kind, base.distance = "unknown", d.distance
            return base
        if d.outcome == "ambiguous":
            base.reasons = (*base.reasons, "ambiguous")
            return base
        pid = int(d.person_id)
        base.person_id, base.distance = pid, d.distance
        if pid in self._checked_elsewhere:
            base.kind, base.other_session = "elsewhere", self._checked_elsewhere[pid]
        elif pid in self._roster:
            base.kind = "roster"
        else:
            base.kind, base.other_session = "elsewhere", self._other_rooms.get(pid)
        return base

    def decide_all(self, faces: list[Any], rgb: np.ndarray, index: int,
                   captured_at: float) -> FeedResult:
        outcomes = [self.decide(f) for f in faces]
        return FeedResult(rgb, outcomes, index, captured_at, time.monotonic())
