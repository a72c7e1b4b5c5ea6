"""Describe the face of a benchmark photo (one person per image) with our pipeline.

Benchmark photos hold one person, roughly centred. The face nearest the centre is
taken; when no detector finds a face, ``fallback`` runs the landmarker on a centred
box instead (reported by the protocols as ``fallback_used``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from headcount.bench.protocols import read_rgb
from headcount.vision.pipeline import FacePipeline


class PathDescriber:
    def __init__(self, scheme: str = "default", mirror: bool = True,
                 threads: int | None = None) -> None:
        self.pipe = FacePipeline(mode="entrance", threads=threads, scheme=scheme, mirror=mirror)
        self.wide = FacePipeline(mode="classroom", threads=threads, scheme=scheme, mirror=mirror)
        # One embedder and landmarker for both: the wide pipeline only detects.
        self.wide._embedder = self.pipe.embedder
        self.wide._landmarker = self.pipe.landmarker

    def close(self) -> None:
        self.pipe.close()
        self.wide._landmarker = None
        self.wide.close()

    def _describe_box(self, rgb: np.ndarray, box: np.ndarray) -> np.ndarray | None:
        pts, _ = self.pipe.measure(rgb, box)
        if pts is None:
            return None
        return self.pipe.describe_points(rgb, [pts])[0]

    def __call__(self, path: Path) -> np.ndarray | None:
        rgb = read_rgb(path)
        for pipe in (self.pipe, self.wide):
            dets = pipe.detect(rgb)
            if len(dets):
                return self._describe_box(rgb, central_box(dets.xyxy, rgb.shape))
        return None

    def fallback(self, path: Path) -> np.ndarray | None:
        """No detector found a face: try the landmarker on centred boxes of a few sizes."""
        rgb = read_rgb(path)
        h, w = rgb.shape[:2]
        for frac in (0.5, 0.4, 0.65, 0.8):
            side = frac * min(h, w)
            box = np.array([(w - side) / 2, (h - side) / 2, (w + side) / 2, (h + side) / 2],
                           dtype=np.float32)
            desc = self._describe_box(rgb, box)
            if desc is not None:
                return desc
        return None


def central_box(xyxy: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """The box whose centre is nearest the image centre (ties: the larger box)."""
    h, w = shape[:2]
    centres = (xyxy[:, :2] + xyxy[:, 2:]) / 2
    dist = np.hypot(centres[:, 0] - w / 2, centres[:, 1] - h / 2)
    area = (xyxy[:, 2] - xyxy[:, 0]) * (xyxy[:, 3] - xyxy[:, 1])
    return xyxy[int(np.lexsort((-area, dist))[0])]
