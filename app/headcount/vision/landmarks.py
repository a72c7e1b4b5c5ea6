"""The 478-point face mesh (MediaPipe FaceLandmarker) and dlib's 5 points from it.

The landmarker runs on a square crop around a detection (expanded, padded with black
at image borders, resampled to CROP_SIZE) rather than on the whole frame, so a small
face in a classroom frame still gets enough pixels and the landmarker's own
detector sees one face at a comfortable size.

Coordinates follow dlib's pixel convention (pixel centres at integers): a normalised
mesh point ``(x, y)`` of a crop that covers ``side`` original pixels from ``(x0, y0)``
is ``(x * side + x0 - 0.5, y * side + y0 - 0.5)`` in the image.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from headcount.i18n import Text
from headcount.vision.detect import check_rgb
from headcount.vision.native_log import OwnsTask

# The crop side is CROP_EXPAND times the detection box's longer side: BlazeFace boxes
# are tight (brows to chin), and the landmarker's detector wants some context.
CROP_EXPAND = 1.8
# Pixels of the resampled crop given to the landmarker (its mesh model itself runs on
# a 256x256 face region; more only costs time).
CROP_SIZE = 256
# The landmarker's internal detector and presence thresholds. We already know there is
# a face candidate here, so these are lower than MediaPipe's 0.5 defaults.
MIN_DETECTION = 0.3
MIN_PRESENCE = 0.3

# dlib's 5-point order (spec §9.1): 0 outer corner of the IMAGE-RIGHT eye, 1 its inner
# corner, 2 outer corner of the image-left eye, 3 its inner corner, 4 bottom of the
# nose. Mesh indices: 263/362 are the subject's left eye (image-right in an unmirrored
# photo), 33/133 the subject's right eye. A tuple averages several mesh points.
# Measured against dlib's shape_predictor_5_face_landmarks on the astronaut and
# Grace Hopper: see docs/BENCHMARKS.md; the LFW benchmark picks the final default.
SCHEMES: dict[str, tuple[tuple[int, ...], ...]] = {
    "default": ((263,), (362,), (33,), (133,), (2,)),
    "nose164": ((263,), (362,), (33,), (133,), (164,)),
    "nose94": ((263,), (362,), (33,), (133,), (94,)),
    "nose2_164": ((263,), (362,), (33,), (133,), (2, 164)),
    # Eye corners nudged toward the lid middle (dlib's corners sit on the canthus, the
    # mesh's sometimes on the skin beyond it).
    "canthus": ((263, 359), (362, 398), (33, 130), (133, 173), (2,)),
    # Lowest mean error against dlib's predictor on 12 test faces (outer corners plain,
    # inner corners and nose averaged).
    "mixed": ((263,), (362, 398), (33,), (133, 173), (2, 164)),
}


@dataclass
class FaceMesh:
    points: np.ndarray  # float32 (478, 2), image pixels, dlib convention
    blendshapes: dict[str, float] = field(default_factory=dict)  # e.g. eyeBlinkLeft

    def __post_init__(self) -> None:
        self.points = np.asarray(self.points, dtype=np.float32).reshape(-1, 2)
        if self.points.shape[0] < 468:
            raise ValueError(f"FaceMesh needs 468 or 478 points, got {self.points.shape[0]}")


def points5(mesh: FaceMesh, scheme: str = "default") -> np.ndarray:
    """dlib's 5 landmarks (5, 2) float64 from the mesh, in dlib's part order.

    dlib orders the eyes by image side, so in a mirrored image (selfie cameras) the
    anatomical pairs are swapped to keep part 0 on the image-right eye.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown 5-point scheme {scheme!r}; choose one of {sorted(SCHEMES)}")
    pts = mesh.points.astype(np.float64)
    out = np.array([pts[list(idx)].mean(axis=0) for idx in SCHEMES[scheme]])
    if out[0, 0] + out[1, 0] < out[2, 0] + out[3, 0]:
        out[[0, 1, 2, 3]] = out[[2, 3, 0, 1]]
    return out


def square_crop(
    rgb: np.ndarray, box_xyxy: Sequence[float] | np.ndarray, expand: float = CROP_EXPAND,
    size: int = CROP_SIZE,
) -> tuple[np.ndarray, int, int, int]:
    """(crop resized to size x size, x0, y0, side): a square around the box, padded black.

    The crop covers original pixels [x0, x0+side) x [y0, y0+side).
    """
    import cv2

    x0f, y0f, x1f, y1f = (float(v) for v in box_xyxy)
    side = max(2, round(max(x1f - x0f, y1f - y0f, 1.0) * expand))
    x0 = round((x0f + x1f) / 2 - side / 2)
    y0 = round((y0f + y1f) / 2 - side / 2)
    h, w = rgb.shape[:2]
    region = np.zeros((side, side, 3), np.uint8)
    sx0, sy0 = max(x0, 0), max(y0, 0)
    sx1, sy1 = min(x0 + side, w), min(y0 + side, h)
    if sx1 > sx0 and sy1 > sy0:
        region[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0] = rgb[sy0:sy1, sx0:sx1]
    interp = cv2.INTER_AREA if side > size else cv2.INTER_LINEAR
    crop = cv2.resize(region, (size, size), interpolation=interp)
    return np.ascontiguousarray(crop), x0, y0, side


class Landmarker(OwnsTask):
    """MediaPipe FaceLandmarker (IMAGE mode, with blendshapes). Load once, reuse, close."""

    def __init__(self, expand: float = CROP_EXPAND, crop_size: int = CROP_SIZE,
                 video: bool = False) -> None:
        """``video``: MediaPipe's VIDEO mode for live feeds. Every crop is centred on its
        face at the same scale, so the region found in one call fits the next crop and
        the landmarker skips its own face detector (~1.6 ms less per face); when the
        face in the crop does not fit it, MediaPipe detects again by itself."""
        self.video = video
        self._clock_ms = 0
        self.expand = expand
        self.crop_size = crop_size
        self._task: Any = _create_task(video)

    def landmarks(
        self, rgb: np.ndarray, box_xyxy: Sequence[float] | np.ndarray
    ) -> FaceMesh | None:
        """The mesh of the face in ``box_xyxy`` (image pixels), or None if none is found."""
        import mediapipe as mp

        if self._task is None:
            raise RuntimeError("Landmarker is closed")
        rgb = check_rgb(rgb)
        crop, x0, y0, side = square_crop(rgb, box_xyxy, self.expand, self.crop_size)
        image = mp.Image(mp.ImageFormat.SRGB, crop)
        if self.video:
            self._clock_ms += 33  # VIDEO mode wants rising timestamps, not real ones
            result = self._task.detect_for_video(image, self._clock_ms)
        else:
            result = self._task.detect(image)
        if not result.face_landmarks:
            return None
        norm = np.array([(p.x, p.y) for p in result.face_landmarks[0]], dtype=np.float64)
        points = norm * side + np.array([x0, y0], dtype=np.float64) - 0.5
        shapes: dict[str, float] = {}
        if result.face_blendshapes:
            shapes = {
                c.category_name: float(c.score)
                for c in result.face_blendshapes[0]
                if c.category_name
            }
        return FaceMesh(points.astype(np.float32), shapes)

    def landmarks_many(
        self, rgb: np.ndarray, boxes: np.ndarray | Sequence[Sequence[float]]
    ) -> list[FaceMesh | None]:
        rgb = check_rgb(rgb)
        return [self.landmarks(rgb, box) for box in np.asarray(boxes).reshape(-1, 4)]



def _create_task(video: bool = False) -> Any:
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    from headcount.models import LANDMARKER, model_path
    from headcount.vision.native_log import load_task

    path = model_path(LANDMARKER)
    options = vision.FaceLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(path)),
        running_mode=vision.RunningMode.VIDEO if video else vision.RunningMode.IMAGE,
        num_faces=1,
        min_face_detection_confidence=MIN_DETECTION,
        min_face_presence_confidence=MIN_PRESENCE,
        output_face_blendshapes=True,
    )
    blank = mp.Image(mp.ImageFormat.SRGB, np.zeros((256, 256, 3), np.uint8))

    def warm_up(task: Any) -> None:
        if video:
            task.detect_for_video(blank, 0)
        else:
            task.detect(blank)

    return load_task(lambda: vision.FaceLandmarker.create_from_options(options), warm_up,
                     path, Text("face landmark model", "人脸关键点模型"))
