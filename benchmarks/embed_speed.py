"""Milliseconds per face of the dlib ONNX embedder under onnxruntime session options.

    PYTHONPATH=app python benchmarks/embed_speed.py [--threads 1 2] [--batches 1 16]
        [--levels ORT_ENABLE_BASIC ORT_ENABLE_ALL] [--spinning 1 0] [--repeat 30] [--api]

Prints one line per configuration: median and best ms per face (random 150x150
inputs; the network has no data-dependent cost). ``--api`` times
``Embedder.describe`` on uint8 chips instead, with its default options. On a shared
machine compare the best figures too, and re-run when the load is high.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import onnxruntime as ort

from headcount.models import DLIB_ONNX, model_path


def session(threads: int, level: str, spinning: bool, mode: str) -> ort.InferenceSession:
    opts = ort.SessionOptions()
    opts.graph_optimization_level = getattr(ort.GraphOptimizationLevel, level)
    opts.execution_mode = getattr(ort.ExecutionMode, mode)
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
    return ort.InferenceSession(
        str(model_path(DLIB_ONNX)), sess_options=opts, providers=["CPUExecutionProvider"]
    )


def measure(sess: ort.InferenceSession, batch: int, repeat: int) -> tuple[float, float]:
    x = np.random.default_rng(0).integers(0, 256, (batch, 3, 150, 150)).astype(np.float32)
    for _ in range(3):
        sess.run(None, {"rgb": x})
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        sess.run(None, {"rgb": x})
        times.append((time.perf_counter() - t) * 1000 / batch)
    return statistics.median(times), min(times)


def measure_api(threads: int, batch: int, repeat: int) -> tuple[float, float]:
    from headcount.vision.embed import Embedder

    emb = Embedder(threads=threads, batch_size=16)
    chips = np.random.default_rng(0).integers(0, 256, (batch, 150, 150, 3), dtype=np.uint8)
    for _ in range(3):
        emb.describe(chips)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        emb.describe(chips)
        times.append((time.perf_counter() - t) * 1000 / batch)
    return statistics.median(times), min(times)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, nargs="+", default=[2])
    p.add_argument("--batches", type=int, nargs="+", default=[1, 16])
    p.add_argument("--levels", nargs="+", default=["ORT_ENABLE_ALL"])
    p.add_argument("--spinning", type=int, nargs="+", default=[1])
    p.add_argument("--modes", nargs="+", default=["ORT_SEQUENTIAL"])
    p.add_argument("--repeat", type=int, default=30)
    p.add_argument("--api", action="store_true", help="time Embedder.describe")
    a = p.parse_args()
    if a.api:
        for threads in a.threads:
            for batch in a.batches:
                med, best = measure_api(threads, batch, max(3, a.repeat // batch * 2))
                print(f"Embedder threads={threads} batch={batch:>2}: "
                      f"median {med:.2f} ms/face, best {best:.2f}", flush=True)  # fmt: skip
        return
    for threads in a.threads:
        for level in a.levels:
            for spin in a.spinning:
                for mode in a.modes:
                    sess = session(threads, level, bool(spin), mode)
                    for batch in a.batches:
                        med, best = measure(sess, batch, max(3, a.repeat // batch * 2))
                        print(f"threads={threads} {level} spin={spin} {mode} batch={batch:>2}: "
                              f"median {med:.2f} ms/face, best {best:.2f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
