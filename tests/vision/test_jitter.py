"""Enrolment templates averaged over jittered chips (vision/jitter.py, FacePipeline)."""

from __future__ import annotations

import math
from collections.abc import Iterator

import cv2
import numpy as np
import pytest

from headcount.models import MODEL_VERSION, TEMPLATE_VERSION
from headcount.vision.align import chip_details, face_chip
from headcount.vision.jitter import JITTERS, average_pairs, enrolment_chips, jittered
from headcount.vision.pipeline import FacePipeline


@pytest.fixture(scope="module")
def pipes() -> Iterator[tuple[FacePipeline, FacePipeline]]:
    with FacePipeline(threads=1) as jit, FacePipeline(threads=1, jitter=False) as plain:
        plain._embedder = jit.embedder  # one model in memory
        yield jit, plain


def points_of(pipe: FacePipeline, rgb: np.ndarray) -> np.ndarray:
    faces = pipe.analyse(rgb, describe=False)
    assert len(faces) == 1 and faces[0].points5 is not None
    return faces[0].points5


def test_the_first_chip_is_dlibs_and_the_jitters_move_it(pipes: tuple[FacePipeline, ...],
                                                         astronaut: np.ndarray) -> None:
    pts = points_of(pipes[0], astronaut)
    chips = enrolment_chips(astronaut, pts)
    assert chips.shape == (1 + len(JITTERS), 150, 150, 3) and chips.dtype == np.uint8
    # the default chip stays byte for byte dlib's (the parity tests pin face_chip)
    assert np.array_equal(chips[0], face_chip(astronaut, pts))
    assert all(not np.array_equal(chips[0], c) for c in chips[1:])
    d = chip_details(pts)
    right = jittered(d, 0.03, 1.0)
    (x0, y0), (x1, y1) = d.rect.center(), right.rect.center()
    # moved 3 % of the chip's width along the chip's own x axis (it is rotated)
    assert math.hypot(x1 - x0, y1 - y0) == pytest.approx(0.03 * d.rect.width())
    assert math.atan2(y1 - y0, x1 - x0) == pytest.approx(d.angle)
    big = jittered(d, 0.0, 1.06)
    assert big.rect.center() == pytest.approx(d.rect.center())
    assert big.rect.width() == pytest.approx(1.06 * d.rect.width())
    assert (big.angle, big.rows, big.cols) == (d.angle, d.rows, d.cols)


def test_pairs_are_averaged_as_the_mirror_average_is() -> None:
    rng = np.random.default_rng(0)
    desc = rng.normal(0, 0.1, (10, 128)).astype(np.float32)
    want = np.mean([(desc[i] + desc[i + 5]) / 2 for i in range(5)], axis=0)
    got = average_pairs(desc)
    assert got.dtype == np.float32 and np.allclose(got, want, atol=1e-7)
    # one pair: exactly the pipeline's chip-and-mirror average
    assert np.array_equal(average_pairs(desc[[0, 5]]), (desc[0] + desc[5]) / 2)


def test_enrolment_writes_a_jittered_template(pipes: tuple[FacePipeline, FacePipeline],
                                              astronaut: np.ndarray) -> None:
    jit, plain = pipes
    a, b = jit.enrol_image(astronaut), plain.enrol_image(astronaut)
    assert a.ok and b.ok and a.template is not None and b.template is not None
    assert (a.version, b.version) == (TEMPLATE_VERSION, MODEL_VERSION)
    pts = points_of(jit, astronaut)
    # the plain template is the live descriptor (chip and mirror); the new one is not
    assert np.array_equal(b.template, plain.describe_points(astronaut, [pts])[0])
    gap = float(np.linalg.norm(a.template - b.template))
    assert 0.01 < gap < 0.15  # a different template of the same face
    assert np.allclose(a.template, jit.describe_template(astronaut, pts))


@pytest.mark.parametrize("name", ["astronaut", "grace_hopper"])
def test_the_jittered_template_is_closer_to_other_captures(
        pipes: tuple[FacePipeline, FacePipeline], name: str,
        request: pytest.FixtureRequest) -> None:
    # Another photo of a person is aligned a few per cent differently (landmarks move by
    # ~5 % of the eye distance between captures): such chips, described as at the
    # entrance, are nearer the jittered template than the plain one on average.
    rgb = request.getfixturevalue(name)
    jit, plain = pipes
    tj, tm = jit.enrol_image(rgb).template, plain.enrol_image(rgb).template
    pts = points_of(plain, rgb)
    eye = float(np.linalg.norm(pts[0] - pts[2]))
    rng = np.random.default_rng(1)
    probes = plain.describe_points(rgb, [pts + rng.normal(0, 0.05 * eye, pts.shape)
                                         for _ in range(20)])
    dj = np.linalg.norm(probes - tj, axis=1)
    dm = np.linalg.norm(probes - tm, axis=1)
    assert dj.mean() < dm.mean()
    assert (dj < dm).sum() >= 14


def test_high_resolution_enrolment_is_jittered_too(pipes: tuple[FacePipeline, ...],
                                                   astronaut: np.ndarray) -> None:
    # a phone-sized photo: the chips come from the image pyramid, jitters included
    big = cv2.resize(astronaut, (3000, 3000), interpolation=cv2.INTER_CUBIC)
    res = pipes[0].enrol_image(big)
    small = pipes[0].enrol_image(astronaut)
    assert res.ok and res.version == TEMPLATE_VERSION and res.template is not None
    assert small.template is not None
    assert float(np.linalg.norm(res.template - small.template)) < 0.2


@pytest.mark.shared
def test_on_real_people_the_jittered_template_is_nearer_their_other_photos(
        pipes: tuple[FacePipeline, FacePipeline], shared_faces: object) -> None:
    # The first 12 LFW people with 4+ photos: enrol the first photo, search with the
    # other three as the entrance describes them (LFW over 608 such people: the jittered
    # template is nearer in 83 % of pairs, by 0.0065 on average).
    from pathlib import Path

    from headcount.bench.protocols import read_rgb

    jit, plain = pipes
    root = Path(str(shared_faces)) / "lfw"
    people = [d for d in sorted(root.iterdir()) if d.is_dir()
              and len(list(d.glob("*.jpg"))) >= 4][:12]
    dj: list[float] = []
    dm: list[float] = []
    for d in people:
        files = sorted(d.glob("*.jpg"))[:4]
        enrol = read_rgb(files[0])
        a, b = jit.enrol_image(enrol), plain.enrol_image(enrol)
        if not (a.ok and b.ok):
            continue
        for f in files[1:]:
            faces = [x for x in plain.analyse(read_rgb(f)) if x.descriptor is not None]
            if len(faces) == 1:
                dj.append(float(np.linalg.norm(faces[0].descriptor - a.template)))
                dm.append(float(np.linalg.norm(faces[0].descriptor - b.template)))
    assert len(dj) >= 20
    assert np.mean(dj) < np.mean(dm)
    assert np.mean(np.array(dj) < np.array(dm)) >= 0.6
