"""The threshold chosen from a target: known answers on synthetic distance distributions,
the shipped LFW estimate, and the decision in an invigilator's words."""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest

from headcount.matching.calibration import comparison_fmr_for, threshold_for
from headcount.matching.decision import verdict
from headcount.matching.gallery import Gallery
from headcount.matching.threshold import (
    LFW_PRIOR,
    MIN_PEOPLE,
    choose_threshold,
    default_choice,
    match_verdict,
    search_rate_at,
)


def test_threshold_for_a_target_on_a_known_impostor_distribution() -> None:
    # Squared impostor distances normal (mean 0.64, sd 0.08): the threshold that lets a
    # stranger match one of 45 people in 1 % of searches is known in closed form.
    rng = np.random.default_rng(1)
    sq = rng.normal(0.64, 0.08, 400_000)
    imp = np.sqrt(sq[sq > 0])
    f = comparison_fmr_for(0.01, 45)
    want = math.sqrt(0.64 + 0.08 * NormalDist().inv_cdf(f))
    got, method = threshold_for(imp, 0.01, 45)
    assert method == "empirical"  # 400,000 x 2.2e-4 = 89 scores below it
    assert got == pytest.approx(want, abs=0.004)
    # A stricter target or a longer list: a lower threshold.
    assert threshold_for(imp, 0.001, 45)[0] < got < threshold_for(imp, 0.01, 10)[0]


def _gallery(people: int, sigma: float = 0.1, seed: int = 0) -> Gallery:
    rng = np.random.default_rng(seed)
    return Gallery(rng.normal(0, sigma, (people, 128)).astype(np.float32), list(range(people)))


def test_station_estimate_from_its_own_gallery_has_the_known_answer() -> None:
    # Random 128-D points (sd s per axis): the squared distance between two people is
    # 2 s^2 chi2(128); its quantile at the per-comparison rate is the answer.
    s = 0.1
    choice = choose_threshold(_gallery(400, s), target=0.01, roster=45)
    assert choice.source == "station" and choice.people == 400
    f = comparison_fmr_for(0.01, 45)
    chi2 = np.random.default_rng(5).chisquare(128, 4_000_000)
    want = math.sqrt(2 * s * s * float(np.quantile(chi2, f)))
    assert choice.threshold == pytest.approx(want, rel=0.02)


def test_small_galleries_use_the_shipped_lfw_estimate() -> None:
    small = choose_threshold(_gallery(MIN_PEOPLE - 1), target=0.01, roster=45)
    assert small.source == "lfw" and small.people == MIN_PEOPLE - 1
    assert small.threshold == default_choice().threshold == LFW_PRIOR["threshold"]
    assert choose_threshold(None).source == "lfw"
    assert choose_threshold(_gallery(MIN_PEOPLE)).source == "station"
    # The line shown in doctor and the settings says all of it, in both languages.
    line = small.describe()
    assert f"{small.threshold:.3f}" in line.en and "1%" in line.en and "45" in line.en
    assert "LFW" in line.en and "LFW" in line.zh and "45" in line.zh


def test_shipped_estimate_is_stricter_than_dlibs_point_six() -> None:
    # At 0.6 a stranger matched someone on a 45-person LFW list in ~41 % of searches.
    assert 0.4 < default_choice().threshold < 0.6
    assert search_rate_at(0.6) > 0.2
    assert search_rate_at(default_choice().threshold) == pytest.approx(0.01, rel=0.05)


@pytest.mark.parametrize(
    ("distance", "runner_up", "rate", "level"),
    [
        (0.30, None, 1e-6, "likely"),
        (0.30, 0.60, 1e-5, "likely"),
        (0.30, 0.38, 1e-5, "check"),  # someone else fairly close
        (0.45, 0.70, 0.005, "check"),  # a stranger gets this close 1 in 200 searches
        (0.30, 0.33, 1e-6, "uncertain"),  # within the ambiguity margin
        (0.45, None, 0.05, "uncertain"),  # a threshold set by hand far too high
    ],
)
def test_decision_words(distance: float, runner_up: float | None, rate: float,
                        level: str) -> None:
    v = verdict(distance, runner_up, 0.5, rate)
    assert v.level == level
    words = {"likely": ("check the ID card", "核对身份证件"),
             "check": ("compare carefully", "仔细核对"),
             "uncertain": ("manual check", "人工核验")}[level]
    assert words[0] in v.headline.en and words[1] in v.headline.zh
    assert v.detail.en and v.detail.zh


def test_decision_words_give_the_rate_and_margin() -> None:
    v = verdict(0.45, 0.47, 0.5, 0.005)
    assert "once in 200 searches" in v.detail.en and "200" in v.detail.zh
    assert "almost as close" in v.detail.en and "几乎同样相似" in v.detail.zh
    assert "10,000" in verdict(0.2, None, 0.5, 1e-7).detail.en
    # From the shipped curve: a close match is likely, one at the threshold is not.
    t = default_choice().threshold
    assert match_verdict(0.25, None, t).level == "likely"
    assert match_verdict(t - 0.005, None, t).level == "check"


def test_library_default_is_the_shipped_estimate() -> None:
    from headcount.matching.decision import DEFAULT_THRESHOLD

    assert default_choice().threshold == DEFAULT_THRESHOLD


def test_jittered_templates_shift_only_the_stations_own_estimates() -> None:
    from dataclasses import replace

    from headcount.matching.calibration import TailFit
    from headcount.matching.simulate import ScoreTail
    from headcount.matching.threshold import JITTER_CORRECTION, jitter_corrected

    lfw = default_choice()
    assert jitter_corrected(lfw, 1.0) == lfw  # LFW's priors are for jittered templates
    station = replace(lfw, source="station", gap_source="station", threshold=0.47,
                      gap_threshold=0.42)
    assert jitter_corrected(station, 0.0) == station  # mirror-only templates: no shift
    full = jitter_corrected(station, 1.0)
    assert full.threshold == pytest.approx(0.47 + JITTER_CORRECTION["plain"])
    assert full.gap_threshold == pytest.approx(0.42 + JITTER_CORRECTION["gap"])
    half = jitter_corrected(station, 0.5)
    assert half.threshold == pytest.approx(0.47 + JITTER_CORRECTION["plain"] / 2, abs=1e-4)
    assert half.gap_threshold == pytest.approx(0.42 + JITTER_CORRECTION["gap"] / 2, abs=1e-4)
    # the curves move with the thresholds: the card's rate at the threshold is unchanged
    before, after = TailFit(station.tail_mean, station.tail_std, 0), full.tail()
    assert after.rate(full.threshold) == pytest.approx(before.rate(0.47), rel=1e-3)
    g0 = ScoreTail(station.gap_tail_mean, station.gap_tail_std)
    g1 = ScoreTail(full.gap_tail_mean, full.gap_tail_std)
    assert g1.rate(full.gap_threshold) == pytest.approx(g0.rate(0.42))
    # only the part the station estimated moves
    plain_only = jitter_corrected(replace(station, gap_source="lfw"), 1.0)
    assert plain_only.gap_threshold == 0.42 and plain_only.threshold > 0.47
