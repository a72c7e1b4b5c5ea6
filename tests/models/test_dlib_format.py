"""The dlib serialize() reader: the spec's encoding examples, round trips, broken files."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest
from dlib_writer import (
    EMPTY,
    MEAN,
    enc_double,
    enc_float,
    enc_int,
    random_params,
    write,
)

from headcount.errors import ModelError
from headcount.models import dlib_format as fmt
from headcount.models import dlib_network as arch
from headcount.models.fetch import find_dat


def reader(data: bytes) -> fmt.Reader:
    return fmt.Reader(data, "test.dat")


# --- §2 primitive encodings, byte for byte as the spec gives them -----------------------

INTS = [
    (0, "01 00"),
    (2, "01 02"),
    (-28, "81 1C"),
    (4736, "02 80 12"),
    (-(2**40), "86 00 00 00 00 00 01"),
]


@pytest.mark.parametrize(("value", "hexbytes"), INTS)
def test_int_encoding_examples(value: int, hexbytes: str) -> None:
    raw = bytes.fromhex(hexbytes)
    r = reader(raw)
    assert r.int_() == value
    assert r.pos == len(raw)
    assert enc_int(value) == raw


REALS = [
    ("float 0.04", "03 0A D7 A3 81 1C", float(np.float32(0.04)), enc_float),
    ("double 1.0", "01 10 81 04", 1.0, enc_double),
    ("double 0.0", "01 00 01 0B", 0.0, enc_double),
]


@pytest.mark.parametrize(("label", "hexbytes", "value", "encode"), REALS)
def test_real_encoding_examples(label: str, hexbytes: str, value: float, encode) -> None:
    raw = bytes.fromhex(hexbytes)
    r = reader(raw)
    assert r.real() == value, label
    assert r.pos == len(raw)
    assert encode(value) == raw


def test_float_0_04_is_10737418_times_2_to_minus_28() -> None:
    assert reader(bytes.fromhex("03 0A D7 A3 81 1C")).real() == 10737418 * 2.0**-28


def test_special_exponents() -> None:
    assert reader(enc_int(0) + enc_int(32000)).real() == math.inf
    assert reader(enc_int(0) + enc_int(32001)).real() == -math.inf
    assert math.isnan(reader(enc_int(0) + enc_int(32002)).real())


def test_unsigned_rejects_sign_bit_and_bad_control_bytes() -> None:
    assert reader(bytes.fromhex("02 80 12")).uint() == 4736
    with pytest.raises(ModelError, match="control byte 0x81"):
        reader(bytes.fromhex("81 1C")).uint()
    with pytest.raises(ModelError, match="control byte 0x09"):
        reader(bytes.fromhex("09" + "00" * 9)).int_()  # more than 8 magnitude bytes


def test_legacy_text_float_is_refused() -> None:
    with pytest.raises(ModelError, match="legacy text float"):
        reader(b"0.04 ").real()


def test_bool_string_and_empty_tensor() -> None:
    r = reader(b"10" + enc_int(5) + b"relu_" + EMPTY)
    assert (r.bool_(), r.bool_(), r.string()) == (True, False, "relu_")
    assert bytes.fromhex("01 02 01 00 01 00 01 00 01 00") == EMPTY
    assert r.tensor().shape == (0, 0, 0, 0)
    assert r.pos == len(r.data)


def test_tensor_data_is_raw_little_endian_float32() -> None:
    values = np.array([1.5, -2.25, 3e-8], np.float32)
    raw = enc_int(2) + enc_int(1) + enc_int(3) + enc_int(1) + enc_int(1) + values.tobytes()
    np.testing.assert_array_equal(reader(raw).tensor().ravel(), values)


def test_truncated_primitive_names_the_offset() -> None:
    with pytest.raises(ModelError, match=r"test\.dat.*truncated.*byte 1\)"):
        reader(bytes.fromhex("02 80")).int_()


# --- the architecture (§3) -----------------------------------------------------------


def test_architecture_counts() -> None:
    kinds = [type(op).__name__ for op in arch.LAYERS]
    assert len(arch.LAYERS) == 108
    assert {k: kinds.count(k) for k in set(kinds)} == {
        "Conv": 29, "Affine": 29, "Relu": 29, "MaxPool": 1, "AvgPool": 5, "AddPrev": 14, "Fc": 1,
    }  # fmt: skip
    markers = [op for op in arch.ARCHITECTURE if isinstance(op, arch.Tag | arch.Skip)]
    assert len(markers) == 22


# --- whole files: synthetic round trip and broken variants ---------------------------


@cache
def synthetic() -> tuple[list[arch.Params], bytes]:
    params = random_params(1)
    return params, write(params)


def test_synthetic_round_trip() -> None:
    params, data = synthetic()
    net = fmt.parse(data)
    assert net.input_mean == tuple(float(np.float32(m)) for m in MEAN)
    assert net.input_size == (150, 150)
    assert (net.loss_margin, net.loss_threshold) == (
        float(np.float32(0.04)),
        float(np.float32(0.6)),
    )
    assert len(net.params) == len(params) == 108
    for got, want in zip(net.params, params, strict=True):
        assert type(got) is type(want)
        if isinstance(want, arch.ConvParams):
            assert isinstance(got, arch.ConvParams)
            np.testing.assert_array_equal(got.weights, want.weights)
            np.testing.assert_array_equal(got.bias, want.bias)
            assert (got.stride, got.padding) == (want.stride, want.padding)
        elif isinstance(want, arch.AffineParams):
            assert isinstance(got, arch.AffineParams)
            np.testing.assert_array_equal(got.gamma, want.gamma)
            np.testing.assert_array_equal(got.beta, want.beta)
        elif isinstance(want, arch.FcParams):
            assert isinstance(got, arch.FcParams)
            np.testing.assert_array_equal(got.weights, want.weights)


@pytest.mark.parametrize("cut", [1, 30, 300, 5000, 1_000_000, -40, -1])
def test_truncated_file_is_refused(cut: int) -> None:
    _, data = synthetic()
    with pytest.raises(ModelError, match="truncated"):
        fmt.parse(data[:cut])


def test_trailing_bytes_are_refused() -> None:
    _, data = synthetic()
    with pytest.raises(ModelError, match="1 unexpected bytes after the last layer"):
        fmt.parse(data + b"\x00")


def test_wrong_hyper_parameter_is_refused() -> None:
    params, _ = synthetic()

    def stride1_first_conv(i: int, op: arch.Op) -> arch.Op:
        return arch.Conv(32, 7, 1) if i == 0 else op

    with pytest.raises(ModelError, match=r"conv stride/padding is.*layer 0 \(conv\)"):
        fmt.parse(write(params, stride1_first_conv))


def test_other_files_are_refused() -> None:
    with pytest.raises(ModelError, match="not a valid dlib face recognition model"):
        fmt.parse(b"\x08\x07\x12\x04onnx")  # the start of an ONNX protobuf
    with pytest.raises(ModelError):
        fmt.parse(b"")
    other_loss = enc_int(1) + enc_int(13) + b"loss_mmod_v2_"
    with pytest.raises(ModelError, match="loss layer 'loss_mmod_v2_'"):
        fmt.parse(other_loss)


def test_missing_file_names_the_path(tmp_path) -> None:
    with pytest.raises(ModelError, match=r"nothing\.dat"):
        fmt.load(tmp_path / "nothing.dat")


def test_error_is_bilingual() -> None:
    with pytest.raises(ModelError) as err:
        fmt.parse(b"\x01")
    assert "dlib" in err.value.text.en and "dlib" in err.value.text.zh
    assert err.value.text.en != err.value.text.zh


# --- the real file, when the fetch cache has it --------------------------------------


@pytest.fixture(scope="module")
def real_dat() -> bytes:
    data = find_dat()
    if data is None:
        pytest.skip(
            "dlib_face_recognition_resnet_model_v1.dat not in the model cache "
            "(set HEADCOUNT_MODEL_CACHE or run `python -m headcount.models fetch`)"
        )
    return data


def test_real_file_parses_completely(real_dat: bytes) -> None:
    assert len(real_dat) == 22_466_066
    net = fmt.parse(real_dat)  # raises unless every byte is used
    assert net.input_mean == (122.78199768066406, 117.0009994506836, 104.2979965209961)
    floats = sum(p.weights.size + p.bias.size for p in net.params if isinstance(p, arch.ConvParams))
    assert floats == 5_574_720


def test_writer_reproduces_real_file_but_the_training_flags(real_dat: bytes) -> None:
    """Our writer re-emits dlib's bytes exactly, apart from 29 'disabled' training flags."""
    again = write(fmt.parse(real_dat).params)
    assert len(again) == len(real_dat)
    diff = np.flatnonzero(np.frombuffer(again, np.uint8) != np.frombuffer(real_dat, np.uint8))
    assert len(diff) == 29
    assert {real_dat[i] for i in diff} == {ord("1")}
