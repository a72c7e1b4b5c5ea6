"""The open-set protocol on synthetic descriptors whose answer is known."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from headcount.bench.openset import (
    RULES,
    evaluate,
    plain,
    report,
    run_trials,
    threshold_at,
)
from headcount.errors import BadInput


def synthetic(people: int = 300, per: int = 3, spread: float = 0.08,
              seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """People far apart (about 1.13), their images close to them (about 0.13 apart)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 0.05, (people, 128))
    desc = np.repeat(centres, per, axis=0) + rng.normal(0, spread / np.sqrt(128),
                                                         (people * per, 128)) * np.sqrt(2)
    labels = np.repeat([f"p{i}" for i in range(people)], per)
    return desc, labels


def test_well_separated_people_are_all_matched_and_strangers_never_proposed() -> None:
    desc, labels = synthetic()
    s = run_trials(desc, labels, enrol=1, gallery_size=45, trials=20)
    assert len(s.d1) == 20 * 90 and s.genuine.sum() == 20 * 45
    assert s.right[s.genuine].all() and not s.right[~s.genuine].any()
    assert (s.d1 <= s.d2).all()
    r = evaluate(s, plain, threshold=0.6)  # between the two clusters of distances
    assert r["genuine_matched"] == 1.0 and r["stranger_proposed"] == 0.0


def test_threshold_meets_the_target_on_unseen_trials() -> None:
    # Overlapping people: the threshold is chosen on even trials for 5 % of stranger
    # searches, and the odd trials land near it.
    desc, labels = synthetic(spread=0.9, seed=2)
    s = run_trials(desc, labels, enrol=1, gallery_size=45, trials=200)
    r = evaluate(s, plain, target=0.05)
    assert 0.025 < r["stranger_proposed"] < 0.08
    assert 0 < r["genuine_matched"] < 1
    # Two enrolment photos match more people at the same stranger rate.
    two = evaluate(run_trials(desc, labels, enrol=2, gallery_size=45, trials=200), plain,
                   target=0.05)
    assert two["genuine_matched"] > r["genuine_matched"]


def test_report_has_every_rule_and_the_fixed_thresholds() -> None:
    desc, labels = synthetic(spread=0.9, seed=3)
    out = report(run_trials(desc, labels, trials=10), fixed=(0.6, 0.5))
    assert set(out["rules"]) == set(RULES)  # type: ignore[arg-type]
    assert set(out["plain_at"]) == {"0.6", "0.5"}  # type: ignore[arg-type]
    assert out["genuine_searches"] == out["stranger_searches"] == 450


def test_threshold_at_counts_strictly_below() -> None:
    x = np.arange(100, dtype=float)
    assert threshold_at(x, 0.05) == 5.0  # 0..4 below: 5 %


def test_images_without_a_face_are_left_out_and_too_few_people_refused() -> None:
    desc, labels = synthetic(people=100)
    desc[::3] = np.nan  # every person loses one image
    s = run_trials(desc, labels, enrol=1, gallery_size=45, trials=3)
    assert np.isfinite(s.d1).all()
    with pytest.raises(BadInput, match="need 45"):
        run_trials(desc[:120], labels[:120], enrol=1, gallery_size=45)


def test_the_cache_holds_live_descriptors_and_enrolment_templates(tmp_path: Path) -> None:
    from headcount.bench.openset import describe_all

    paths = [tmp_path / "a" / "1.jpg", tmp_path / "b" / "1.jpg"]  # never read: cached
    rng = np.random.default_rng(0)
    desc, tpl = rng.normal(0, 0.1, (2, 2, 128))
    desc[1] = tpl[1] = np.nan  # no face
    cache = tmp_path / "c.npz"
    np.savez(cache, paths=np.array([str(p) for p in paths]), desc=desc, template=tpl)
    got_desc, got_tpl = describe_all(paths[::-1], cache)  # in the order asked
    assert np.array_equal(got_desc[1], desc[0]) and np.array_equal(got_tpl[1], tpl[0])
    assert np.isnan(got_desc[0]).all() and np.isnan(got_tpl[0]).all()


def test_competitor_rows_count_other_people_and_only_withhold() -> None:
    from headcount.bench.openset import COMPETITORS, competing, gap_weighted

    desc, labels = synthetic(people=300, spread=0.9, seed=4)
    s = run_trials(desc, labels, trials=10)
    assert s.dc.shape == (len(s.d1), len(COMPETITORS))
    # 300 people - 45 on the list - 45 strangers = 210: K = 100 exists, 300+ do not.
    assert not np.isnan(s.dc[:, 0]).any() and np.isnan(s.dc[:, 1:]).all()
    out = report(s, fixed=(0.6,))
    assert set(out["competitors"]) == {"100"}  # type: ignore[arg-type]
    # At the same threshold the competitor rule never proposes more than the list alone.
    t = 0.9
    alone = gap_weighted(0.5)(s) < t
    assert not (competing(100)(s) < t)[~alone].any()
    assert (competing(100)(s)[s.dc[:, 0] < s.d1] == np.inf).all()


def test_the_seed_draws_other_lists_and_reaches_the_command(monkeypatch, tmp_path) -> None:
    """``bench openset --seed N``: the same seed gives the same searches, another seed
    other lists (the figures' own noise is measured that way, docs/BENCHMARKS.md)."""
    from headcount.bench import openset
    from headcount.cli import main

    desc, labels = synthetic()
    a = run_trials(desc, labels, trials=4, seed=1)
    b = run_trials(desc, labels, trials=4, seed=1)
    c = run_trials(desc, labels, trials=4, seed=2)
    assert np.array_equal(a.d1, b.d1)
    assert not np.array_equal(a.d1, c.d1)
    seen = {}
    monkeypatch.setattr(openset, "run", lambda root, **kw: seen.update(kw) or {"ok": True})
    assert main(["--json", "bench", "openset", "--root", str(tmp_path), "--seed", "7"]) == 0
    assert seen["seed"] == 7
