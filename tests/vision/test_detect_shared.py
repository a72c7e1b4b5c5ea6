"""The detection benchmark on real group photos (../shared/faces; skipped when absent)."""

from __future__ import annotations

import pytest

from headcount.bench.detect import run


@pytest.mark.shared
@pytest.mark.slow
def test_classroom_detection_reaches_the_targets(shared_faces):
    result = run(shared_faces / "groups", mode="classroom")
    assert result["ground_truth"] == 43
    assert result["recall"] >= 0.95
    assert result["false_positives"] <= 2
    # dlib's HOG detector (upsampling twice) finds 45 and 26 here.
    assert result["counts"]["1.jpg"] >= 45
    assert result["counts"]["11.jpg"] >= 26
