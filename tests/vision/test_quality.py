"""Quality: each failure reason fires for the condition it names, with advice in both languages."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from headcount.vision.detect import FaceDetector
from headcount.vision.landmarks import Landmarker, points5
from headcount.vision.quality import ENROL, LIVE, assess, geometry

# A frontal face: eyes level, 60 px apart (centres), nose 0.78 IOD below.
FRONTAL = np.array([[290.0, 200.0], [250.0, 200.0], [170.0, 200.0], [210.0, 200.0],
                    [230.0, 247.0]])


@pytest.fixture(scope="module")
def face_of():
    with FaceDetector("entrance") as det, Landmarker() as lm:
        def run(rgb):
            box = det.detect(rgb).xyxy[0]
            return box, points5(lm.landmarks(rgb, box))
        yield run


def test_geometry_of_a_frontal_and_a_turned_face():
    g = geometry(FRONTAL)
    assert g["iod"] == pytest.approx(80.0) and abs(g["yaw"]) < 1 and abs(g["roll"]) < 1
    assert g["pitch"] == pytest.approx(47 / 80)
    turned = FRONTAL.copy()
    turned[4, 0] += 30  # nose well toward the image-right eye
    assert geometry(turned)["yaw"] > 30


def test_good_photo_passes_both_presets(face_of, grace_hopper):
    box, p5 = face_of(grace_hopper)
    for preset in (LIVE, ENROL):
        q = assess(grace_hopper, box, p5, preset=preset)
        assert q.ok and q.reasons == [], q.codes


def test_small_face_fails_enrolment_but_passes_live(face_of, grace_hopper):
    small = cv2.resize(grace_hopper, None, fx=0.35, fy=0.35, interpolation=cv2.INTER_AREA)
    box, p5 = face_of(small)
    enrol = assess(small, box, p5, preset=ENROL)
    assert enrol.codes == ["too_small"]
    assert "closer" in enrol.reasons[0].message.en and "靠近" in enrol.reasons[0].message.zh
    assert assess(small, box, p5, preset=LIVE).ok


def test_tiny_face_fails_live(face_of, grace_hopper):
    box, p5 = face_of(grace_hopper)
    q = assess(grace_hopper, box / 6, p5 / 6, preset=LIVE)
    assert "too_small" in q.codes


def test_blurred_dark_and_bright(face_of, astronaut):
    box, p5 = face_of(astronaut)
    assert assess(astronaut, box, p5).ok
    blurred = cv2.GaussianBlur(astronaut, (0, 0), 4)
    assert assess(blurred, box, p5).codes == ["blurred"]
    dark = (astronaut * 0.12).astype(np.uint8)
    assert assess(dark, box, p5).codes == ["too_dark"]  # not also "blurred"
    bright = np.clip(astronaut.astype(int) + 150, 0, 255).astype(np.uint8)
    assert "too_bright" in assess(bright, box, p5).codes


def test_turned_face_from_points(astronaut):
    turned = FRONTAL.copy()
    turned[4, 0] += 25
    q = assess(astronaut, [150, 150, 320, 320], turned, preset=ENROL)
    assert "turned" in q.codes
    msg = next(r.message for r in q.reasons if r.code == "turned")
    assert "look straight" in msg.en and "正视" in msg.zh
    down = FRONTAL.copy()
    down[4, 1] += 60  # nose far below the eyes: head bowed
    assert "turned" in assess(astronaut, [0, 0, 1, 1], down, preset=ENROL).codes
