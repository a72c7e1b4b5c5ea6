"""``headcount bench lfw``: LFW View 2 10-fold accuracy of our whole pipeline."""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import Any

from headcount.bench.describer import PathDescriber
from headcount.bench.verification import lfw_10fold


def run(root: Path, scheme: str = "default", mirror: bool = True, limit: int | None = None,
        threads: int | None = None, quiet: bool = False) -> dict[str, Any]:
    describer = PathDescriber(scheme=scheme, mirror=mirror, threads=threads)
    pairs_file = root / "pairs.txt"
    if limit:
        pairs_file = _limited_pairs(pairs_file, limit)

    def progress(done: int, total: int) -> None:
        if not quiet and (done % 500 == 0 or done == total):
            print(f"  {done}/{total} pairs", file=sys.stderr, flush=True)

    try:
        out = lfw_10fold(root, describer, fallback=describer.fallback,
                         pairs_file=pairs_file, progress=progress)
    finally:
        describer.close()
    out.update({"scheme": scheme, "mirror": mirror, "machine": platform.machine()})
    return out


def _limited_pairs(pairs_file: Path, per_fold: int) -> Path:
    """A pairs file with only the first ``per_fold`` same and different pairs of each fold."""
    import tempfile

    lines = pairs_file.read_text().split("\n")
    folds, n = (int(v) for v in lines[0].split())
    keep = min(per_fold, n)
    out = [f"{folds} {keep}"]
    i = 1
    for _ in range(folds):
        same, diff = lines[i:i + n], lines[i + n:i + 2 * n]
        out += same[:keep] + diff[:keep]
        i += 2 * n
    tmp = Path(tempfile.mkdtemp()) / "pairs.txt"
    tmp.write_text("\n".join(out) + "\n")
    return tmp
