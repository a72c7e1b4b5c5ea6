"""Detection must not depend on the image size (issue 13): one portrait, one face, the
same face, from 200 to 4000 px on a side, in both modes and in enrolment."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from headcount.bench.scale import resize_to, same_face, sweep_photos
from headcount.vision.detect import (
    Detections,
    FaceDetector,
    _not_dwarfed,
    _whole_in_tile,
    upscale_factor,
)

# Sizes that broke before (1200 px portrait: 0 faces; 2048: 4 faces; 1800: 2 faces),
# and the ends of the range.
SIDES = (200, 640, 1200, 1800, 2048, 4000)


@pytest.fixture(scope="module")
def photos() -> dict[str, np.ndarray]:
    return sweep_photos()


@pytest.fixture(scope="module")
def detectors():
    dets = {m: FaceDetector(m) for m in ("entrance", "classroom")}
    yield dets
    for d in dets.values():
        d.close()


@pytest.fixture(scope="module")
def references(photos, detectors) -> dict[str, np.ndarray]:
    out = {}
    for name, photo in photos.items():
        found = detectors["classroom"].detect(photo)
        assert len(found) == 1, f"{name} at its own size: {len(found)} faces"
        out[name] = found.xyxy[0]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["entrance", "classroom"])
@pytest.mark.parametrize("name", ["astronaut", "grace_hopper", "astronaut_closeup",
                                  "grace_hopper_closeup", "astronaut_wide",
                                  "grace_hopper_wide"])
def test_one_face_the_same_face_at_every_size(name, mode, photos, detectors, references):
    wrong = []
    for side in SIDES:
        img, f = resize_to(photos[name], side)
        found = detectors[mode].detect(img)
        if not same_face(found, references[name], f):
            wrong.append((side, len(found)))
    assert wrong == [], f"{name}/{mode}: (side, faces) not the one face: {wrong}"


def test_upscale_factor_tells_an_enlarged_photo(photos):
    ast = photos["astronaut"]
    assert upscale_factor(ast) == 1
    for k in (2, 4):
        big = cv2.resize(ast, (512 * k, 512 * k), interpolation=cv2.INTER_CUBIC)
        assert upscale_factor(big) == k
    assert upscale_factor(np.full((300, 300, 3), 128, np.uint8)) == 1  # flat: nothing to say


def test_a_face_cut_by_a_tile_border_is_dropped_only_when_big():
    # Tile at (100, 100), side 192, inside a 1000x1000 frame: every edge is inner.
    boxes = np.array([[100, 150, 190, 240],   # big (90 px > 0.33*192), cut at the left
                      [100, 150, 120, 170],   # small, cut: left to the merge
                      [150, 150, 240, 240]],  # big, whole
                     dtype=np.float32)
    found = Detections(boxes, [0.9, 0.9, 0.9], np.zeros((3, 6, 2)))
    kept = _whole_in_tile(found, (100, 100, 192), (1000, 1000))
    assert kept.xyxy.tolist() == boxes[1:].tolist()
    # At the frame's own edges a box is not cut by the tile.
    edge = _whole_in_tile(found, (0, 0, 300), (300, 300))
    assert len(edge) == 3


def test_a_speck_beside_a_portrait_face_is_dropped_but_not_in_a_crowd():
    portrait = Detections([[0, 0, 300, 300], [400, 400, 420, 420], [500, 500, 600, 600],
                           [700, 700, 775, 775], [800, 800, 860, 860]],
                          [0.92, 0.75, 0.75, 0.75, 0.82], np.zeros((5, 6, 2)))
    # 20 px < 300/12 dropped; 75 px (0.25, under 0.8: a collar's misfire) dropped;
    # 100 px kept; 60 px scoring 0.82 kept
    kept = _not_dwarfed(portrait)
    assert kept.xyxy[:, 0].tolist() == [0, 500, 800]
    crowd = Detections([[i * 40, 0, i * 40 + 30, 30] for i in range(5)] + [[0, 100, 300, 400],
                                                                          [0, 500, 20, 520]],
                       [0.9] * 5 + [0.95, 0.75], np.zeros((7, 6, 2)))
    assert len(_not_dwarfed(crowd)) == 7


@pytest.mark.slow
@pytest.mark.parametrize("side", [3000, 4000])
def test_enrolment_from_a_phone_sized_photo(side, photos):
    from headcount.vision.pipeline import FacePipeline

    img, _ = resize_to(photos["grace_hopper"], side)
    with FacePipeline("entrance") as pipe:
        result = pipe.enrol_image(img)
    assert result.ok, result.reasons
    assert result.faces == 1


@pytest.mark.slow
def test_faces_command_finds_the_one_face_in_a_big_portrait(tmp_path, photos, capsys):
    from headcount.cli import main

    img, _ = resize_to(photos["astronaut_closeup"], 1200)
    path = tmp_path / "portrait.png"
    cv2.imwrite(str(path), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
    assert main(["--json", "faces", str(path)]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert len(out["faces"]) == 1


@pytest.mark.slow
def test_bench_detect_sweeps_unseen_portraits_from_an_lfw_folder(tmp_path, photos, capsys):
    """``bench detect --lfw DIR --lfw-sweep N``: N people's first photos, as they are and
    as wide shots, through every size; the report names each photo and size."""
    from headcount.cli import main

    (tmp_path / "Grace_Hopper").mkdir()
    img, _ = resize_to(photos["grace_hopper_closeup"], 250)
    cv2.imwrite(str(tmp_path / "Grace_Hopper" / "Grace_Hopper_0001.jpg"),
                cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
    (tmp_path / "Nobody").mkdir()  # a person folder without photos is passed over
    assert main(["--json", "bench", "detect", "--no-sweep", "--lfw", str(tmp_path),
                 "--lfw-limit", "1", "--lfw-sweep", "2"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    sweep = out["lfw_scale_sweep"]
    assert sorted(sweep["photos"]) == ["Grace_Hopper_0001", "Grace_Hopper_0001_wide"]
    assert sweep["checks"] == 2 * len(sweep["sides"]) * 3
    assert sweep["passed"] == sweep["checks"], sweep["failures"]
