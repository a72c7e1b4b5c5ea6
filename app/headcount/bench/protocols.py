"""What the evaluation protocols share: images read as RGB, and a ``describe(path) ->
descriptor | None`` callable wrapped so each image is described once.

The protocols (``verification.py``: LFW View 2; ``identification.py``: ORL and Yale)
know nothing about detection or embedding: they take any function that turns an image
file into one 128-D descriptor, or None when it finds no face. Each image is described
once (descriptors are cached per path) and the time spent inside
``describe`` is what ``seconds_per_image`` reports.

No face found: a pair or probe whose image gave no descriptor is a FAILED comparison:
it counts as wrong whatever the threshold (never silently dropped, which would inflate
accuracy). A caller may pass ``fallback(path) -> descriptor | None`` (for example a
fixed central box on LFW's pre-aligned images); the report says how often it was used.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from headcount.errors import BadInput
from headcount.matching.gallery import validate_descriptors

Describe = Callable[[Path], "np.ndarray | None"]
NO_FACE_POLICY = (
    "an image without a face gives no descriptor; every comparison that needs it counts "
    "as wrong (never dropped)"
)


def read_rgb(path: str | Path) -> np.ndarray:
    """Read an image as RGB uint8 (H, W, 3): JPEG, PNG, PGM and extension-less GIF (Yale).

    OpenCV decodes GIF since 4.7 and finds the format from the file's bytes, not its
    name; PIL is the fallback for anything OpenCV declines.
    """
    import cv2

    bgr = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if bgr is not None:
        return np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    try:
        from PIL import Image

        with Image.open(path) as im:
            return np.ascontiguousarray(np.asarray(im.convert("RGB"), dtype=np.uint8))
    except Exception as exc:  # any decoder failure is the same user-facing problem
        raise BadInput(f"cannot read image {path}", f"无法读取图像 {path}") from exc


@dataclass
class DescriptorCache:
    """Describes each path at most once and keeps the no-face bookkeeping."""

    describe: Describe
    fallback: Describe | None = None
    seconds: float = 0.0
    described: int = 0
    fallback_files: list[str] = field(default_factory=list)
    no_face: list[str] = field(default_factory=list)
    _cache: dict[Path, np.ndarray | None] = field(default_factory=dict)

    def __call__(self, path: Path) -> np.ndarray | None:
        if path in self._cache:
            return self._cache[path]
        t0 = time.perf_counter()
        d = self.describe(path)
        self.described += 1
        if d is None and self.fallback is not None:
            d = self.fallback(path)
            if d is not None:
                self.fallback_files.append(str(path))
        self.seconds += time.perf_counter() - t0
        if d is None:
            self.no_face.append(str(path))
        else:
            arr = validate_descriptors(d, f"descriptor of {path.name}")
            if len(arr) != 1:
                raise BadInput(
                    f"describe() must return one descriptor for {path}, got {len(arr)}",
                    f"describe() 对 {path} 应返回一个特征向量，实际为 {len(arr)} 个",
                )
            d = arr[0]
        self._cache[path] = d
        return d

    def report(self) -> dict[str, object]:
        return {
            "images": len(self.no_face),
            "files": sorted(self.no_face),
            "fallback_used": len(self.fallback_files),
            "fallback_files": sorted(self.fallback_files),
            "policy": NO_FACE_POLICY
            + ("; the caller's fallback was tried first" if self.fallback else ""),
        }

    @property
    def seconds_per_image(self) -> float:
        return self.seconds / self.described if self.described else 0.0
