"""``headcount bench speed``: median milliseconds of each engine step on this machine.

``frame_ms`` is a camera frame through the live pipeline (the window's feeds):
detect, landmarks, align, embed (chip and mirror), match, with a new descriptor every
frame; ``frame_tracked_ms`` the same with the tracker reusing descriptors;
``frame_still_ms`` a still photo through the still pipeline. ``enrol_photo_ms`` is
one enrolment photo through ``FacePipeline.enrol_image`` as the station enrols (the
thorough detector, landmarks, quality, and the template averaged over 5 chips and their
mirrors, vision/jitter.py), ``enrol_photo_mirror_ms`` the same with the chip and mirror
only (before 2026-12-03), ``enrol_template_ms`` the template alone (cut 5 chips,
describe 10).

The test frame is 640x480 with one face, made from the public-domain astronaut photo
in resources/demo (scikit-image's, so the figures match earlier runs). dlib's own
time per descriptor is added when dlib happens to be installed
(it is not a dependency).
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from typing import Any

import numpy as np


def sample_frame() -> np.ndarray:
    """A 640x480 RGB frame with one face in it (the public-domain astronaut photo that
    ships in resources/demo)."""
    from headcount.resources import resources_dir
    from headcount.vision.frames import read_image

    face = read_image(resources_dir() / "demo" / "astronaut.jpg")[16:496]  # 480x512
    frame = np.full((480, 640, 3), 90, dtype=np.uint8)
    frame[:, 64:64 + face.shape[1]] = face[:, :576]
    return frame


def median_ms(fn: Callable[[], Any], repeat: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return float(np.median(times))


def run(threads: int | None = None, repeat: int = 30) -> dict[str, Any]:
    from headcount.bench.search import run as search_run
    from headcount.matching.gallery import Gallery
    from headcount.vision.align import face_chips
    from headcount.vision.pipeline import FacePipeline
    from headcount.vision.track import Tracker

    frame = sample_frame()
    out: dict[str, Any] = {"machine": platform.processor() or platform.machine(),
                           "threads": threads}
    with FacePipeline(mode="entrance", threads=threads) as pipe:
        dets = pipe.detect(frame)
        if len(dets) != 1:
            raise RuntimeError(f"speed frame should hold one face, found {len(dets)}")
        box = dets.xyxy[0]
        out["detect_ms"] = median_ms(lambda: pipe.detect(frame), repeat)
        out["landmarks_ms"] = median_ms(lambda: pipe.measure(frame, box), repeat)
        pts, _ = pipe.measure(frame, box)
        assert pts is not None
        out["align_ms"] = median_ms(lambda: face_chips(frame, [pts]), repeat)
        chip = face_chips(frame, [pts])
        out["embed_ms"] = median_ms(lambda: pipe.embedder.describe(chip), repeat)
        chips16 = np.repeat(chip, 16, axis=0)
        out["embed_batch16_ms_per_face"] = (
            median_ms(lambda: pipe.embedder.describe(chips16), max(5, repeat // 3)) / 16
        )
        rng = np.random.default_rng(0)
        gallery = Gallery(
            rng.normal(0, 0.13, (45, 128)).astype(np.float32), [f"p{i}" for i in range(45)]
        )

        def whole_frame(p: FacePipeline, tracker: Tracker | None = None) -> None:
            for face in p.analyse(frame, tracker=tracker):
                if face.descriptor is not None:
                    gallery.decide(face.descriptor)

        # A still photo (enrolment, `checkin --image`): every step from scratch.
        out["frame_still_ms"] = median_ms(lambda: whole_frame(pipe), repeat)
        few = max(5, repeat // 3)
        out["enrol_template_ms"] = median_ms(lambda: pipe.describe_template(frame, pts), few)
        out["enrol_photo_ms"] = median_ms(lambda: pipe.enrol_image(frame), few)
    with FacePipeline(mode="entrance", threads=threads, jitter=False) as mirror_only:
        out["enrol_photo_mirror_ms"] = median_ms(lambda: mirror_only.enrol_image(frame), few)
    # A camera frame: the live pipeline (landmarks in VIDEO mode), a new descriptor
    # for the face on every frame (no tracker: the worst case of a feed).
    with FacePipeline(mode="entrance", threads=threads, live=True) as live:
        out["frame_ms"] = median_ms(lambda: whole_frame(live), repeat)
        tracker = Tracker()
        # With a tracker most frames reuse the descriptor (refreshed every 15 frames).
        out["frame_tracked_ms"] = median_ms(lambda: whole_frame(live, tracker),
                                            max(repeat, 30))
    out.update(search_run())
    dlib_ms = _dlib_descriptor_ms(frame, repeat=max(5, repeat // 3))
    if dlib_ms is not None:
        out["dlib_descriptor_ms"] = dlib_ms
        out["embed_vs_dlib"] = round(out["embed_ms"] / dlib_ms, 4)
    return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in out.items()}


def _dlib_descriptor_ms(frame: np.ndarray, repeat: int) -> float | None:
    """dlib's own time for one descriptor (chip + net), if dlib and its model are here."""
    try:
        import dlib
    except ImportError:
        return None
    import glob
    import os

    candidates = glob.glob(os.path.expanduser(
        "~/.cache/headcount/models/**/dlib_face_recognition_resnet_model_v1.dat"),
        recursive=True) + glob.glob(
        "/tmp/src/face_recognition_models-*/face_recognition_models/models/"
        "dlib_face_recognition_resnet_model_v1.dat")
    sp_paths = [c.replace("dlib_face_recognition_resnet_model_v1.dat",
                          "shape_predictor_5_face_landmarks.dat") for c in candidates]
    if not candidates or not os.path.exists(sp_paths[0]):
        return None
    net = dlib.face_recognition_model_v1(candidates[0])
    sp = dlib.shape_predictor(sp_paths[0])
    det = dlib.get_frontal_face_detector()(frame, 1)
    if not det:
        return None
    shape = sp(frame, det[0])
    return median_ms(lambda: net.compute_face_descriptor(frame, shape), repeat, warmup=1)
