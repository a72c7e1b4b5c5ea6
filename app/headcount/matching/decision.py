"""The open-set decision rule: match, unknown or ambiguous, from the two nearest people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from headcount.errors import BadInput

PersonId = str | int

# Default open-set threshold: dlib's published operating point ("same person below 0.6").
DEFAULT_THRESHOLD = 0.6

# Default ambiguity margin. The distance between two captures of one person moves by
# several hundredths from capture to capture (dlib's own pipeline on LFW: genuine pairs
# 0.435 +- 0.084, impostors 0.804 +- 0.088), so when two people are within ~0.05 of the
# query the descriptor does not really tell them apart. Measured with dlib's descriptors
# on LFW (one enrolment photo per person, 3,403 probes, random rosters of 40, threshold
# 0.6): margin 0 -> 1.73 % of enrolled people matched to the WRONG person; 0.03 -> 0.76 %
# wrong, 2.2 % ambiguous; 0.05 -> 0.52 % wrong, 3.7 % ambiguous; 0.08 -> 0.41 % wrong,
# 6.5 % ambiguous. 0.05 is the knee: it removes 70 % of the wrong matches for a few
# percent of manual checks, and larger margins buy little more. (ORL and Yale: 0.05
# flags 1.2 % and 0.7 % of right answers.) Strangers are the threshold's job, not the
# margin's: see calibration.
DEFAULT_AMBIGUITY_MARGIN = 0.05

Outcome = Literal["match", "unknown", "ambiguous"]


@dataclass(frozen=True)
class Hit:
    """One candidate person for a query and their distance (nearest of their templates)."""

    person_id: PersonId
    distance: float


@dataclass(frozen=True)
class Decision:
    """The open-set answer for one face.

    - ``match``: ``person_id`` is the only person under the threshold, or is ahead of the
      runner-up by at least the margin.
    - ``ambiguous``: the two best people are both under the threshold and within the
      margin of each other; ``person_id`` and ``runner_up_id`` are the two candidates
      (for a manual check, never for an automatic record).
    - ``unknown``: nobody under the threshold (or an empty gallery); ``person_id`` is
      None, ``distance`` is the nearest distance found (None for an empty gallery).
    """

    outcome: Outcome
    person_id: PersonId | None
    distance: float | None
    runner_up_id: PersonId | None
    runner_up_distance: float | None
    threshold: float
    ambiguity_margin: float


def decide_from_hits(hits: tuple[Hit, ...], threshold: float, margin: float) -> Decision:
    """The decision for one query from its two nearest people (nearest first)."""
    if not hits:
        return Decision("unknown", None, None, None, None, threshold, margin)
    best = hits[0]
    if best.distance >= threshold:
        return Decision("unknown", None, best.distance, None, None, threshold, margin)
    second = hits[1] if len(hits) > 1 else None
    if second is None:
        return Decision("match", best.person_id, best.distance, None, None, threshold, margin)
    outcome: Outcome = "match"
    if second.distance < threshold and second.distance - best.distance < margin:
        outcome = "ambiguous"
    return Decision(
        outcome,
        best.person_id,
        best.distance,
        second.person_id,
        second.distance,
        threshold,
        margin,
    )


def check_positive(value: object, name: str, zh: str, allow_zero: bool = False) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        v = float("nan")
    if not np.isfinite(v) or v < 0 or (v == 0 and not allow_zero):
        raise BadInput(
            f"{name} must be a positive number, got {value!r}", f"{zh}必须是正数，实际为 {value!r}"
        )
    return v
