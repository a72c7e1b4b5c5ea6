"""Checking face descriptors at the edge: dlib's raw 128-D float vectors."""

from __future__ import annotations

import numpy as np

from headcount.errors import BadInput

DIM = 128


def validate_descriptors(values: object, what: str = "descriptors") -> np.ndarray:
    """Return ``values`` as a C-contiguous float32 (N, 128) array, or raise BadInput."""
    arr = np.asarray(values) if not isinstance(values, np.ndarray) else values
    if arr.dtype.kind != "f":
        raise BadInput(
            f"{what} must be floating point numbers, got dtype {arr.dtype}",
            f"{what}必须是浮点数，实际类型为 {arr.dtype}",
        )
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] != DIM:
        raise BadInput(
            f"{what} must have shape (N, {DIM}) or ({DIM},), got {arr.shape}",
            f"{what}的形状必须是 (N, {DIM}) 或 ({DIM},)，实际为 {arr.shape}",
        )
    arr = np.ascontiguousarray(arr, dtype=np.float32)
    if not np.isfinite(arr).all():
        raise BadInput(
            f"{what} contain NaN or infinite values",
            f"{what}包含 NaN 或无穷大的值",
        )
    return arr
