"""The station's match threshold, chosen from a stated target rather than fixed.

The target: a person who is not enrolled (a stranger) is proposed as someone on a
``roster``-person list in at most ``target`` of searches (1 % of searches on a 45-person
list by default). The threshold that meets it is estimated

- from the station's own gallery (``calibration.threshold_for`` on the impostor
  distances between its enrolled people) once ``MIN_PEOPLE`` people have templates;
- until then from LFW impostor statistics shipped below (``LFW_PRIOR``): only fitted
  numbers, no image and no descriptor of anyone. Provenance in docs/BENCHMARKS.md
  ("Open-set threshold").

``Station.estimate_threshold`` runs this after every enrolment batch and stores the
result in the settings (``match_threshold`` and ``match_threshold_estimate``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from headcount.i18n import Text
from headcount.matching.calibration import (
    TailFit,
    fit_tail,
    impostor_distances,
    search_fmr,
    threshold_for,
)
from headcount.matching.decision import Verdict, verdict
from headcount.matching.gallery import Gallery, GalleryView

TARGET = 0.01  # share of stranger searches that may propose someone
ROSTER = 45  # people on the list a search compares with (one exam room)
MIN_PEOPLE = 30  # below this, the station's own impostor scores are too few and too alike

# Derived from LFW through our own pipeline (entrance mode, face nearest the centre,
# mirror descriptors): one template each of 2,280 people (the first described image of
# the 1,680 people with 2+ images and of 600 with one), 2,000,000 sampled impostor
# distances (calibration.impostor_distances), a normal curve fitted to the lowest 3 % of
# their squares (calibration.fit_tail). ``threshold`` is what that curve gives at TARGET
# and ROSTER (0.4774); the open-set protocol (bench/openset.py, 500 random 45-person
# lists) measured 0.477 for 1 % of stranger searches, so the independence formula holds.
LFW_PRIOR: dict[str, Any] = {
    "tail_mean": 0.56818,
    "tail_std": 0.096927,
    "tail_points": 60000,
    "threshold": 0.4774,
    "source": "LFW impostor statistics, headcount pipeline, 2026-12-03",
}

Source = Literal["station", "lfw"]


def prior_tail() -> TailFit:
    return TailFit(LFW_PRIOR["tail_mean"], LFW_PRIOR["tail_std"], LFW_PRIOR["tail_points"])


@dataclass(frozen=True)
class ThresholdChoice:
    threshold: float
    target: float
    roster: int
    source: Source
    people: int  # people with templates when estimated
    templates: int
    method: str  # "empirical" or "tail" (station); "tail" (lfw)
    tail_mean: float
    tail_std: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ThresholdChoice:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__})

    def tail(self) -> TailFit:
        return TailFit(self.tail_mean, self.tail_std, 0)

    def describe(self) -> Text:
        """One line for `doctor` and the settings window."""
        pct = f"{self.target * 100:g}%"
        if self.source == "station":
            en_src = (f"estimated from this station's {self.people} enrolled people "
                      f"({self.templates} templates)")
            zh_src = f"由本工作站已登记的 {self.people} 人（{self.templates} 个模板）估计"
        else:
            en_src = (f"estimated from LFW statistics until {MIN_PEOPLE} people are enrolled "
                      f"(now {self.people})")
            zh_src = f"登记满 {MIN_PEOPLE} 人前按 LFW 统计估计（目前 {self.people} 人）"
        return Text(
            f"match threshold {self.threshold:.3f}: a stranger proposed in at most {pct} of "
            f"searches on a {self.roster}-person list; {en_src}",
            f"匹配阈值 {self.threshold:.3f}：在 {self.roster} 人名单中，陌生人被误认为某人的"
            f"识别不超过 {pct}；{zh_src}",
        )


def default_choice(target: float = TARGET, roster: int = ROSTER, people: int = 0,
                   templates: int = 0) -> ThresholdChoice:
    """The choice from the shipped LFW statistics alone."""
    tail = prior_tail()
    t, _ = threshold_for(_NO_SCORES, target, roster, tail)
    return ThresholdChoice(round(t, 4), target, roster, "lfw", people, templates, "tail",
                           tail.mean, tail.std)


def choose_threshold(gallery: Gallery | GalleryView | None, target: float = TARGET,
                     roster: int = ROSTER, min_people: int = MIN_PEOPLE,
                     seed: int = 0) -> ThresholdChoice:
    """The threshold for ``target`` from the station's gallery, or LFW's until it is big
    enough (``min_people`` people with templates)."""
    people = gallery.people_count if gallery is not None else 0
    templates = len(gallery._index().templates) if gallery is not None and people else 0
    if gallery is None or people < max(2, min_people):
        return default_choice(target, roster, people, templates)
    imp, _ = impostor_distances(gallery, seed=seed)
    tail = fit_tail(imp)
    t, method = threshold_for(imp, target, roster, tail)
    if tail is None:  # all scores equal: nothing to extrapolate from, keep LFW's curve
        return default_choice(target, roster, people, templates)
    return ThresholdChoice(round(t, 4), target, roster, "station", people, templates, method,
                           tail.mean, tail.std)


def search_rate_at(distance: float, roster: int = ROSTER,
                   tail: TailFit | None = None) -> float:
    """Chance that a stranger comes at least this close to someone on a ``roster`` list."""
    return search_fmr((tail or prior_tail()).rate(distance), roster)


def match_verdict(distance: float, runner_up: float | None, threshold: float,
                  roster: int = ROSTER, tail: TailFit | None = None) -> Verdict:
    """A proposed match in an invigilator's words (decision.verdict), its per-search
    false-match rate read from the impostor curve at the match's own distance."""
    return verdict(distance, runner_up, threshold, search_rate_at(distance, roster, tail))


_NO_SCORES: Any = ()
