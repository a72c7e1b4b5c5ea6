"""The detection benchmark on real group photos (../shared/faces; skipped when absent)."""

from __future__ import annotations

import pytest

from headcount.bench.detect import run


@pytest.mark.shared
@pytest.mark.slow
def test_classroom_detection_reaches_the_targets(shared_faces):
    result = run(shared_faces / "groups", mode="classroom")
    assert result["ground_truth"] == 43
    assert result["matched"] == 43
    assert result["false_positives"] == 0
    # dlib's HOG detector (upsampling twice) finds 45 and 26 here.
    assert result["counts"]["1.jpg"] >= 45
    assert result["counts"]["11.jpg"] >= 26


@pytest.mark.shared
@pytest.mark.slow
def test_classroom_mode_finds_the_face_in_plain_lfw_photos(shared_faces):
    """Before issue 13 the classroom mode found no face in 130 of 1,480 LFW photos
    (one face of ~110 px in 250x250), e.g. Chuck_Amato_0002 and Jim_Furyk_0001."""
    from headcount.bench.scale import lfw_misses

    result = lfw_misses(shared_faces / "lfw", limit=150)
    assert result["photos"] == 150
    assert result["classroom"]["no_face"] <= 1, result["classroom"]["examples"]
    assert result["entrance"]["no_face"] <= 1, result["entrance"]["examples"]
