"""``headcount bench ident``: the price of the station's rule in genuine attempts.

ORL and Yale: one enrolled image each, every other image identified (protocols.py), by
the plain threshold and by the gap rule the station ships (``matching/threshold.py``).
LFW (with ``lfw/`` under the root): random 45-person lists (bench/openset.py) enrolled
with 1, 2 or 3 photos per person (people with 2, 3 or 4+ described images), each person
searched with another photo, at the shipped thresholds (not re-chosen on the lists):
``manual_check`` is the share of genuine attempts the rule leaves to a person, so the
2- and 3-photo rows show how much extra enrolment photos recover.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from headcount.bench.describer import PathDescriber
from headcount.bench.protocols import orl_identification, yale_identification
from headcount.matching.decision import GapRule


def _lfw(root: Path, threshold: float, gap: GapRule, trials: int,
         cache: Path | None) -> dict[str, Any]:
    from headcount.bench.openset import describe_all, lfw_subset, run_trials

    paths, labels = lfw_subset(root)
    desc = describe_all(paths, cache)
    out: dict[str, Any] = {"images": len(paths), "trials": trials, "gallery_size": 45}
    for enrol in (1, 2, 3):
        s = run_trials(desc, np.array(labels), enrol=enrol, trials=trials)
        row: dict[str, Any] = {"people_need_images": enrol + 1,
                               "genuine_searches": int(s.genuine.sum())}
        for name, rule in (("plain", None), ("gap", gap)):
            if rule is None:
                proposed, t = s.d1 < threshold, threshold
            else:
                score = s.d1 - rule.weight * (s.d2 - s.d1)
                proposed = (s.d1 < rule.cap) & (score < rule.threshold)
                t = rule.threshold
            genuine, strangers = s.genuine, ~s.genuine
            matched = float((proposed & s.right)[genuine].mean())
            wrong = float((proposed & ~s.right)[genuine].mean())
            row[name] = {"threshold": t, "genuine_matched": matched,
                         "manual_check": 1.0 - matched - wrong, "genuine_wrong_person": wrong,
                         "stranger_proposed": float(proposed[strangers].mean())}
        out[f"enrol_{enrol}"] = row
    return out


def run(root: Path, threshold: float, gap: GapRule, trials: int = 200,
        cache: Path | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"threshold": threshold, "gap_rule": {
        "weight": gap.weight, "threshold": gap.threshold, "cap": gap.cap}}
    sets = [(n, f) for n, f in (("orl", orl_identification), ("yale", yale_identification))
            if (root / n).is_dir()]
    if sets:
        describer = PathDescriber()
        memo: dict[Path, np.ndarray | None] = {}

        def describe(p: Path) -> np.ndarray | None:
            if p not in memo:
                memo[p] = describer(p)
            return memo[p]

        try:
            for name, ident in sets:
                out[name] = {rule: ident(root / name, describe, threshold=threshold,
                                         fallback=describer.fallback, gap=g)
                             for rule, g in (("plain", None), ("gap", gap))}
        finally:
            describer.close()
    if (root / "lfw").is_dir():
        out["lfw"] = _lfw(root / "lfw", threshold, gap, trials, cache)
    out["price"] = {name: {rule: v[rule]["manual_check"] for rule in ("plain", "gap")}
                    for name, v in out.items() if name in ("orl", "yale")}
    if "lfw" in out:
        out["price"]["lfw"] = {f"enrol_{e}": {rule: out["lfw"][f"enrol_{e}"][rule]["manual_check"]
                                              for rule in ("plain", "gap")} for e in (1, 2, 3)}
    return out
