"""Face chips exactly as dlib cuts them (``dlib.get_face_chip``), without dlib.

The embedder was trained on dlib's chips, so we reproduce them byte for byte: the 5-point
similarity fit and chip rectangle (``chip_geometry``), the ``pyramid_down<2>`` image
pyramid for faces much larger than the chip, and bilinear sampling in double precision
that truncates to uint8 with black outside the image. Spec: DLIB_EMBEDDER.md §8-§11.

Public API: :func:`face_chip`, :func:`face_chips`, :func:`chip_details`,
:func:`extract_chip` and :class:`ChipDetails` (re-exported from ``chip_geometry``).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence

import cv2
import numpy as np

from headcount.errors import BadInput
from headcount.vision.chip_geometry import ChipDetails, DRect, chip_to_source, face_chip_details

__all__ = ["ChipDetails", "DRect", "chip_details", "extract_chip", "face_chip", "face_chips"]

MAX_CHIP_SIZE = 4096
MAX_IMAGE_SIDE = 32000  # OpenCV gathers with 16-bit coordinates


# --------------------------------------------------------------------------- validation
def _as_rgb(image: object) -> np.ndarray:
    """Accept RGB uint8 HxWx3 or gray uint8 HxW (expanded to R=G=B, as dlib does)."""
    if not isinstance(image, np.ndarray):
        raise BadInput("The image must be a numpy array.", "图像必须是 numpy 数组。")
    if image.dtype != np.uint8:
        raise BadInput(
            f"The image must be 8-bit (uint8), not {image.dtype}.",
            f"图像必须是 8 位（uint8），而不是 {image.dtype}。",
        )
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    elif image.ndim != 3 or image.shape[2] != 3:
        raise BadInput(
            f"The image must be RGB (height x width x 3) or gray (height x width); got shape "
            f"{image.shape}. Drop the alpha channel of RGBA images first.",
            f"图像必须是 RGB（高 x 宽 x 3）或灰度（高 x 宽），实际形状为 {image.shape}。"
            "RGBA 图像请先去掉透明通道。",
        )
    if image.shape[0] < 1 or image.shape[1] < 1:
        raise BadInput("The image is empty.", "图像为空。")
    if max(image.shape[:2]) > MAX_IMAGE_SIDE:
        raise BadInput(
            f"The image is too large (over {MAX_IMAGE_SIDE} pixels on a side).",
            f"图像过大（边长超过 {MAX_IMAGE_SIDE} 像素）。",
        )
    return image


def _as_points(points5: object) -> list[tuple[float, float]]:
    try:
        pts = np.asarray(points5, dtype=np.float64)
    except (TypeError, ValueError):
        pts = np.empty(0)
    if pts.shape != (5, 2):
        raise BadInput(
            f"points5 must be 5 (x, y) points in dlib's order, shape (5, 2); got {pts.shape}.",
            f"points5 必须是按 dlib 顺序排列的 5 个 (x, y) 点，形状 (5, 2)；实际为 {pts.shape}。",
        )
    if not np.isfinite(pts).all():
        raise BadInput(
            "points5 contains NaN or infinite coordinates.", "points5 含有 NaN 或无穷大坐标。"
        )
    if np.abs(pts).max() > 1e7:
        raise BadInput("points5 lies absurdly far outside any image.", "points5 的坐标大得离谱。")
    return [(float(x), float(y)) for x, y in pts]


def _check_chip_args(size: object, padding: object) -> tuple[int, float]:
    if not isinstance(size, (int, np.integer)) or isinstance(size, bool):
        raise BadInput("The chip size must be an integer.", "人脸切片尺寸必须是整数。")
    if not 1 <= int(size) <= MAX_CHIP_SIZE:
        raise BadInput(
            f"The chip size must be between 1 and {MAX_CHIP_SIZE} pixels.",
            f"人脸切片尺寸必须在 1 到 {MAX_CHIP_SIZE} 像素之间。",
        )
    pad = float(padding)  # type: ignore[arg-type]
    if not (math.isfinite(pad) and pad >= 0):
        raise BadInput("The padding must be a finite number >= 0.", "边距必须是不小于 0 的有限数。")
    # dlib's Python binding takes padding as a C float; round the same way.
    return int(size), float(np.float32(pad))


# --------------------------------------------------------------------------- public API
def chip_details(
    points5: object, size: int = 150, padding: float = 0.25
) -> ChipDetails:
    """Where dlib would cut the chip for these 5 points (``dlib.get_face_chip_details``).

    ``details.sampling_transform()`` maps chip pixel (x, y) to image coordinates.
    """
    size, pad = _check_chip_args(size, padding)
    return face_chip_details(_as_points(points5), size, pad)


def face_chip(
    image: np.ndarray, points5: object, size: int = 150, padding: float = 0.25
) -> np.ndarray:
    """The aligned (size, size, 3) uint8 chip, byte-identical to ``dlib.get_face_chip``."""
    rgb = _as_rgb(image)
    return _extract(rgb, [chip_details(points5, size, padding)])[0]


def face_chips(
    image: np.ndarray,
    points5_list: Sequence[object],
    size: int = 150,
    padding: float = 0.25,
    *,
    shared_pyramid: bool = False,
) -> np.ndarray:
    """Chips for several faces of one image as an (N, size, size, 3) uint8 array.

    By default each chip equals :func:`face_chip` for that face alone, so a face's chip
    never depends on who else is in the frame. ``shared_pyramid=True`` instead reproduces
    ``dlib.get_face_chips`` exactly: dlib crops one box around all faces and builds one
    pyramid from it, so a large face's chip there depends slightly on the other faces.
    """
    rgb = _as_rgb(image)
    details = [chip_details(p, size, padding) for p in points5_list]
    if not details:
        return np.zeros((0, size, size, 3), np.uint8)
    if shared_pyramid:
        return np.stack(_extract(rgb, details))
    return np.stack([_extract(rgb, [d])[0] for d in details])


def extract_chip(image: np.ndarray, details: ChipDetails) -> np.ndarray:
    """dlib ``extract_image_chip`` (bilinear) for any chip rectangle and angle."""
    if details.rows < 1 or details.cols < 1 or details.rows * details.cols > MAX_CHIP_SIZE**2:
        raise BadInput("The chip dimensions are out of range.", "人脸切片尺寸超出范围。")
    return _extract(_as_rgb(image), [details])[0]


# --------------------------------------------------------------------------- extraction
def _extract(img: np.ndarray, details: list[ChipDetails]) -> list[np.ndarray]:
    """dlib ``extract_image_chips``: one bounding box and pyramid for all ``details``."""
    height, width = img.shape[:2]
    box: tuple[int, int, int, int] | None = None  # union, inclusive (L, T, R, B)
    max_depth = 0
    for d in details:
        depth, grow = 0, 2.0
        r = d.rect.down()
        while r.area() > d.rows * d.cols:
            r = r.down()
            depth += 1
            grow = grow * 2 + 2
        center = d.rect.center()
        corners = [
            _rotate(center, (x, y), d.angle)
            for x, y in (
                (d.rect.left, d.rect.top),
                (d.rect.right, d.rect.top),
                (d.rect.left, d.rect.bottom),
                (d.rect.right, d.rect.bottom),
            )
        ]
        grown = DRect(
            max(min(p[0] for p in corners) - grow, 0.0),
            max(min(p[1] for p in corners) - grow, 0.0),
            min(max(p[0] for p in corners) + grow, float(width - 1)),
            min(max(p[1] for p in corners) + grow, float(height - 1)),
        )
        this = grown.rounded()
        if this[0] <= this[2] and this[1] <= this[3]:
            box = this if box is None else (
                min(box[0], this[0]), min(box[1], this[1]),
                max(box[2], this[2]), max(box[3], this[3]),
            )
        max_depth = max(max_depth, depth)

    left, top = (box[0], box[1]) if box is not None else (0, 0)
    sub = img[top : box[3] + 1, left : box[2] + 1] if box is not None else img[:0, :0]
    levels: list[np.ndarray] = []
    for _ in range(max_depth):
        levels.append(pyramid_down(levels[-1] if levels else sub))

    chips = []
    for d in details:
        if d.angle == 0 and d.rows == d.rect.height() and d.cols == d.rect.width():
            chips.append(_plain_crop(img, d))
            continue
        level, r = -1, d.rect.translated(-left, -top)
        while r.down().area() > d.rows * d.cols:
            level += 1
            r = r.down()
        source = sub if level == -1 else levels[level]
        chips.append(_sample(source, chip_to_source(d.rows, d.cols, r, d.angle), d.rows, d.cols))
    return chips


def _rotate(center: tuple[float, float], p: tuple[float, float], angle: float) -> tuple[
    float, float
]:
    s, c = math.sin(angle), math.cos(angle)
    x, y = p[0] - center[0], p[1] - center[1]
    return (c * x - s * y) + center[0], (s * x + c * y) + center[1]


def _plain_crop(img: np.ndarray, d: ChipDetails) -> np.ndarray:
    """dlib's fast path for an unrotated, unscaled chip: a copy with black outside."""
    l, t, r, b = d.rect.rounded()
    out = np.zeros((b - t + 1, r - l + 1, 3), np.uint8)
    height, width = img.shape[:2]
    x0, y0, x1, y1 = max(l, 0), max(t, 0), min(r, width - 1), min(b, height - 1)
    if x0 <= x1 and y0 <= y1:
        out[y0 - t : y1 - t + 1, x0 - l : x1 - l + 1] = img[y0 : y1 + 1, x0 : x1 + 1]
    return out


_PYR_KERNEL = np.array([1, 4, 6, 4, 1], np.float32)


def pyramid_down(img: np.ndarray) -> np.ndarray:
    """dlib ``pyramid_down<2>`` on RGB: 5-tap [1 4 6 4 1] filter, integer, /256 truncated.

    OpenCV does the filtering in float32, which is exact here (every partial sum is an
    integer below 2**24); output pixel (d, c) is the 5x5 window centred on (2d+2, 2c+2).
    """
    nr, nc = img.shape[:2]
    if nr <= 8 or nc <= 8:
        return np.zeros((0, 0, 3), np.uint8)
    out_r, out_c = (nr - 3) // 2, (nc - 3) // 2
    sums = cv2.sepFilter2D(img, cv2.CV_32F, _PYR_KERNEL, _PYR_KERNEL)
    picked = sums[2 : 2 + 2 * out_r : 2, 2 : 2 + 2 * out_c : 2]
    # /256 is exact in binary and the sums are >= 0, so truncating the cast is the floor
    return (picked * np.float32(1 / 256)).astype(np.uint8)


_scratch = threading.local()


class _Workspace:
    """Per-thread, per-chip-size scratch arrays: fresh 100-500 kB temporaries per chip
    cost page faults that take longer than the arithmetic itself."""

    def __init__(self, rows: int, cols: int) -> None:
        self.px = np.empty((rows, cols))
        self.py = np.empty((rows, cols))
        self.x0 = np.empty((rows, cols))
        self.y0 = np.empty((rows, cols))
        self.map_x = np.empty((rows, cols), np.float32)
        self.map_y = np.empty((rows, cols), np.float32)
        self.corners = np.empty((4, rows, cols, 3), np.uint8)
        self.planar = np.empty((4, 3, rows, cols))
        self.weight = np.empty(rows * cols)


def _workspace(rows: int, cols: int) -> _Workspace:
    cache = getattr(_scratch, "cache", None)
    if cache is None:
        cache = _scratch.cache = {}
    ws = cache.get((rows, cols))
    if ws is None:
        if len(cache) > 4:
            cache.clear()
        ws = cache[(rows, cols)] = _Workspace(rows, cols)
    return ws


def _sample(src: np.ndarray, tform: tuple[float, ...], rows: int, cols: int) -> np.ndarray:
    """``transform_image`` with ``interpolate_bilinear`` and a black background.

    Every double operation is dlib's, in dlib's order, so truncation lands identically.
    OpenCV only gathers pixels (nearest-neighbour at exact integer positions); the
    interpolation runs channel-planar in numpy so its loops stay long and contiguous.
    """
    m00, m01, m10, m11, b0, b1 = tform
    height, width = src.shape[:2]
    ws = _workspace(rows, cols)
    c = np.arange(cols, dtype=np.float64)
    r = np.arange(rows, dtype=np.float64)[:, None]
    px, py, x0, y0 = ws.px, ws.py, ws.x0, ws.y0
    np.add(m00 * c, m01 * r, out=px)  # dlib: m*p + b, x-term first, then the offset
    px += b0
    np.add(m10 * c, m11 * r, out=py)
    py += b1
    np.floor(px, out=x0)
    np.floor(py, out=y0)
    every = x0.min() >= 0 and y0.min() >= 0 and x0.max() < width - 1 and y0.max() < height - 1
    ok = None
    if not every:
        ok = (x0 >= 0) & (y0 >= 0) & (x0 < width - 1) & (y0 < height - 1)
        if not ok.any():
            return np.zeros((rows, cols, 3), np.uint8)
    fx = np.subtract(px, x0, out=px).ravel()  # px, py are not needed afterwards
    fy = np.subtract(py, y0, out=py).ravel()
    if ok is not None:  # keep far-off gather positions in range; those pixels end black
        np.clip(x0, -1, width, out=x0)
        np.clip(y0, -1, height, out=y0)
    np.copyto(ws.map_x, x0, casting="same_kind")  # integers: exact in float32
    np.copyto(ws.map_y, y0, casting="same_kind")
    # tl, tr, bl, br: the same nearest-neighbour lookup in the image shifted by 0/1 px
    for k, view in enumerate((src, src[:, 1:], src[1:, :], src[1:, 1:])):
        cv2.remap(view, ws.map_x, ws.map_y, cv2.INTER_NEAREST, dst=ws.corners[k],
                  borderMode=cv2.BORDER_CONSTANT)
    np.copyto(ws.planar, ws.corners.transpose(0, 3, 1, 2))
    tl, tr, bl, br = ws.planar.reshape(4, 3, rows * cols)
    # (1-fy)*((1-fx)*tl + fx*tr) + fy*((1-fx)*bl + fx*br), each step as dlib rounds it
    weight = np.subtract(1, fx, out=ws.weight)
    tl *= weight
    tr *= fx
    tl += tr
    bl *= weight
    br *= fx
    bl += br
    np.subtract(1, fy, out=weight)
    tl *= weight
    bl *= fy
    tl += bl
    # static_cast<unsigned char> truncates; the value is within [0, 255] by construction
    out = cv2.merge(list(tl.reshape(3, rows, cols).astype(np.uint8)))
    if ok is not None:
        out[~ok] = 0
    return out
