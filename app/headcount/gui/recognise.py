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

Compliance C1: the gallery is the station's ``SessionGallery``: this session's roster
plus, for an exam, the other rooms of the same exam (to warn, never to check in).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from headcount.attendance.recognition import SessionGallery
from headcount.matching.decision import GapRule
from headcount.matching.threshold import default_choice

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
    runner_up: float | None = None  # distance of the next-nearest person


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

    The state is one immutable ``SessionGallery`` from the station (the core's one path
    from a face to a check-in, attendance/recognition.py); the GUI thread replaces it at
    once (``configure``, ``mark_elsewhere``) and workers only read it, so no lock is
    needed (attribute assignment is atomic).
    """

    def __init__(self) -> None:
        self._gallery: SessionGallery | None = None

    @property
    def threshold(self) -> float:
        if self._gallery is None:
            return default_choice().threshold
        return self._gallery.threshold

    @property
    def gap(self) -> GapRule | None:
        """The station's gap rule for this session (None: the plain threshold decides)."""
        return None if self._gallery is None else self._gallery.gap

    @property
    def nobody_enrolled(self) -> bool:
        """No one on this list has a template: a face is nobody to match, not a stranger."""
        return self._gallery is None or self._gallery.nobody_enrolled

    def configure(self, gallery: SessionGallery) -> None:
        self._gallery = gallery

    def mark_elsewhere(self, checked_elsewhere: dict[int, int]) -> None:
        if self._gallery is not None:
            self._gallery = self._gallery.with_elsewhere(checked_elsewhere)

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
        gallery = self._gallery
        if gallery is None or face.descriptor is None or not face.quality_ok:
            return base
        m = gallery.decide(face.descriptor)
        if m.ambiguous:
            base.reasons = (*base.reasons, "ambiguous")
            return base
        base.kind, base.distance = m.kind, m.distance
        if m.kind in ("roster", "elsewhere"):
            base.person_id, base.other_session = m.person_id, m.other_session
        base.runner_up = m.runner_up_distance
        return base

    def decide_all(self, faces: list[Any], rgb: np.ndarray, index: int,
                   captured_at: float) -> FeedResult:
        outcomes = [self.decide(f) for f in faces]
        return FeedResult(rgb, outcomes, index, captured_at, time.monotonic())
