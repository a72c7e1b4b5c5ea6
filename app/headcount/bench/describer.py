"""Describe the face of a benchmark photo (one person per image) with our pipeline.

Benchmark photos hold one person, roughly centred. The face nearest the centre is
taken; when no detector finds a face, ``fallback`` runs the landmarker on a centred
box instead (reported by the protocols as ``fallback_used``). ``template`` and ``both``
give the enrolment template too (jittered, as ``FacePipeline.enrol_image`` stores it).
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

    def points(self, rgb: np.ndarray) -> np.ndarray | None:
        """The 5 points of the face nearest the centre (either detector), else None."""
        for pipe in (self.pipe, self.wide):
            dets = pipe.detect(rgb)
            if len(dets):
                pts, _ = self.pipe.measure(rgb, central_box(dets.xyxy, rgb.shape))
                return pts
        return None

    def fallback_points(self, rgb: np.ndarray) -> np.ndarray | None:
        """No detector found a face: the landmarker on centred boxes of a few sizes."""
        h, w = rgb.shape[:2]
        for frac in (0.5, 0.4, 0.65, 0.8):
            side = frac * min(h, w)
            box = np.array([(w - side) / 2, (h - side) / 2, (w + side) / 2, (h + side) / 2],
                           dtype=np.float32)
            pts, _ = self.pipe.measure(rgb, box)
            if pts is not None:
                return pts
        return None

    def __call__(self, path: Path) -> np.ndarray | None:
        """The live descriptor (chip and mirror) of the central face, no fallback."""
        rgb = read_rgb(path)
        pts = self.points(rgb)
        return None if pts is None else self.pipe.describe_points(rgb, [pts])[0]

    def fallback(self, path: Path) -> np.ndarray | None:
        rgb = read_rgb(path)
        pts = self.fallback_points(rgb)
        return None if pts is None else self.pipe.describe_points(rgb, [pts])[0]

    def template(self, path: Path) -> np.ndarray | None:
        """The enrolment template as the station stores it (averaged over jitters,
        ``FacePipeline.describe_template``), with the fallback."""
        return self.both(path)[1]

    def both(self, path: Path) -> tuple[np.ndarray | None, np.ndarray | None]:
        """(live descriptor, enrolment template) of one photo, with the fallback."""
        rgb = read_rgb(path)
        pts = self.points(rgb)
        pts = self.fallback_points(rgb) if pts is None else pts
        if pts is None:
            return None, None
        return self.pipe.describe_points(rgb, [pts])[0], self.pipe.describe_template(rgb, pts)


def central_box(xyxy: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """The box whose centre is nearest the image centre (ties: the larger box)."""
    h, w = shape[:2]
    centres = (xyxy[:, :2] + xyxy[:, 2:]) / 2
    dist = np.hypot(centres[:, 0] - w / 2, centres[:, 1] - h / 2)
    area = (xyxy[:, 2] - xyxy[:, 0]) * (xyxy[:, 3] - xyxy[:, 1])
    return xyxy[int(np.lexsort((-area, dist))[0])]
