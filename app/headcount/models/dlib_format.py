"""Reader of dlib's ``serialize()`` stream for the face recognition ResNet.

Written from ../shared/design/DLIB_EMBEDDER.md (§2 encodings, §4 layout, §5 layer
details). The file is not self-describing: the network type (§3) is hard-coded in
:mod:`headcount.models.dlib_network` and every stored hyper-parameter is checked
against it, so a file of any other network, a truncated file or one with trailing
bytes is refused with a :class:`ModelError` instead of giving a silently wrong model.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from headcount.errors import ModelError
from headcount.models.dlib_network import (
    ARCHITECTURE,
    CHIP_SIZE,
    LAYERS,
    AddPrev,
    Affine,
    AffineParams,
    AvgPool,
    Conv,
    ConvParams,
    DlibNet,
    Fc,
    FcParams,
    MaxPool,
    Params,
    PoolParams,
    Relu,
    Skip,
    Tag,
)

_SPECIAL_EXPONENTS = {32000: math.inf, 32001: -math.inf, 32002: math.nan}


# --- primitive decoding (§2) ---------------------------------------------------------


class Reader:
    """A cursor over the bytes with dlib's primitive decoders; errors name the offset."""

    def __init__(self, data: bytes, name: str = "model file") -> None:
        self.data = memoryview(data)
        self.pos = 0
        self.name = name
        self.layer: tuple[int, str] | None = None  # the record being read, for messages

    def fail(self, en: str, zh: str) -> ModelError:
        at_en = f"layer {self.layer[0]} ({self.layer[1]}), " if self.layer else ""
        at_zh = f"第 {self.layer[0]} 层（{self.layer[1]}），" if self.layer else ""
        return ModelError(
            f"{self.name} is not a valid dlib face recognition model "
            f"({en}; {at_en}byte {self.pos}).",
            f"{self.name} 不是有效的 dlib 人脸识别模型（{zh}；{at_zh}第 {self.pos} 字节）。",
        )

    def take(self, n: int) -> memoryview:
        if n < 0 or self.pos + n > len(self.data):
            raise self.fail(f"file truncated: {n} more bytes needed", f"文件被截断：还需 {n} 字节")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def _varint(self, signed: bool, max_bytes: int) -> int:
        ctl = self.take(1)[0]
        n = ctl & 0x0F
        negative = bool(ctl & 0x80)
        if ctl & 0x70 or n > max_bytes or (negative and not signed):
            self.pos -= 1
            raise self.fail(
                f"bad integer control byte 0x{ctl:02x}", f"整数控制字节 0x{ctl:02x} 无效"
            )
        value = int.from_bytes(self.take(n), "little")
        return -value if negative else value

    def int_(self, max_bytes: int = 8) -> int:
        return self._varint(True, max_bytes)

    def uint(self) -> int:
        return self._varint(False, 8)

    def bool_(self) -> bool:
        byte = self.take(1)[0]
        if byte not in (0x30, 0x31):
            self.pos -= 1
            raise self.fail(f"bad bool byte 0x{byte:02x}", f"布尔字节 0x{byte:02x} 无效")
        return byte == 0x31

    def string(self, max_len: int = 256) -> str:
        n = self.uint()
        if n > max_len:
            raise self.fail(f"string of {n} bytes", f"字符串长度 {n} 异常")
        raw = bytes(self.take(n))
        try:
            return raw.decode("ascii")
        except UnicodeDecodeError:
            raise self.fail("non-ASCII string", "字符串不是 ASCII") from None

    def real(self) -> float:
        """A float or double in float_details form (mantissa·2^exponent)."""
        if self.pos < len(self.data) and self.data[self.pos] & 0x70:
            raise self.fail("legacy text float", "旧式文本浮点数")
        mantissa = self.int_(8)
        exponent = self.int_(2)
        if exponent in _SPECIAL_EXPONENTS:
            return _SPECIAL_EXPONENTS[exponent]
        return math.ldexp(mantissa, exponent)

    def tensor(self) -> np.ndarray:
        """A resizable_tensor: version 2, (n, k, nr, nc), then raw float32 LE."""
        version = self.int_()
        if version != 2:
            raise self.fail(f"tensor version {version}", f"张量版本 {version}")
        shape = tuple(self.int_() for _ in range(4))
        if min(shape) < 0:
            raise self.fail(f"tensor shape {shape}", f"张量形状 {shape}")
        count = math.prod(shape)
        raw = self.take(4 * count)
        return np.frombuffer(raw, dtype="<f4").astype(np.float32).reshape(shape)

    def alias(self) -> tuple[int, int, int, int]:
        version = self.int_()
        if version != 1:
            raise self.fail(f"alias_tensor version {version}", f"alias_tensor 版本 {version}")
        return (self.int_(), self.int_(), self.int_(), self.int_())

    def expect(self, what: str, got: object, want: object) -> None:
        if got != want:
            raise self.fail(f"{what} is {got}, expected {want}", f"{what} 为 {got}，应为 {want}")


# --- records (§4, §5) ----------------------------------------------------------------


def _read_conv(r: Reader, spec: Conv, channels: int) -> ConvParams:
    version = r.string()
    if version not in ("con_4", "con_5", "con_6"):
        raise r.fail(f"layer {version!r}, expected a conv", f"层 {version!r}，应为卷积层")
    params = r.tensor().reshape(-1)
    filters, nr, nc = r.int_(), r.int_(), r.int_()
    stride_y, stride_x, pad_y, pad_x = r.int_(), r.int_(), r.int_(), r.int_()
    k = spec.kernel
    r.expect("conv filters/size", (filters, nr, nc), (spec.filters, k, k))
    r.expect("conv stride/padding", (stride_y, stride_x, pad_y, pad_x),
             (spec.stride, spec.stride, spec.padding, spec.padding))  # fmt: skip
    r.expect("conv filter alias", r.alias(), (filters, channels, k, k))
    r.expect("conv bias alias", r.alias(), (1, filters, 1, 1))
    for _ in range(4):  # learning-rate / weight-decay multipliers: training only
        r.real()
    use_bias = r.bool_() if version in ("con_5", "con_6") else True
    if version == "con_6" and r.bool_():
        raise r.fail("conv with fused relu", "卷积层带融合 ReLU")
    n_weights = filters * channels * k * k
    r.expect("conv parameter count", params.size, n_weights + (filters if use_bias else 0))
    weights = params[:n_weights].reshape(filters, channels, k, k)
    bias = params[n_weights:] if use_bias else np.zeros(filters, np.float32)
    return ConvParams(weights, bias, spec.stride, spec.padding)


def _read_affine(r: Reader, channels: int) -> AffineParams:
    version = r.string()
    if version not in ("affine_", "affine_2"):
        raise r.fail(f"layer {version!r}, expected affine_", f"层 {version!r}，应为 affine_")
    params = r.tensor().reshape(-1)
    r.expect("affine gamma alias", r.alias(), (1, channels, 1, 1))
    r.expect("affine beta alias", r.alias(), (1, channels, 1, 1))
    r.expect("affine mode (0 = per channel)", r.int_(), 0)
    disabled = r.bool_() if version == "affine_2" else False
    r.expect("affine parameter count", params.size, 2 * channels)
    if disabled:  # a disabled affine layer passes its input through
        return AffineParams(np.ones(channels, np.float32), np.zeros(channels, np.float32))
    return AffineParams(params[:channels].copy(), params[channels:].copy())


def _read_relu(r: Reader) -> None:
    version = r.string()
    if version not in ("relu_", "relu_2"):
        raise r.fail(f"layer {version!r}, expected relu_", f"层 {version!r}，应为 relu_")
    if version == "relu_2" and r.bool_():
        raise r.fail("disabled relu", "ReLU 被禁用")


def _read_pool(r: Reader, spec: MaxPool | AvgPool) -> PoolParams:
    want = "max_pool_2" if isinstance(spec, MaxPool) else "avg_pool_2"
    r.expect("layer", r.string(), want)
    nr, nc = r.int_(), r.int_()
    stride_y, stride_x, pad_y, pad_x = r.int_(), r.int_(), r.int_(), r.int_()
    r.expect("pool window", (nr, nc), (spec.kernel, spec.kernel))
    r.expect("pool stride/padding", (stride_y, stride_x, pad_y, pad_x),
             (spec.stride, spec.stride, 0, 0))  # fmt: skip
    return PoolParams(spec.kernel, spec.stride, 0)


def _read_add_prev(r: Reader) -> None:
    r.expect("layer", r.string(), "add_prev_")


def _read_fc(r: Reader, spec: Fc, inputs: int) -> FcParams:
    version = r.string()
    if version not in ("fc_2", "fc_3"):
        raise r.fail(f"layer {version!r}, expected fc_2", f"层 {version!r}，应为 fc_2")
    r.expect("fc outputs/inputs", (r.uint(), r.uint()), (spec.outputs, inputs))
    params = r.tensor()
    r.expect("fc parameter shape", params.shape, (inputs, spec.outputs, 1, 1))
    r.expect("fc weights alias", r.alias(), (inputs, spec.outputs, 1, 1))
    r.alias()  # biases: empty with FC_NO_BIAS
    r.expect("fc bias mode (1 = no bias)", r.int_(), 1)
    for _ in range(4):
        r.real()
    if version == "fc_3":
        r.expect("fc use_bias", r.bool_(), False)
    return FcParams(params.reshape(inputs, spec.outputs).copy())


def _read_trailer(r: Reader, version: int, is_input: bool) -> None:
    """The add_layer fields after the details: training state we only skip over."""
    for _ in range(3):
        r.bool_()
    r.tensor()  # x_grad
    r.tensor()  # cached_output
    if is_input:
        r.tensor()  # grad_final
        if version >= 3:
            r.expect("sample expansion factor", r.uint(), 1)
    elif version >= 2:
        r.tensor()  # params_grad


def _read_versions(r: Reader) -> list[int]:
    """The version ints of all wrappers (§4.3), returned for the layers in file order.

    They are stored outermost first; tags and skips are version 1, the add_layer of
    the first conv (specialised for the input layer) 3 (or older 2), the others 2 (or 1).
    """
    ops = ARCHITECTURE[::-1]
    layer_versions: list[int] = []
    for i, op in enumerate(ops):
        got = r.int_()
        if isinstance(op, Tag | Skip):
            allowed: tuple[int, ...] = (1,)
        elif i == len(ops) - 1:
            allowed = (2, 3)
        else:
            allowed = (1, 2)
        if got not in allowed:
            raise r.fail(f"wrapper version {got}, expected {allowed[-1]}",
                         f"封装版本 {got}，应为 {allowed[-1]}")  # fmt: skip
        if not isinstance(op, Tag | Skip):
            layer_versions.append(got)
    return layer_versions[::-1]


def parse(data: bytes, name: str = "model file") -> DlibNet:
    """Parse ``dlib_face_recognition_resnet_model_v1.dat``; every byte must be used."""
    r = Reader(data, name)
    r.expect("loss wrapper version", r.int_(), 1)
    loss = r.string()
    if loss == "loss_metric_2":
        margin, threshold = r.real(), r.real()
    elif loss == "loss_metric_":
        margin, threshold = 0.1, 0.75
    else:
        raise r.fail(f"loss layer {loss!r}", f"损失层 {loss!r}")
    versions = _read_versions(r)
    r.expect("input layer", r.string(), "input_rgb_image_sized")
    mean = (float(np.float32(r.real())), float(np.float32(r.real())), float(np.float32(r.real())))
    size = (r.uint(), r.uint())
    r.expect("input size", size, (CHIP_SIZE, CHIP_SIZE))

    params: list[Params] = []
    channels = 3
    for layer_index, op in enumerate(LAYERS):
        r.layer = (layer_index, type(op).__name__.lower())
        p: Params = None
        if isinstance(op, Conv):
            p = _read_conv(r, op, channels)
            channels = op.filters
        elif isinstance(op, Affine):
            p = _read_affine(r, channels)
        elif isinstance(op, Relu):
            _read_relu(r)
        elif isinstance(op, MaxPool | AvgPool):
            p = _read_pool(r, op)
        elif isinstance(op, AddPrev):
            _read_add_prev(r)
        elif isinstance(op, Fc):
            p = _read_fc(r, op, channels)
        _read_trailer(r, versions[layer_index], is_input=layer_index == 0)
        params.append(p)
    r.layer = None
    if r.pos != len(r.data):
        raise r.fail(f"{len(r.data) - r.pos} unexpected bytes after the last layer",
                     f"最后一层之后多出 {len(r.data) - r.pos} 字节")  # fmt: skip
    return DlibNet(mean, size, margin, threshold, params)


def read_dat(path: str | Path) -> bytes:
    """The bytes of a dlib model file; a clear ModelError when it cannot be read."""
    path = Path(path)
    try:
        return path.read_bytes()
    except OSError as err:
        raise ModelError(
            f"Cannot read the dlib model {path}: {err.strerror or err}",
            f"无法读取 dlib 模型 {path}：{err.strerror or err}",
        ) from err


def load(path: str | Path) -> DlibNet:
    return parse(read_dat(path), str(path))
