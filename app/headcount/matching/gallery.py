"""A gallery of face templates searched 1:N, and the open-set decision on top of it.

Templates are dlib's raw 128-D descriptors (not normalised) compared by Euclidean
distance; one person may have many templates and counts as close as their nearest one.

Speed: one query against 100,000 templates is one float32 matrix-vector product over a
C-contiguous (M, 128) array plus a few passes over an (M,) vector, i.e. bounded by
reading the 51 MB of templates once. Squared distances come from precomputed template
norms (|q|^2 + |t|^2 - 2 q.t); the distances we report are then recomputed exactly for
the few winners, so a decision at the threshold never hinges on float32 cancellation.

Templates are stored grouped by person (one contiguous block each), which turns "min
per person" into one ``np.minimum.reduceat`` instead of a Python loop.

Compliance C1: ``restrict(roster)`` gives a read-only view that only ever matches the
roster's people. The view follows its parent: a person removed from the gallery (consent
withdrawn, C5) disappears from every view at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict, Unpack

import numpy as np

from headcount.errors import BadInput
from headcount.matching.competitors import Competitors
from headcount.matching.decision import (
    DEFAULT_AMBIGUITY_MARGIN,
    DEFAULT_THRESHOLD,
    Decision,
    GapRule,
    Hit,
    PersonId,
    check_positive,
    decide_from_hits,
)
from headcount.matching.descriptors import DIM, validate_descriptors

__all__ = [
    "DEFAULT_AMBIGUITY_MARGIN",
    "DEFAULT_THRESHOLD",
    "DIM",
    "Decision",
    "Gallery",
    "GalleryView",
    "Hit",
    "PersonId",
    "Rule",
    "validate_descriptors",
]

# Upper bound of the float32 distance block computed at once (elements): 16 MB.
_BLOCK_ELEMENTS = 1 << 22


def _check_person_id(pid: object) -> PersonId:
    if isinstance(pid, bool) or not isinstance(pid, str | int) or pid == "":
        raise BadInput(
            f"a person id must be a non-empty string or an integer, got {pid!r}",
            f"人员编号必须是非空字符串或整数，实际为 {pid!r}",
        )
    return pid


@dataclass(frozen=True)
class _Index:
    """An immutable snapshot that one search runs on (safe against concurrent edits)."""

    templates: np.ndarray  # float32 (M, 128), grouped by person
    sqnorms: np.ndarray  # float32 (M,)
    starts: np.ndarray  # int64 (P,) first row of each person's block
    counts: np.ndarray  # int64 (P,) rows per person
    ids: tuple[PersonId, ...]  # (P,)

    @property
    def one_per_person(self) -> bool:
        return len(self.ids) == len(self.templates)


def _empty_index() -> _Index:
    empty = np.zeros(0, dtype=np.int64)
    return _Index(np.zeros((0, DIM), np.float32), np.zeros(0, np.float32), empty, empty.copy(), ())


def _make_index(
    templates: np.ndarray,
    counts: np.ndarray,
    ids: tuple[PersonId, ...],
    sqnorms: np.ndarray | None = None,
) -> _Index:
    starts = np.zeros(len(counts), dtype=np.int64)
    if len(counts) > 1:
        np.cumsum(counts[:-1], out=starts[1:])
    if sqnorms is None:
        sqnorms = np.einsum("ij,ij->i", templates, templates)
    return _Index(templates, sqnorms, starts, counts, ids)


class Rule(TypedDict, total=False):
    """The decision rule ``decide`` passes on to ``decide_all`` (whose defaults apply)."""

    threshold: float
    ambiguity_margin: float
    gap: GapRule | None
    competitors: Competitors | None


class _Searchable:
    """search/decide over whatever snapshot ``_index()`` returns."""

    def _index(self) -> _Index:
        raise NotImplementedError

    def __len__(self) -> int:
        """Number of templates (a person may have several)."""
        return len(self._index().templates)

    @property
    def person_ids(self) -> tuple[PersonId, ...]:
        """The people with at least one template, in storage order."""
        return self._index().ids

    @property
    def people_count(self) -> int:
        return len(self._index().ids)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._index().ids

    def templates_of(self, person_id: PersonId) -> np.ndarray:
        """A read-only (n, 128) float32 array of one person's templates."""
        idx = self._index()
        try:
            j = idx.ids.index(person_id)
        except ValueError:
            raise BadInput(
                f"person {person_id!r} has no templates in this gallery",
                f"此人像库中没有人员 {person_id!r} 的模板",
            ) from None
        s, n = int(idx.starts[j]), int(idx.counts[j])
        out = idx.templates[s : s + n]
        out.flags.writeable = False
        return out

    def search(self, queries: object, k: int = 2) -> list[tuple[Hit, ...]]:
        """For each query, the ``k`` nearest PEOPLE with their minimum distance, nearest first.

        ``queries`` is (Q, 128) or (128,) floats. Fewer than ``k`` hits come back when the
        gallery has fewer people; an empty gallery gives empty tuples.
        """
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
            raise BadInput(
                f"k must be a positive integer, got {k!r}", f"k 必须是正整数，实际为 {k!r}"
            )
        q = validate_descriptors(queries, "queries")
        idx = self._index()
        if len(idx.ids) == 0:
            return [() for _ in range(len(q))]
        k = min(int(k), len(idx.ids))
        m = len(idx.templates)
        rows = max(1, _BLOCK_ELEMENTS // m)  # queries per block: bounds memory at 1M templates
        results: list[tuple[Hit, ...]] = []
        for lo in range(0, len(q), rows):
            results.extend(_search_block(idx, q[lo : lo + rows], k))
        return results

    def decide(self, query: object, **rule: Unpack[Rule]) -> Decision:
        """Open-set decision for ONE face descriptor: match, unknown or ambiguous.

        A person matches when their distance is strictly below ``threshold``. When the two
        best people are both below it and their distances differ by less than
        ``ambiguity_margin``, the answer is ``ambiguous``: the descriptor does not
        separate them, so a person (invigilator, teacher) decides instead of the software.
        ``gap``: decide by the gap rule instead (``decision.GapRule``); ``competitors``:
        enrolled people not on this list, never proposed (``matching.competitors``).
        """
        q = validate_descriptors(query, "query")
        if len(q) != 1:
            raise BadInput(
                f"decide() takes one descriptor, got {len(q)}; use decide_all()",
                f"decide() 只接受一个特征向量，实际为 {len(q)} 个；请用 decide_all()",
            )
        return self.decide_all(q, **rule)[0]

    def decide_all(
        self,
        queries: object,
        threshold: float = DEFAULT_THRESHOLD,
        ambiguity_margin: float = DEFAULT_AMBIGUITY_MARGIN,
        gap: GapRule | None = None,
        competitors: Competitors | None = None,
    ) -> list[Decision]:
        """``decide`` for every face of a frame, with one batched search."""
        threshold = check_positive(threshold, "threshold", "阈值")
        margin = check_positive(ambiguity_margin, "ambiguity_margin", "歧义间隔", allow_zero=True)
        hits = self.search(queries, k=2)
        if competitors is None or not len(competitors):
            return [decide_from_hits(h, threshold, margin, gap) for h in hits]
        dc = competitors.nearest(validate_descriptors(queries, "queries"))
        return [decide_from_hits(h, threshold, margin, gap, float(c))
                for h, c in zip(hits, dc, strict=True)]


def person_sqdist(idx: _Index, q: np.ndarray) -> np.ndarray:
    """(Q, P) float32 squared distance from each query to each person's nearest template."""
    # |t|^2 - 2 q.t + |q|^2, built in place in one (Q, M) float32 buffer.
    d2 = q @ idx.templates.T
    d2 *= -2.0
    d2 += idx.sqnorms
    d2 += np.einsum("ij,ij->i", q, q)[:, None]
    return d2 if idx.one_per_person else np.minimum.reduceat(d2, idx.starts, axis=1)


def _search_block(idx: _Index, q: np.ndarray, k: int) -> list[tuple[Hit, ...]]:
    per_person = person_sqdist(idx, q)
    p = per_person.shape[1]
    if k < p:
        cand = np.argpartition(per_person, k - 1, axis=1)[:, :k]
    else:
        cand = np.broadcast_to(np.arange(p), (len(q), p))
    out: list[tuple[Hit, ...]] = []
    for qi in range(len(q)):
        qv = q[qi].astype(np.float64)
        hits = []
        for j in cand[qi]:
            # Exact distance for the winners: float64 over this person's templates only.
            s, n = idx.starts[j], idx.counts[j]
            diff = idx.templates[s : s + n].astype(np.float64) - qv
            dist = float(np.sqrt(np.einsum("ij,ij->i", diff, diff).min()))
            hits.append(Hit(idx.ids[int(j)], dist))
        hits.sort(key=lambda h: h.distance)
        out.append(tuple(hits))
    return out


class Gallery(_Searchable):
    """Templates (float32, M x 128) with a person id per template; many per person.

    Edits replace the arrays rather than writing into them, so a search that already
    took its snapshot is never disturbed by a concurrent ``add`` or ``remove``.
    """

    def __init__(
        self,
        templates: object | None = None,
        person_ids: Sequence[PersonId] | np.ndarray | None = None,
    ) -> None:
        self._lock = threading.Lock()
        # (version, snapshot) replaced as one tuple so views never see a torn pair.
        self._state: tuple[int, _Index] = (0, _empty_index())
        if templates is None and person_ids is None:
            return
        if templates is None or person_ids is None:
            raise BadInput(
                "give both templates and person_ids, or neither",
                "模板和人员编号必须同时给出或都不给",
            )
        t = validate_descriptors(templates, "templates")
        pids = [_check_person_id(p.item() if isinstance(p, np.generic) else p) for p in person_ids]
        if len(pids) != len(t):
            raise BadInput(
                f"{len(t)} templates but {len(pids)} person ids",
                f"模板有 {len(t)} 个，但人员编号有 {len(pids)} 个",
            )
        # Group rows by person, people in order of first appearance.
        order_of: dict[PersonId, int] = {}
        codes = np.fromiter(
            (order_of.setdefault(p, len(order_of)) for p in pids), np.int64, len(pids)
        )
        if len(codes) > 1 and np.any(codes[1:] < codes[:-1]):
            perm = np.argsort(codes, kind="stable")
            t, codes = np.ascontiguousarray(t[perm]), codes[perm]
        elif t is templates:
            t = t.copy()  # never alias the caller's array: it could change under us
        counts = np.bincount(codes, minlength=len(order_of)).astype(np.int64)
        self._state = (0, _make_index(t, counts, tuple(order_of)))

    def _index(self) -> _Index:
        return self._state[1]

    def _replace(self, idx: _Index) -> None:
        self._state = (self._state[0] + 1, idx)

    def add(self, person_id: PersonId, templates: object) -> None:
        """Add one or more templates ((n, 128) or (128,)) for a person, new or known."""
        pid = _check_person_id(person_id)
        new = validate_descriptors(templates, "templates")
        if len(new) == 0:
            return
        new_norms = np.einsum("ij,ij->i", new, new)
        with self._lock:
            idx = self._state[1]
            ids = list(idx.ids)
            counts = idx.counts.copy()
            if pid in idx.ids:
                j = ids.index(pid)
                at = int(idx.starts[j] + idx.counts[j])  # end of the person's block
                t = np.insert(idx.templates, at, new, axis=0)
                norms = np.insert(idx.sqnorms, at, new_norms)
                counts[j] += len(new)
            else:
                t = np.concatenate([idx.templates, new])
                norms = np.concatenate([idx.sqnorms, new_norms])
                ids.append(pid)
                counts = np.append(counts, len(new))
            self._replace(_make_index(np.ascontiguousarray(t), counts, tuple(ids), norms))

    def remove(self, person_id: PersonId) -> int:
        """Remove every template of a person; returns how many were removed (0 if none)."""
        with self._lock:
            idx = self._state[1]
            if person_id not in idx.ids:
                return 0
            j = idx.ids.index(person_id)
            s, n = int(idx.starts[j]), int(idx.counts[j])
            t = np.concatenate([idx.templates[:s], idx.templates[s + n :]])
            norms = np.concatenate([idx.sqnorms[:s], idx.sqnorms[s + n :]])
            ids = idx.ids[:j] + idx.ids[j + 1 :]
            self._replace(_make_index(t, np.delete(idx.counts, j), ids, norms))
            return n

    def restrict(self, roster_ids: Iterable[PersonId]) -> GalleryView:
        """A read-only view that only matches people on the session's roster (C1)."""
        return GalleryView(self, roster_ids)


class GalleryView(_Searchable):
    """The part of a Gallery that belongs to one roster; follows later edits of the parent."""

    def __init__(self, parent: Gallery, roster_ids: Iterable[PersonId]) -> None:
        self._parent = parent
        self.roster: frozenset[PersonId] = frozenset(roster_ids)
        self._cache: tuple[int, _Index] | None = None
        self._lock = threading.Lock()

    def restrict(self, roster_ids: Iterable[PersonId]) -> GalleryView:
        """Narrow further: the result matches only people on both rosters."""
        return GalleryView(self._parent, self.roster & frozenset(roster_ids))

    def _index(self) -> _Index:
        version, parent_idx = self._parent._state  # one read: version and arrays agree
        with self._lock:
            if self._cache is not None and self._cache[0] == version:
                return self._cache[1]
            keep = [j for j, pid in enumerate(parent_idx.ids) if pid in self.roster]
            idx = _subset(parent_idx, keep)
            self._cache = (version, idx)
            return idx


def _subset(idx: _Index, keep: list[int]) -> _Index:
    """The blocks of the people at positions ``keep``, copied into a compact index."""
    if not keep:
        return _empty_index()
    rows = np.concatenate([np.arange(idx.starts[j], idx.starts[j] + idx.counts[j]) for j in keep])
    counts = idx.counts[keep]
    starts = np.zeros(len(keep), np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    return _Index(
        np.ascontiguousarray(idx.templates[rows]),
        idx.sqnorms[rows],
        starts,
        counts,
        tuple(idx.ids[j] for j in keep),
    )
