"""Simulated stranger searches on a station's own gallery, for rules that look at a whole list.

The plain threshold only needs the per-comparison impostor tail (``calibration``); the gap
rule (``decision.GapRule``) scores a search by its two nearest people, so its stranger
rate depends on the whole list. Here each enrolled template plays a stranger: its own
person is left out and it is searched against ``roster`` random OTHER people, giving the
(nearest, runner-up) distances a real stranger search would give on this station's
population. ``gap_threshold`` turns those into the threshold for a target share of
stranger searches proposing someone.

Independence: the searches of one template against different random lists share the
probe, so the number of distinct probes, not of searches, says how far the empirical
quantile can be trusted; below ``MIN_TAIL_COUNT`` probes under the threshold a normal
curve fitted to the lower tail of the scores extrapolates (as ``calibration.fit_tail``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from headcount.errors import BadInput
from headcount.matching.calibration import MIN_TAIL_COUNT, TAIL_FRACTION
from headcount.matching.gallery import Gallery, GalleryView

MAX_SEARCHES = 20_000
_STD = NormalDist()


@dataclass(frozen=True)
class Searches:
    d1: np.ndarray  # nearest person's distance, per simulated stranger search
    d2: np.ndarray  # runner-up's distance
    probes: int  # distinct templates used as strangers


def stranger_searches(gallery: Gallery | GalleryView, roster: int,
                      max_searches: int = MAX_SEARCHES, seed: int = 0) -> Searches:
    """(nearest, runner-up) person distances of simulated stranger searches against
    ``roster`` random other people; needs at least ``roster + 1`` people."""
    idx = gallery._index()
    p, m = len(idx.ids), len(idx.templates)
    if roster < 2 or p < roster + 1:
        raise BadInput(
            f"simulated searches need more people than the list ({roster}); the gallery "
            f"has {p}",
            f"模拟识别需要的人数多于名单人数（{roster}）；人像库现有 {p} 人",
        )
    rng = np.random.default_rng(seed)
    owner = np.repeat(np.arange(p), idx.counts)
    if m >= max_searches:
        probes = np.sort(rng.choice(m, max_searches, replace=False))
    else:
        probes = np.tile(np.arange(m), max(1, max_searches // m))
    lists = np.empty((len(probes), roster), np.int64)
    for i, row in enumerate(probes):  # roster distinct people other than the probe's own
        pick = rng.choice(p - 1, roster, replace=False)
        lists[i] = pick + (pick >= owner[row])
    d1 = np.empty(len(probes))
    d2 = np.empty(len(probes))
    per_search = int(idx.counts.mean() * roster) + 1
    block = max(1, (1 << 16) // per_search)  # about 65,536 template rows at once
    for lo in range(0, len(probes), block):
        hi = min(len(probes), lo + block)
        people = lists[lo:hi].ravel()
        c = idx.counts[people]
        first = np.cumsum(c) - c
        rows = np.repeat(idx.starts[people] - first, c) + np.arange(int(c.sum()))
        q = np.repeat(np.repeat(probes[lo:hi], roster), c)
        diff = idx.templates[rows] - idx.templates[q]
        sq = np.einsum("ij,ij->i", diff, diff, dtype=np.float64)
        dist = np.sqrt(np.minimum.reduceat(sq, first)).reshape(hi - lo, roster)
        two = np.partition(dist, 1, axis=1)[:, :2]
        d1[lo:hi], d2[lo:hi] = two[:, 0], two[:, 1]
    return Searches(d1, d2, len(np.unique(probes)))


@dataclass(frozen=True)
class ScoreTail:
    """Normal curve fitted to the lower tail of per-search scores (linear scale: a gap
    score can be near or below zero, unlike a distance)."""

    mean: float
    std: float

    def rate(self, score: float) -> float:
        return _STD.cdf((score - self.mean) / self.std)

    def threshold_for(self, rate: float) -> float:
        return self.mean + self.std * _STD.inv_cdf(rate)


def fit_score_tail(scores: np.ndarray, fraction: float = TAIL_FRACTION) -> ScoreTail | None:
    """Least-squares line through (probit of plotting position, score) of the lowest scores."""
    x = np.sort(np.asarray(scores, dtype=np.float64))
    n = len(x)
    if n < 3:
        return None
    k = min(n, max(30, int(n * fraction)))
    pick = np.unique(np.linspace(0, k - 1, min(k, 2000)).astype(np.int64))
    z = np.array([_STD.inv_cdf((i + 0.5) / n) for i in pick])
    slope, intercept = np.polyfit(z, x[pick], 1)
    if not slope > 0:
        return None
    return ScoreTail(float(intercept), float(slope))


def gap_threshold(searches: Searches, weight: float,
                  target: float) -> tuple[float, str, ScoreTail | None]:
    """The largest gap-rule threshold with at most ``target`` of the simulated stranger
    searches scoring strictly below it: (threshold, "empirical" or "tail", the tail)."""
    scores = np.sort(searches.d1 - weight * (searches.d2 - searches.d1))
    tail = fit_score_tail(scores)
    allowed = math.floor(target * len(scores))
    # trust the count only when enough DISTINCT probes lie below it
    if math.floor(target * searches.probes) >= MIN_TAIL_COUNT and allowed < len(scores):
        return float(scores[allowed]), "empirical", tail
    if tail is None:
        raise BadInput("too few stranger searches to choose a threshold",
                       "模拟的陌生人识别太少，无法选择阈值")
    return float(tail.threshold_for(target)), "tail", tail
