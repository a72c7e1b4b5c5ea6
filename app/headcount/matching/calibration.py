"""Threshold calibration from the actual gallery: how often would a stranger be matched?

Impostor scores are distances from a template of one person to ANOTHER person (the
minimum over that person's templates: exactly what a search compares against), taken
from the gallery itself, so the estimate reflects this school's population and capture
conditions rather than a benchmark's. Genuine scores (between templates of one person)
are reported when people have 2+ templates.

Open-set search: a query from someone who is not enrolled is compared with every one of
N people; with a per-comparison false-match rate ``fmr`` the chance that at least one of
them falls under the threshold is ``1 - (1 - fmr)^N`` (treating the N comparisons as
independent; on LFW with rosters of 40 at 0.6 it predicted 35.6 % where 31.8 % of
strangers were actually matched: a little cautious, because a face that resembles one
person tends to resemble several).
With C1 roster restriction N is the roster size, not the whole gallery.

Rare events: at a strict threshold there may be few or no impostor scores below it, and
the empirical rate then says little (0 of 5,000 only means "probably below 6e-4"). We
also fit a normal curve to the SQUARED distances of the lowest 3 % of impostor scores (a
least-squares line on the probit scale) and use it when fewer than ``MIN_TAIL_COUNT``
impostor scores fall below the threshold; the report says which one was used and gives
the empirical 95 % upper bound as well (it assumes independent scores, which scores
sharing a face are not, so read it as indicative).

Why squared distances and 3 %: checked against 16.3 million LFW impostor scores of dlib's
own descriptors (4,270 people), fitting on random samples of 20,000 to 2,000,000 scores.
True rates at 0.45 / 0.40: 6.4e-5 / 6.7e-6. The fit on squared distances gave
6.2e-5 / 8.7e-6 from 20,000 scores and 8.3e-5 / 1.4e-5 from 2 million: close, and when
off, on the cautious side. A normal on plain distances, or one fitted to the lowest
10 %, underestimated the far tail by up to 2x; on log distances by up to 20x.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from statistics import NormalDist
from typing import Literal

import numpy as np

from headcount.errors import BadInput
from headcount.i18n import Text
from headcount.matching.gallery import (
    DEFAULT_THRESHOLD,
    Gallery,
    GalleryView,
    _Index,
    person_sqdist,
)

# Below this many impostor scores under the threshold, the empirical rate is too noisy.
MIN_TAIL_COUNT = 20
TAIL_FRACTION = 0.03  # lower share of the impostor scores the tail curve is fitted to
DEFAULT_MAX_IMPOSTOR = 2_000_000
DEFAULT_MAX_GENUINE = 200_000
_STD = NormalDist()

Method = Literal["empirical", "tail"]


def impostor_distances(
    gallery: Gallery | GalleryView, max_scores: int = DEFAULT_MAX_IMPOSTOR, seed: int = 0
) -> tuple[np.ndarray, bool]:
    """Template-to-other-person distances; returns (float64 scores, exhaustive?).

    Exhaustive when every unordered pair of people gives at most ``max_scores`` scores
    (rows of one person against each later person: nothing counted twice). Otherwise
    ``max_scores`` independent random (template, other person) pairs, seeded so a report
    can be reproduced. Pairs are drawn one by one on purpose: comparing a few sampled
    templates with everybody looks cheaper, but impostor scores depend strongly on the
    probe face, and on LFW that halved the estimated rate at 0.6.
    """
    idx = gallery._index()
    p, m = len(idx.ids), len(idx.templates)
    if p < 2:
        return np.zeros(0), True
    owner = np.repeat(np.arange(p), idx.counts)
    if m * (p - 1) // 2 > max_scores:
        return _sampled_impostors(idx, owner, max_scores, seed), False
    out = []
    cols = np.arange(p)
    block = max(1, (1 << 22) // m)
    for lo in range(0, m, block):
        r = np.arange(lo, min(m, lo + block))
        d2 = person_sqdist(idx, idx.templates[r])
        later = cols[None, :] > owner[r][:, None]
        out.append(np.sqrt(np.maximum(d2[later].astype(np.float64), 0.0)))
    return np.concatenate(out), True


def _sampled_impostors(idx: _Index, owner: np.ndarray, n: int, seed: int) -> np.ndarray:
    """``n`` random (template, other person) pairs: distance to that person's nearest template."""
    rng = np.random.default_rng(seed)
    p = len(idx.ids)
    rows = rng.integers(0, len(idx.templates), n)
    other = rng.integers(0, p - 1, n)
    other += other >= owner[rows]  # uniform over the p - 1 other people
    counts = idx.counts[other]
    ends = np.cumsum(counts)
    out = np.empty(n)
    lo = 0
    while lo < n:  # chunks of about 65,536 template rows (~32 MB of differences)
        hi = max(lo + 1, int(np.searchsorted(ends, ends[lo] - counts[lo] + (1 << 16), "right")))
        c = counts[lo:hi]
        first = np.cumsum(c) - c  # segment start of each pair within the chunk
        tpl = np.repeat(idx.starts[other[lo:hi]] - first, c) + np.arange(int(c.sum()))
        diff = idx.templates[tpl] - idx.templates[np.repeat(rows[lo:hi], c)]
        d2 = np.einsum("ij,ij->i", diff, diff, dtype=np.float64)
        out[lo:hi] = np.sqrt(np.minimum.reduceat(d2, first))
        lo = hi
    return out


def genuine_distances(
    gallery: Gallery | GalleryView, max_scores: int = DEFAULT_MAX_GENUINE, seed: int = 0
) -> np.ndarray:
    """Distances between pairs of templates of the same person (all pairs, or a sample)."""
    idx = gallery._index()
    multi = np.flatnonzero(idx.counts >= 2)
    if len(multi) == 0:
        return np.zeros(0)
    pairs_per = idx.counts[multi] * (idx.counts[multi] - 1) // 2
    if pairs_per.sum() > max_scores:  # keep a seeded random subset of people
        order = np.random.default_rng(seed).permutation(len(multi))
        keep = order[np.cumsum(pairs_per[order]) <= max_scores]
        multi = np.sort(multi[keep]) if len(keep) else multi[order[:1]]
    out = []
    for j in multi:
        s, n = int(idx.starts[j]), int(idx.counts[j])
        t = idx.templates[s : s + n].astype(np.float64)
        iu = np.triu_indices(n, 1)
        out.append(np.linalg.norm(t[iu[0]] - t[iu[1]], axis=1))
    return np.concatenate(out)


@dataclass(frozen=True)
class TailFit:
    """Normal curve for the squared impostor distances, fitted to their lower tail."""

    mean: float  # of the squared distance
    std: float
    points: int

    def rate(self, threshold: float) -> float:
        return _STD.cdf((threshold * threshold - self.mean) / self.std)

    def threshold_for(self, rate: float) -> float:
        return math.sqrt(max(0.0, self.mean + self.std * _STD.inv_cdf(rate)))


def fit_tail(impostor: np.ndarray, fraction: float = TAIL_FRACTION) -> TailFit | None:
    """Least-squares line through (probit of plotting position, squared score) of the tail.

    A straight line on that scale is a normal curve matched to the tail itself rather
    than to the bulk, so the extrapolation follows the side that false matches come from.
    """
    x = np.sort(np.asarray(impostor, dtype=np.float64))
    n = len(x)
    if n < 3:
        return None
    k = min(n, max(30, int(n * fraction)))
    pick = np.unique(np.linspace(0, k - 1, min(k, 2000)).astype(np.int64))  # bounded cost
    z = np.array([_STD.inv_cdf((i + 0.5) / n) for i in pick])
    slope, intercept = np.polyfit(z, x[pick] ** 2, 1)
    if not slope > 0:  # all equal scores: no spread to extrapolate
        return None
    return TailFit(float(intercept), float(slope), k)


@dataclass(frozen=True)
class FmrEstimate:
    """Per-comparison false-match rate at one threshold (a score counts when < threshold)."""

    threshold: float
    scores: int
    below: int
    empirical: float
    upper95: float  # one-sided 95 % upper bound of the empirical rate
    tail: float | None
    method: Method

    @property
    def rate(self) -> float:
        return self.tail if self.method == "tail" and self.tail is not None else self.empirical


def _upper95(below: int, n: int) -> float:
    """Exact one-sided 95 % Clopper-Pearson upper bound, by bisection (no scipy)."""
    if n == 0:
        return 1.0
    if below >= n:
        return 1.0
    lo, hi = below / n, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        # P(X <= below | p = mid) for a binomial; the bound is where it drops to 5 %.
        if _binom_cdf(below, n, mid) > 0.05:
            lo = mid
        else:
            hi = mid
    return hi


def _binom_cdf(k: int, n: int, p: float) -> float:
    if p <= 0:
        return 1.0
    if p >= 1:
        return 0.0 if k < n else 1.0
    logs = [
        math.lgamma(n + 1)
        - math.lgamma(i + 1)
        - math.lgamma(n - i + 1)
        + i * math.log(p)
        + (n - i) * math.log1p(-p)
        for i in range(k + 1)
    ]
    top = max(logs)
    return min(1.0, math.exp(top) * sum(math.exp(v - top) for v in logs))


def false_match_rate(
    impostor: np.ndarray, threshold: float, tail: TailFit | None = None
) -> FmrEstimate:
    """Per-comparison FMR at ``threshold``: empirical, and the tail curve when it is rare."""
    scores = np.asarray(impostor, dtype=np.float64)
    n = len(scores)
    below = int(np.count_nonzero(scores < threshold))
    empirical = below / n if n else float("nan")
    if tail is None and n >= 3:
        tail = fit_tail(scores)
    tail_rate = tail.rate(threshold) if tail is not None else None
    method: Method = "tail" if tail_rate is not None and below < MIN_TAIL_COUNT else "empirical"
    return FmrEstimate(float(threshold), n, below, empirical, _upper95(below, n), tail_rate, method)


def search_fmr(fmr: float, people: int) -> float:
    """Chance that a stranger matches at least one of ``people``: 1 - (1 - fmr)^N."""
    if fmr >= 1.0:
        return 1.0
    return float(-math.expm1(people * math.log1p(-fmr)))


def comparison_fmr_for(target_search_fmr: float, people: int) -> float:
    """The per-comparison FMR that gives ``target_search_fmr`` over ``people`` comparisons."""
    return float(-math.expm1(math.log1p(-target_search_fmr) / max(1, people)))


def threshold_for(
    impostor: np.ndarray, target_search_fmr: float, people: int, tail: TailFit | None = None
) -> tuple[float, Method]:
    """The largest threshold whose estimated per-search FMR stays within the target.

    Empirical quantile when at least MIN_TAIL_COUNT impostor scores lie below it, else the
    tail curve (which can go below the lowest impostor score seen).
    """
    if not 0 < target_search_fmr < 1:
        raise BadInput(
            f"the target false-match rate must be between 0 and 1, got {target_search_fmr}",
            f"目标误识率必须在 0 与 1 之间，实际为 {target_search_fmr}",
        )
    x = np.sort(np.asarray(impostor, dtype=np.float64))
    f = comparison_fmr_for(target_search_fmr, people)
    allowed = math.floor(f * len(x))  # scores allowed strictly below the threshold
    if allowed >= MIN_TAIL_COUNT:
        return float(x[allowed]), "empirical"
    if tail is None:
        tail = fit_tail(x)
    if tail is None:
        raise BadInput(
            "too few impostor scores to choose a threshold",
            "冒认比对分数太少，无法选择阈值",
        )
    return float(tail.threshold_for(f)), "tail"


@dataclass(frozen=True)
class CalibrationReport:
    people: int
    templates: int
    search_people: int  # N in 1-(1-fmr)^N: the roster size a session searches
    threshold: float
    impostor_scores: int
    impostor_exhaustive: bool
    impostor_below: int
    fmr: float  # per comparison, by ``fmr_method``
    fmr_empirical: float
    fmr_upper95: float
    fmr_tail: float | None
    fmr_method: Method
    search_fmr: float
    search_fmr_upper95: float
    genuine_scores: int
    fnmr: float | None  # genuine pairs at or above the threshold (None without genuine pairs)
    target_search_fmr: float
    suggested_threshold: float
    suggested_method: Method
    suggested_fmr: float
    suggested_fnmr: float | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def summary(self) -> Text:
        fnmr_en = fnmr_zh = ""
        if self.fnmr is not None:
            fnmr_en = (
                f" Among {self.genuine_scores:,} pairs of one person's own templates,"
                f" {_pct(self.fnmr)} would be rejected at this threshold."
            )
            fnmr_zh = (
                f"同一人自己的 {self.genuine_scores:,} 对模板中，"
                f"{_pct(self.fnmr)} 会在此阈值下被拒识。"
            )
        how_en = {
            "empirical": "counted directly",
            "tail": "extrapolated from the lower tail: too few impostor pairs lie below it",
        }
        how_zh = {"empirical": "直接统计", "tail": "阈值以下的冒认比对太少，由低端分布外推"}
        s_fnmr_en = s_fnmr_zh = ""
        if self.suggested_fnmr is not None:
            s_fnmr_en = f", rejecting {_pct(self.suggested_fnmr)} of genuine pairs"
            s_fnmr_zh = f"，同人拒识率 {_pct(self.suggested_fnmr)}"
        en = (
            f"Gallery: {self.people:,} people, {self.templates:,} templates."
            f" At threshold {self.threshold:.3f}, {self.impostor_below:,} of"
            f" {self.impostor_scores:,} impostor comparisons fall below it: per-comparison"
            f" false-match rate {_sci(self.fmr)} ({how_en[self.fmr_method]};"
            f" 95% upper bound of the count {_sci(self.fmr_upper95)})."
            f" A person who is not enrolled, checked against {self.search_people:,} people,"
            f" is matched to someone with probability {_pct(self.search_fmr)}"
            f" (at most {_pct(self.search_fmr_upper95)})."
            f"{fnmr_en}"
            f" For at most {_pct(self.target_search_fmr)} per search, use threshold"
            f" {self.suggested_threshold:.3f} ({how_en[self.suggested_method]}"
            f"{s_fnmr_en})."
        )
        zh = (
            f"人像库：{self.people:,} 人，{self.templates:,} 个模板。"
            f"阈值 {self.threshold:.3f} 下，{self.impostor_scores:,} 次冒认比对中有"
            f" {self.impostor_below:,} 次低于阈值：单次比对误识率 {_sci(self.fmr)}"
            f"（{how_zh[self.fmr_method]}；计数的 95% 置信上限 {_sci(self.fmr_upper95)}）。"
            f"未登记的人与 {self.search_people:,} 人比对时，被误认为某人的概率为"
            f" {_pct(self.search_fmr)}（最多 {_pct(self.search_fmr_upper95)}）。"
            f"{fnmr_zh}"
            f"若要每次识别的误识率不超过 {_pct(self.target_search_fmr)}，"
            f"请使用阈值 {self.suggested_threshold:.3f}（{how_zh[self.suggested_method]}"
            f"{s_fnmr_zh}）。"
        )
        return Text(en, zh)


def _pct(v: float) -> str:
    if v == 0:
        return "0%"
    return f"{v * 100:.2f}%" if v >= 1e-4 else f"{v * 100:.1e}%"


def _sci(v: float) -> str:
    return f"{v:.2e}"


def calibrate(
    gallery: Gallery | GalleryView,
    threshold: float = DEFAULT_THRESHOLD,
    target_search_fmr: float = 0.01,
    search_people: int | None = None,
    max_impostor: int = DEFAULT_MAX_IMPOSTOR,
    seed: int = 0,
) -> CalibrationReport:
    """Estimate the false-match rate at ``threshold`` for this gallery and suggest one.

    ``search_people`` is N for the per-search rate: the size of the roster a session
    matches against (C1), by default every person in the gallery.
    """
    idx = gallery._index()
    if len(idx.ids) < 2:
        raise BadInput(
            "calibration needs templates of at least 2 people",
            "校准至少需要 2 个人的模板",
        )
    n_search = len(idx.ids) if search_people is None else int(search_people)
    if n_search < 1:
        raise BadInput("search_people must be at least 1", "比对人数至少为 1")
    imp, exhaustive = impostor_distances(gallery, max_impostor, seed)
    gen = genuine_distances(gallery, seed=seed)
    tail = fit_tail(imp)
    est = false_match_rate(imp, threshold, tail)
    sug_t, sug_method = threshold_for(imp, target_search_fmr, n_search, tail)
    sug = false_match_rate(imp, sug_t, tail)
    return CalibrationReport(
        people=len(idx.ids),
        templates=len(idx.templates),
        search_people=n_search,
        threshold=float(threshold),
        impostor_scores=est.scores,
        impostor_exhaustive=exhaustive,
        impostor_below=est.below,
        fmr=est.rate,
        fmr_empirical=est.empirical,
        fmr_upper95=est.upper95,
        fmr_tail=est.tail,
        fmr_method=est.method,
        search_fmr=search_fmr(est.rate, n_search),
        search_fmr_upper95=search_fmr(est.upper95, n_search),
        genuine_scores=len(gen),
        fnmr=float(np.mean(gen >= threshold)) if len(gen) else None,
        target_search_fmr=float(target_search_fmr),
        suggested_threshold=sug_t,
        suggested_method=sug_method,
        suggested_fmr=sug.rate,
        suggested_fnmr=float(np.mean(gen >= sug_t)) if len(gen) else None,
    )
