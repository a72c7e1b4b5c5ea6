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
from headcount.matching.gallery import Gallery, GalleryView, _Index, _subset, person_sqdist

MAX_SEARCHES = 20_000
_STD = NormalDist()


@dataclass(frozen=True)
class Searches:
    d1: np.ndarray  # nearest person's distance, per simulated stranger search
    d2: np.ndarray  # runner-up's distance
    probes: int  # distinct templates used as strangers
    dc: np.ndarray | None = None  # nearest competitor's distance (None: no competitors)


def stranger_searches(gallery: Gallery | GalleryView, roster: int,
                      max_searches: int = MAX_SEARCHES, seed: int = 0,
                      competitors: int | None = None) -> Searches:
    """(nearest, runner-up) person distances of simulated stranger searches against
    ``roster`` random other people; needs at least ``roster + 1`` people. With
    ``competitors`` (a cap of templates), also the nearest of the other people's
    templates (``Searches.dc``)."""
    idx = gallery._index()
    p, m = len(idx.ids), len(idx.templates)
    if roster < 2 or p < roster + 1:
        raise BadInput(
            f"simulated searches need more people than the list ({roster}); the gallery "
            f"has {p}",
            f"模拟识别需要的人数多于名单人数（{roster}）；人像库现有 {p} 人",
        )
    rng = np.random.default_rng(seed)
    if m >= max_searches:
        probes = np.sort(rng.choice(m, max_searches, replace=False))
    else:
        probes = np.tile(np.arange(m), max(1, max_searches // m))
    if competitors is not None:
        d1, d2, dc = _with_competitors(idx, probes, roster, competitors, rng)
        return Searches(d1, d2, len(np.unique(probes)), dc)
    d1, d2 = _list_only(idx, probes, roster, rng)
    return Searches(d1, d2, len(np.unique(probes)))


def _list_only(idx: _Index, probes: np.ndarray, roster: int,
               rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    p = len(idx.ids)
    owner = np.repeat(np.arange(p), idx.counts)
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
    return d1, d2


_BLOCK = 128  # probes sharing one random pool of people


def _with_competitors(idx: _Index, probes: np.ndarray, roster: int, cap: int,
                      rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each block of probes shares a random pool of people holding at most ``cap`` +
    the list's templates (everyone, on a station smaller than that); each probe's list is
    ``roster`` random pool people other than its own, its competitors the rest."""
    p = len(idx.ids)
    owner = np.repeat(np.arange(p), idx.counts)
    budget = cap + int(np.ceil(idx.counts.mean() * (roster + 1)))
    d1, d2, dc = (np.empty(len(probes)) for _ in range(3))
    for lo in range(0, len(probes), _BLOCK):
        hi = min(len(probes), lo + _BLOCK)
        order = rng.permutation(p)
        pool = np.sort(order[np.cumsum(idx.counts[order]) <= budget])
        if len(pool) < roster + 2:
            pool = np.sort(order[:roster + 2])
        sub = _subset(idx, [int(j) for j in pool])
        q = idx.templates[probes[lo:hi]]
        per = np.sqrt(np.maximum(person_sqdist(sub, q), 0)).astype(np.float64)
        mine = pool[None, :] == owner[probes[lo:hi]][:, None]
        per[mine] = np.inf  # a stranger: their own person is enrolled nowhere
        keys = rng.random(per.shape)
        keys[mine] = 2.0
        lists = np.argpartition(keys, roster, axis=1)[:, :roster]
        on_list = np.take_along_axis(per, lists, axis=1)
        two = np.partition(on_list, 1, axis=1)[:, :2]
        rest = per.copy()
        np.put_along_axis(rest, lists, np.inf, axis=1)
        d1[lo:hi], d2[lo:hi], dc[lo:hi] = two[:, 0], two[:, 1], rest.min(axis=1)
    return d1, d2, dc


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


def fit_score_tail(scores: np.ndarray, total: int | None = None,
                   fraction: float = TAIL_FRACTION) -> ScoreTail | None:
    """Least-squares line through (probit of plotting position, score) of the lowest
    scores; ``total``: the number of searches when ``scores`` leaves out those that
    could never propose anyone (their plotting positions count all searches)."""
    x = np.sort(np.asarray(scores, dtype=np.float64))
    n = len(x) if total is None else total
    if len(x) < 3:
        return None
    k = min(len(x), max(30, int(n * fraction)))
    pick = np.unique(np.linspace(0, k - 1, min(k, 2000)).astype(np.int64))
    z = np.array([_STD.inv_cdf((i + 0.5) / n) for i in pick])
    slope, intercept = np.polyfit(z, x[pick], 1)
    if not slope > 0:
        return None
    return ScoreTail(float(intercept), float(slope))


def scores(searches: Searches, weight: float) -> np.ndarray:
    """Each simulated search's gap-rule score as the app decides (``decision.GapRule``);
    +inf where nobody would be proposed whatever the threshold (a competitor nearer).
    The cap (``GAP_CAP``) is left out, as before competitors: it only ever withholds."""
    d1, d2 = searches.d1, searches.d2
    if searches.dc is None:
        return d1 - weight * (d2 - d1)
    runner = np.minimum(d2, searches.dc)
    out = d1 - weight * (runner - d1)
    return np.where(searches.dc < d1, np.inf, out)


def gap_threshold(searches: Searches, weight: float,
                  target: float) -> tuple[float, str, ScoreTail | None]:
    """The largest gap-rule threshold with at most ``target`` of the simulated stranger
    searches scoring strictly below it: (threshold, "empirical" or "tail", the tail)."""
    scores_ = np.sort(scores(searches, weight))
    tail = fit_score_tail(scores_[np.isfinite(scores_)], len(scores_))
    allowed = math.floor(target * len(scores_))
    # trust the count only when enough DISTINCT probes lie below it
    if math.floor(target * searches.probes) >= MIN_TAIL_COUNT and allowed < len(scores_) \
            and np.isfinite(scores_[allowed]):
        return float(scores_[allowed]), "empirical", tail
    if tail is None:
        raise BadInput("too few stranger searches to choose a threshold",
                       "模拟的陌生人识别太少，无法选择阈值")
    return float(tail.threshold_for(target)), "tail", tail
