"""``headcount bench ident``: the price of the station's rule in genuine attempts.

ORL and Yale: one enrolled image each, every other image identified (identification.py), by
the plain threshold and by the gap rule the station ships (``matching/threshold.py``);
under ``jittered`` the enrolled image is the station's template (averaged over jittered
chips, vision/jitter.py), as enrolment stores it now.
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
from headcount.bench.identification import orl_identification, yale_identification
from headcount.matching.decision import GapRule


def _lfw(root: Path, threshold: float, gap: GapRule, trials: int,
         cache: Path | None) -> dict[str, Any]:
    from headcount.bench.openset import check_cache, describe_all, lfw_subset, run_trials

    paths, labels = lfw_subset(root)
    desc, tpl = describe_all(paths, cache)
    out: dict[str, Any] = {"images": len(paths), "trials": trials, "gallery_size": 45}
    if cache is not None:
        out["cache_check"] = check_cache(paths, desc, tpl)
    for enrol in (1, 2, 3):
        # "plain"/"gap": templates = the live descriptor (before 2026-12-03);
        # "jittered": templates as the station enrols them now (vision/jitter.py)
        s = run_trials(desc, np.array(labels), enrol=enrol, trials=trials)
        row: dict[str, Any] = {"people_need_images": enrol + 1,
                               "genuine_searches": int(s.genuine.sum()),
                               **_priced(s, threshold, gap)}
        sj = run_trials(desc, np.array(labels), enrol=enrol, trials=trials,
                        templates=tpl[:, None, :])
        row["jittered"] = _priced(sj, threshold, gap)
        out[f"enrol_{enrol}"] = row
    return out


def _priced(s: Any, threshold: float, gap: GapRule) -> dict[str, Any]:
    """Matched, wrong person, manual check and strangers proposed by each rule."""
    row: dict[str, Any] = {}
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
    return row


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
                # the enrolled image as the station enrols it now (jittered template)
                out[name]["jittered"] = {
                    rule: ident(root / name, describe, threshold=threshold,
                                fallback=describer.fallback, gap=g,
                                enrol_with=describer.template)
                    for rule, g in (("plain", None), ("gap", gap))}
        finally:
            describer.close()
    if (root / "lfw").is_dir():
        out["lfw"] = _lfw(root / "lfw", threshold, gap, trials, cache)
    rules = ("plain", "gap")
    out["price"] = {name: {**{r: v[r]["manual_check"] for r in rules},
                           "jittered": {r: v["jittered"][r]["manual_check"] for r in rules}}
                    for name, v in out.items() if name in ("orl", "yale")}
    if "lfw" in out:
        out["price"]["lfw"] = {f"enrol_{e}": {
            **{r: out["lfw"][f"enrol_{e}"][r]["manual_check"] for r in rules},
            "jittered": {r: out["lfw"][f"enrol_{e}"]["jittered"][r]["manual_check"]
                         for r in rules}} for e in (1, 2, 3)}
    return out
