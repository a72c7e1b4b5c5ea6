"""From a frame to described faces: detect, landmarks, 5 points, quality, align, embed.

One ``FacePipeline`` per worker thread; its models are loaded once and reused. The
pipeline knows nothing of rosters or people: matching is ``headcount.matching``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from headcount.errors import BadInput
from headcount.i18n import Text
from headcount.models import MODEL_VERSION, TEMPLATE_VERSION
from headcount.vision.frames import on_white

MODES = ("entrance", "classroom")


@dataclass
class FaceResult:
    """One face found in a frame."""

    box: np.ndarray  # (4,) float32 xyxy in pixels
    score: float
    points5: np.ndarray | None = None  # (5,2) float64, dlib part order
    descriptor: np.ndarray | None = None  # (128,) float32 raw dlib descriptor
    quality_ok: bool = True
    reasons: list[str] = field(default_factory=list)  # quality codes ("too_small", ...)
    messages: list[Text] = field(default_factory=list)
    track_id: int | None = None
    reused: bool = False  # descriptor taken from the track, not computed on this frame
    blendshapes: dict[str, float] | None = None

    def as_dict(self, descriptors: bool = False) -> dict[str, Any]:
        x1, y1, x2, y2 = (float(v) for v in self.box)
        out: dict[str, Any] = {
            "box": [round(x1, 1), round(y1, 1), round(x2 - x1, 1), round(y2 - y1, 1)],
            "score": round(float(self.score), 4),
        }
        if self.points5 is not None:
            out["points5"] = [[round(float(x), 2), round(float(y), 2)] for x, y in self.points5]
        if not self.quality_ok:
            out["quality"] = self.reasons
        if descriptors and self.descriptor is not None:
            out["descriptor"] = [float(v) for v in self.descriptor]
        return out


@dataclass
class EnrolResult:
    """Outcome of turning one photo into one template (exactly one usable face)."""

    template: np.ndarray | None
    faces: int
    reasons: list[str] = field(default_factory=list)
    messages: list[Text] = field(default_factory=list)
    version: str = MODEL_VERSION  # what the template records (models.TEMPLATE_VERSION)

    @property
    def ok(self) -> bool:
        return self.template is not None


NO_FACE = Text(
    "No face found in the photo. Use a clear, front-facing photo of one person.",
    "照片中未找到人脸。请使用一人正面、清晰的照片。",
)
MANY_FACES = Text(
    "{n} faces in the photo. Use a photo that shows only the person being enrolled.",
    "照片中有 {n} 张人脸。请使用只含被录入者本人的照片。",
)
NO_LANDMARKS = Text(
    "The face could not be measured (landmarks not found). Use a sharper, front-facing photo.",
    "无法定位面部特征点。请使用更清晰的正面照片。",
)


class FacePipeline:
    """Detect, measure, align and describe faces in RGB frames.

    ``mode``: "entrance" (near faces, fast short-range detector) or "classroom"
    (every face of any size, tiled full-range detector).
    ``live``: frames of a camera or video feed, one after another: the landmarker
    runs in MediaPipe's VIDEO mode and skips its own face detector while the crops
    follow a face (~1.4 ms less per described face; same LFW accuracy, BENCHMARKS.md).
    ``mirror``: also describe the mirrored chip and average the two descriptors. On by
    default: it lifts LFW accuracy from 98.52 % to 98.80 % (docs/BENCHMARKS.md) for one
    more embedder pass per new descriptor, which the tracker makes rare.
    ``jitter``: enrolment templates (``enrol_image``) are averaged over jittered chips and
    their mirrors (vision/jitter.py; needs ``mirror``); live faces never are.
    """

    def __init__(self, mode: str = "entrance", threads: int | None = None,
                 scheme: str = "default", mirror: bool = True,
                 min_detection_score: float | None = None, live: bool = False,
                 jitter: bool = True) -> None:
        if mode not in MODES:
            raise BadInput(f"Unknown mode {mode!r}: use one of {MODES}.",
                           f"未知模式 {mode!r}：请使用 {MODES} 之一。")
        self.mode = mode
        self.threads = threads
        self.scheme = scheme
        self.mirror = mirror
        self.jitter = jitter and mirror
        self.live = live
        self.min_detection_score = min_detection_score
        self._detector: Any = None
        self._landmarker: Any = None
        self._embedder: Any = None
        self._thorough: Any = None  # classroom detector for enrolment in entrance mode
        # A single face's chip and mirror run on two 1-thread sessions at once; only
        # worth it with two cores or more.
        self.parallel_mirror = (os.cpu_count() or 1) >= 2 and (threads is None or threads >= 2)
        self._pool: Any = None
        self._single: Any = None

    # Models are created on first use so a pipeline is cheap to construct.
    @property
    def detector(self) -> Any:
        if self._detector is None:
            from headcount.vision.detect import FaceDetector

            kw = {} if self.min_detection_score is None else {"min_score": self.min_detection_score}
            self._detector = FaceDetector(mode=self.mode, **kw)  # type: ignore[arg-type]
        return self._detector

    @property
    def landmarker(self) -> Any:
        if self._landmarker is None:
            from headcount.vision.landmarks import Landmarker

            self._landmarker = Landmarker(video=self.live)
        return self._landmarker

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from headcount.vision.embed import Embedder

            self._embedder = Embedder(threads=self.threads)
        return self._embedder

    def close(self) -> None:
        for part in (self._detector, self._landmarker, self._thorough):
            if part is not None:
                part.close()
        self._detector = self._landmarker = self._thorough = None
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None

    def __enter__(self) -> FacePipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- steps -------------------------------------------------------------------------
    def detect(self, rgb: np.ndarray) -> Any:
        return self.detector.detect(check_rgb(rgb))

    def measure(self, rgb: np.ndarray, box: np.ndarray) -> tuple[np.ndarray | None, Any]:
        """5 points (dlib order) and the mesh for one detected face, or (None, None)."""
        from headcount.vision.landmarks import points5

        mesh = self.landmarker.landmarks(rgb, box)
        if mesh is None:
            return None, None
        return points5(mesh, scheme=self.scheme), mesh

    def describe_points(self, rgb: np.ndarray, points: list[np.ndarray]) -> np.ndarray:
        """Descriptors (N,128) for faces given by their 5 points."""
        from headcount.vision.align import face_chips

        if not points:
            return np.zeros((0, 128), dtype=np.float32)
        chips = face_chips(rgb, points)
        if not self.mirror:
            return np.asarray(self.embedder.describe(chips), dtype=np.float32)
        mirrored = np.ascontiguousarray(chips[:, :, ::-1])
        if len(chips) == 1 and self.parallel_mirror:
            # One face (the entrance case): the chip and its mirror on one core each,
            # at the same time (4.1 ms here) beats both in one 2-thread batch (5.0 ms).
            other = self._pair_pool().submit(self._single.describe, mirrored)
            plain = self._single.describe(chips)
            desc = (plain + other.result()) / 2
        else:  # several faces: one batch uses both cores well
            both = self.embedder.describe(np.concatenate([chips, mirrored]))
            n = len(chips)
            desc = (both[:n] + both[n:]) / 2
        return np.asarray(desc, dtype=np.float32)

    def describe_template(self, rgb: np.ndarray, points5: np.ndarray) -> np.ndarray:
        """The enrolment template (128,) of one face: dlib's chip and its jitters, each
        with its mirror, averaged (vision/jitter.py); one embedder batch of 10 chips."""
        from headcount.vision.jitter import average_pairs, enrolment_chips

        chips = enrolment_chips(rgb, points5)
        both = np.concatenate([chips, np.ascontiguousarray(chips[:, :, ::-1])])
        return average_pairs(np.asarray(self.embedder.describe(both), dtype=np.float32))

    def _pair_pool(self) -> Any:
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            from headcount.vision.embed import Embedder

            self._single = Embedder(threads=1)
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="mirror-embed")
        return self._pool

    # -- whole frames ------------------------------------------------------------------
    def analyse(self, rgb: np.ndarray, describe: bool = True, quality: str = "live",
                tracker: Any = None, describe_poor: bool = False,
                detections: Any = None) -> list[FaceResult]:
        """Every face in the frame, described unless its quality is too poor.

        ``describe_poor`` describes faces that fail the quality check too (they are
        still marked); matching must not rely on those descriptors.

        With a ``Tracker``, a face that keeps its track reuses the track's descriptor
        until the tracker asks for a refresh, so most frames cost only detection.
        """
        from headcount.vision.quality import ENROL, LIVE, assess

        preset = {"live": LIVE, "enrol": ENROL}[quality]
        rgb = check_rgb(rgb)
        dets = self.detector.detect(rgb) if detections is None else detections
        tracks = tracker.update(dets.xyxy) if tracker is not None else [None] * len(dets)
        results: list[FaceResult] = []
        to_describe: list[int] = []
        for i in range(len(dets)):
            box = dets.xyxy[i]
            res = FaceResult(box=box, score=float(dets.scores[i]))
            track = tracks[i]
            if track is not None:
                res.track_id = track.track_id
                if not tracker.needs_descriptor(track):
                    res.descriptor = track.descriptor
                    res.reused = True
                    res.points5 = track.payload.get("points5")
                    results.append(res)
                    continue
            pts, mesh = self.measure(rgb, box)
            if pts is None:
                res.quality_ok = False
                res.reasons = ["no_landmarks"]
                res.messages = [NO_LANDMARKS]
                results.append(res)
                continue
            res.points5 = pts
            res.blendshapes = getattr(mesh, "blendshapes", None)
            q = assess(rgb, box, pts, mesh=mesh, preset=preset)
            res.quality_ok = bool(q.ok)
            res.reasons = [r.code for r in q.reasons]
            res.messages = [r.message for r in q.reasons]
            if describe and (res.quality_ok or describe_poor):
                to_describe.append(len(results))
            results.append(res)
        if to_describe:
            desc = self.describe_points(rgb, [results[i].points5 for i in to_describe])  # type: ignore[misc]
            for row, i in enumerate(to_describe):
                results[i].descriptor = desc[row]
                track = tracks[i]
                if track is not None:
                    tracker.set_descriptor(track, desc[row])
                    track.payload["points5"] = results[i].points5
        return results

    def enrol_image(self, rgb: np.ndarray) -> EnrolResult:
        """Exactly one usable face -> one template; otherwise the reasons it was refused.

        Faces are counted with the thorough (classroom) detector whatever the mode: a
        second, smaller face in an enrolment photo must be noticed, and speed does not
        matter here. The template is averaged over jittered chips (``describe_template``)
        unless ``jitter`` is off; ``EnrolResult.version`` says which.
        """
        rgb = check_rgb(rgb)
        if self.mode == "classroom":
            dets = self.detector.detect(rgb)
        else:
            if self._thorough is None:
                from headcount.vision.detect import FaceDetector

                self._thorough = FaceDetector(mode="classroom")
            dets = self._thorough.detect(rgb)
        results = self.analyse(rgb, describe=not self.jitter, quality="enrol", detections=dets)
        if not results:
            return EnrolResult(None, 0, ["no_face"], [NO_FACE])
        if len(results) > 1:
            return EnrolResult(None, len(results), ["many_faces"],
                               [Text(MANY_FACES.en.format(n=len(results)),
                                     MANY_FACES.zh.format(n=len(results)))])
        face = results[0]
        if not face.quality_ok or face.points5 is None:
            return EnrolResult(None, 1, face.reasons, face.messages)
        if self.jitter:
            return EnrolResult(self.describe_template(rgb, face.points5), 1,
                               version=TEMPLATE_VERSION)
        assert face.descriptor is not None  # described: its quality is ok
        return EnrolResult(face.descriptor.astype(np.float32), 1)


def check_rgb(image: np.ndarray) -> np.ndarray:
    """An RGB uint8 HxWx3 contiguous array from what callers pass; BadInput otherwise."""
    arr = np.asarray(image)
    if arr.dtype != np.uint8:
        raise BadInput(f"Image must be 8-bit (uint8), got {arr.dtype}.",
                       f"图像必须为 8 位（uint8），实际为 {arr.dtype}。")
    if arr.ndim == 2:
        arr = np.repeat(arr[:, :, None], 3, axis=2)
    elif arr.ndim == 3 and arr.shape[2] == 4:
        arr = on_white(arr)  # transparency as frames.to_rgb8 treats it: one way
    elif arr.ndim == 3 and arr.shape[2] == 1:
        arr = np.repeat(arr, 3, axis=2)
    if arr.ndim != 3 or arr.shape[2] != 3:
        raise BadInput(f"Image must be H x W x 3 (RGB), got shape {arr.shape}.",
                       f"图像必须为 高×宽×3（RGB），实际形状 {arr.shape}。")
    if arr.shape[0] < 2 or arr.shape[1] < 2:
        raise BadInput(f"Image is too small ({arr.shape[1]}x{arr.shape[0]} pixels).",
                       f"图像太小（{arr.shape[1]}×{arr.shape[0]} 像素）。")
    return np.ascontiguousarray(arr)
