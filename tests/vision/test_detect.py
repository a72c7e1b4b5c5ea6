"""Detection: the Detections container, NMS/tiling helpers and both detector modes."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from headcount.errors import BadInput
from headcount.vision.detect import Detections, FaceDetector, box_iou, nms, tile_origins


@pytest.fixture(scope="module")
def entrance():
    with FaceDetector("entrance") as det:
        yield det


@pytest.fixture(scope="module")
def classroom():
    with FaceDetector("classroom") as det:
        yield det


def _dets(n: int) -> Detections:
    xyxy = np.array([[i * 10, 0, i * 10 + 8, 8] for i in range(n)], dtype=np.float64)
    return Detections(xyxy, np.linspace(0.9, 0.5, n), np.zeros((n, 6, 2)))


# ---------------------------------------------------------------- Detections


def test_detections_dtypes_shapes_and_indexing():
    d = _dets(4)
    assert d.xyxy.dtype == np.float32 and d.xyxy.shape == (4, 4)
    assert d.scores.dtype == np.float32 and d.keypoints.shape == (4, 6, 2)
    assert len(d) == 4
    sub = d[d.scores > 0.7]
    assert isinstance(sub, Detections) and len(sub) == 2
    one = d[3]
    assert len(one) == 1 and one.xyxy[0, 0] == 30
    assert len(d[np.array([0, 2])]) == 2
    assert np.allclose(d.boxes_xywh()[1], [10, 0, 8, 8])
    assert len(Detections.empty()) == 0 and Detections.empty().keypoints.shape == (0, 6, 2)
    assert [len(x) for x in d] == [1, 1, 1, 1]


@pytest.mark.parametrize(
    "xyxy, scores, kps",
    [
        (np.zeros((2, 4)), np.zeros(3), np.zeros((2, 6, 2))),  # counts differ
        (np.zeros((1, 4)), np.zeros(1), np.zeros((2, 6, 2))),
        ([[0, 0, np.nan, 1]], [0.5], np.zeros((1, 6, 2))),  # not finite
        ([[5, 5, 1, 1]], [0.5], np.zeros((1, 6, 2))),  # right < left
    ],
)
def test_detections_reject_invalid(xyxy, scores, kps):
    with pytest.raises(ValueError):
        Detections(xyxy, scores, kps)


def test_nms_drops_duplicates_and_seam_fragments_keeps_neighbours():
    boxes = np.array(
        [
            [0, 0, 40, 40],  # best
            [2, 2, 42, 42],  # duplicate (IoU ~0.82)
            [0, 0, 40, 18],  # seam fragment: half the face, IoU 0.45... inside the best
            [41, 0, 81, 40],  # the next face in the row
        ],
        dtype=float,
    )
    scores = np.array([0.9, 0.8, 0.7, 0.85])
    keep = nms(boxes, scores, iou=0.5, contained=0.6)
    assert sorted(keep.tolist()) == [0, 3]
    # Without the containment test the fragment (IoU 0.45 < 0.5) would survive.
    assert 2 in nms(boxes, scores, iou=0.5).tolist()
    assert nms(np.zeros((0, 4)), np.zeros(0)).size == 0


def test_box_iou_known_values():
    a = np.array([[0, 0, 10, 10]])
    b = np.array([[0, 0, 10, 10], [5, 0, 15, 10], [20, 20, 30, 30]])
    assert np.allclose(box_iou(a, b), [[1.0, 1 / 3, 0.0]])


@pytest.mark.parametrize("length, tile", [(720, 192), (100, 192), (192, 192), (1001, 320)])
def test_tile_origins_cover_the_image_with_full_tiles(length, tile):
    starts = tile_origins(length, tile, 0.33)
    covered = np.zeros(length, bool)
    for s in starts:
        covered[s : s + tile] = True
        assert s + min(tile, length) <= length  # no tile hangs over the edge
    assert covered.all()


# ---------------------------------------------------------------- detectors


def test_entrance_finds_the_astronaut_face(entrance, astronaut):
    d = entrance.detect(astronaut)
    assert len(d) == 1
    x0, y0, x1, y1 = d.xyxy[0]
    # Eileen Collins' face sits around x 175-275, y 70-180 in the 512x512 photo.
    assert 150 < x0 < 200 and 240 < x1 < 300 and 50 < y0 < 110 and 150 < y1 < 200
    right_eye, left_eye, nose = d.keypoints[0, :3]
    assert right_eye[0] < nose[0] < left_eye[0]  # image-left eye first
    assert nose[1] > right_eye[1]


def test_both_modes_find_grace_hopper(entrance, classroom, grace_hopper):
    for det in (entrance, classroom):
        d = det.detect(grace_hopper)
        assert len(d) == 1 and d.scores[0] > 0.7


@pytest.mark.parametrize("mode", ["entrance", "classroom"])
def test_no_face_in_blank_or_noise(mode, entrance, classroom):
    det = entrance if mode == "entrance" else classroom
    rng = np.random.default_rng(0)
    assert len(det.detect(np.zeros((480, 640, 3), np.uint8))) == 0
    assert len(det.detect(rng.integers(0, 256, (480, 640, 3), dtype=np.uint8))) == 0
    assert len(det.detect(np.full((4, 4, 3), 128, np.uint8))) == 0  # tiny image is fine


def _class_photo(astronaut: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """A 720x480 'class' of 40 small copies of the astronaut (faces ~18 px wide)."""
    canvas = np.full((480, 720, 3), 200, np.uint8)
    small = cv2.resize(astronaut, (80, 80), interpolation=cv2.INTER_AREA)
    cells = []
    for r in range(5):
        for c in range(8):
            y, x = 20 + r * 92, 20 + c * 88
            canvas[y : y + 80, x : x + 80] = small
            cells.append((x, y))
    return canvas, cells


def test_classroom_finds_a_class_of_small_faces_without_duplicates(
    classroom, entrance, astronaut
):
    canvas, cells = _class_photo(astronaut)
    d = classroom.detect(canvas)
    centres = (d.xyxy[:, :2] + d.xyxy[:, 2:]) / 2
    cell_of = [
        next(i for i, (x, y) in enumerate(cells) if x <= cx < x + 88 and y <= cy < y + 92)
        for cx, cy in centres
    ]
    assert len(set(cell_of)) == len(cell_of), "two boxes on one face (seam duplicate)"
    assert len(d) >= 32  # 36 of 40 when tuned
    assert len(entrance.detect(canvas)) <= 2  # the whole-frame short-range model cannot
    assert np.all(np.diff(d.scores) <= 0)  # best first


@pytest.mark.parametrize(
    "bad", [np.zeros((10, 10), np.uint8), np.zeros((10, 10, 4), np.uint8),
            np.zeros((10, 10, 3), np.float32), np.zeros((0, 10, 3), np.uint8)]
)
def test_bad_arrays_are_bad_input(entrance, bad):
    with pytest.raises(BadInput):
        entrance.detect(bad)


def test_non_contiguous_input_is_accepted(entrance, astronaut):
    flipped = astronaut[:, ::-1]  # a view with negative strides
    d = entrance.detect(flipped)
    assert len(d) == 1 and 512 - 300 < d.xyxy[0, 0] < 512 - 200


def test_closed_detector_refuses_and_close_is_idempotent(astronaut):
    det = FaceDetector("entrance")
    det.close()
    det.close()
    with pytest.raises(RuntimeError):
        det.detect(astronaut)
    with pytest.raises(ValueError):
        FaceDetector("hallway")  # type: ignore[arg-type]


def test_entrance_finds_a_small_face_in_an_hd_frame(astronaut: np.ndarray) -> None:
    """An HD door camera: the face is ~95 px of a 1920x1080 frame, too small for the
    short-range model alone; the entrance mode must still find it."""
    from headcount.vision.detect import FaceDetector

    frame = np.full((1080, 1920, 3), 100, np.uint8)
    frame[400:912, 1200:1712] = astronaut  # her face: about x 1377-1472, y 482-577
    with FaceDetector("entrance") as det:
        found = det.detect(frame)
        assert len(found) == 1
        x1, y1, x2, y2 = found.xyxy[0]
        assert 1340 < x1 < x2 < 1510 and 440 < y1 < y2 < 620
