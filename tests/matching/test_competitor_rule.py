"""Competitors in the decision rule and in the station's simulated stranger searches."""

from __future__ import annotations

import numpy as np
import pytest

from headcount.matching.competitors import Competitors, pick
from headcount.matching.decision import GapRule, Hit, decide_from_hits
from headcount.matching.gallery import Gallery
from headcount.matching.simulate import gap_threshold, scores, stranger_searches

RULE = GapRule(0.5, 0.45, 0.65, 0.1)


def test_nearest_is_exact_and_empty_is_infinitely_far() -> None:
    rng = np.random.default_rng(0)
    t = rng.normal(0, 0.1, (300, 128)).astype(np.float32)
    q = rng.normal(0, 0.1, (7, 128)).astype(np.float32)
    want = np.sqrt(((q[:, None, :].astype(np.float64) - t[None]) ** 2).sum(-1)).min(1)
    assert Competitors(t).nearest(q) == pytest.approx(want, abs=1e-9)
    assert np.isinf(Competitors().nearest(q)).all() and len(Competitors()) == 0


def test_the_cap_keeps_whole_people_at_random() -> None:
    owners = np.repeat(np.arange(100), 3)
    mat = np.arange(300, dtype=np.float32)[:, None] * np.ones((1, 128), np.float32)
    kept = pick(owners, mat, cap=31, seed=1)
    assert len(kept) == 30  # ten whole people of three templates
    people = {int(r[0]) // 3 for r in kept}
    assert len(people) == 10 and people != set(range(10))
    assert (pick(owners, mat, cap=31, seed=1) == kept).all()  # seeded: the same draw
    assert pick(owners, mat, cap=300) is mat


def test_a_nearer_competitor_vetoes_and_a_near_one_lowers_the_credit() -> None:
    hits = (Hit("a", 0.40), Hit("b", 0.70))
    assert decide_from_hits(hits, 0.5, 0.05, RULE).outcome == "match"
    assert decide_from_hits(hits, 0.5, 0.05, RULE, competitor=0.39).outcome == "unknown"
    assert decide_from_hits(hits, 0.5, 0.05, None, competitor=0.39).outcome == "unknown"
    # A competitor at 0.44: the lead is 0.04, not 0.30: score 0.38, still under 0.45.
    d = decide_from_hits(hits, 0.5, 0.05, RULE, competitor=0.44)
    assert d.outcome == "match" and d.competitor_distance == 0.44
    assert RULE.score(0.40, 0.70, 0.44) == pytest.approx(0.38)
    # Further from the list person: the competitor's closeness now withholds the proposal.
    far = (Hit("a", 0.46), Hit("b", 0.70))
    assert decide_from_hits(far, 0.5, 0.05, RULE).outcome == "match"
    assert decide_from_hits(far, 0.5, 0.05, RULE, competitor=0.48).outcome == "unknown"
    # A list of one with a competitor: the competitor is the runner-up.
    assert RULE.proposes(0.46, None, 0.5) and not RULE.proposes(0.46, None, 0.5, 0.47)
    # Gallery.decide_all carries them through, no id of any competitor in the answer.
    g = Gallery(np.eye(2, 128, dtype=np.float32), ["a", "b"])
    c = Competitors(np.eye(3, 128, k=2, dtype=np.float32))
    q = np.eye(1, 128, k=2, dtype=np.float32)  # exactly a competitor
    out = g.decide_all(q, 1.5, 0.05, RULE, c)
    assert out[0].outcome == "unknown" and out[0].person_id is None


def _clustered(people: int, seed: int = 0) -> Gallery:
    """Two templates a person, 0.3 apart; people about 0.6-0.9 apart (LFW-like)."""
    rng = np.random.default_rng(seed)
    centre = rng.normal(0, 0.055, (people, 128))
    t = np.repeat(centre, 2, axis=0) + rng.normal(0, 0.019, (2 * people, 128))
    return Gallery(t.astype(np.float32), np.repeat(np.arange(people), 2).tolist())


def test_simulated_searches_count_the_rest_of_the_people_as_competitors() -> None:
    g = _clustered(150)
    s = stranger_searches(g, 45, max_searches=600, competitors=5000)
    assert s.dc is not None and (s.d1 <= s.d2).all()
    # Below the cap every other person is on the list or a competitor: the nearer of
    # d1 and dc is the probe's nearest OTHER person, exactly.
    idx = g._index()
    owner = np.repeat(np.arange(150), 2)
    probes = np.tile(np.arange(300), 2)
    full = np.linalg.norm(idx.templates[probes][:, None, :].astype(np.float64)
                          - idx.templates[None].astype(np.float64), axis=2)
    full[owner[probes][:, None] == owner[None, :]] = np.inf
    assert np.minimum(s.d1, s.dc) == pytest.approx(full.min(axis=1), abs=1e-5)
    # Above the cap each search sees a random pool of whole people, never more.
    capped = stranger_searches(g, 45, max_searches=300, competitors=60)
    assert capped.dc is not None and len(capped.d1) == 300
    seen = np.minimum(capped.d1, capped.dc)
    assert (seen >= full.min(axis=1)[:300] - 1e-5).all() and (seen > full.min(axis=1)[:300]).any()
    # Competitors only withhold or lower the credit: the chosen threshold is not lower.
    plain = stranger_searches(g, 45, max_searches=600)
    with_c = gap_threshold(s, 0.5, 0.01)[0]
    assert with_c > gap_threshold(plain, 0.5, 0.01)[0]
    assert np.isinf(scores(s, 0.5)[s.dc < s.d1]).all()


def test_the_card_words_follow_the_runner_up_the_rule_used() -> None:
    from headcount.matching.decision import nearer
    from headcount.matching.threshold import match_verdict

    rule = GapRule(0.5, 0.45, 0.65, 0.1)
    alone = match_verdict(0.30, 0.80, 0.45, gap=rule)  # nobody else near
    assert alone.level == "likely" and "everyone else" in alone.detail.en
    # The same face with a competitor almost as close: the card passes the nearer one.
    d = decide_from_hits((Hit("a", 0.30), Hit("b", 0.80)), 0.45, 0.05, rule, competitor=0.33)
    near = nearer(d.runner_up_distance, d.competitor_distance)
    card = match_verdict(d.distance or 0, near, 0.45, gap=rule)
    assert d.outcome == "match" and card.level == "uncertain"
    assert "someone else" in card.detail.en and "另有一人" in card.detail.zh
    assert rule.stranger_rate(0.30, 0.80, 0.33) == rule.stranger_rate(0.30, near)
