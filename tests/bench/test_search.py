"""The search benchmark runs and names its figures as ``bench speed`` expects."""

from __future__ import annotations

import numpy as np

from headcount.bench import search


def test_run_small_sizes():
    out = search.run(sizes=(2_000, 1_000_000 // 500), repeats=3)
    assert set(out) == {"search_2k_ms"}
    out = search.run(sizes=(1_500,), repeats=3)
    assert set(out) == {"search_1500_ms"} and out["search_1500_ms"] > 0


def test_random_templates_look_like_dlib_descriptors():
    t = search.random_templates(1_000, chunk=300)
    assert t.dtype == np.float32 and t.shape == (1_000, 128) and t.flags.c_contiguous
    np.testing.assert_allclose(np.linalg.norm(t, axis=1), search.NORM, rtol=1e-5)
    assert len(np.unique(t[:, 0])) == 1_000  # chunks are not repeats of each other
    assert search._label(100_000) == "100k" and search._label(1_000_000) == "1m"
