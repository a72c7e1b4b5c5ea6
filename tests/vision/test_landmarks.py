"""Landmarks: mesh in image pixels, 5 points in dlib's order, crops at borders."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from headcount.vision.detect import FaceDetector
from headcount.vision.landmarks import SCHEMES, FaceMesh, Landmarker, points5, square_crop

# dlib's shape_predictor_5_face_landmarks on the astronaut (HOG box, upsample 1),
# generated once with dlib (dev only): parts 0..4.
DLIB5_ASTRONAUT = np.array(
    [[255.0, 104.0], [238.0, 105.0], [195.0, 101.0], [212.0, 103.0], [224.0, 135.0]]
)


@pytest.fixture(scope="module")
def lm():
    with Landmarker() as landmarker:
        yield landmarker


@pytest.fixture(scope="module")
def astro_box(astronaut):
    with FaceDetector("entrance") as det:
        return det.detect(astronaut).xyxy[0]


def test_mesh_shape_and_blendshapes(lm, astronaut, astro_box):
    mesh = lm.landmarks(astronaut, astro_box)
    assert isinstance(mesh, FaceMesh)
    assert mesh.points.shape == (478, 2) and mesh.points.dtype == np.float32
    x0, y0, x1, y1 = astro_box
    inside = (
        (mesh.points[:, 0] > x0 - 30) & (mesh.points[:, 0] < x1 + 30)
        & (mesh.points[:, 1] > y0 - 40) & (mesh.points[:, 1] < y1 + 30)
    )
    assert inside.mean() > 0.95
    assert "eyeBlinkLeft" in mesh.blendshapes and 0.0 <= mesh.blendshapes["eyeBlinkLeft"] <= 1.0


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_points5_match_dlib_on_the_astronaut(lm, astronaut, astro_box, scheme):
    p5 = points5(lm.landmarks(astronaut, astro_box), scheme)
    assert p5.shape == (5, 2) and p5.dtype == np.float64
    err = np.linalg.norm(p5 - DLIB5_ASTRONAUT, axis=1)
    # Inter-ocular distance here is ~42 px; every point within 4 px, mean within 2.5.
    assert err.max() < 4.0 and err.mean() < 2.5, err
    assert p5[0, 0] > p5[1, 0] > p5[3, 0] > p5[2, 0]  # image-right eye first


def test_points5_keeps_image_side_order_on_a_mirrored_face(lm, astronaut, astro_box):
    mirrored = np.ascontiguousarray(astronaut[:, ::-1])
    x0, y0, x1, y1 = astro_box
    box = [512 - x1, y0, 512 - x0, y1]
    p5 = points5(lm.landmarks(mirrored, box))
    assert p5[0, 0] > p5[1, 0] > p5[3, 0] > p5[2, 0]
    expected = DLIB5_ASTRONAUT[[2, 3, 0, 1, 4]].copy()
    expected[:, 0] = 511 - expected[:, 0]
    assert np.linalg.norm(p5 - expected, axis=1).mean() < 3.0


def test_small_face_is_upscaled_and_mapped_back(lm, astronaut, astro_box):
    small = cv2.resize(astronaut, (128, 128), interpolation=cv2.INTER_AREA)
    mesh = lm.landmarks(small, np.asarray(astro_box) / 4)
    assert mesh is not None
    err = np.linalg.norm(points5(mesh) - (DLIB5_ASTRONAUT + 0.5) / 4 + 0.5, axis=1)
    assert err.mean() < 1.5  # in the small image's pixels (IOD ~10 px)


def test_face_at_the_border_is_padded(lm, astronaut, astro_box):
    shifted = np.ascontiguousarray(astronaut[60:, 150:])  # face near the top-left corner
    box = np.asarray(astro_box) - [150, 60, 150, 60]
    mesh = lm.landmarks(shifted, box)
    assert mesh is not None
    assert np.abs(points5(mesh) - (DLIB5_ASTRONAUT - [150, 60])).mean() < 3.0


def test_no_face_gives_none_and_many(lm):
    blank = np.full((200, 200, 3), 90, np.uint8)
    assert lm.landmarks(blank, [50, 50, 150, 150]) is None
    assert lm.landmarks_many(blank, np.zeros((0, 4))) == []
    assert lm.landmarks_many(blank, [[50, 50, 150, 150]]) == [None]


def test_square_crop_geometry():
    img = np.arange(100 * 100 * 3, dtype=np.uint32).reshape(100, 100, 3).astype(np.uint8)
    crop, x0, y0, side = square_crop(img, [-10, -10, 10, 10], expand=2.0, size=40)
    assert (x0, y0, side) == (-20, -20, 40) and crop.shape == (40, 40, 3)
    assert crop[:20, :20].max() == 0 and np.array_equal(crop[20:, 20:], img[:20, :20])


def test_unknown_scheme_and_closed_landmarker(astronaut):
    mesh = FaceMesh(np.zeros((478, 2)))
    with pytest.raises(ValueError):
        points5(mesh, "nope")
    with pytest.raises(ValueError):
        FaceMesh(np.zeros((5, 2)))
    lm = Landmarker()
    lm.close()
    with pytest.raises(RuntimeError):
        lm.landmarks(astronaut, [0, 0, 10, 10])


def test_video_mode_follows_different_faces_like_image_mode(
        astronaut: np.ndarray, grace_hopper: np.ndarray) -> None:
    """The live landmarker (VIDEO mode) sees crops of different people one after
    another. Its first mesh is the still-photo (IMAGE mode) mesh; later ones start from
    the previous crop's region, which moves points by ~2-3 % of the eye distance when
    the person changes (LFW with faces alternating: 98.68 % vs 98.80 %)."""
    from headcount.vision.detect import FaceDetector
    from headcount.vision.landmarks import Landmarker

    with FaceDetector("entrance") as det:
        faces = [(img, det.detect(img).xyxy[0]) for img in (astronaut, grace_hopper)]
    with Landmarker() as still, Landmarker(video=True) as live:
        expected = [still.landmarks(img, box) for img, box in faces]
        first = live.landmarks(*faces[0])
        assert first is not None and expected[0] is not None
        np.testing.assert_allclose(first.points, expected[0].points, atol=1e-3)
        for _ in range(3):
            for (img, box), want in zip(faces, expected, strict=True):
                got = live.landmarks(img, box)
                assert got is not None and want is not None
                iod = float(np.linalg.norm(want.points[263] - want.points[33]))
                err = np.linalg.norm(got.points - want.points, axis=1)
                assert float(np.median(err)) < 0.05 * iod
