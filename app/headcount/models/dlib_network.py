"""dlib's face recognition ResNet: the fixed architecture and the parsed weights.

The architecture is ``anet_type`` of dlib's examples/dnn_face_recognition_ex.cpp
(../shared/design/DLIB_EMBEDDER.md §3). dlib's file does not describe it, so the
parser (:mod:`headcount.models.dlib_format`) checks the file against it and the
converter (:mod:`headcount.models.dlib_onnx`) builds the graph from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CHIP_SIZE = 150
DESCRIPTOR_SIZE = 128


# --- the fixed architecture (§3), in execution (= file) order --------------------------
# Each entry is one add_layer record, or a tag/skip marker that has no record.


@dataclass(frozen=True)
class Conv:
    filters: int
    kernel: int
    stride: int

    @property
    def padding(self) -> int:  # dlib's default: k/2 for stride 1, else 0
        return self.kernel // 2 if self.stride == 1 else 0


@dataclass(frozen=True)
class Affine:
    pass


@dataclass(frozen=True)
class Relu:
    pass


@dataclass(frozen=True)
class MaxPool:
    kernel: int
    stride: int


@dataclass(frozen=True)
class AvgPool:
    kernel: int  # 0 = avg_pool_everything (the window is the whole input)
    stride: int


@dataclass(frozen=True)
class AddPrev:
    tag: int


@dataclass(frozen=True)
class Fc:
    outputs: int


@dataclass(frozen=True)
class Tag:
    tag: int


@dataclass(frozen=True)
class Skip:
    tag: int


Op = Conv | Affine | Relu | MaxPool | AvgPool | AddPrev | Fc | Tag | Skip


def _ares(n: int) -> list[Op]:
    return [Tag(1), Conv(n, 3, 1), Affine(), Relu(), Conv(n, 3, 1), Affine(), AddPrev(1), Relu()]


def _ares_down(n: int) -> list[Op]:
    return [
        Tag(1), Conv(n, 3, 2), Affine(), Relu(), Conv(n, 3, 1), Affine(),
        Tag(2), Skip(1), AvgPool(2, 2), AddPrev(2), Relu(),
    ]  # fmt: skip


def _architecture() -> tuple[Op, ...]:
    ops: list[Op] = [Conv(32, 7, 2), Affine(), Relu(), MaxPool(3, 2)]
    ops += _ares(32) * 3  # alevel4
    ops += _ares_down(64) + _ares(64) * 3  # alevel3
    ops += _ares_down(128) + _ares(128) * 2  # alevel2
    ops += _ares_down(256) + _ares(256) * 2  # alevel1
    ops += _ares_down(256)  # alevel0
    ops += [AvgPool(0, 1), Fc(DESCRIPTOR_SIZE)]
    return tuple(ops)


ARCHITECTURE: tuple[Op, ...] = _architecture()
LAYERS: tuple[Op, ...] = tuple(op for op in ARCHITECTURE if not isinstance(op, Tag | Skip))


# --- what the parser returns ---------------------------------------------------------


@dataclass
class ConvParams:
    weights: np.ndarray  # float32 (O, C, kh, kw), cross-correlation
    bias: np.ndarray  # float32 (O,)
    stride: int
    padding: int


@dataclass
class AffineParams:
    gamma: np.ndarray  # float32 (K,)
    beta: np.ndarray  # float32 (K,)


@dataclass
class PoolParams:
    kernel: int  # 0 = global
    stride: int
    padding: int


@dataclass
class FcParams:
    weights: np.ndarray  # float32 (inputs, outputs), no bias


Params = ConvParams | AffineParams | PoolParams | FcParams | None


@dataclass
class DlibNet:
    """The parsed file: input normalisation, loss settings and one entry per layer."""

    input_mean: tuple[float, float, float]  # RGB averages subtracted before /256
    input_size: tuple[int, int]
    loss_margin: float
    loss_threshold: float
    params: list[Params]  # parallel to LAYERS (None for relu / add_prev)
