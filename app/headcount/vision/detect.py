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

Scale (issue 13): the same photo must give the same one face from 200 to 4000 px on
a side. Three things made the count depend on the size, and each has its rule:

* MediaPipe shrinks its input to the model's 128 or 192 px with a plain bilinear
  resize, which aliases a big photo into noise (a 1200 px portrait: 0 faces). Every
  whole-frame pass is first shrunk with area averaging to ``SHORT_PASS_SIDE`` or
  ``FULL_PASS_SIDE`` (:func:`shrink`).
* The full-range model misses faces that fill much of the frame (130 of 1,480 LFW
  photos), and the short-range model misses small ones. The classroom mode adds a
  short-range pass on the whole frame; the entrance mode adds a full-range pass when
  its short-range pass finds nothing.
* An upscaled photo (a 512 px photo blown up to 2048) has no detail below a few pixels,
  and the full-range model on 192 px tiles of it fires on smooth patterns (three 27 px
  "faces" on a space suit). :func:`upscale_factor` measures how much detail the finest
  octaves hold; the tiles then run at the photo's real resolution.
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
# Whole-frame passes are area-shrunk to these longest sides first (4x the model input
# of 128 px short range and 192 px full range; more lets MediaPipe's resize alias).
SHORT_PASS_SIDE = 512
FULL_PASS_SIDE = 768
# Smallest face kept in the classroom mode, in pixels of the photo's real resolution
# (the smallest true faces in ../shared/faces/groups are 8-10 px).
MIN_FACE_PX = 8.0
# Octave detail ratios below this mean the octave holds no real detail (upscaled):
# measured 0.48-1.10 on 37 native photos and 0.33-0.48 on the same photos upscaled 2-8x.
UPSCALED_RATIO = 0.45
# Below TINY_FACE_PX (working resolution) a face must score at least TINY_FACE_SCORE: the
# full-range model's misfires on enlarged textures are 10-11 px at 0.70-0.71, while
# most real faces that small in ../shared/faces/groups score 0.72-0.95.
TINY_FACE_PX = 12.0
TINY_FACE_SCORE = 0.72
# Beside a sure face (score >= SURE_SCORE), a face under RELATIVE_MIN of its side is
# dropped, and one under RELATIVE_DOUBT of it must score CONFIRM_SCORE: in a photo of
# one person the full-range model also fires at 0.70-0.79 on 10-22 px patterns of an
# enlarged photo (a badge, a collar), while in a class or crowd the faces are within a
# factor of about five of each other (re-checking such boxes on a crop lost real faces).
# Only in photos with at most PORTRAIT_SURE sure faces: in a deep crowd (17.jpg) the
# rule would drop real 15-20 px faces behind 120 px ones. RELATIVE_DOUBT was 1/6 until
# a sweep of 60 unseen LFW portraits (docs/BENCHMARKS.md, "Detection at every scale")
# found 0.71-0.76 boxes at 0.25-0.28 of the face on a dark collar and a jacket's
# shoulder; at 0.3 they go, and the group photos' counts and boxes are unchanged (real
# second faces there score 0.79 and up, or are among more than two sure faces).
PORTRAIT_SURE = 2
RELATIVE_MIN = 1 / 12
RELATIVE_DOUBT = 0.3
SURE_SCORE = 0.8
# Tile detections this big (px at the working resolution) but scored below
# CONFIRM_SCORE are re-checked by the short-range model on a square crop around them:
# at that size a real face fills the crop as the model expects, while the full-range
# model's misfires on cloth and badges (0.70-0.77) are not seen again. Smaller boxes are
# not re-checked: real 15-30 px faces in soft photos fail the re-check too.
CONFIRM_MIN_PX = 32.0
CONFIRM_SCORE = 0.8
CONFIRM_EXPAND = 2.2


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


def shrink(rgb: np.ndarray, max_side: int) -> tuple[np.ndarray, float]:
    """``rgb`` area-shrunk so its longest side is at most ``max_side``, and the scale."""
    h, w = rgb.shape[:2]
    if max(h, w) <= max_side:
        return rgb, 1.0
    import cv2

    scale = max_side / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return np.ascontiguousarray(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)), scale


def _octave_detail(gray: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean detail lost by halving ``gray`` (float32), and the halved image."""
    import cv2

    h, w = gray.shape
    half = cv2.resize(gray, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA)
    back = cv2.resize(half, (w, h), interpolation=cv2.INTER_LINEAR)
    return float(np.mean(np.abs(gray - back))), half


def upscale_factor(rgb: np.ndarray) -> int:
    """1, 2 or 4: how much the photo was enlarged from its real resolution.

    In a real photo each octave (halving) holds a similar share of the detail, so the
    detail of the finest octave is at least ~half that of the next. In an enlarged
    photo the finest octaves are nearly empty. Small images (< 128 px) count as real.
    """
    import cv2

    if min(rgb.shape[:2]) < 128:
        return 1
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    details = []
    for _ in range(3):
        d, gray = _octave_detail(gray)
        details.append(d)
    ratios = [details[i] / max(details[i + 1], 1e-6) for i in range(2)]
    if details[1] < 1e-3:  # flat image: nothing to measure
        return 1
    factor = 1
    for r in ratios:
        if r >= UPSCALED_RATIO:
            break
        factor *= 2
    return factor


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
        # The other model, created on first use: full range for the entrance (HD frames,
        # faces too small for short range), short range for the classroom (big faces).
        self._other: FaceDetector | None = None

    def detect(self, rgb: np.ndarray) -> Detections:
        """Every face in the RGB uint8 image, best score first."""
        rgb = check_rgb(rgb)
        if self.mode == "entrance":
            return self._entrance(rgb)
        return self._classroom(rgb)

    def _entrance(self, rgb: np.ndarray) -> Detections:
        found = self._run_whole(rgb, SHORT_PASS_SIDE)
        if not len(found) or max(rgb.shape[:2]) > ENTRANCE_HD_SIDE:
            # An HD frame, or nobody near: faces further away (or a wide photo) are the
            # full-range model's size. On small frames only when the short-range pass
            # found nothing, so a busy desk costs nothing more.
            found = self._far_faces(rgb, found)
        return found[np.argsort(-found.scores, kind="stable")]

    def _classroom(self, rgb: np.ndarray) -> Detections:
        # Big faces: the short-range model on the whole frame (the full-range model
        # misses faces that fill much of the frame).
        parts = [self._other_model()._run_whole(rgb, SHORT_PASS_SIDE)]
        # Work at the photo's real resolution, at most CLASSROOM_MAX_SIDE (a 4K frame
        # would need ~500 tiles; faces in it are big enough at half size).
        work, scale = shrink(rgb, CLASSROOM_MAX_SIDE)
        factor = upscale_factor(work)
        if factor > 1:
            work, extra = shrink(work, max(work.shape[:2]) // factor)
            scale *= extra
        h, w = work.shape[:2]
        tiled = [self._run_whole(work, FULL_PASS_SIDE)] if self.whole_frame else []
        for side in self.tiles:
            if side >= max(h, w) and self.whole_frame:
                continue  # the whole-frame pass already saw this
            for y in tile_origins(h, side, self.overlap):
                for x in tile_origins(w, side, self.overlap):
                    crop = work[y : y + side, x : x + side]
                    tiled.append(_whole_in_tile(self._run(np.ascontiguousarray(crop), x, y),
                                                (x, y, side), (w, h)))
        small = Detections.concat(tiled)
        if len(small):
            sides = np.minimum(small.xyxy[:, 2] - small.xyxy[:, 0],
                               small.xyxy[:, 3] - small.xyxy[:, 1])
            small = small[(sides >= MIN_FACE_PX)
                          & ((sides >= TINY_FACE_PX) | (small.scores >= TINY_FACE_SCORE))]
            small = self._confirmed(work, small)
        if scale != 1.0:
            small = Detections(small.xyxy / scale, small.scores, small.keypoints / scale)
        found = Detections.concat([*parts, small])
        found = found[nms(found.xyxy, found.scores, NMS_IOU, NMS_CONTAINED)]
        return _not_dwarfed(found)

    def _confirmed(self, work: np.ndarray, found: Detections) -> Detections:
        """``found`` less the mid-size, low-score boxes the short-range model rejects."""
        if not len(found):
            return found
        from headcount.vision.landmarks import square_crop

        sides = np.minimum(found.xyxy[:, 2] - found.xyxy[:, 0],
                           found.xyxy[:, 3] - found.xyxy[:, 1])
        keep = np.ones(len(found), dtype=bool)
        for i in np.flatnonzero(found.scores < CONFIRM_SCORE):
            if sides[i] < CONFIRM_MIN_PX:
                continue
            crop, x0, y0, side = square_crop(work, found.xyxy[i], CONFIRM_EXPAND, 192)
            again = self._other_model()._run(crop, 0, 0)
            if not len(again):
                keep[i] = False
                continue
            back = again.xyxy * (side / 192.0) + np.asarray([x0, y0, x0, y0], np.float32)
            keep[i] = bool(np.any(box_iou(found.xyxy[i : i + 1], back)[0] >= NMS_IOU))
        return found[keep]

    def _other_model(self) -> FaceDetector:
        if self._other is None:
            self._other = FaceDetector("classroom" if self.mode == "entrance" else "entrance")
        return self._other

    def _far_faces(self, rgb: np.ndarray, near: Detections) -> Detections:
        """Add the full-range model on frame-high square tiles."""
        far = self._other_model()
        h, w = rgb.shape[:2]
        side = min(h, w)
        parts = [near]
        for y in tile_origins(h, side, ENTRANCE_HD_OVERLAP):
            for x in tile_origins(w, side, ENTRANCE_HD_OVERLAP):
                crop = np.ascontiguousarray(rgb[y : y + side, x : x + side])
                parts.append(far._run_whole(crop, FULL_PASS_SIDE, x, y))
        found = Detections.concat(parts)
        return found[nms(found.xyxy, found.scores, NMS_IOU, NMS_CONTAINED)]

    def _run_whole(self, rgb: np.ndarray, max_side: int, x0: int = 0, y0: int = 0
                   ) -> Detections:
        """One pass of this model on the whole of ``rgb``, area-shrunk to ``max_side``."""
        small, scale = shrink(rgb, max_side)
        found = self._run(small, 0, 0)
        if scale != 1.0 and len(found):
            found = Detections(found.xyxy / scale, found.scores, found.keypoints / scale)
        if (x0 or y0) and len(found):
            offset = np.asarray([x0, y0], dtype=np.float32)
            found = Detections(found.xyxy + np.tile(offset, 2), found.scores,
                               found.keypoints + offset)
        return found

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
        other = getattr(self, "_other", None)
        if other is not None:
            self._other = None
            other.close()
        super().close()


def _not_dwarfed(found: Detections) -> Detections:
    """``found`` less the faces dwarfed by the largest sure face (RELATIVE_MIN/DOUBT)."""
    if len(found) < 2:
        return found
    sides = np.minimum(found.xyxy[:, 2] - found.xyxy[:, 0], found.xyxy[:, 3] - found.xyxy[:, 1])
    sure = sides[found.scores >= SURE_SCORE]
    if not len(sure) or len(sure) > PORTRAIT_SURE:
        return found
    largest = float(sure.max())
    doubtful = (sides < RELATIVE_DOUBT * largest) & (found.scores < CONFIRM_SCORE)
    return found[(sides >= RELATIVE_MIN * largest) & ~doubtful]


def _whole_in_tile(found: Detections, tile: tuple[int, int, int], frame: tuple[int, int]
                   ) -> Detections:
    """``found`` less the big boxes cut by an inner border of the tile ``(x, y, side)``.

    A big face cut by a tile's edge comes back as a shifted box that can score higher
    than the whole face does elsewhere, and then wins the merge (two boxes on one face
    in a 1500 px photo). A face bigger than the tiles' overlap may fit no tile whole; a
    bigger tile or the whole-frame pass finds it. Smaller cut faces are left to the
    merge's seam rule: dropping them lost real 18-25 px faces in crowds.
    """
    if not len(found):
        return found
    x, y, side = tile
    w, h = frame
    b = found.xyxy
    margin = 1.0
    cut = np.zeros(len(found), dtype=bool)
    if x > 0:
        cut |= b[:, 0] <= x + margin
    if y > 0:
        cut |= b[:, 1] <= y + margin
    if x + side < w:
        cut |= b[:, 2] >= x + side - margin
    if y + side < h:
        cut |= b[:, 3] >= y + side - margin
    sides = np.minimum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1])
    return found[~(cut & (sides > CLASSROOM_OVERLAP * side))]


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
