"""The station's match threshold, chosen from a stated target rather than fixed.

The target: a person who is not enrolled (a stranger) is proposed as someone on a
``roster``-person list in at most ``target`` of searches (1 % of searches on a 45-person
list by default). The threshold that meets it is estimated

- from the station's own gallery (``calibration.threshold_for`` on the impostor
  distances between its enrolled people) once ``MIN_PEOPLE`` people have templates;
- until then from LFW impostor statistics shipped below (``LFW_PRIOR``): only fitted
  numbers, no image and no descriptor of anyone. Provenance in docs/BENCHMARKS.md
  ("Open-set threshold").

The station decides by the gap rule (``decision.GapRule``: distance minus half the lead
over the runner-up) unless its ``match_rule`` setting says "plain". That rule's threshold
comes from simulated stranger searches on the station's own gallery
(``simulate.stranger_searches``) once ``MIN_PEOPLE_GAP`` people have templates, from the
LFW figures in ``LFW_GAP_PRIOR`` until then. The plain threshold is still estimated: it
decides for a list of one, and when the rule is "plain".

``Station.estimate_threshold`` runs this after every enrolment batch and stores the
result in the settings (``match_threshold_estimate``); decisions use it while
``match_threshold`` is "auto" (``matching.in_force``). The station's simulated searches
count the rest of its enrolled people as competitors, as a session does
(``matching.competitors``); LFW's gap prior has none, which is conservative (a
competitor can only withhold a proposal): docs/BENCHMARKS.md, "Competitors".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from headcount.i18n import Text
from headcount.matching.calibration import (
    TailFit,
    fit_tail,
    impostor_distances,
    search_fmr,
    threshold_for,
)
from headcount.matching.competitors import MAX_TEMPLATES
from headcount.matching.decision import GAP_WEIGHT, GapRule, Verdict, verdict
from headcount.matching.gallery import Gallery, GalleryView
from headcount.matching.simulate import gap_threshold, stranger_searches

TARGET = 0.01  # share of stranger searches that may propose someone
ROSTER = 45  # people on the list a search compares with (one exam room)
MIN_PEOPLE = 30  # below this, the station's own impostor scores are too few and too alike
# Simulated searches need lists of ROSTER people drawn from many more: below this the
# station's lists would all be nearly the same people.
MIN_PEOPLE_GAP = 100

# Derived from LFW through our own pipeline (entrance mode, face nearest the centre) for
# the station as it enrols since 2026-12-03: templates averaged over jittered chips
# (vision/jitter.py), live probes described with chip and mirror. One template each of
# 2,280 people (the first described image of the 1,680 people with 2+ images and of 600
# with one); 2,000,000 sampled impostor distances between the MIRROR descriptor of each
# person's photo and another person's JITTERED template, as a search at the entrance
# compares them; a normal curve fitted to the lowest 3 % of their squares
# (calibration.fit_tail). ``threshold`` is what that curve gives at TARGET and ROSTER
# (0.4698); the empirical quantile of the same distances is 0.4733, so the curve errs on
# the strict side, as it did for mirror-only templates (0.4774 against 0.4792). The
# open-set protocol (bench/openset.py, 500 random 45-person lists, jittered templates)
# proposed a stranger in 0.76 % of searches at 0.4688 and 0.88 % at 0.4733.
LFW_PRIOR: dict[str, Any] = {
    "tail_mean": 0.55723,
    "tail_std": 0.095840,
    "tail_points": 60000,
    "threshold": 0.4698,
    "source": "LFW impostor statistics, mirror probes vs jittered templates, 2026-12-03",
}

# The gap rule's prior, from the same 2,280 LFW people: 182,400 simulated stranger
# searches (each person's mirror descriptor against 80 random lists of 45 OTHER people's
# jittered templates), scored distance - 0.5 x lead. ``threshold`` is the empirical 1 %
# quantile of those scores (0.4234; the tail curve, simulate.fit_score_tail on them,
# gives 0.4221); the open-set protocol's odd lists propose a stranger in 1.01 % of
# searches at 0.4237 and its even lists chose 0.4268 (docs/BENCHMARKS.md, "Open-set
# threshold"). With mirror-only templates the same searches gave 0.4275 (0.429 shipped).
LFW_GAP_PRIOR: dict[str, Any] = {
    "weight": GAP_WEIGHT,
    "threshold": 0.4234,
    "tail_mean": 0.64909,
    "tail_std": 0.097567,
    "searches": 182400,
    "source": "LFW simulated stranger searches, mirror probes vs jittered templates, 2026-12-03",
}

# A station's own estimates compare its stored templates with each other. A jittered
# template is smoother than a live descriptor, so two jittered templates lie closer than
# a live face and a jittered template: the estimate comes out low (conservative). On
# LFW's 2,280 people the shortfall against the same searches made with the photos'
# mirror descriptors as probes was, for a gallery of jittered templates, 0.0043 for the
# plain threshold (4 samples of 2,000,000 impostor pairs, 0.0041-0.0045) and 0.0041 for
# the gap rule (182,400 paired searches; 3 runs of 54,720: 0.0040-0.0063), and half of
# that with half the templates jittered (plain 0.0022, gap 0.0028): the shortfall grows
# with the share of jittered templates. ``jitter_corrected`` adds it back, in
# proportion. Mirror-only templates (tagged models.MODEL_VERSION) need none.
JITTER_CORRECTION: dict[str, float] = {"plain": 0.0043, "gap": 0.0041}

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
    # The gap rule (decision.GapRule), estimated alongside
    gap_weight: float = LFW_GAP_PRIOR["weight"]
    gap_threshold: float = LFW_GAP_PRIOR["threshold"]
    gap_source: Source = "lfw"
    gap_method: str = "empirical"  # "empirical" or "tail"
    gap_tail_mean: float = LFW_GAP_PRIOR["tail_mean"]
    gap_tail_std: float = LFW_GAP_PRIOR["tail_std"]
    gap_searches: int = LFW_GAP_PRIOR["searches"]

    def gap_rule(self) -> GapRule:
        return GapRule(self.gap_weight, self.gap_threshold, self.gap_tail_mean,
                       self.gap_tail_std)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ThresholdChoice:
        required = [k for k in cls.__dataclass_fields__ if not k.startswith("gap_")]
        return cls(**{k: d[k] for k in required},
                   **{k: d[k] for k in cls.__dataclass_fields__ if k.startswith("gap_") and k in d})

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
        if self.gap_source == "station":
            en_gap = f"from {self.gap_searches:,} simulated searches on this station's people"
            zh_gap = f"由本工作站人员的 {self.gap_searches:,} 次模拟识别估计"
        else:
            en_gap = f"from LFW until {MIN_PEOPLE_GAP} people are enrolled"
            zh_gap = f"登记满 {MIN_PEOPLE_GAP} 人前按 LFW 估计"
        return Text(
            f"distance threshold {self.threshold:.3f}: a stranger proposed in at most {pct} of "
            f"searches on a {self.roster}-person list; {en_src}. Gap rule (distance minus "
            f"{self.gap_weight:g} x the lead over the next person) threshold "
            f"{self.gap_threshold:.3f}, {en_gap}",
            f"距离阈值 {self.threshold:.3f}：在 {self.roster} 人名单中，陌生人被误认为某人的"
            f"识别不超过 {pct}；{zh_src}。差距规则（距离减去领先第二名差距的 "
            f"{self.gap_weight:g} 倍）阈值 {self.gap_threshold:.3f}，{zh_gap}",
        )


def default_choice(target: float = TARGET, roster: int = ROSTER, people: int = 0,
                   templates: int = 0) -> ThresholdChoice:
    """The choice from the shipped LFW statistics alone."""
    tail = prior_tail()
    t, _ = threshold_for(_NO_SCORES, target, roster, tail)
    gap = LFW_GAP_PRIOR
    g_t = gap["threshold"]
    if (target, roster) != (TARGET, ROSTER):  # another target: read it off the prior's curve
        g_t = round(GapRule(gap["weight"], 0.0, gap["tail_mean"], gap["tail_std"])
                    .threshold_at(search_rate=target), 4)
    return ThresholdChoice(round(t, 4), target, roster, "lfw", people, templates, "tail",
                           tail.mean, tail.std, gap_threshold=g_t,
                           gap_method="empirical" if g_t == gap["threshold"] else "tail")


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
    plain = ThresholdChoice(round(t, 4), target, roster, "station", people, templates, method,
                            tail.mean, tail.std)
    lfw = default_choice(target, roster, people, templates)
    plain = replace(plain, **{k: v for k, v in lfw.to_dict().items() if k.startswith("gap_")})
    if people < max(roster + 1, MIN_PEOPLE_GAP):
        return plain
    # as a session decides: the rest of the enrolled people are competitors
    sims = stranger_searches(gallery, roster, seed=seed, competitors=MAX_TEMPLATES)
    g_t, g_method, g_tail = gap_threshold(sims, GAP_WEIGHT, target)
    if g_tail is None:
        return plain
    return replace(plain, gap_weight=GAP_WEIGHT, gap_threshold=round(g_t, 4),
                   gap_source="station", gap_method=g_method, gap_tail_mean=g_tail.mean,
                   gap_tail_std=g_tail.std, gap_searches=len(sims.d1))


def jitter_corrected(choice: ThresholdChoice, jittered: float) -> ThresholdChoice:
    """``choice`` with its station-estimated thresholds raised by ``JITTER_CORRECTION``
    times ``jittered``, the share (0-1) of the gallery's templates averaged over jitters
    (models.TEMPLATE_VERSION). LFW's priors already stand for jittered templates."""
    share = min(1.0, max(0.0, float(jittered)))
    out = choice
    if share and choice.source == "station":
        t = choice.threshold + JITTER_CORRECTION["plain"] * share
        # the plain tail is a curve of squared distances: move it with the threshold
        out = replace(out, threshold=round(t, 4),
                      tail_mean=choice.tail_mean + t * t - choice.threshold ** 2)
    if share and choice.gap_source == "station":
        shift = JITTER_CORRECTION["gap"] * share
        out = replace(out, gap_threshold=round(choice.gap_threshold + shift, 4),
                      gap_tail_mean=choice.gap_tail_mean + shift)
    return out


def search_rate_at(distance: float, roster: int = ROSTER,
                   tail: TailFit | None = None) -> float:
    """Chance that a stranger comes at least this close to someone on a ``roster`` list."""
    return search_fmr((tail or prior_tail()).rate(distance), roster)


def match_verdict(distance: float, runner_up: float | None, threshold: float,
                  roster: int = ROSTER, tail: TailFit | None = None,
                  gap: GapRule | None = None) -> Verdict:
    """A proposed match in an invigilator's words (decision.verdict). Per-search
    false-match rate: under the gap rule, the share of stranger searches scoring as well
    (its own tail); else read from the impostor curve at the match's own distance."""
    if gap is None or runner_up is None:
        return verdict(distance, runner_up, threshold, search_rate_at(distance, roster, tail))
    return verdict(distance, runner_up, threshold, gap.stranger_rate(distance, runner_up),
                   proposed=gap.proposes(distance, runner_up, threshold))


_NO_SCORES: Any = ()
