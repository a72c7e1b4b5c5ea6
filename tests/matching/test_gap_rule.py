"""The gap rule: distance minus half the lead over the runner-up, its threshold chosen from
simulated stranger searches (matching/simulate.py) or from LFW until the gallery is big."""

from __future__ import annotations

import numpy as np
import pytest

from headcount.matching.decision import DEFAULT_THRESHOLD, GAP_WEIGHT, GapRule
from headcount.matching.gallery import Gallery
from headcount.matching.simulate import gap_threshold, stranger_searches
from headcount.matching.threshold import (
    LFW_GAP_PRIOR,
    MIN_PEOPLE_GAP,
    choose_threshold,
    default_choice,
    match_verdict,
)

PRIOR = default_choice().gap_rule()


def _at(*dists: float) -> np.ndarray:
    """Templates of len(dists) people, person i at distance dists[i] from the origin
    along its own axis (so from a query at the origin, person i is dists[i] away)."""
    t = np.zeros((len(dists), 128), np.float32)
    for i, d in enumerate(dists):
        t[i, i] = d
    return t


def test_a_stranger_between_two_close_people_is_not_proposed() -> None:
    # Nearest 0.465, runner-up 0.525: under the plain threshold and clear of the ambiguity
    # margin, so the plain rule proposes person 0; the gap rule scores 0.465 - 0.5 x 0.06
    # = 0.435, above its threshold (0.4234): nobody is proposed.
    g = Gallery(_at(0.465, 0.525, 0.9, 0.95), [0, 1, 2, 3])
    q = np.zeros(128, np.float32)
    assert g.decide(q, threshold=DEFAULT_THRESHOLD).outcome == "match"
    d = g.decide(q, threshold=DEFAULT_THRESHOLD, gap=PRIOR)
    assert d.outcome == "unknown" and d.person_id is None
    assert PRIOR.score(0.465, 0.525) == pytest.approx(0.435)


def test_a_clear_genuine_is_still_proposed() -> None:
    # Nearest 0.50 (over the plain threshold), the rest of the list far: score
    # 0.50 - 0.5 x 0.40 = 0.30, well under the gap threshold: proposed.
    g = Gallery(_at(0.50, 0.90, 0.95), [7, 8, 9])
    assert g.decide(np.zeros(128, np.float32), threshold=DEFAULT_THRESHOLD).outcome == "unknown"
    d = g.decide(np.zeros(128, np.float32), threshold=DEFAULT_THRESHOLD, gap=PRIOR)
    assert d.outcome == "match" and d.person_id == 7
    # Nothing past dlib's same-person limit is proposed however clear the lead.
    far = Gallery(_at(0.62, 1.4), [1, 2])
    assert far.decide(np.zeros(128, np.float32), threshold=0.7, gap=PRIOR).outcome == "unknown"
    # A list of one: no lead to measure, the plain threshold decides.
    one = Gallery(_at(0.45), [5])
    assert one.decide(np.zeros(128, np.float32), threshold=DEFAULT_THRESHOLD, gap=PRIOR).outcome \
        == "match"
    assert one.decide(np.zeros(128, np.float32), threshold=0.44, gap=PRIOR).outcome == "unknown"


def test_two_equally_close_people_stay_ambiguous_under_the_gap_rule() -> None:
    g = Gallery(_at(0.20, 0.22, 0.9), [1, 2, 3])
    d = g.decide(np.zeros(128, np.float32), threshold=DEFAULT_THRESHOLD, gap=PRIOR)
    assert d.outcome == "ambiguous" and {d.person_id, d.runner_up_id} == {1, 2}


def _people(n: int, seed: int = 0, per: int = 1) -> Gallery:
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 0.06, (n, 128))
    t = np.repeat(centres, per, axis=0) + rng.normal(0, 0.01, (n * per, 128))
    return Gallery(t.astype(np.float32), np.repeat(np.arange(n), per))


def test_simulated_searches_leave_the_probe_out_and_use_the_list_size() -> None:
    g = _people(60, per=2)
    s = stranger_searches(g, roster=45, max_searches=500, seed=1)
    assert len(s.d1) == 480 and s.probes == 120  # every template, on 4 lists each
    assert np.all(s.d2 >= s.d1)
    # The probe's own second template (0.14 away) never appears: others are 0.8+ away.
    assert s.d1.min() > 0.6
    with pytest.raises(Exception, match="more people than the list"):
        stranger_searches(_people(45), roster=45)


def test_the_gap_threshold_meets_the_target_on_fresh_searches() -> None:
    # 2,100 people: 1 % of the distinct probes is 21, enough to count directly.
    g = _people(2100)
    t, method, tail = gap_threshold(stranger_searches(g, 45, seed=0), GAP_WEIGHT, 0.01)
    assert method == "empirical" and tail is not None
    fresh = stranger_searches(g, 45, seed=99)
    rate = np.mean(fresh.d1 - GAP_WEIGHT * (fresh.d2 - fresh.d1) < t)
    assert 0.005 < rate < 0.02
    # The tail curve agrees where it is used instead (fewer people, stricter targets).
    assert tail.threshold_for(0.01) == pytest.approx(t, abs=0.01)
    small = stranger_searches(_people(300), 45, seed=0)
    t_small, how, _ = gap_threshold(small, GAP_WEIGHT, 0.01)
    assert how == "tail" and t_small == pytest.approx(t, abs=0.03)
    t_strict, _, _ = gap_threshold(small, GAP_WEIGHT, 0.001)
    assert t_strict < t_small


def test_choice_uses_lfw_until_the_gallery_is_big_enough() -> None:
    small = choose_threshold(_people(MIN_PEOPLE_GAP - 1))
    assert small.source == "station" and small.gap_source == "lfw"
    assert small.gap_threshold == LFW_GAP_PRIOR["threshold"]
    big = choose_threshold(_people(MIN_PEOPLE_GAP + 50))
    assert big.gap_source == "station" and big.gap_method == "tail"  # < 2,000 probes
    # These synthetic people are far apart (about 1.2): a far looser threshold than LFW's.
    assert big.gap_threshold > 0.6
    assert big.gap_rule().threshold == big.gap_threshold
    # Stored and read back (older stored estimates without gap fields read as LFW's).
    from headcount.matching.threshold import ThresholdChoice

    assert ThresholdChoice.from_dict(big.to_dict()) == big
    old = {k: v for k, v in big.to_dict().items() if not k.startswith("gap_")}
    assert ThresholdChoice.from_dict(old).gap_source == "lfw"


def test_the_card_words_follow_the_gap_rule() -> None:
    # A clear lead: the gap rule's own stranger rate is tiny, "likely".
    clear = match_verdict(0.42, 0.85, DEFAULT_THRESHOLD, gap=PRIOR)
    assert clear.level == "likely" and "身份证件" in clear.headline.zh
    # A close runner-up: under the plain threshold, but the gap rule would not propose it.
    close = match_verdict(0.47, 0.53, DEFAULT_THRESHOLD, gap=PRIOR)
    assert close.level == "uncertain" and "manual" in close.headline.en
    # Proposed, but with a stranger rate above 1 in 1,000: compare carefully.
    mid_d2 = 0.60
    mid_d1 = (PRIOR.threshold - 0.01 + GAP_WEIGHT * mid_d2) / (1 + GAP_WEIGHT)
    mid = match_verdict(mid_d1, mid_d2, DEFAULT_THRESHOLD, gap=PRIOR)
    assert PRIOR.stranger_rate(mid_d1, mid_d2) > 0.001
    assert mid.level == "check" and "once in" in mid.detail.en and "次识别" in mid.detail.zh


def test_the_prior_reads_other_targets_off_its_curve() -> None:
    strict = default_choice(target=0.001)
    assert strict.gap_method == "tail" and strict.gap_threshold < PRIOR.threshold
    rule = GapRule(GAP_WEIGHT, PRIOR.threshold, PRIOR.tail_mean, PRIOR.tail_std)
    assert rule.threshold_at(0.01) == pytest.approx(PRIOR.threshold, abs=0.02)
