"""Face detection with MediaPipe's BlazeFace models (Tasks API).

Two modes:

* ``entrance``: the short-range model on the whole frame. Fast (~2 ms for 640x480),
  finds faces within about 2 m of the camera, which is what an entrance desk sees.
  On an HD camera (longest side over 960 px) the same faces are a small part of the
  frame, which the short-range model cannot see (0 faces in 105 frames of a 1080p
  door video), so the full-range model also looks at square tiles as tall as the
  frame (2 tiles and ~16 ms for 1920x1080; 51 of the 59 faces of 60 px or more).
* ``classroom``: the full-range model over overlapping square tiles at a few sizes
  plus one whole-frame pass, merged with our own NMS. The model looks at a 192x192
  input, so on a whole 720x478 class photo every face shrinks to a few pixels and
  only 2 of ~45 are found; a tile of 192-320 px keeps each face big enough.

A face cut by a tile border comes back as a partial box with a lower score; the
tiles overlap by more than a face, so the whole face is also found in a neighbour
tile. The merge therefore suppresses a box when it overlaps a better one by IoU
*or* lies mostly inside it (intersection over the smaller box), which removes those
seam fragments without merging neighbouring faces in a dense class.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from headcount.errors import BadInput
from headcount.i18n import Text
from headcount.vision.native_log import OwnsTask

Mode = Literal["entrance", "classroom"]

# BlazeFace keypoint order (MediaPipe): the subject's right eye (image-left in a
# normal, unmirrored photo), left eye, nose tip, mouth centre, right ear tragion,
# left ear tragion.
KEYPOINT_NAMES = ("right_eye", "left_eye", "nose_tip", "mouth", "right_ear", "left_ear")

# Classroom tiling, tuned on ../shared/faces/groups (see bench/detect.py and
# docs/BENCHMARKS.md): tile sides in pixels of the original image, their overlap as a
# fraction of the side, and whether a whole-frame pass is added for big faces.
CLASSROOM_TILES = (192, 320)
CLASSROOM_OVERLAP = 0.33
CLASSROOM_WHOLE_FRAME = True
# Larger frames are shrunk to this longest side before tiling (tile count grows with
# the square of the size).
CLASSROOM_MAX_SIDE = 1920
# Minimum score a detection needs (per mode). In tiles the full-range model also
# fires on hands, dog faces and patterned cloth at 0.5-0.75. On voc_boxes + dogs.jpg,
# 0.65, 0.7 and 0.75 all kept 0 false positives and 0.6-0.7 recall 43/43, so 0.7
# has a margin both ways. (Re-checking candidates with the short-range model on an
# upscaled crop was tried: it rejects hands but also real 15-30 px faces in soft
# photos, which score lower in it than a hand does, so it is not used.)
ENTRANCE_MIN_SCORE = 0.6
# Entrance frames longer than this also get the full-range model on frame-high tiles.
ENTRANCE_HD_SIDE = 960
ENTRANCE_HD_OVERLAP = 0.2
CLASSROOM_MIN_SCORE = 0.7
# Merge: IoU above which the weaker box is a duplicate, and the share of the smaller
# box that may lie inside a better one before it counts as a seam fragment.
NMS_IOU = 0.3
NMS_CONTAINED = 0.6


@dataclass
class Detections:
    """Faces found in one image: boxes, scores and BlazeFace's 6 keypoints (pixels)."""

    xyxy: np.ndarray  # float32 (N, 4): left, top, right, bottom
    scores: np.ndarray  # float32 (N,)
    keypoints: np.ndarray  # float32 (N, 6, 2): x, y in KEYPOINT_NAMES order

    def __post_init__(self) -> None:
        self.xyxy = np.asarray(self.xyxy, dtype=np.float32).reshape(-1, 4)
        self.scores = np.asarray(self.scores, dtype=np.float32).reshape(-1)
        self.keypoints = np.asarray(self.keypoints, dtype=np.float32).reshape(-1, 6, 2)
        n = len(self.xyxy)
        if len(self.scores) != n or len(self.keypoints) != n:
            raise ValueError(
                f"Detections: {n} boxes but {len(self.scores)} scores and "
                f"{len(self.keypoints)} keypoint sets"
            )
        for name in ("xyxy", "scores", "keypoints"):
            if not np.all(np.isfinite(getattr(self, name))):
                raise ValueError(f"Detections.{name} holds NaN or infinity")
        if n and np.any(self.xyxy[:, 2:] < self.xyxy[:, :2]):
            raise ValueError("Detections.xyxy has a box with right < left or bottom < top")

    @classmethod
    def empty(cls) -> Detections:
        return cls(np.zeros((0, 4)), np.zeros(0), np.zeros((0, 6, 2)))

    def __len__(self) -> int:
        return len(self.xyxy)

    def __iter__(self) -> Iterator[Detections]:
        for i in range(len(self)):
            yield self[i]

    def __getitem__(self, index: Any) -> Detections:
        """Index, slice, integer array or boolean mask; always returns Detections."""
        if isinstance(index, (int, np.integer)):
            index = [int(index)]
        return Detections(self.xyxy[index], self.scores[index], self.keypoints[index])

    def boxes_xywh(self) -> np.ndarray:
        """Boxes as (left, top, width, height), float32 (N, 4)."""
        out = self.xyxy.copy()
        out[:, 2:] -= out[:, :2]
        return out

    @staticmethod
    def concat(parts: Sequence[Detections]) -> Detections:
        if not parts:
            return Detections.empty()
        return Detections(
            np.concatenate([p.xyxy for p in parts]),
            np.concatenate([p.scores for p in parts]),
            np.concatenate([p.keypoints for p in parts]),
        )


def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU matrix between boxes a (N,4) and b (M,4) in xyxy."""
    a = np.asarray(a, dtype=np.float64).reshape(-1, 4)
    b = np.asarray(b, dtype=np.float64).reshape(-1, 4)
    inter = _intersection(a, b)
    area_a = np.prod(np.clip(a[:, 2:] - a[:, :2], 0, None), axis=1)
    area_b = np.prod(np.clip(b[:, 2:] - b[:, :2], 0, None), axis=1)
    union = area_a[:, None] + area_b[None, :] - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)


def _intersection(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lt = np.maximum(a[:, None, :2], b[None, :, :2])
    rb = np.minimum(a[:, None, 2:], b[None, :, 2:])
    wh = np.clip(rb - lt, 0, None)
    return np.asarray(wh[..., 0] * wh[..., 1])


def nms(
    xyxy: np.ndarray, scores: np.ndarray, iou: float = NMS_IOU, contained: float = 1.01
) -> np.ndarray:
    """Greedy non-maximum suppression; returns kept indices, best score first.

    A box is dropped when its IoU with a kept, better box exceeds ``iou`` or when
    more than ``contained`` of its own area lies inside that box (1.01 disables it).
    """
    xyxy = np.asarray(xyxy, dtype=np.float64).reshape(-1, 4)
    order = np.argsort(-np.asarray(scores), kind="stable")
    area = np.prod(np.clip(xyxy[:, 2:] - xyxy[:, :2], 0, None), axis=1)
    keep: list[int] = []
    while order.size:
        i = int(order[0])
        keep.append(i)
        rest = order[1:]
        inter = _intersection(xyxy[i : i + 1], xyxy[rest])[0]
        union = area[i] + area[rest] - inter
        over = inter / np.maximum(union, 1e-12)
        inside = inter / np.maximum(np.minimum(area[i], area[rest]), 1e-12)
        order = rest[(over <= iou) & (inside <= contained)]
    return np.asarray(keep, dtype=np.int64)


def tile_origins(length: int, tile: int, overlap: float) -> list[int]:
    """Start offsets of tiles of side ``tile`` covering ``length`` with ``overlap``.

    The last tile is aligned to the far edge so every tile is full size (the model
    letterboxes non-square inputs, which would shrink faces in edge tiles).
    """
    if length <= tile:
        return [0]
    step = max(1, round(tile * (1.0 - overlap)))
    starts = list(range(0, length - tile, step))
    starts.append(length - tile)
    return starts


def check_rgb(rgb: np.ndarray) -> np.ndarray:
    """An HxWx3 uint8 C-contiguous array, or BadInput saying what is wrong."""
    if not isinstance(rgb, np.ndarray) or rgb.dtype != np.uint8:
        raise BadInput(
            "Expected an RGB image as a uint8 array.", "需要 uint8 数组形式的 RGB 图像。"
        )
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.shape[0] < 1 or rgb.shape[1] < 1:
        raise BadInput(
            f"Expected an RGB image of shape HxWx3, got {rgb.shape}.",
            f"需要形状为 高x宽x3 的 RGB 图像，实际为 {rgb.shape}。",
        )
    return np.ascontiguousarray(rgb)


class FaceDetector(OwnsTask):
    """BlazeFace detector; load once and reuse. Use as a context manager or close()."""

    def __init__(self, mode: Mode = "classroom", min_score: float | None = None) -> None:
        if mode not in ("entrance", "classroom"):
            raise ValueError(f"mode must be 'entrance' or 'classroom', not {mode!r}")
        self.mode: Mode = mode
        default = ENTRANCE_MIN_SCORE if mode == "entrance" else CLASSROOM_MIN_SCORE
        self.min_score = float(default if min_score is None else min_score)
        self.tiles: tuple[int, ...] = CLASSROOM_TILES
        self.overlap = CLASSROOM_OVERLAP
        self.whole_frame = CLASSROOM_WHOLE_FRAME
        self._task = _create_task(SHORT if mode == "entrance" else FULL, self.min_score)
        self._far: FaceDetector | None = None  # entrance on HD frames: full range too

    def detect(self, rgb: np.ndarray) -> Detections:
        """Every face in the RGB uint8 image, best score first."""
        rgb = check_rgb(rgb)
        if self.mode == "entrance":
            found = self._run(rgb, 0, 0)
            if max(rgb.shape[:2]) > ENTRANCE_HD_SIDE:
                found = self._far_faces(rgb, found)
            return found[np.argsort(-found.scores, kind="stable")]
        h, w = rgb.shape[:2]
        scale = 1.0
        if max(h, w) > CLASSROOM_MAX_SIDE:
            # A 4K frame would need ~500 tiles; faces in it are big enough at half size.
            import cv2

            scale = CLASSROOM_MAX_SIDE / max(h, w)
            size = (max(1, round(w * scale)), max(1, round(h * scale)))
            rgb = np.ascontiguousarray(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA))
            h, w = rgb.shape[:2]
        parts = [self._run(rgb, 0, 0)] if self.whole_frame else []
        for side in self.tiles:
            if side >= max(h, w) and self.whole_frame:
                continue  # the whole-frame pass already saw this
            for y in tile_origins(h, side, self.overlap):
                for x in tile_origins(w, side, self.overlap):
                    crop = rgb[y : y + side, x : x + side]
                    parts.append(self._run(np.ascontiguousarray(crop), x, y))
        found = Detections.concat(parts)
        found = found[nms(found.xyxy, found.scores, NMS_IOU, NMS_CONTAINED)]
        if scale != 1.0:
            found = Detections(found.xyxy / scale, found.scores, found.keypoints / scale)
        return found

    def _far_faces(self, rgb: np.ndarray, near: Detections) -> Detections:
        """HD entrance frames: add the full-range model on frame-high square tiles."""
        if self._far is None:
            self._far = FaceDetector("classroom")
        h, w = rgb.shape[:2]
        side = min(h, w)
        parts = [near]
        for y in tile_origins(h, side, ENTRANCE_HD_OVERLAP):
            for x in tile_origins(w, side, ENTRANCE_HD_OVERLAP):
                crop = np.ascontiguousarray(rgb[y : y + side, x : x + side])
                parts.append(self._far._run(crop, x, y))
        found = Detections.concat(parts)
        return found[nms(found.xyxy, found.scores, NMS_IOU, NMS_CONTAINED)]

    def _run(self, rgb: np.ndarray, x0: int, y0: int) -> Detections:
        import mediapipe as mp

        if self._task is None:
            raise RuntimeError("FaceDetector is closed")
        h, w = rgb.shape[:2]
        result = self._task.detect(mp.Image(mp.ImageFormat.SRGB, rgb))
        boxes, scores, kps = [], [], []
        for d in result.detections:
            score = d.categories[0].score if d.categories else 0.0
            if score is None or score < self.min_score:
                continue
            b = d.bounding_box
            boxes.append((b.origin_x, b.origin_y, b.origin_x + b.width, b.origin_y + b.height))
            scores.append(score)
            pts = [(k.x or 0.0, k.y or 0.0) for k in (d.keypoints or [])][:6]
            pts += [(np.nan, np.nan)] * (6 - len(pts))
            kps.append(pts)
        if not boxes:
            return Detections.empty()
        xyxy = np.asarray(boxes, dtype=np.float32)
        xyxy[:, 0::2] = np.clip(xyxy[:, 0::2], 0, w)
        xyxy[:, 1::2] = np.clip(xyxy[:, 1::2], 0, h)
        k = np.asarray(kps, dtype=np.float32) * np.asarray([w, h], dtype=np.float32)
        # A missing keypoint (never seen with BlazeFace) falls back to the box centre.
        centre = (xyxy[:, None, :2] + xyxy[:, None, 2:]) / 2
        k = np.where(np.isfinite(k), k, centre)
        offset = np.asarray([x0, y0], dtype=np.float32)
        return Detections(xyxy + np.tile(offset, 2), np.asarray(scores), k + offset)

    def close(self) -> None:
        far = getattr(self, "_far", None)
        if far is not None:
            self._far = None
            far.close()
        super().close()


SHORT, FULL = "short", "full"


def _create_task(model: str, min_score: float) -> Any:
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    from headcount.models import FULL_RANGE, SHORT_RANGE, model_path
    from headcount.vision.native_log import load_task

    path = model_path(SHORT_RANGE if model == SHORT else FULL_RANGE)
    options = vision.FaceDetectorOptions(
        base_options=BaseOptions(model_asset_path=str(path)),
        running_mode=vision.RunningMode.IMAGE,
        # Ask the model for everything near our threshold; our filter is exact.
        min_detection_confidence=max(0.05, min_score - 0.05),
        min_suppression_threshold=NMS_IOU,
    )
    blank = mp.Image(mp.ImageFormat.SRGB, np.zeros((128, 128, 3), np.uint8))
    return load_task(lambda: vision.FaceDetector.create_from_options(options),
                     lambda task: task.detect(blank), path,
                     Text("face detection model", "人脸检测模型"))
