"""Speed of 1:N search on random templates shaped like dlib descriptors.

Real dlib descriptors have norms around 1.41-1.45 (measured 1.41 +- 0.05 on ORL with
dlib's own pipeline); random normal vectors scaled to that norm give the same memory
traffic and the same arithmetic, which is all that search speed depends on. The query
is a slightly perturbed gallery template, so a real nearest neighbour exists.
"""

from __future__ import annotations

import time

import numpy as np

from headcount.matching.gallery import DIM, Gallery

NORM = 1.45


def random_templates(n: int, seed: int = 0, chunk: int = 200_000) -> np.ndarray:
    """(n, 128) float32 with norm NORM, generated in chunks (no float64 copy of 1M rows)."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, DIM), np.float32)
    for lo in range(0, n, chunk):
        block = rng.standard_normal((min(chunk, n - lo), DIM), dtype=np.float32)
        block *= NORM / np.linalg.norm(block, axis=1, keepdims=True)
        out[lo : lo + len(block)] = block
    return out


def time_search(gallery: Gallery, queries: np.ndarray, repeats: int) -> float:
    """Median milliseconds of ``gallery.search`` for one query (after one warm-up)."""
    gallery.search(queries[0])
    times = []
    for i in range(repeats):
        q = queries[i % len(queries)]
        t0 = time.perf_counter()
        gallery.search(q)
        times.append(time.perf_counter() - t0)
    return float(np.median(times) * 1e3)


def _label(n: int) -> str:
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def run(
    sizes: tuple[int, ...] = (100_000, 1_000_000), repeats: int = 30, seed: int = 0
) -> dict[str, float]:
    """``search_<size>_ms`` (e.g. ``search_100k_ms``, ``search_1m_ms``): median ms per query."""
    out: dict[str, float] = {}
    rng = np.random.default_rng(seed + 1)
    for n in sizes:
        templates = random_templates(n, seed)
        gallery = Gallery(templates, np.arange(n))
        del templates  # the gallery keeps its own copy; free the 512 MB at 1M
        picks = rng.integers(0, n, size=8)
        queries = np.stack([gallery._index().templates[i] for i in picks])
        queries += rng.normal(0, 0.02, queries.shape).astype(np.float32)
        out[f"search_{_label(n)}_ms"] = time_search(gallery, queries, repeats)
        del gallery
    return out
