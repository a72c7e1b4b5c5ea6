"""LFW View 2, 10-fold: each fold's threshold chosen on the other nine, accuracy measured
on it (the no-face policy of ``protocols.py``: a pair without a face counts as wrong)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from headcount.bench.protocols import Describe, DescriptorCache
from headcount.errors import BadInput
from headcount.matching.gallery import DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Pair:
    a: Path
    b: Path
    same: bool


def parse_pairs(pairs_file: str | Path, image_root: str | Path | None = None) -> list[list[Pair]]:
    """Read LFW's pairs.txt: ``folds n`` then per fold n same and n different lines."""
    pairs_file = Path(pairs_file)
    root = Path(image_root) if image_root is not None else pairs_file.parent
    try:
        lines = [ln.split() for ln in pairs_file.read_text().splitlines() if ln.strip()]
    except OSError as exc:
        raise BadInput(f"cannot read {pairs_file}", f"无法读取 {pairs_file}") from exc

    def bad(why: str, zh: str) -> BadInput:
        return BadInput(f"{pairs_file}: {why}", f"{pairs_file}：{zh}")

    try:
        folds_n, per = int(lines[0][0]), int(lines[0][1])
    except (IndexError, ValueError):
        raise bad(
            "first line must be '<folds> <pairs per half-fold>'", "第一行必须是“折数 每半折对数”"
        ) from None
    if len(lines) - 1 != folds_n * 2 * per:
        raise bad(
            f"expected {folds_n * 2 * per} pair lines, found {len(lines) - 1}",
            f"应有 {folds_n * 2 * per} 行图像对，实际 {len(lines) - 1} 行",
        )

    def img(name: str, n: str) -> Path:
        return root / name / f"{name}_{int(n):04d}.jpg"

    folds: list[list[Pair]] = []
    pos = 1
    for _ in range(folds_n):
        fold = []
        for i in range(2 * per):
            parts = lines[pos]
            pos += 1
            try:
                if i < per and len(parts) == 3:
                    fold.append(Pair(img(parts[0], parts[1]), img(parts[0], parts[2]), True))
                elif i >= per and len(parts) == 4:
                    fold.append(Pair(img(parts[0], parts[1]), img(parts[2], parts[3]), False))
                else:
                    raise ValueError
            except ValueError:
                raise bad(
                    f"line {pos}: malformed pair {' '.join(parts)!r}", f"第 {pos} 行格式错误"
                ) from None
        folds.append(fold)
    return folds


def best_threshold(dist: np.ndarray, same: np.ndarray) -> float:
    """The threshold (same person when distance < t) with the highest accuracy.

    Candidates are the midpoints between consecutive distinct distances (and one beyond
    each end), so the exact optimum is found; among equally good ones the middle is taken.
    Failed comparisons (NaN) are wrong for every threshold and do not move the choice.
    """
    ok = ~np.isnan(dist)
    d, s = dist[ok], same[ok]
    if len(d) == 0:
        return DEFAULT_THRESHOLD
    u = np.unique(d)
    cand = np.concatenate([[u[0] - 1e-6], (u[:-1] + u[1:]) / 2, [u[-1] + 1e-6]])
    gen, imp = np.sort(d[s]), np.sort(d[~s])
    correct = np.searchsorted(gen, cand, "left") + (len(imp) - np.searchsorted(imp, cand, "left"))
    best = np.flatnonzero(correct == correct.max())
    return float(cand[best[len(best) // 2]])


def accuracy(dist: np.ndarray, same: np.ndarray, threshold: float) -> float:
    with np.errstate(invalid="ignore"):
        correct = np.where(same, dist < threshold, dist >= threshold)  # NaN: False both ways
    return float(np.mean(correct))


def lfw_10fold(
    root: str | Path,
    describe: Describe,
    fallback: Describe | None = None,
    pairs_file: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, object]:
    """LFW View 2: for each fold, threshold chosen on the other 9, accuracy on this one.

    ``root`` holds ``Name/Name_0001.jpg`` and (unless ``pairs_file`` says otherwise)
    ``pairs.txt``. ``accuracy_std`` is the population standard deviation over the 10
    fold accuracies (numpy's default, as most published LFW code reports it);
    ``accuracy_sem`` is the standard error of the mean.
    """
    root = Path(root)
    folds = parse_pairs(pairs_file or root / "pairs.txt", root)
    missing = sorted({str(p) for f in folds for pr in f for p in (pr.a, pr.b) if not p.is_file()})
    if missing:
        raise BadInput(
            f"{len(missing)} images named in pairs.txt are missing, e.g. {missing[0]}",
            f"pairs.txt 中有 {len(missing)} 张图像不存在，例如 {missing[0]}",
        )
    cache = DescriptorCache(describe, fallback)
    total = sum(len(f) for f in folds)
    dists, sames, done = [], [], 0
    for fold in folds:
        d = np.full(len(fold), np.nan)
        for i, pr in enumerate(fold):
            da, db = cache(pr.a), cache(pr.b)
            if da is not None and db is not None:
                d[i] = float(np.linalg.norm(da.astype(np.float64) - db))
            done += 1
            if progress is not None:
                progress(done, total)
        dists.append(d)
        sames.append(np.array([pr.same for pr in fold]))
    accs, ths = [], []
    for k in range(len(folds)):
        train = [j for j in range(len(folds)) if j != k]
        t = best_threshold(
            np.concatenate([dists[j] for j in train]), np.concatenate([sames[j] for j in train])
        )
        ths.append(t)
        accs.append(accuracy(dists[k], sames[k], t))
    failed = int(sum(np.isnan(d).sum() for d in dists))
    no_face = cache.report()
    no_face["pairs_failed"] = failed
    return {
        "protocol": "LFW View 2, 10-fold (threshold chosen on 9 folds, tested on the 10th)",
        "accuracy_mean": float(np.mean(accs)),
        "accuracy_std": float(np.std(accs)),
        "accuracy_sem": float(np.std(accs, ddof=1) / np.sqrt(len(accs))) if len(accs) > 1 else 0.0,
        "fold_accuracy": [float(a) for a in accs],
        "fold_threshold": [float(t) for t in ths],
        "threshold_mean": float(np.mean(ths)),
        "threshold_std": float(np.std(ths)),
        "accuracy_at_0_6": float(
            np.mean([accuracy(d, s, 0.6) for d, s in zip(dists, sames, strict=True)])
        ),
        "pairs": total,
        "images": cache.described,
        "no_face": no_face,
        "seconds_per_image": cache.seconds_per_image,
    }
