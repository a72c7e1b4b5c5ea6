"""The whole engine on public-domain photos that installed packages ship."""

from __future__ import annotations

import json
from collections.abc import Iterator

import numpy as np
import pytest

from headcount.errors import BadInput
from headcount.vision.pipeline import FacePipeline
from headcount.vision.track import Tracker


@pytest.fixture(scope="module")
def pipe() -> Iterator[FacePipeline]:
    with FacePipeline(mode="entrance", threads=1) as p:
        yield p


def side_by_side(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    h = max(a.shape[0], b.shape[0])
    out = np.zeros((h, a.shape[1] + b.shape[1], 3), np.uint8)
    out[: a.shape[0], : a.shape[1]] = a
    out[: b.shape[0], a.shape[1]:] = b
    return out


def test_one_face_described(pipe: FacePipeline, astronaut: np.ndarray) -> None:
    faces = pipe.analyse(astronaut)
    assert len(faces) == 1
    face = faces[0]
    assert face.quality_ok and face.descriptor is not None
    assert face.descriptor.shape == (128,) and face.descriptor.dtype == np.float32
    # dlib descriptors are not normalised; real faces have norms near 1.45.
    assert 1.2 < float(np.linalg.norm(face.descriptor)) < 1.7
    assert face.points5 is not None and face.points5.shape == (5, 2)
    x1, y1, x2, y2 = face.box
    assert x1 < face.points5[:, 0].min() and face.points5[:, 0].max() < x2
    assert y1 < face.points5[:, 1].min() and face.points5[:, 1].max() < y2


def test_same_person_close_other_person_far(pipe: FacePipeline, astronaut: np.ndarray,
                                            grace_hopper: np.ndarray) -> None:
    a = pipe.enrol_image(astronaut)
    a_mirror = pipe.enrol_image(np.ascontiguousarray(astronaut[:, ::-1]))
    g = pipe.enrol_image(grace_hopper)
    assert a.ok and a_mirror.ok and g.ok
    assert a.template is not None and a_mirror.template is not None and g.template is not None
    assert np.linalg.norm(a.template - a_mirror.template) < 0.6
    assert np.linalg.norm(a.template - g.template) > 0.6


def test_enrolment_refuses_no_face_and_two_faces(pipe: FacePipeline, astronaut: np.ndarray,
                                                 grace_hopper: np.ndarray) -> None:
    blank = np.full((480, 640, 3), 127, np.uint8)
    none = pipe.enrol_image(blank)
    assert not none.ok and none.reasons == ["no_face"] and none.faces == 0
    assert "No face" in none.messages[0].en and none.messages[0].zh
    two = pipe.enrol_image(side_by_side(astronaut, grace_hopper))
    assert not two.ok and two.reasons == ["many_faces"] and two.faces == 2


def test_enrolment_refuses_a_tiny_face(pipe: FacePipeline, astronaut: np.ndarray) -> None:
    import cv2

    small = cv2.resize(astronaut, (96, 96), interpolation=cv2.INTER_AREA)
    canvas = np.full((480, 640, 3), 90, np.uint8)
    canvas[200:296, 300:396] = small
    res = FacePipeline(mode="classroom", threads=1).enrol_image(canvas)
    assert not res.ok
    assert res.reasons and res.reasons[0] in {"too_small", "no_face", "no_landmarks"}


@pytest.mark.parametrize("bad", [
    np.zeros((0, 0, 3), np.uint8),
    np.zeros((10, 10, 3), np.float32),
    np.zeros((10, 10, 2), np.uint8),
])
def test_bad_images_are_refused_clearly(pipe: FacePipeline, bad: np.ndarray) -> None:
    with pytest.raises(BadInput):
        pipe.analyse(bad)


def test_gray_and_rgba_are_accepted(pipe: FacePipeline, astronaut: np.ndarray) -> None:
    gray = np.ascontiguousarray(astronaut.mean(axis=2).astype(np.uint8))
    assert len(pipe.analyse(gray)) == 1
    rgba = np.dstack([astronaut, np.full(astronaut.shape[:2], 255, np.uint8)])
    assert len(pipe.analyse(rgba)) == 1


def test_tracker_reuses_descriptor(pipe: FacePipeline, astronaut: np.ndarray) -> None:
    tracker = Tracker(refresh_frames=5)
    first = pipe.analyse(astronaut, tracker=tracker)[0]
    second = pipe.analyse(astronaut, tracker=tracker)[0]
    assert not first.reused and second.reused
    assert second.track_id == first.track_id
    assert second.descriptor is not None and first.descriptor is not None
    assert np.array_equal(second.descriptor, first.descriptor)


def test_faces_cli_json(tmp_path, capsys, astronaut: np.ndarray) -> None:  # type: ignore[no-untyped-def]
    import cv2

    from headcount.cli import main

    path = tmp_path / "astronaut.png"
    cv2.imwrite(str(path), cv2.cvtColor(astronaut, cv2.COLOR_RGB2BGR))
    assert main(["faces", str(path), "--descriptors", "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["file"] == str(path)
    (face,) = record["faces"]
    assert len(face["box"]) == 4 and len(face["points5"]) == 5
    assert len(face["descriptor"]) == 128 and 0 < face["score"] <= 1
