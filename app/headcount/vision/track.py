"""Follow faces from frame to frame so a face already described needs no new descriptor.

A camera sees the same person for many frames in a row. Re-running landmarks and the
embedder on every frame costs ~12 ms per face; a track that keeps its descriptor for a
short while costs nothing. A track is refreshed after ``refresh_frames`` frames (the
person may have turned to the camera, giving a better template) and dropped when it
has not been seen for ``max_missed`` frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


def iou_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Intersection over union of every box in ``a`` (N,4) with every box in ``b`` (M,4), xyxy."""
    if len(a) == 0 or len(b) == 0:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    x1 = np.maximum(a[:, None, 0], b[None, :, 0])
    y1 = np.maximum(a[:, None, 1], b[None, :, 1])
    x2 = np.minimum(a[:, None, 2], b[None, :, 2])
    y2 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-9), 0.0).astype(np.float32)


@dataclass
class Track:
    track_id: int
    box: np.ndarray
    descriptor: np.ndarray | None = None
    described_at: int = -1  # frame number of the last descriptor
    last_seen: int = 0
    hits: int = 1
    payload: dict[str, Any] = field(default_factory=dict)  # e.g. the last decision


class Tracker:
    """Greedy IoU tracker (faces move little between frames at 10-30 fps)."""

    def __init__(self, iou_threshold: float = 0.4, max_missed: int = 10,
                 refresh_frames: int = 15) -> None:
        self.iou_threshold = iou_threshold
        self.max_missed = max_missed
        self.refresh_frames = refresh_frames
        self.tracks: list[Track] = []
        self.frame_no = 0
        self._next_id = 1

    def update(self, boxes: np.ndarray) -> list[Track]:
        """Assign each box (N,4 xyxy) to a track, creating new ones; returns one track per box."""
        self.frame_no += 1
        boxes = np.asarray(boxes, dtype=np.float32).reshape(-1, 4)
        old = np.array([t.box for t in self.tracks], dtype=np.float32).reshape(-1, 4)
        ious = iou_matrix(boxes, old)
        assigned: list[Track | None] = [None] * len(boxes)
        taken: set[int] = set()
        # Greedy by best overlap first: stable and good enough for a handful of faces.
        order = np.dstack(np.unravel_index(np.argsort(-ious, axis=None), ious.shape))[0]
        for i, j in order:
            if ious[i, j] < self.iou_threshold:
                break
            if assigned[i] is not None or j in taken:
                continue
            track = self.tracks[j]
            track.box = boxes[i]
            track.last_seen = self.frame_no
            track.hits += 1
            assigned[i] = track
            taken.add(int(j))
        for i, box in enumerate(boxes):
            if assigned[i] is None:
                track = Track(self._next_id, box, last_seen=self.frame_no)
                self._next_id += 1
                self.tracks.append(track)
                assigned[i] = track
        self.tracks = [t for t in self.tracks if self.frame_no - t.last_seen <= self.max_missed]
        return [t for t in assigned if t is not None]

    def needs_descriptor(self, track: Track) -> bool:
        return track.descriptor is None or (
            self.frame_no - track.described_at >= self.refresh_frames
        )

    def set_descriptor(self, track: Track, descriptor: np.ndarray) -> None:
        track.descriptor = descriptor
        track.described_at = self.frame_no

    def reset(self) -> None:
        self.tracks.clear()
