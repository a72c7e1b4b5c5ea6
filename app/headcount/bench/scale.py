"""Detection at every scale: one photo of one person, resized from 200 to 4000 px.

The same face must come back once, in both modes and in enrolment, whatever the size
(issue 13). The photos are the two public-domain portraits shipped in resources/demo,
as they are, as close-ups (the face fills the frame) and as wide shots (the photo in
the middle of a plain frame four times its area). ``lfw_misses`` counts plain LFW
photos in which a mode finds no face at all, with no fallback.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from headcount.vision.detect import Detections, FaceDetector, Mode, box_iou

SIDES = (200, 256, 320, 400, 512, 640, 800, 1024, 1200, 1400, 1600, 1800, 2048, 2560, 3000,
         3500, 4000)
MODES: tuple[Mode, ...] = ("entrance", "classroom")
# A face found at one size is "the same face" when its box overlaps the reference box,
# scaled to that size, by at least this IoU.
SAME_FACE_IOU = 0.3


def wide(rgb: np.ndarray) -> np.ndarray:
    """``rgb`` in the middle of a plain frame four times its area (a wide shot)."""
    import cv2

    h, w = rgb.shape[:2]
    return np.ascontiguousarray(cv2.copyMakeBorder(rgb, h // 2, h // 2, w // 2, w // 2,
                                                   cv2.BORDER_CONSTANT, value=(120, 130, 140)))


def lfw_sweep_photos(root: Path, count: int, seed: int = 11) -> dict[str, np.ndarray]:
    """The first photo of ``count`` random LFW people, as it is and as a wide shot:
    portraits the shipped sweep has never seen (some hold a real second face, half in
    the photo: e.g. Chadha_Gurinder_0001, Tom_Glavine_0001; read the failures)."""
    from headcount.vision.frames import read_image

    dirs = sorted(p for p in Path(root).iterdir() if p.is_dir())
    rng = np.random.default_rng(seed)
    out: dict[str, np.ndarray] = {}
    for i in rng.choice(len(dirs), min(count, len(dirs)), replace=False):
        first = sorted(dirs[int(i)].glob("*.jpg"))[:1]
        if first:
            rgb = read_image(first[0])
            out[first[0].stem], out[f"{first[0].stem}_wide"] = rgb, wide(rgb)
    return out


def sweep_photos() -> dict[str, np.ndarray]:
    """Name -> RGB photo of one person, built from the shipped demo portraits."""
    from headcount.resources import resources_dir
    from headcount.vision.frames import read_image

    ast = read_image(resources_dir() / "demo" / "astronaut.jpg")
    gh = read_image(resources_dir() / "demo" / "grace_hopper.jpg")
    out = {"astronaut": ast, "grace_hopper": gh,
           "astronaut_closeup": ast[20:280, 110:350], "grace_hopper_closeup": gh[60:420, 80:460]}
    for name in ("astronaut", "grace_hopper"):
        out[f"{name}_wide"] = wide(out[name])
    return {k: np.ascontiguousarray(v) for k, v in out.items()}


def resize_to(rgb: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    """``rgb`` resized so its longest side is ``side`` (area down, cubic up), and the factor."""
    import cv2

    f = side / max(rgb.shape[:2])
    size = (max(1, round(rgb.shape[1] * f)), max(1, round(rgb.shape[0] * f)))
    interp = cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC
    return np.ascontiguousarray(cv2.resize(rgb, size, interpolation=interp)), f


def same_face(found: Detections, reference: np.ndarray, factor: float) -> bool:
    """Exactly one face, and it is the reference face (``reference`` xyxy at factor 1)."""
    if len(found) != 1:
        return False
    return bool(box_iou(found.xyxy, reference[None, :] * factor)[0, 0] >= SAME_FACE_IOU)


def run(sides: Iterable[int] = SIDES, enrol: bool = True,
        photos: dict[str, np.ndarray] | None = None) -> dict[str, Any]:
    """Per photo, size and mode: the number of faces found, and whether enrolment works."""
    photos = sweep_photos() if photos is None else photos
    sides = tuple(sides)
    detectors = {m: FaceDetector(m) for m in MODES}
    pipe = None
    if enrol:
        from headcount.vision.pipeline import FacePipeline

        pipe = FacePipeline("entrance")
    try:
        rows: dict[str, Any] = {}
        failures: list[str] = []
        ms: dict[str, list[float]] = {m: [] for m in MODES}
        for name, photo in photos.items():
            reference = detectors["classroom"].detect(photo)
            ref_box = reference.xyxy[0] if len(reference) else np.zeros(4, np.float32)
            per_side: dict[str, Any] = {}
            for side in sides:
                img, f = resize_to(photo, side)
                cell: dict[str, Any] = {}
                for mode, det in detectors.items():
                    t = time.perf_counter()
                    found = det.detect(img)
                    ms[mode].append((time.perf_counter() - t) * 1000)
                    cell[mode] = len(found)
                    if not same_face(found, ref_box, f):
                        failures.append(f"{name}@{side}/{mode}: {len(found)} faces")
                if pipe is not None:
                    result = pipe.enrol_image(img)
                    cell["enrol"] = "ok" if result.ok else ",".join(result.reasons)
                    # A face below the enrolment size is refused for that reason, rightly.
                    if result.faces != 1 or not (result.ok or result.reasons == ["too_small"]):
                        failures.append(f"{name}@{side}/enrol: {cell['enrol']}")
                per_side[str(side)] = cell
            rows[name] = per_side
        checks = len(photos) * len(sides) * (len(MODES) + (1 if enrol else 0))
        return {
            "sides": list(sides),
            "photos": rows,
            "checks": checks,
            "passed": checks - len(failures),
            "failures": failures,
            "ms_median": {m: round(float(np.median(v)), 1) for m, v in ms.items() if v},
        }
    finally:
        for det in detectors.values():
            det.close()
        if pipe is not None:
            pipe.close()


def lfw_misses(root: Path, limit: int | None = None) -> dict[str, Any]:
    """Plain LFW photos (250x250, one face of ~110 px) in which a mode finds no face."""
    from headcount.vision.frames import read_image

    paths = sorted(Path(root).glob("*/*.jpg"))
    if limit:
        step = max(1, len(paths) // limit)
        paths = paths[::step][:limit]
    out: dict[str, Any] = {"photos": len(paths)}
    for mode in MODES:
        with FaceDetector(mode) as det:
            missed = [p.name for p in paths if not len(det.detect(read_image(p)))]
        out[mode] = {"no_face": len(missed), "examples": missed[:10]}
    return out
