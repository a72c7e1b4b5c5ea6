"""The embedder: parity with dlib's descriptors, shapes, bad inputs, broken model files."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from headcount.errors import BadInput, ModelError
from headcount.models import DLIB_ONNX
from headcount.resources import models_dir
from headcount.vision.embed import Embedder, distance

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "dlib_descriptors.npz"


@pytest.fixture(scope="module")
def reference() -> dict[str, np.ndarray]:
    with np.load(REFERENCE) as z:
        return {k: z[k] for k in z.files}


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder(threads=2)


def test_parity_with_dlib(embedder: Embedder, reference: dict[str, np.ndarray]) -> None:
    chips, want = reference["chips"], reference["descriptors"]
    got = embedder.describe(chips)
    assert got.shape == want.shape == (len(chips), 128)
    assert got.dtype == np.float32
    assert np.abs(got - want).max() <= 1e-4  # measured: 2.9e-7
    g, w = got.astype(np.float64), want.astype(np.float64)
    cos = (g * w).sum(1) / np.linalg.norm(g, axis=1) / np.linalg.norm(w, axis=1)
    assert cos.min() > 1 - 1e-9  # measured: 1 - cos <= 3e-13
    # raw dlib descriptors: not normalised (norms ~1.3-1.5 on these faces)
    assert np.all(np.abs(np.linalg.norm(got, axis=1) - 1.0) > 0.1)


def test_batching_does_not_change_results(reference: dict[str, np.ndarray]) -> None:
    chips = reference["chips"]
    whole = Embedder(batch_size=16).describe(chips)
    in_threes = Embedder(batch_size=3).describe(chips)  # 3 + 3 + 2
    one = Embedder(batch_size=1).describe(chips[5])
    np.testing.assert_allclose(in_threes, whole, atol=1e-6)
    np.testing.assert_allclose(one[0], whole[5], atol=1e-6)


def test_same_person_closer_than_others(
    embedder: Embedder, reference: dict[str, np.ndarray]
) -> None:
    names = list(reference["names"])
    d = embedder.describe(reference["chips"])
    by = dict(zip(names, d, strict=True))
    assert distance(by["astro_0"], by["astro_small_0"]) < 0.3
    assert distance(by["astro_0"], by["astro_up3_0"]) < 0.3
    assert distance(by["astro_0"], by["grace_0"]) > 0.6
    assert distance(by["astro_0"], by["astro_1"]) > 0.6  # the mission patch
    assert np.asarray(distance(d[:2], d[0])).shape == (2,)


def test_single_chip_and_gray(embedder: Embedder, reference: dict[str, np.ndarray]) -> None:
    chip = reference["chips"][0]
    single = embedder.describe(chip)
    assert single.shape == (1, 128)
    gray = chip.mean(axis=2).astype(np.uint8)
    as_rgb = embedder.describe(np.repeat(gray[..., None], 3, axis=2))
    np.testing.assert_array_equal(embedder.describe(gray), as_rgb)
    np.testing.assert_array_equal(embedder.describe(gray[None]), as_rgb)
    np.testing.assert_array_equal(embedder.describe(gray[None, ..., None]), as_rgb)


def test_empty_batch(embedder: Embedder) -> None:
    out = embedder.describe(np.zeros((0, 150, 150, 3), np.uint8))
    assert out.shape == (0, 128) and out.dtype == np.float32


@pytest.mark.parametrize(
    ("chips", "message"),
    [
        (np.zeros((1, 150, 150, 3), np.float32), "uint8"),
        (np.zeros((150, 150, 3), np.int16), "uint8"),
        (np.zeros((2, 160, 160, 3), np.uint8), r"\(2, 160, 160, 3\)"),
        (np.zeros((150, 150, 4), np.uint8), r"\(150, 150, 4\)"),  # RGBA
        (np.zeros((1, 150, 150, 4), np.uint8), "RGB"),
        (np.zeros((150,), np.uint8), "150x150"),
        (np.zeros((0,), np.uint8), "150x150"),
    ],
)
def test_bad_inputs(embedder: Embedder, chips: np.ndarray, message: str) -> None:
    with pytest.raises(BadInput, match=message) as err:
        embedder.describe(chips)
    assert err.value.text.zh != err.value.text.en  # both languages present


def test_shared_is_one_instance() -> None:
    assert Embedder.shared() is Embedder.shared()


def test_sessions_are_cached_per_path_and_threads() -> None:
    a, b = Embedder(threads=1), Embedder(threads=1)
    assert a._session is b._session
    assert Embedder(threads=2)._session is not a._session


def test_missing_model_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=DLIB_ONNX) as err:
        Embedder(model_path=tmp_path)
    # What an invigilator can do (reinstall, call IT with the file name), never a
    # developer command (that is in docs/INSTALL.md for IT staff).
    assert "Reinstall" in err.value.text.en and "重新安装" in err.value.text.zh
    assert "python -m" not in err.value.text.en and "python -m" not in err.value.text.zh


def test_corrupted_model_names_the_file(tmp_path: Path) -> None:
    damaged = tmp_path / DLIB_ONNX
    shutil.copyfile(models_dir() / DLIB_ONNX, damaged)
    with damaged.open("r+b") as f:  # flip one byte deep inside the weights
        f.seek(10_000_000)
        byte = f.read(1)
        f.seek(10_000_000)
        f.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ModelError, match=f"damaged.*{DLIB_ONNX}"):
        Embedder(model_path=tmp_path)


def test_unloadable_model_file_is_a_model_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"not an onnx graph")
    with pytest.raises(ModelError, match=r"junk\.onnx"):
        Embedder(model_path=junk)


def test_onnxruntime_writes_no_telemetry_files(tmp_path: Path) -> None:
    """C8: loading and running the model leaves nothing in ~/.cache (onnxruntime's
    device id and telemetry database under Microsoft/DeveloperTools/.onnxruntime)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items()
           if k not in ("XDG_CACHE_HOME", "ORT_DISABLE_TELEMETRY")}
    env["HOME"] = str(tmp_path)
    code = ("import numpy as np\n"
            "from headcount.vision.embed import Embedder\n"
            "print(Embedder().describe(np.zeros((1, 150, 150, 3), np.uint8)).shape)\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "(1, 128)" in done.stdout
    assert not (tmp_path / ".cache" / "Microsoft").exists()
    assert not any(tmp_path.rglob("*deviceid*"))
