"""Gallery search and open-set decisions on synthetic descriptor clusters."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headcount.errors import BadInput
from headcount.matching.gallery import DEFAULT_AMBIGUITY_MARGIN, DEFAULT_THRESHOLD, Gallery

DIM = 128


def unit(rng: np.random.Generator, n: int, norm: float = 1.4) -> np.ndarray:
    v = rng.standard_normal((n, DIM))
    return (v * norm / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def cluster_gallery(people: int = 20, per_person: int = 3, seed: int = 0):
    """People far apart (random directions, ~2 apart), templates 0.1-0.2 around a centre."""
    rng = np.random.default_rng(seed)
    centres = unit(rng, people)
    templates = np.repeat(centres, per_person, axis=0)
    templates += unit(rng, len(templates), 0.1)
    ids = [f"p{i}" for i in range(people) for _ in range(per_person)]
    return Gallery(templates, ids), centres


def towards(a: np.ndarray, b: np.ndarray, dist: float) -> np.ndarray:
    """The point on the segment from a to b at Euclidean distance ``dist`` from a."""
    step = (b - a) / np.linalg.norm(b - a)
    return (a.astype(np.float64) + dist * step).astype(np.float32)


def brute_force(templates: np.ndarray, ids: list, q: np.ndarray) -> dict:
    d = np.linalg.norm(templates.astype(np.float64) - q.astype(np.float64), axis=1)
    best: dict = {}
    for pid, dist in zip(ids, d, strict=True):
        best[pid] = min(best.get(pid, np.inf), dist)
    return best


def test_search_finds_the_right_person_with_min_distance_over_templates():
    g, centres = cluster_gallery()
    assert len(g) == 60 and g.people_count == 20
    hits = g.search(centres[7], k=3)[0]
    assert hits[0].person_id == "p7"
    assert len(hits) == 3 and hits[0].distance < hits[1].distance <= hits[2].distance
    own = g.templates_of("p7")
    assert own.shape == (3, DIM)
    assert hits[0].distance == pytest.approx(
        np.linalg.norm(own - centres[7], axis=1).min(), abs=1e-6
    )


def test_batch_search_equals_one_by_one():
    g, centres = cluster_gallery()
    batch = g.search(centres[:5], k=2)
    assert batch == [g.search(c, k=2)[0] for c in centres[:5]]


def test_k_larger_than_people_returns_every_person_once():
    g, centres = cluster_gallery(people=3, per_person=4)
    hits = g.search(centres[0], k=10)[0]
    assert sorted(h.person_id for h in hits) == ["p0", "p1", "p2"]


@settings(max_examples=60, deadline=None)
@given(
    people=st.integers(1, 12),
    templates=st.integers(1, 40),
    k=st.integers(1, 5),
    seed=st.integers(0, 2**32 - 1),
    order=st.sampled_from(["grouped", "shuffled"]),
)
def test_search_equals_brute_force(people, templates, k, seed, order):
    rng = np.random.default_rng(seed)
    t = unit(rng, templates) * rng.uniform(0.8, 1.2, (templates, 1)).astype(np.float32)
    ids = list(rng.integers(0, people, templates))
    if order == "grouped":
        perm = np.argsort(ids, kind="stable")
        t, ids = t[perm], [ids[i] for i in perm]
    ids = [int(i) for i in ids]
    g = Gallery(t, ids)
    queries = np.concatenate([unit(rng, 3), t[:2] + 0.01])
    for q, hits in zip(queries, g.search(queries, k=k), strict=True):
        truth = brute_force(t, ids, q)
        expected = sorted(truth.values())[:k]
        assert len(hits) == min(k, len(truth))
        np.testing.assert_allclose([h.distance for h in hits], expected, atol=1e-5)
        for h in hits:  # each reported distance is that person's true minimum
            assert h.distance == pytest.approx(truth[h.person_id], abs=1e-9)


def test_decide_match_unknown_and_empty():
    g, centres = cluster_gallery()
    d = g.decide(centres[3])
    assert (d.outcome, d.person_id, d.threshold) == ("match", "p3", DEFAULT_THRESHOLD)
    assert d.distance < 0.25 and d.runner_up_id is not None and d.runner_up_distance > 1.0
    stranger = unit(np.random.default_rng(99), 1)[0]
    u = g.decide(stranger)
    assert u.outcome == "unknown" and u.person_id is None and u.distance > 0.6
    e = Gallery().decide(stranger)
    assert (e.outcome, e.person_id, e.distance) == ("unknown", None, None)
    assert Gallery().search(np.stack([stranger, stranger])) == [(), ()]


def test_threshold_is_strict_and_configurable():
    g = Gallery(np.zeros((1, DIM), np.float32), ["a"])
    q = np.zeros(DIM, np.float32)
    q[0] = 0.5
    assert g.decide(q, threshold=0.5).outcome == "unknown"  # "below" the threshold
    assert g.decide(q, threshold=0.5001).outcome == "match"


def two_people_at(d1: float, d2: float):
    """A query at distance d1 from person a and d2 from person b (exact, 2-D geometry)."""
    sep = 0.6  # distance between the two people
    a = np.zeros(DIM, np.float64)
    b = np.zeros(DIM, np.float64)
    b[0] = sep
    # q = (x, y): |q - a| = d1, |q - b| = d2
    x = (d1**2 - d2**2 + sep**2) / (2.0 * sep)
    y = np.sqrt(d1**2 - x**2)
    q = np.zeros(DIM, np.float64)
    q[0], q[1] = x, y
    offset = np.full(DIM, 0.1)  # keep away from the origin like real descriptors
    g = Gallery(np.stack([a, b]) + offset, ["a", "b"])
    return g, q + offset


def test_ambiguous_when_two_people_under_threshold_within_margin():
    g, q = two_people_at(0.50, 0.53)
    d = g.decide(q, threshold=0.6, ambiguity_margin=0.05)
    assert d.outcome == "ambiguous"
    assert (d.person_id, d.runner_up_id) == ("a", "b")
    assert d.distance == pytest.approx(0.50, abs=1e-6)
    assert d.runner_up_distance == pytest.approx(0.53, abs=1e-6)
    # A margin of zero disables it; a wide enough gap is a match.
    assert g.decide(q, threshold=0.6, ambiguity_margin=0.0).outcome == "match"
    g2, q2 = two_people_at(0.40, 0.55)
    assert g2.decide(q2, threshold=0.6).outcome == "match"


def test_runner_up_above_threshold_is_not_ambiguous():
    g, q = two_people_at(0.58, 0.61)
    d = g.decide(q, threshold=0.6, ambiguity_margin=0.05)
    assert d.outcome == "match" and d.person_id == "a"
    assert d.runner_up_distance == pytest.approx(0.61, abs=1e-6)


def test_several_templates_of_one_person_are_never_ambiguous_with_themselves():
    rng = np.random.default_rng(1)
    centre = unit(rng, 1)[0]
    t = np.stack([centre + 0.001 * i for i in range(5)]).astype(np.float32)
    other = unit(rng, 1)
    g = Gallery(np.concatenate([t, other]), ["same"] * 5 + ["other"])
    d = g.decide(centre)
    assert d.outcome == "match" and d.person_id == "same" and d.runner_up_id == "other"
    assert DEFAULT_AMBIGUITY_MARGIN > 0


def test_roster_restriction_never_matches_another_class():
    """C1: a face enrolled for class A is not matched in a class B session."""
    g, centres = cluster_gallery(people=6)
    class_a, class_b = ["p0", "p1", "p2"], ["p3", "p4", "p5"]
    session_b = g.restrict(class_b)
    assert set(session_b.person_ids) == set(class_b)
    for i in range(3):  # class A faces, shown in class B's session
        assert session_b.decide(centres[i]).outcome == "unknown"
        assert all(h.person_id in class_b for h in session_b.search(centres[i], k=5)[0])
    assert g.restrict(class_a).decide(centres[0]).person_id == "p0"
    # Roster entries without templates (manual check people) are simply absent.
    assert g.restrict(["p0", "nobody"]).person_ids == ("p0",)
    assert g.restrict([]).decide(centres[0]).outcome == "unknown"
    # Narrowing a view never widens it.
    assert g.restrict(class_b).restrict(["p3", "p0"]).person_ids == ("p3",)


def test_view_follows_removal_and_addition_in_the_parent():
    g, centres = cluster_gallery(people=4)
    view = g.restrict(["p0", "p1", "new"])
    assert view.decide(centres[0]).person_id == "p0"
    assert g.remove("p0") == 3  # consent withdrawn (C5): gone from every view at once
    assert view.decide(centres[0]).outcome == "unknown"
    assert "p0" not in view and "p0" not in g
    g.add("new", centres[0])
    assert view.decide(centres[0]).person_id == "new"
    assert not hasattr(view, "add")


def test_add_and_remove():
    g, centres = cluster_gallery(people=3, per_person=2)
    g.add("p1", np.stack([centres[2], centres[2]]))  # p1 now also has p2's face twice
    assert len(g) == 8 and g.templates_of("p1").shape == (4, DIM)
    assert g.person_ids == ("p0", "p1", "p2")
    hits = g.search(centres[2], k=2)[0]
    assert {h.person_id for h in hits} == {"p1", "p2"}
    assert hits[0].distance == pytest.approx(0.0, abs=1e-6)
    g.add(42, centres[0].astype(np.float64))  # 1-D float64 is accepted, ints as ids too
    assert g.person_ids[-1] == 42 and len(g) == 9
    assert g.remove("p1") == 4 and g.remove("p1") == 0
    assert g.person_ids == ("p0", "p2", 42) and len(g) == 5
    assert g.decide(centres[2]).person_id == "p2"


def test_ungrouped_input_is_grouped_and_caller_array_not_aliased():
    rng = np.random.default_rng(3)
    t = unit(rng, 6)
    g = Gallery(t, ["a", "b", "a", "c", "b", "a"])
    assert g.person_ids == ("a", "b", "c")
    np.testing.assert_array_equal(g.templates_of("a"), t[[0, 2, 5]])
    t2 = unit(rng, 2)
    g2 = Gallery(t2, ["x", "y"])
    t2[:] = 0
    assert np.abs(g2.templates_of("x")).sum() > 0
    with pytest.raises(ValueError):
        g2.templates_of("x")[0, 0] = 1.0  # read-only


@pytest.mark.parametrize(
    "bad",
    [
        np.zeros((2, 127), np.float32),
        np.zeros((2, 2, DIM), np.float32),
        np.zeros((2, DIM), np.int32),
        np.zeros((2, DIM), bool),
        np.array([["x"] * DIM]),
        np.full((1, DIM), np.nan, np.float32),
        np.full((1, DIM), np.inf),
    ],
)
def test_bad_queries_and_templates_raise_bad_input(bad):
    g, _ = cluster_gallery(people=2)
    with pytest.raises(BadInput):
        g.search(bad)
    with pytest.raises(BadInput):
        g.decide(bad)
    with pytest.raises(BadInput):
        g.add("z", bad)
    with pytest.raises(BadInput):
        Gallery(bad, ["z"] * len(bad))


def test_other_bad_arguments():
    g, centres = cluster_gallery(people=2)
    q = centres[0]
    for k in (0, -1, 1.5, True):
        with pytest.raises(BadInput):
            g.search(q, k=k)
    for t in (0, -0.1, float("nan"), "x"):
        with pytest.raises(BadInput):
            g.decide(q, threshold=t)
    with pytest.raises(BadInput):
        g.decide(q, ambiguity_margin=-0.01)
    with pytest.raises(BadInput):
        g.decide(np.stack([q, q]))  # one face at a time
    with pytest.raises(BadInput):
        Gallery(np.zeros((2, DIM), np.float32), ["a"])
    with pytest.raises(BadInput):
        Gallery(np.zeros((1, DIM), np.float32), None)
    for pid in (None, "", 1.5, True):
        with pytest.raises(BadInput):
            g.add(pid, q)  # type: ignore[arg-type]
    with pytest.raises(BadInput):
        g.templates_of("nobody")
    # Nothing changed by the failed calls.
    assert len(g) == 6 and g.people_count == 2


def test_decide_all_equals_decide_per_face():
    g, centres = cluster_gallery()
    stranger = unit(np.random.default_rng(7), 1)
    faces = np.concatenate([centres[:4], stranger])
    batch = g.decide_all(faces, threshold=0.55, ambiguity_margin=0.02)
    assert batch == [g.decide(f, threshold=0.55, ambiguity_margin=0.02) for f in faces]
    assert [d.outcome for d in batch] == ["match"] * 4 + ["unknown"]
    assert Gallery().decide_all(faces)[0].outcome == "unknown"
    with pytest.raises(BadInput):
        g.decide_all(faces, threshold=-1)


def test_built_from_empty_arrays_and_numpy_ids():
    g = Gallery(np.zeros((0, DIM), np.float32), np.zeros(0, np.int64))
    assert len(g) == 0 and g.person_ids == () and g.decide(np.ones(DIM)).outcome == "unknown"
    g = Gallery(np.ones((2, DIM), np.float32), np.array([5, 5]))
    assert g.person_ids == (5,) and type(g.person_ids[0]) is int
    assert g.decide(np.ones(DIM)).person_id == 5
