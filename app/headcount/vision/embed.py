"""Face descriptors: dlib's face recognition ResNet run as ONNX in onnxruntime.

``Embedder().describe(chips)`` turns aligned 150x150 RGB chips (made exactly as
``dlib.get_face_chip`` makes them, see :mod:`headcount.vision.align`) into dlib's raw
128-D descriptors (float32, not normalised; compare with Euclidean distance, same
person below about 0.6). The model is loaded once per process and shared.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from headcount.errors import BadInput, ModelError
from headcount.models import DLIB_ONNX, model_path

CHIP_SIZE = 150
DESCRIPTOR_SIZE = 128
DEFAULT_THREADS = 2
DEFAULT_BATCH = 16
SAME_PERSON_DISTANCE = 0.6  # dlib's threshold for raw descriptors

_sessions: dict[tuple[str, int], object] = {}
_sessions_lock = threading.Lock()


def _session(path: Path, threads: int) -> object:
    """One onnxruntime session per (model file, thread count) for the whole process."""
    key = (str(path), threads)
    with _sessions_lock:
        if key not in _sessions:
            import onnxruntime as ort

            # No telemetry events (C8); the device-id file is kept away by
            # ORT_DISABLE_TELEMETRY, set in headcount/__init__.py before ORT loads.
            if hasattr(ort, "disable_telemetry_events"):
                ort.disable_telemetry_events()
            opts = ort.SessionOptions()
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            # No busy-waiting between ops. Measured on the 2-core reference machine
            # (benchmarks/embed_speed.py, 2 threads): when idle, spinning saves ~0.5 ms
            # at batch 1 (2.2 vs 2.7 ms/face, p10) and nothing at batch 16 (1.8 ms/face);
            # with other processes busy (as the camera, detector and GUI are in the app)
            # it costs 2-4x (median 12-28 vs 4.8-8.7 ms/face at batch 1).
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            opts.log_severity_level = 3
            try:
                _sessions[key] = ort.InferenceSession(
                    str(path), sess_options=opts, providers=["CPUExecutionProvider"]
                )
            except Exception as err:  # ORT raises its own types for unreadable graphs
                raise ModelError(
                    f"Model file cannot be loaded: {path} ({err}).",
                    f"模型文件无法加载：{path}（{err}）。",
                ) from err
        return _sessions[key]


def _as_batch(chips: np.ndarray) -> np.ndarray:
    """Check and reshape the input to uint8 (N, 150, 150, 3); gray becomes R=G=B."""
    arr = np.asarray(chips)
    if arr.dtype != np.uint8:
        raise BadInput(
            f"Face chips must be uint8 images, got dtype {arr.dtype}.",
            f"人脸图块必须是 uint8 图像，实际为 {arr.dtype}。",
        )
    s = CHIP_SIZE
    if arr.ndim in (3, 4) and arr.shape[-1] == 1 and arr.shape[-3:-1] == (s, s):
        arr = arr[..., 0]  # gray with a channel axis
    if arr.shape == (s, s, 3) or arr.shape == (s, s):  # one chip, colour or gray
        arr = arr[None]
    if arr.ndim == 3 and arr.shape[1:] == (s, s):  # gray batch: dlib repeats the channel
        arr = np.repeat(arr[..., None], 3, axis=3)
    if arr.ndim != 4 or arr.shape[1:] != (s, s, 3):
        raise BadInput(
            f"Face chips must be {s}x{s} RGB, shaped (N,{s},{s},3) or ({s},{s},3) "
            f"(gray: (N,{s},{s}) or ({s},{s})); got shape {arr.shape}.",
            f"人脸图块必须是 {s}x{s} 的 RGB 图像，形状为 (N,{s},{s},3) 或 ({s},{s},3)"
            f"（灰度图：(N,{s},{s}) 或 ({s},{s})）；实际形状为 {arr.shape}。",
        )
    return arr


class Embedder:
    """dlib's face descriptor network. Cheap to construct: sessions are shared."""

    def __init__(
        self,
        threads: int | None = None,
        model_path: str | Path | None = None,
        *,
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        """``model_path``: None = the bundled, SHA-256-checked model; a directory = the
        bundled file name checked inside it; a file = used as is (benchmarks)."""
        self.threads = DEFAULT_THREADS if threads is None else int(threads)
        if self.threads < 1 or batch_size < 1:
            raise BadInput(
                "threads and batch_size must be at least 1.", "线程数和批大小必须至少为 1。"
            )
        self.batch_size = batch_size
        self.model_path = _checked_path(model_path)
        sess = _session(self.model_path, self.threads)
        self._session = sess
        self._input = sess.get_inputs()[0].name  # type: ignore[attr-defined]

    @classmethod
    def shared(cls, threads: int | None = None) -> Embedder:
        """The process-wide embedder on the bundled model."""
        key = DEFAULT_THREADS if threads is None else threads
        with _sessions_lock:
            found = _shared.get(key)
        if found is None:
            found = cls(threads=key)
            with _sessions_lock:
                found = _shared.setdefault(key, found)
        return found

    def describe(self, chips: np.ndarray) -> np.ndarray:
        """Raw dlib descriptors, float32 (N, 128), for aligned uint8 chips (N,150,150,3)."""
        batch = _as_batch(chips)
        out = np.empty((len(batch), DESCRIPTOR_SIZE), np.float32)
        for start in range(0, len(batch), self.batch_size):
            part = batch[start : start + self.batch_size]
            x = np.ascontiguousarray(part.transpose(0, 3, 1, 2), dtype=np.float32)
            out[start : start + len(part)] = self._session.run(  # type: ignore[attr-defined]
                None, {self._input: x}
            )[0]
        return out


_shared: dict[int, Embedder] = {}


def _checked_path(path: str | Path | None) -> Path:
    """The bundled model (SHA-256 checked) by default; a directory means its bundled copy."""
    if path is None:
        return model_path(DLIB_ONNX)
    path = Path(path)
    if path.is_dir():
        return model_path(DLIB_ONNX, path)
    if not path.is_file():
        raise ModelError(f"Model file missing: {path}.", f"缺少模型文件：{path}。")
    return path


def distance(a: np.ndarray, b: np.ndarray) -> np.ndarray | float:
    """Euclidean distance between descriptors (broadcasts over leading axes)."""
    d = np.linalg.norm(np.asarray(a, np.float64) - np.asarray(b, np.float64), axis=-1)
    return float(d) if np.ndim(d) == 0 else d
