"""A writer of dlib's serialize() stream (spec §2, §4, §5), for tests only.

It lets the parser and converter be tested on synthetic networks of the right
architecture without dlib's 22 MB file, and on deliberately broken files.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from headcount.models import dlib_network as arch


def enc_int(v: int) -> bytes:
    mag = abs(v)
    n = max(1, (mag.bit_length() + 7) // 8)
    return bytes([n | (0x80 if v < 0 else 0)]) + mag.to_bytes(n, "little")


def enc_bool(v: bool) -> bytes:
    return b"1" if v else b"0"


def enc_str(s: str) -> bytes:
    return enc_int(len(s)) + s.encode("ascii")


def enc_real(v: float, digits: int) -> bytes:
    """float_details: mantissa·2^exponent with trailing zero bytes of the mantissa dropped."""
    if math.isinf(v):
        return enc_int(0) + enc_int(32000 if v > 0 else 32001)
    if math.isnan(v):
        return enc_int(0) + enc_int(32002)
    m, e = math.frexp(v)
    mantissa, exponent = int(m * 2**digits), e - digits
    for _ in range(8):
        if mantissa & 0xFF:
            break
        mantissa >>= 8
        exponent += 8
    return enc_int(mantissa) + enc_int(exponent)


def enc_float(v: float) -> bytes:
    return enc_real(float(np.float32(v)), 24)


def enc_double(v: float) -> bytes:
    return enc_real(v, 53)


def enc_tensor(a: np.ndarray, shape: tuple[int, int, int, int] | None = None) -> bytes:
    shape = shape or (a.size, 1, 1, 1)
    head = enc_int(2) + b"".join(enc_int(d) for d in shape)
    return head + np.ascontiguousarray(a, "<f4").tobytes()


def enc_alias(shape: tuple[int, int, int, int]) -> bytes:
    return enc_int(1) + b"".join(enc_int(d) for d in shape)


EMPTY = enc_tensor(np.zeros(0, np.float32), (0, 0, 0, 0))
MEAN = (122.782, 117.001, 104.298)


def random_params(seed: int = 0) -> list[arch.Params]:
    """Weights for every layer of the fixed architecture, scaled so activations stay O(1)."""
    rng = np.random.default_rng(seed)
    params: list[arch.Params] = []
    channels = 3
    for op in arch.LAYERS:
        if isinstance(op, arch.Conv):
            fan_in = channels * op.kernel**2
            scale = np.sqrt(2.0 / fan_in)
            w = (rng.standard_normal((op.filters, channels, op.kernel, op.kernel)) * scale).astype(
                np.float32
            )
            b = (rng.standard_normal(op.filters) * 0.01).astype(np.float32)
            params.append(arch.ConvParams(w, b, op.stride, op.padding))
            channels = op.filters
        elif isinstance(op, arch.Affine):
            g = rng.uniform(0.5, 1.2, channels).astype(np.float32)
            beta = (rng.standard_normal(channels) * 0.01).astype(np.float32)
            params.append(arch.AffineParams(g, beta))
        elif isinstance(op, arch.MaxPool | arch.AvgPool):
            params.append(arch.PoolParams(op.kernel, op.stride, 0))
        elif isinstance(op, arch.Fc):
            w = (rng.standard_normal((channels, op.outputs)) / np.sqrt(channels)).astype(np.float32)
            params.append(arch.FcParams(w))
        else:
            params.append(None)
    return params


Tweak = Callable[[int, arch.Op], arch.Op]


def write(params: list[arch.Params], tweak: Tweak | None = None) -> bytes:
    """The bytes dlib would write for ``params``; ``tweak`` may alter a layer's stored spec."""
    out = [enc_int(1), enc_str("loss_metric_2"), enc_float(0.04), enc_float(0.6)]
    versions = [1 if isinstance(op, arch.Tag | arch.Skip) else 2 for op in arch.ARCHITECTURE]
    versions[0] = 3
    out += [enc_int(v) for v in versions[::-1]]
    out += [enc_str("input_rgb_image_sized"), *(enc_float(m) for m in MEAN), enc_int(150)]
    out += [enc_int(150)]
    channels = 3
    for i, (op, p) in enumerate(zip(arch.LAYERS, params, strict=True)):
        op = tweak(i, op) if tweak else op
        if isinstance(op, arch.Conv):
            assert isinstance(p, arch.ConvParams)
            k, s, q = op.kernel, op.stride, op.padding
            flat = np.concatenate([p.weights.ravel(), p.bias])
            out += [enc_str("con_4"), enc_tensor(flat), *(enc_int(v) for v in (op.filters, k, k))]
            out += [enc_int(v) for v in (s, s, q, q)]
            out += [enc_alias((op.filters, channels, k, k)), enc_alias((1, op.filters, 1, 1))]
            out += [enc_double(v) for v in (1, 1, 1, 0)]
            channels = op.filters
        elif isinstance(op, arch.Affine):
            assert isinstance(p, arch.AffineParams)
            out += [enc_str("affine_"), enc_tensor(np.concatenate([p.gamma, p.beta]))]
            out += [enc_alias((1, channels, 1, 1))] * 2 + [enc_int(0)]
        elif isinstance(op, arch.Relu):
            out += [enc_str("relu_")]
        elif isinstance(op, arch.MaxPool | arch.AvgPool):
            name = "max_pool_2" if isinstance(op, arch.MaxPool) else "avg_pool_2"
            out += [enc_str(name), *(enc_int(v) for v in (op.kernel, op.kernel, op.stride))]
            out += [enc_int(v) for v in (op.stride, 0, 0)]
        elif isinstance(op, arch.AddPrev):
            out += [enc_str("add_prev_")]
        elif isinstance(op, arch.Fc):
            assert isinstance(p, arch.FcParams)
            out += [enc_str("fc_2"), enc_int(op.outputs), enc_int(channels)]
            out += [enc_tensor(p.weights, (channels, op.outputs, 1, 1))]
            out += [enc_alias((channels, op.outputs, 1, 1)), enc_alias((0, 0, 0, 0)), enc_int(1)]
            out += [enc_double(v) for v in (1, 1, 1, 0)]
        # add_layer trailer: 3 bools and empty gradient tensors
        out += [b"110", EMPTY, EMPTY, EMPTY]
        if i == 0:
            out += [enc_int(1)]  # _sample_expansion_factor of the input add_layer (v3)
    return b"".join(out)
