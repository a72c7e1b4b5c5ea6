"""`headcount bench decide`: the timing runs the real decision path with competitors."""

from __future__ import annotations

from headcount.bench.decide import run


def test_decide_bench_reports_ms_per_face_with_and_without_competitors() -> None:
    out = run(competitors=300, repeat=2)
    assert out["competitors"] == 300 and out["roster"] == 45
    for n in (1, 16):
        assert out[f"faces_{n}_ms_per_face"] > 0
        assert out[f"faces_{n}_competitors_ms_per_face"] > 0
    assert 0 < out["competitor_mb"] < 1
