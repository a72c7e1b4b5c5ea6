"""Calibration against synthetic distributions whose true false-match rate is known."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from headcount.errors import BadInput
from headcount.i18n import set_language
from headcount.matching import calibration as cal
from headcount.matching.gallery import Gallery

DIM = 128


def chi_gallery(people: int, sigma: float, per_person: int = 1, spread: float = 0.0, seed=0):
    """Person centres ~ N(0, sigma^2 I): |a - b|^2 / (2 sigma^2) ~ chi2(128) for a != b."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, sigma, (people, DIM))
    t = np.repeat(centres, per_person, axis=0)
    if spread:
        t = t + rng.normal(0, spread, t.shape)
    ids = np.repeat(np.arange(people), per_person)
    return Gallery(t.astype(np.float32), ids), centres


def true_fmr(threshold: float, sigma: float) -> float:
    return float(stats.chi2.cdf(threshold**2 / (2 * sigma**2), DIM))


def test_impostor_distances_exhaustive_count_each_pair_once():
    g, centres = chi_gallery(30, 0.06)
    scores, exhaustive = cal.impostor_distances(g)
    assert exhaustive and len(scores) == 30 * 29 // 2
    d = np.linalg.norm(centres[:, None] - centres[None], axis=2)
    expected = np.sort(d[np.triu_indices(30, 1)])
    np.testing.assert_allclose(np.sort(scores), expected, atol=2e-5)


def test_impostor_distances_with_many_templates_use_min_per_person():
    rng = np.random.default_rng(5)
    t = rng.normal(0, 0.06, (7, DIM)).astype(np.float32)
    ids = ["a", "a", "a", "b", "b", "c", "c"]
    scores, _ = cal.impostor_distances(Gallery(t, ids))
    t64 = t.astype(np.float64)
    expected = []
    owner = np.array(ids)
    for i, pid in enumerate(ids):
        for other in sorted({"a", "b", "c"} - {pid}):
            if other > pid:  # each unordered pair of people once, rows of the first
                expected.append(np.linalg.norm(t64[owner == other] - t64[i], axis=1).min())
    np.testing.assert_allclose(np.sort(scores), np.sort(expected), atol=2e-5)


def test_impostor_sampling_draws_valid_pairs_reproducibly():
    g, _ = chi_gallery(60, 0.06, per_person=3, spread=0.03)
    full = np.array([])
    owner = np.repeat(np.arange(60), 3)
    t = g._index().templates.astype(np.float64)
    # Every (template, other person) distance: what a sample may contain.
    d = np.linalg.norm(t[:, None] - t[None], axis=2).reshape(180, 60, 3).min(axis=2)
    full = d[owner[:, None] != np.arange(60)[None, :]]
    a, exhaustive = cal.impostor_distances(g, max_scores=3000, seed=1)
    b, _ = cal.impostor_distances(g, max_scores=3000, seed=1)
    assert not exhaustive and len(a) == 3000
    np.testing.assert_array_equal(a, b)
    nearest = np.abs(a[:, None] - np.sort(full)[None, :]).min(axis=1)
    assert nearest.max() < 1e-5
    assert a.mean() == pytest.approx(full.mean(), rel=0.02)


def test_genuine_distances():
    g, _ = chi_gallery(5, 0.06, per_person=4, spread=0.01)
    gen = cal.genuine_distances(g)
    assert len(gen) == 5 * 6
    expected_mean = np.sqrt(2 * DIM) * 0.01  # |x - y| for two N(0, 0.01^2 I) offsets
    assert gen.mean() == pytest.approx(expected_mean, rel=0.1)
    assert len(cal.genuine_distances(chi_gallery(5, 0.06)[0])) == 0
    assert len(cal.genuine_distances(g, max_scores=12)) <= 12


def test_search_fmr_formula():
    assert cal.search_fmr(0.01, 1) == pytest.approx(0.01)
    assert cal.search_fmr(0.01, 100) == pytest.approx(1 - 0.99**100)
    assert cal.search_fmr(1e-12, 1000) == pytest.approx(1e-9, rel=1e-6)  # no cancellation
    assert cal.search_fmr(0.0, 1000) == 0.0 and cal.search_fmr(1.0, 5) == 1.0
    f = cal.comparison_fmr_for(0.05, 40)
    assert cal.search_fmr(f, 40) == pytest.approx(0.05)


@pytest.mark.parametrize("target", [1e-2, 1e-3])
def test_empirical_fmr_close_to_true(target):
    sigma = 0.056  # impostor distances ~0.9 like dlib's
    g, _ = chi_gallery(1500, sigma)
    scores, _ = cal.impostor_distances(g)
    t = sigma * math.sqrt(2 * stats.chi2.ppf(target, DIM))
    est = cal.false_match_rate(scores, t)
    assert est.method == "empirical" and est.below >= cal.MIN_TAIL_COUNT
    assert est.rate == pytest.approx(target, rel=0.25)
    assert est.upper95 >= est.empirical
    assert est.tail == pytest.approx(target, rel=0.5)


def test_tail_estimate_used_and_close_when_few_impostors_fall_below():
    sigma = 0.056
    rng = np.random.default_rng(2)
    scores = sigma * np.sqrt(2 * rng.chisquare(DIM, 20_000))
    # 1e-6 is 50x below the smallest rate 20,000 scores can show: the extrapolation may
    # be off by a few times, and should err on the cautious (higher) side.
    for target, low, high in ((1e-4, 0.5, 2.0), (1e-6, 0.5, 5.0)):
        t = sigma * math.sqrt(2 * stats.chi2.ppf(target, DIM))
        est = cal.false_match_rate(scores, t)
        assert est.method == "tail" and est.below < cal.MIN_TAIL_COUNT
        assert target * low < est.rate < target * high, (target, est)
        if est.below == 0:
            assert est.empirical == 0.0 and est.upper95 == pytest.approx(3 / 20_000, rel=0.05)


def test_threshold_for_target_meets_true_rate():
    sigma = 0.056
    rng = np.random.default_rng(3)
    scores = sigma * np.sqrt(2 * rng.chisquare(DIM, 200_000))
    for target, people, method in ((0.05, 10, "empirical"), (0.01, 1000, "tail")):
        t, how = cal.threshold_for(scores, target, people)
        assert how == method
        achieved = cal.search_fmr(true_fmr(t, sigma), people)
        assert target / 2.5 < achieved < target * 2.5, (target, achieved)
    with pytest.raises(BadInput):
        cal.threshold_for(scores, 0.0, 10)
    with pytest.raises(BadInput):
        cal.threshold_for(scores, 1.5, 10)


def test_calibrate_report_and_bilingual_summary():
    sigma = 0.056
    g, _ = chi_gallery(400, sigma, per_person=2, spread=0.012)
    t = sigma * math.sqrt(2 * stats.chi2.ppf(1e-2, DIM))
    r = cal.calibrate(g, threshold=t, target_search_fmr=0.01, search_people=40)
    assert (r.people, r.templates, r.search_people) == (400, 800, 40)
    assert r.impostor_exhaustive and r.genuine_scores == 400
    # Min over 2 templates per person: a bit above the single-template rate, same order.
    assert 0.5e-2 < r.fmr < 3e-2
    assert r.search_fmr == pytest.approx(1 - (1 - r.fmr) ** 40)
    assert r.suggested_threshold < t
    assert r.suggested_fmr == pytest.approx(cal.comparison_fmr_for(0.01, 40), rel=0.6)
    assert r.fnmr is not None and r.suggested_fnmr is not None
    assert r.fnmr <= r.suggested_fnmr
    text = r.summary()
    assert "400 people" in text.en and "400 人" in text.zh
    assert f"{r.suggested_threshold:.3f}" in text.en and f"{r.suggested_threshold:.3f}" in text.zh
    set_language("zh")
    try:
        assert str(text) == text.zh
    finally:
        set_language(None)
    d = r.to_dict()
    assert d["search_people"] == 40 and set(d) >= {"fmr", "search_fmr", "suggested_threshold"}


def test_calibrate_defaults_to_whole_gallery_and_needs_two_people():
    g, _ = chi_gallery(20, 0.056)
    assert cal.calibrate(g).search_people == 20
    r = cal.calibrate(g.restrict(range(5)))
    assert r.people == 5 and r.impostor_scores == 10 and r.fnmr is None
    with pytest.raises(BadInput):
        cal.calibrate(Gallery(np.zeros((3, DIM), np.float32), ["a"] * 3))
    with pytest.raises(BadInput):
        cal.calibrate(g, search_people=0)
