"""face_chip must reproduce dlib.get_face_chip byte for byte (reference: tests/data/dlib_chips.npz,
written by tests/data/make_dlib_chip_reference.py with a real dlib), plus geometry and bad input.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from headcount.errors import BadInput
from headcount.vision import align
from headcount.vision.chip_geometry import DRect, template_points

DATA = Path(__file__).resolve().parents[1] / "data"
_spec = importlib.util.spec_from_file_location(
    "chip_reference", DATA / "make_dlib_chip_reference.py"
)
assert _spec and _spec.loader
ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ref)

REFERENCE = np.load(DATA / "dlib_chips.npz")
CASES = [
    {k: REFERENCE[k][i] for k in REFERENCE.files if k != "chips"}
    for i in range(len(REFERENCE["kind"]))
]
_images: dict[str, np.ndarray] = {}


def sha(a: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()


def image_for(case: dict) -> np.ndarray:
    key = str(case["spec"])
    if key not in _images:
        _images[key] = ref.build_image(json.loads(key))
    img = _images[key]
    if sha(img) != case["input_sha"]:
        pytest.skip(f"rebuilt input differs from the reference here (decoder?): {key}")
    return img


def check_identical(ours: np.ndarray, case: dict) -> None:
    if sha(ours) == case["chip_sha"]:
        return
    idx = int(case["chip_index"])
    detail = ""
    if idx >= 0:
        theirs = REFERENCE["chips"][idx][: ours.shape[0], : ours.shape[1]]
        diff = ours.astype(int) - theirs
        detail = f"; {int((diff != 0).sum())} bytes differ, max |diff| {int(abs(diff).max())}"
    pytest.fail(f"chip differs from dlib for {case['spec']} {case['kind']}{detail}")


def _ids(kind: str) -> list[int]:
    return [i for i, c in enumerate(CASES) if str(c["kind"]).startswith(kind)]


def test_chip_details_are_dlibs_to_the_last_bit() -> None:
    """Rect and angle equal dlib.get_face_chip_details exactly (the SVD is dlib's own)."""
    ids = _ids("face") + _ids("multi:")
    for i in ids:
        d = align.chip_details(CASES[i]["points"])
        ours = (d.rect.left, d.rect.top, d.rect.right, d.rect.bottom, d.angle, d.rows, d.cols)
        assert ours == tuple(CASES[i]["details"]), CASES[i]["spec"]


@pytest.mark.parametrize("i", _ids("face"))
def test_face_chip_is_byte_identical_to_dlib(i: int) -> None:
    case = CASES[i]
    img = image_for(case)
    chip = align.face_chip(img, case["points"].astype(float))
    assert chip.shape == (150, 150, 3) and chip.dtype == np.uint8
    check_identical(chip, case)


def test_face_chips_shared_pyramid_matches_dlib_get_face_chips() -> None:
    groups: dict[str, list[dict]] = defaultdict(list)
    for i in _ids("multi:"):
        groups[str(CASES[i]["kind"])].append(CASES[i])
    assert len(groups) >= 3
    for cases in groups.values():
        img = image_for(cases[0])
        points = [c["points"].astype(float) for c in cases]
        chips = align.face_chips(img, points, shared_pyramid=True)
        for chip, case in zip(chips, cases, strict=True):
            check_identical(chip, case)
        # the default cuts each face on its own: the same chips as face_chip
        alone = align.face_chips(img, [c["points"] for c in cases])
        for chip, case in zip(alone, cases, strict=True):
            assert np.array_equal(chip, align.face_chip(img, case["points"]))


@pytest.mark.parametrize("i", _ids("extract"))
def test_extract_chip_matches_dlib_including_fast_path(i: int) -> None:
    case = CASES[i]
    l, t, r, b, angle, rows, cols = case["details"]
    details = align.ChipDetails(DRect(l, t, r, b), float(angle), int(rows), int(cols))
    chip = align.extract_chip(image_for(case), details)
    assert chip.shape == (int(rows), int(cols), 3)
    check_identical(chip, case)


def test_reference_covers_what_it_claims() -> None:
    specs = {str(c["spec"]) for c in CASES}
    assert any('"gray"' in s for s in specs) and any("crop" in s for s in specs)
    depths = set()
    for i in _ids("face"):
        d = align.chip_details(CASES[i]["points"])
        depths.add(_depth(d))
    assert {0, 1, 2} <= depths
    assert len(_ids("face")) >= 300


def _depth(d: align.ChipDetails) -> int:
    depth, r = 0, d.rect.down()
    while r.area() > d.rows * d.cols:
        r, depth = r.down(), depth + 1
    return depth


# --------------------------------------------------------------------------- geometry
def test_template_points_land_on_their_chip_targets() -> None:
    """Put a face into an image by a known similarity; its 5 points must map back to §9.1."""
    targets = np.array(template_points(150, 0.25))
    assert np.allclose(targets[0], (110.95674595992, 46.34981538014))
    assert np.allclose(targets[4], (74.01123135679, 87.77975316475))
    scale, angle, shift = 1.6, math.radians(25), np.array([240.0, 180.0])
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    points = targets @ rot.T * scale + shift
    details = align.chip_details(points)
    assert details.scale == pytest.approx(scale)
    assert details.angle == pytest.approx(angle)
    # the map dlib samples with sends each template target onto its image point
    m00, m01, m10, m11, b0, b1 = details.sampling_transform()
    # dlib's corner map uses k = (150*scale-1)/149 about the chip centre 74.5 (§9.3.6)
    k = (150 * scale - 1) / 149
    mapped = np.array([(m00 * x + m01 * y + b0, m10 * x + m11 * y + b1) for x, y in targets])
    expected = (targets - 74.5) @ rot.T * k + (np.array([75.0, 75.0]) @ rot.T * scale + shift)
    assert np.allclose(mapped, expected, atol=1e-9)
    # dlib's half-pixel convention (centre 74.5, step k) puts the targets within one chip
    # pixel (= `scale` image pixels) of the true landmarks, never more
    assert np.abs(mapped - points).max() < scale

    # Draw dots at the image points; they must show up at the chip targets.
    img = np.zeros((480, 640, 3), np.uint8)
    for x, y in np.rint(points).astype(int):
        img[y - 2 : y + 3, x - 2 : x + 3] = 255
    chip = align.face_chip(img, points)
    for tx, ty in targets:
        ys, xs = np.nonzero(chip[int(ty) - 6 : int(ty) + 7, int(tx) - 6 : int(tx) + 7, 0] > 128)
        assert len(xs), f"no dot near chip target {(tx, ty)}"
        assert abs(xs.mean() - 6 - (tx - int(tx))) < 1.5 and abs(ys.mean() - 6) < 1.5


@pytest.mark.parametrize(
    ("scale", "depth"), [(1.98, 0), (2.0, 1), (3.95, 1), (4.02, 2), (7.9, 2), (8.1, 3)]
)
def test_pyramid_depth_boundaries(scale: float, depth: int) -> None:
    points = (np.array(template_points(150, 0.25)) - 75) * scale + 800
    d = align.chip_details(points)
    assert d.scale == pytest.approx(scale)
    assert _depth(d) == depth
    # and the chip is still produced (the pyramid levels exist and are non-empty)
    img = np.full((1700, 1700, 3), 77, np.uint8)
    assert (align.face_chip(img, points) == 77).all()


def test_pyramid_down_is_dlibs_integer_filter() -> None:
    img = np.arange(11 * 13 * 3, dtype=np.uint8).reshape(11, 13, 3)
    out = align.pyramid_down(img)
    assert out.shape == (4, 5, 3)
    w = np.array([1, 4, 6, 4, 1])
    src = img.astype(int)
    expect = np.zeros((4, 5, 3), int)
    for d in range(4):
        for c in range(5):
            block = src[2 * d : 2 * d + 5, 2 * c : 2 * c + 5]
            expect[d, c] = np.einsum("i,j,ijk->k", w, w, block) // 256
    assert np.array_equal(out, expect)
    assert align.pyramid_down(np.zeros((8, 20, 3), np.uint8)).shape == (0, 0, 3)


def test_gray_image_equals_its_rgb_expansion(astronaut: np.ndarray) -> None:
    gray = astronaut[:, :, 1].copy()
    points = np.array([(255, 104), (238, 105), (195, 101), (212, 103), (224, 135)], float)
    chip = align.face_chip(gray, points)
    assert chip.shape == (150, 150, 3)
    assert np.array_equal(chip, align.face_chip(np.dstack([gray] * 3), points))
    assert np.array_equal(chip[:, :, 0], chip[:, :, 2])


def test_face_fully_outside_the_image_gives_a_black_chip() -> None:
    points = np.array(template_points(150, 0.25)) + 5000
    assert not align.face_chip(np.full((50, 50, 3), 200, np.uint8), points).any()


# --------------------------------------------------------------------------- bad input
GOOD_POINTS = np.array([(255, 104), (238, 105), (195, 101), (212, 103), (224, 135)], float)


@pytest.mark.parametrize(
    ("image", "needle"),
    [
        (np.zeros((100, 100, 3), np.float32), "uint8"),
        (np.zeros((100, 100, 3), np.uint16), "uint8"),
        (np.zeros((100, 100, 4), np.uint8), "RGBA"),
        (np.zeros((100, 100, 1), np.uint8), "shape"),
        (np.zeros((0, 0, 3), np.uint8), "empty"),
        ([[1, 2], [3, 4]], "numpy"),
    ],
)
def test_bad_images_are_refused_clearly(image: object, needle: str) -> None:
    with pytest.raises(BadInput) as err:
        align.face_chip(image, GOOD_POINTS)  # type: ignore[arg-type]
    assert needle in str(err.value)
    assert err.value.text.zh and err.value.text.zh != err.value.text.en


@pytest.mark.parametrize(
    "points",
    [
        np.full((5, 2), np.nan),
        np.array([[1.0, 2.0]] * 4),
        np.zeros((68, 2)),
        np.zeros(10),
        "eyes",
        np.full((5, 2), np.inf),
    ],
)
def test_bad_points_are_refused_clearly(points: object) -> None:
    with pytest.raises(BadInput) as err:
        align.face_chip(np.zeros((100, 100, 3), np.uint8), points)
    assert "points5" in str(err.value)


def test_tiny_image_still_gives_a_chip() -> None:
    """A 3x3 image cannot hold a face; the chip is simply (almost all) black, not an error."""
    tiny = np.full((3, 3, 3), 255, np.uint8)
    chip = align.face_chip(tiny, GOOD_POINTS / 100)
    assert chip.shape == (150, 150, 3)


def test_bad_size_and_padding() -> None:
    img = np.zeros((100, 100, 3), np.uint8)
    for size in (0, -3, 1.5, 10**6):
        with pytest.raises(BadInput):
            align.face_chip(img, GOOD_POINTS, size=size)  # type: ignore[arg-type]
    for padding in (-0.1, float("nan")):
        with pytest.raises(BadInput):
            align.face_chip(img, GOOD_POINTS, padding=padding)
    assert align.face_chip(img, GOOD_POINTS, size=200, padding=0.2).shape == (200, 200, 3)


def test_face_chips_empty_list() -> None:
    out = align.face_chips(np.zeros((10, 10, 3), np.uint8), [])
    assert out.shape == (0, 150, 150, 3)


def test_dlib_svd_and_pinv_are_sound() -> None:
    """The ported SVD is a real SVD (the bit-exactness itself is checked against dlib above)."""
    from headcount.vision.dlib_linalg import pinv, svd

    rng = np.random.default_rng(3)
    for shape in ((2, 2), (3, 3), (5, 3)):
        a = rng.normal(size=shape)
        u, q, v = (np.array(x) for x in svd(a.tolist()))
        assert np.allclose(u @ np.diag(q) @ v.T, a, atol=1e-12)
        assert (q >= 0).all() and np.allclose(v.T @ v, np.eye(shape[1]), atol=1e-12)
    corners = [[0.0, 149.0, 0.0], [0.0, 0.0, 149.0], [1.0, 1.0, 1.0]]
    assert np.allclose(pinv(corners), np.linalg.inv(corners), atol=1e-12)
    assert np.allclose(pinv([[1.0, 0.0], [0.0, 0.0]]), [[1.0, 0.0], [0.0, 0.0]])
