"""Competitors: templates of enrolled people who are NOT on the session's list.

A face at the entrance is compared with the list (who may be checked in) and with the
school's other enrolled people who may be matched at all (``Attendance.competitor_ids``).
When one of those is nearer than everyone on the list, the face is more like someone
who is not expected here, and nobody is proposed; otherwise the nearer of the list's
runner-up and the nearest competitor is the runner-up of the gap rule
(``decision.GapRule``). Measured on LFW (docs/BENCHMARKS.md, "Competitors"): with
1,000-2,000 competitors, 3.8-4.9 points more genuine matches at the same 1 % of
strangers proposed.

A competitor is anonymous here: only a matrix of templates, no person id, so a decision
cannot name one, show one or check one in (C1). Its size is capped (``MAX_TEMPLATES``):
searching 5,000 templates is one (Q x 5,000) product per frame, well under a
millisecond per face, and 2.5 MB of memory.
"""

from __future__ import annotations

import numpy as np

from headcount.matching.descriptors import DIM, validate_descriptors

# Cap of competitor templates one session searches. Beyond ~2,000 the LFW gain levels
# off; 5,000 keeps a big school's cost small. Above it, whole people are drawn at random
# (seeded: the same session draws the same people each time).
MAX_TEMPLATES = 5_000


class Competitors:
    """An immutable (M, 128) float32 matrix; ``nearest`` gives each query's distance to
    the nearest row (exact in float64 for the winner, like ``Gallery``)."""

    def __init__(self, templates: object | None = None) -> None:
        t = np.zeros((0, DIM), np.float32) if templates is None \
            else validate_descriptors(templates, "templates").copy()
        t.flags.writeable = False
        self._t = t
        self._sq = np.einsum("ij,ij->i", t, t)

    def __len__(self) -> int:
        return len(self._t)

    def nearest(self, queries: object) -> np.ndarray:
        """(Q,) distances to the nearest competitor; +inf when there are none."""
        q = validate_descriptors(queries, "queries")
        if not len(self._t):
            return np.full(len(q), np.inf)
        d2 = q @ self._t.T
        d2 *= -2.0
        d2 += self._sq
        win = np.argmin(d2, axis=1)
        diff = self._t[win].astype(np.float64) - q.astype(np.float64)
        return np.sqrt(np.einsum("ij,ij->i", diff, diff))


def pick(owners: np.ndarray, templates: np.ndarray, cap: int = MAX_TEMPLATES,
         seed: int = 0) -> np.ndarray:
    """At most ``cap`` of the rows, whole people at a time drawn at random (seeded)."""
    if len(owners) <= cap:
        return templates
    people, counts = np.unique(owners, return_counts=True)
    order = np.random.default_rng(seed).permutation(len(people))
    keep = order[np.cumsum(counts[order]) <= cap]
    return templates[np.isin(owners, people[keep])]
