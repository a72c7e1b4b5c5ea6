"""dlib's face-chip geometry, reproduced operation for operation in IEEE double.

Why so literal: dlib truncates bilinear samples to uint8, and in flat image areas the
sampled value is an integer give or take one rounding error, so the last bit of every
sampling coordinate decides whether a pixel comes out as 200 or 199. To be byte-identical
we therefore repeat dlib's arithmetic in dlib's order: its own SVD (``svd4``; dlib's pip
wheels are built without LAPACK/BLAS and without FMA), its ``pinv``, its matrix
products summed left to right, ``matrix / s`` done as ``matrix * (1/s)``, and so on.
Everything here is scalar Python on ``float`` (a C double), which keeps the order exact.

Spec: ../shared/design/DLIB_EMBEDDER.md §9. Sources mirrored: dlib/matrix/matrix_la.h
(``svd4``, ``pinv``), dlib/geometry/point_transforms.h
(``find_similarity_transform``, ``find_affine_transform``), dlib/image_transforms/
interpolation.h (``chip_details``, ``get_face_chip_details``, ``extract_image_chips``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from headcount.vision.dlib_linalg import Matrix, matmul, pinv, svd

Affine = tuple[float, float, float, float, float, float]  # m00, m01, m10, m11, b0, b1

# dlib's 5-point mean face (interpolation.h), unit square, part order of the 5-point model.
TEMPLATE5: tuple[tuple[float, float], ...] = (
    (0.8595674595992, 0.2134981538014),
    (0.6460604764104, 0.2289674387677),
    (0.1205750620789, 0.2137274526848),
    (0.3340850613712, 0.2290642403242),
    (0.4901123135679, 0.6277975316475),
)



# --------------------------------------------------------------------------- rectangles
@dataclass(frozen=True, slots=True)
class DRect:
    """dlib ``drectangle``: inclusive double edges; width is ``right - left + 1``."""

    left: float
    top: float
    right: float
    bottom: float

    def is_empty(self) -> bool:
        return self.top > self.bottom or self.left > self.right

    def width(self) -> float:
        return 0.0 if self.is_empty() else self.right - self.left + 1

    def height(self) -> float:
        return 0.0 if self.is_empty() else self.bottom - self.top + 1

    def area(self) -> float:
        return self.width() * self.height()

    def center(self) -> tuple[float, float]:
        return (self.left + self.right) / 2.0, (self.top + self.bottom) / 2.0

    def down(self) -> DRect:
        """``pyramid_down<2>::rect_down``: ``p/2 - (1.25, 0.75)`` on both corners."""
        return _rect_from_points(
            (self.left / 2.0 - 1.25, self.top / 2.0 - 0.75),
            (self.right / 2.0 - 1.25, self.bottom / 2.0 - 0.75),
        )

    def translated(self, dx: int, dy: int) -> DRect:
        return DRect(self.left + dx, self.top + dy, self.right + dx, self.bottom + dy)

    def rounded(self) -> tuple[int, int, int, int]:
        """dlib's drectangle -> rectangle conversion: ``floor(v + 0.5)`` on each edge."""
        return (
            math.floor(self.left + 0.5),
            math.floor(self.top + 0.5),
            math.floor(self.right + 0.5),
            math.floor(self.bottom + 0.5),
        )


def _rect_from_points(p1: tuple[float, float], p2: tuple[float, float]) -> DRect:
    # drectangle(p1, p2) is the union of two one-point rectangles.
    return DRect(min(p1[0], p2[0]), min(p1[1], p2[1]), max(p1[0], p2[0]), max(p1[1], p2[1]))


def centered_drect(cx: float, cy: float, width: float, height: float) -> DRect:
    width -= 1
    height -= 1
    return DRect(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def rotate_point(center: tuple[float, float], p: tuple[float, float], angle: float) -> tuple[
    float, float
]:
    """``rotate_point<double>``: ``rot(p - center) + center``."""
    s, c = math.sin(angle), math.cos(angle)
    x, y = p[0] - center[0], p[1] - center[1]
    return (c * x - s * y) + center[0], (s * x + c * y) + center[1]


# --------------------------------------------------------------------------- transforms
def similarity_transform(
    src: list[tuple[float, float]], dst: list[tuple[float, float]]
) -> Affine:
    """dlib ``find_similarity_transform`` (Umeyama), mapping ``src`` onto ``dst``."""
    n = len(src)
    mfx = mfy = mtx = mty = 0.0
    for (fx, fy), (tx, ty) in zip(src, dst, strict=True):
        mfx += fx
        mfy += fy
        mtx += tx
        mty += ty
    mfx /= n
    mfy /= n
    mtx /= n
    mty /= n
    sigma = 0.0
    c00 = c01 = c10 = c11 = 0.0
    for (fx, fy), (tx, ty) in zip(src, dst, strict=True):
        dfx, dfy, dtx, dty = fx - mfx, fy - mfy, tx - mtx, ty - mty
        sigma += dfx * dfx + dfy * dfy
        c00 += dtx * dfx
        c01 += dtx * dfy
        c10 += dty * dfx
        c11 += dty * dfy
    sigma /= n
    inv_n = 1.0 / n  # dlib's matrix /= s multiplies by 1/s
    cov = [[c00 * inv_n, c01 * inv_n], [c10 * inv_n, c11 * inv_n]]
    u, w, v = svd(cov)
    s0 = s1 = 1.0
    det_cov = cov[0][0] * cov[1][1] - cov[0][1] * cov[1][0]
    if det_cov < 0 or (
        det_cov == 0
        and (u[0][0] * u[1][1] - u[0][1] * u[1][0]) * (v[0][0] * v[1][1] - v[0][1] * v[1][0]) < 0
    ):
        if w[1] < w[0]:
            s1 = -1.0
        else:
            s0 = -1.0
    us = [[u[0][0] * s0, u[0][1] * s1], [u[1][0] * s0, u[1][1] * s1]]
    r = [[us[i][0] * v[j][0] + us[i][1] * v[j][1] for j in range(2)] for i in range(2)]
    scale = 1.0
    if sigma != 0:
        scale = 1.0 / sigma * ((0.0 + w[0] * s0) + w[1] * s1)
    # (c*r)*mean_from: dlib folds the scalar out, c*(r*mean_from)
    t0 = mtx - scale * (r[0][0] * mfx + r[0][1] * mfy)
    t1 = mty - scale * (r[1][0] * mfx + r[1][1] * mfy)
    return (r[0][0] * scale, r[0][1] * scale, r[1][0] * scale, r[1][1] * scale, t0, t1)


@lru_cache(maxsize=16)
def _corner_pinv(rows: int, cols: int) -> Matrix:
    # P for the chip corners tl, tr, bl with a row of ones; constant per chip size.
    return pinv([[0.0, float(cols - 1), 0.0], [0.0, 0.0, float(rows - 1)], [1.0, 1.0, 1.0]])


def chip_to_source(rows: int, cols: int, rect: DRect, angle: float) -> Affine:
    """``find_affine_transform`` from chip corners to the rotated corners of ``rect``."""
    center = rect.center()
    to = [
        rotate_point(center, (rect.left, rect.top), angle),
        rotate_point(center, (rect.right, rect.top), angle),
        rotate_point(center, (rect.left, rect.bottom), angle),
    ]
    q = [[p[0] for p in to], [p[1] for p in to]]
    m = matmul(q, _corner_pinv(rows, cols))
    return (m[0][0], m[0][1], m[1][0], m[1][1], m[0][2], m[1][2])


# --------------------------------------------------------------------------- chip details
@dataclass(frozen=True, slots=True)
class ChipDetails:
    """dlib ``chip_details``: where a chip of ``rows x cols`` sits in the image.

    ``rect`` is the (unrotated) chip rectangle in image pixels and ``angle`` the rotation
    about its centre, in radians. ``scale`` is image pixels per chip pixel of the fitted
    similarity and ``transform`` that similarity (chip -> image, ``m00 m01 m10 m11 b0 b1``);
    note dlib samples with the corner mapping of :func:`chip_to_source`, not with it.
    """

    rect: DRect
    angle: float
    rows: int
    cols: int
    scale: float = 1.0
    transform: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def sampling_transform(self) -> Affine:
        """The exact chip -> image map dlib uses at full resolution (pyramid level -1)."""
        return chip_to_source(self.rows, self.cols, self.rect, self.angle)


def details_from_points(
    chip_points: list[tuple[float, float]], img_points: list[tuple[float, float]], rows: int,
    cols: int,
) -> ChipDetails:
    """dlib's ``chip_details(chip_points, img_points, dims)`` constructor."""
    tform = similarity_transform(chip_points, img_points)
    m00, m01, m10, m11, b0, b1 = tform
    angle = math.atan2(m10, m00)
    scale = math.sqrt(m00 * m00 + m10 * m10)
    cx, cy = cols / 2.0, rows / 2.0
    center = ((m00 * cx + m01 * cy) + b0, (m10 * cx + m11 * cy) + b1)
    rect = centered_drect(center[0], center[1], cols * scale, rows * scale)
    return ChipDetails(rect, angle, rows, cols, scale, tform)


def template_points(size: int, padding: float) -> list[tuple[float, float]]:
    """Chip-space targets of the 5 points: ``((padding + t) * (1/(2·padding+1))) * size``."""
    k = 1.0 / (2 * padding + 1)
    return [((padding + x) * k * size, (padding + y) * k * size) for x, y in TEMPLATE5]


def face_chip_details(points5: list[tuple[float, float]], size: int, padding: float) -> ChipDetails:
    """dlib ``get_face_chip_details`` for a 5-point shape."""
    return details_from_points(template_points(size, padding), points5, size, size)
