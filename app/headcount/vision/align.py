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
from collections.abc import Sequence

import numpy as np

from headcount.errors import BadInput
from headcount.vision.chip_geometry import ChipDetails, DRect, chip_to_source, face_chip_details

__all__ = ["ChipDetails", "DRect", "chip_details", "extract_chip", "face_chip", "face_chips"]

MAX_CHIP_SIZE = 4096


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
    pyramid from it, which can shift large faces' chips by a grey level here and there.
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


def pyramid_down(img: np.ndarray) -> np.ndarray:
    """dlib ``pyramid_down<2>`` on RGB: 5-tap [1 4 6 4 1] filter, integer, /256 truncated."""
    nr, nc = img.shape[:2]
    if nr <= 8 or nc <= 8:
        return np.zeros((0, 0, 3), np.uint8)
    out_c, out_r = (nc - 3) // 2, (nr - 3) // 2
    src = img.astype(np.uint16)
    span = 2 * out_c

    def taps(a: np.ndarray, axis: int, n: int) -> np.ndarray:
        def at(j: int) -> np.ndarray:
            return a[:, j : j + n : 2] if axis == 1 else a[j : j + n : 2]

        return at(0) + 4 * at(1) + 6 * at(2) + 4 * at(3) + at(4)

    tmp = taps(src, 1, span)  # (nr, out_c): row filter, every other column
    return (taps(tmp, 0, 2 * out_r) // 256).astype(np.uint8)


def _sample(src: np.ndarray, tform: tuple[float, ...], rows: int, cols: int) -> np.ndarray:
    """``transform_image`` with ``interpolate_bilinear`` and a black background."""
    m00, m01, m10, m11, b0, b1 = tform
    c = np.arange(cols, dtype=np.float64)
    r = np.arange(rows, dtype=np.float64)[:, None]
    # dlib: (m*p + b), the products summed x-term first, then the offset
    px = (m00 * c + m01 * r) + b0
    py = (m10 * c + m11 * r) + b1
    x0 = np.floor(px)
    y0 = np.floor(py)
    height, width = src.shape[:2]
    ok = (x0 >= 0) & (y0 >= 0) & (x0 + 1 < width) & (y0 + 1 < height)
    out = np.zeros((rows, cols, 3), np.uint8)
    if not ok.any():
        return out
    all_ok = bool(ok.all())
    if not all_ok:
        px, py, x0, y0 = px[ok], py[ok], x0[ok], y0[ok]
    else:
        px, py, x0, y0 = px.ravel(), py.ravel(), x0.ravel(), y0.ravel()
    fx = (px - x0)[:, None]
    fy = (py - y0)[:, None]
    idx = y0.astype(np.intp) * width + x0.astype(np.intp)
    flat = src.reshape(-1, 3)
    tl = flat[idx]
    tr = flat[idx + 1]
    bl = flat[idx + width]
    br = flat[idx + width + 1]
    gx = 1 - fx
    top_row = gx * tl
    top_row += fx * tr
    bottom = gx * bl
    bottom += fx * br
    top_row *= 1 - fy
    bottom *= fy
    top_row += bottom
    np.clip(top_row, 0, 255, out=top_row)
    values = top_row.astype(np.uint8)  # truncation, as static_cast<unsigned char>
    if all_ok:
        return values.reshape(rows, cols, 3)
    out[ok] = values
    return out
