"""The open-set decision rule: match, unknown or ambiguous, from the two nearest people."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal, NamedTuple

import numpy as np

from headcount.errors import BadInput
from headcount.i18n import Text

PersonId = str | int

# Default open-set threshold for library callers: the shipped LFW estimate for a stranger
# proposed in at most 1 % of searches on a 45-person list (matching/threshold.py,
# LFW_PRIOR; a test keeps the two equal). dlib's published 0.6 proposes a stranger in
# 43 % of such searches. A station uses its own estimate (Station.estimate_threshold).
DEFAULT_THRESHOLD = 0.4698

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

# The gap rule (docs/BENCHMARKS.md, "Open-set threshold"): a search proposes its nearest
# person when ``distance - GAP_WEIGHT x (runner-up distance - distance)`` is under the
# rule's own threshold. A stranger tends to land between several people at similar
# distances; a student stands out from the rest of the list. On LFW (45-person lists, 1 %
# of stranger searches proposing someone) it matches more genuine searches than the
# plain distance at the same stranger rate; 0.5 was the best of the weights measured
# (0.25, 0.5, 1). No proposal is ever further than dlib's own same-person limit (GAP_CAP).
GAP_WEIGHT = 0.5
GAP_CAP = 0.6

Outcome = Literal["match", "unknown", "ambiguous"]


@dataclass(frozen=True)
class GapRule:
    """Score = distance - weight x lead over the runner-up; proposed when under ``threshold``.

    The runner-up is the next person on the list or, nearer still, the nearest
    COMPETITOR: an enrolled person who is not on this list (``matching.competitors``).
    A face nearer to a competitor than to anyone on the list is never proposed: it is
    more like someone who is not expected here.

    ``tail_mean``/``tail_std``: the normal curve fitted to the lower tail of stranger
    searches' scores (``simulate.fit_score_tail``), for the per-search false-match rate
    at a given score (the candidate card's words).
    """

    weight: float
    threshold: float
    tail_mean: float
    tail_std: float
    cap: float = GAP_CAP

    def stranger_rate(self, distance: float, runner_up: float | None,
                      competitor: float | None = None) -> float:
        """Share of stranger searches that score at least this well."""
        return NormalDist().cdf((self.score(distance, runner_up, competitor) - self.tail_mean)
                                / self.tail_std)

    def threshold_at(self, search_rate: float) -> float:
        """The score under which ``search_rate`` of stranger searches fall (tail curve)."""
        return self.tail_mean + self.tail_std * NormalDist().inv_cdf(search_rate)

    def score(self, distance: float, runner_up: float | None,
              competitor: float | None = None) -> float:
        """The rule's score (lower = more alike); with nobody else at all, the distance."""
        runner = nearer(runner_up, competitor)
        if runner is None:
            return distance
        return distance - self.weight * (runner - distance)

    def proposes(self, distance: float, runner_up: float | None, plain: float,
                 competitor: float | None = None) -> bool:
        """Under the gap threshold and the cap, and nearer than every competitor; with
        nobody else at all (no gap to measure) the threshold ``plain`` decides."""
        if competitor is not None and competitor < distance:
            return False
        if nearer(runner_up, competitor) is None:
            return distance < plain
        return distance < self.cap and self.score(distance, runner_up, competitor) < self.threshold


def nearer(a: float | None, b: float | None) -> float | None:
    """The smaller of two optional distances."""
    if a is None or b is None:
        return b if a is None else a
    return min(a, b)


class Hit(NamedTuple):
    """One candidate person for a query and their distance (nearest of their templates).
    A named tuple: a search makes k of them per query, in its inner loop."""

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
    competitor_distance: float | None = None  # nearest enrolled person not on the list


def decide_from_hits(hits: tuple[Hit, ...], threshold: float, margin: float,
                     gap: GapRule | None = None, competitor: float | None = None) -> Decision:
    """The decision for one query from its two nearest people (nearest first).

    Plain rule (``gap`` None): the nearest person under ``threshold``. Gap rule: the
    nearest person when ``gap.proposes`` (``threshold`` then only decides when nobody
    else is enrolled). Either way two proposed people within ``margin`` of each other
    are ambiguous. ``competitor``: the distance of the nearest enrolled person NOT on
    the list (``matching.competitors``); a face nearer to them is ``unknown`` (they have
    no id here: nobody else can be named); a nearer runner-up than the list's lowers
    the gap rule's credit (and the card says so, ``verdict``).
    """
    if not hits:
        return Decision("unknown", None, None, None, None, threshold, margin)
    best = hits[0]
    second = hits[1] if len(hits) > 1 else None
    d2 = None if second is None else second.distance
    if gap is None:  # the plain rule: the distance alone, and nobody nearer elsewhere
        proposed = best.distance < threshold and not (
            competitor is not None and competitor < best.distance)
    else:
        proposed = gap.proposes(best.distance, d2, threshold, competitor)
    if not proposed:
        return Decision("unknown", None, best.distance, None, None, threshold, margin)
    if second is None:
        return Decision("match", best.person_id, best.distance, None, None, threshold, margin,
                        competitor)
    outcome: Outcome = "match"
    limit = threshold if gap is None else gap.cap
    if second.distance < limit and second.distance - best.distance < margin:
        outcome = "ambiguous"
    return Decision(outcome, best.person_id, best.distance, second.person_id,
                    second.distance, threshold, margin, competitor)


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


# ------------------------------------------------ a decision in an invigilator's words

Confidence = Literal["likely", "check", "uncertain"]
LIKELY_RATE = 0.001  # a stranger this close in fewer than 1 in 1,000 searches
UNCERTAIN_RATE = 0.02  # twice the default target: the threshold was set by hand too high


@dataclass(frozen=True)
class Verdict:
    level: Confidence
    headline: Text  # what to do
    detail: Text  # why: the per-search false-match rate and the margin, in words


def verdict(distance: float, runner_up: float | None, threshold: float,
            stranger_rate: float, margin: float = DEFAULT_AMBIGUITY_MARGIN,
            proposed: bool | None = None) -> Verdict:
    """A proposed match in words: how sure, and what the invigilator should do.

    ``stranger_rate``: the chance that someone NOT on the list comes this close to one
    of its people (``threshold.search_rate_at``, or the gap rule's own); ``runner_up``:
    the distance of the next-nearest person, on the list or a competitor (None when
    nobody else is enrolled);
    ``proposed``: whether the station's rule proposes it (default: under ``threshold``).
    """
    lead = None if runner_up is None else runner_up - distance
    proposed = distance < threshold if proposed is None else proposed
    if not proposed or (lead is not None and lead < margin) \
            or stranger_rate >= UNCERTAIN_RATE:
        level: Confidence = "uncertain"
        headline = Text("Uncertain — use the manual check", "不确定——请人工核验")
    elif stranger_rate < LIKELY_RATE and (lead is None or lead >= 2 * margin):
        level = "likely"
        headline = Text("Likely this person — check the ID card",
                        "很可能是本人——请核对身份证件")
    else:
        level = "check"
        headline = Text("Possible — compare carefully with the ID card",
                        "可能是本人——请仔细核对身份证件")
    if stranger_rate < 1e-4:
        rate = Text("a stranger comes this close in fewer than 1 in 10,000 searches",
                    "陌生人达到这一相似度的概率低于万分之一")
    else:
        n = max(1, round(1 / stranger_rate))
        rate = Text(f"a stranger comes this close about once in {n:,} searches",
                    f"陌生人约每 {n:,} 次识别中有 1 次达到这一相似度")
    # The runner-up may be an enrolled person NOT on the list (a competitor): the words
    # never say who, nor whether they are on the list.
    if lead is None:
        near = Text("nobody else enrolled is close", "没有其他已登记的人相近")
    elif lead < margin:
        near = Text("someone else is almost as close", "另有一人几乎同样相似")
    elif lead < 2 * margin:
        near = Text("someone else is fairly close", "另有一人比较相似")
    else:
        near = Text("everyone else is clearly less alike", "其他人明显不如此人相似")
    detail = Text(f"{rate.en[0].upper()}{rate.en[1:]}; {near.en}.", f"{rate.zh}；{near.zh}。")
    return Verdict(level, headline, detail)
