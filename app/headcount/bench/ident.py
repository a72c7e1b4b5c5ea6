"""``headcount bench ident``: ORL and Yale identification with one enrolled image each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from headcount.bench.describer import PathDescriber
from headcount.bench.protocols import orl_identification, yale_identification


def run(root: Path, threshold: float = 0.6) -> dict[str, Any]:
    describer = PathDescriber()
    out: dict[str, Any] = {}
    try:
        if (root / "orl").is_dir():
            out["orl"] = orl_identification(root / "orl", describer, threshold=threshold,
                                            fallback=describer.fallback)
        if (root / "yale").is_dir():
            out["yale"] = yale_identification(root / "yale", describer, threshold=threshold,
                                              fallback=describer.fallback)
    finally:
        describer.close()
    return out
