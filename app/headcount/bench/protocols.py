"""Evaluation protocols on a ``describe(path) -> descriptor | None`` callable.

The protocols know nothing about detection or embedding: they take any function that
turns an image file into one 128-D descriptor, or None when it finds no face. Each image
is described once (descriptors are cached per path) and the time spent inside
``describe`` is what ``seconds_per_image`` reports.

No face found: a pair or probe whose image gave no descriptor is a FAILED comparison:
it counts as wrong whatever the threshold (never silently dropped, which would inflate
accuracy). A caller may pass ``fallback(path) -> descriptor | None`` (for example a
fixed central box on LFW's pre-aligned images); the report says how often it was used.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from headcount.errors import BadInput
from headcount.matching.decision import GapRule
from headcount.matching.gallery import (
    DEFAULT_AMBIGUITY_MARGIN,
    DEFAULT_THRESHOLD,
    Gallery,
    validate_descriptors,
)

Describe = Callable[[Path], "np.ndarray | None"]
NO_FACE_POLICY = (
    "an image without a face gives no descriptor; every comparison that needs it counts "
    "as wrong (never dropped)"
)


def read_rgb(path: str | Path) -> np.ndarray:
    """Read an image as RGB uint8 (H, W, 3): JPEG, PNG, PGM and extension-less GIF (Yale).

    OpenCV decodes GIF since 4.7 and finds the format from the file's bytes, not its
    name; PIL is the fallback for anything OpenCV declines.
    """
    import cv2

    bgr = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if bgr is not None:
        return np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    try:
        from PIL import Image

        with Image.open(path) as im:
            return np.ascontiguousarray(np.asarray(im.convert("RGB"), dtype=np.uint8))
    except Exception as exc:  # any decoder failure is the same user-facing problem
        raise BadInput(f"cannot read image {path}", f"无法读取图像 {path}") from exc


@dataclass
class DescriptorCache:
    """Describes each path at most once and keeps the no-face bookkeeping."""

    describe: Describe
    fallback: Describe | None = None
    seconds: float = 0.0
    described: int = 0
    fallback_files: list[str] = field(default_factory=list)
    no_face: list[str] = field(default_factory=list)
    _cache: dict[Path, np.ndarray | None] = field(default_factory=dict)

    def __call__(self, path: Path) -> np.ndarray | None:
        if path in self._cache:
            return self._cache[path]
        t0 = time.perf_counter()
        d = self.describe(path)
        self.described += 1
        if d is None and self.fallback is not None:
            d = self.fallback(path)
            if d is not None:
                self.fallback_files.append(str(path))
        self.seconds += time.perf_counter() - t0
        if d is None:
            self.no_face.append(str(path))
        else:
            arr = validate_descriptors(d, f"descriptor of {path.name}")
            if len(arr) != 1:
                raise BadInput(
                    f"describe() must return one descriptor for {path}, got {len(arr)}",
                    f"describe() 对 {path} 应返回一个特征向量，实际为 {len(arr)} 个",
                )
            d = arr[0]
        self._cache[path] = d
        return d

    def report(self) -> dict[str, object]:
        return {
            "images": len(self.no_face),
            "files": sorted(self.no_face),
            "fallback_used": len(self.fallback_files),
            "fallback_files": sorted(self.fallback_files),
            "policy": NO_FACE_POLICY
            + ("; the caller's fallback was tried first" if self.fallback else ""),
        }

    @property
    def seconds_per_image(self) -> float:
        return self.seconds / self.described if self.described else 0.0


# ---------------------------------------------------------------- LFW View 2, 10-fold


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


# ---------------------------------------------------------- ORL / Yale identification


def _natural_key(p: Path) -> list[object]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name)]


def orl_images(root: str | Path) -> dict[str, list[Path]]:
    """``s1..s40/1.pgm..10.pgm``, each person's files in natural order (1, 2, ..., 10)."""
    root = Path(root)
    people = {
        d.name: sorted(d.glob("*.pgm"), key=_natural_key)
        for d in sorted(root.glob("s*"), key=_natural_key)
        if d.is_dir()
    }
    people = {k: v for k, v in people.items() if v}
    if not people:
        raise BadInput(
            f"no ORL folders s1, s2, ... in {root}", f"{root} 中没有 ORL 文件夹 s1, s2, ..."
        )
    return people


def yale_images(root: str | Path) -> dict[str, list[Path]]:
    """``subjectNN.condition`` files (GIF without extension), grouped per subject."""
    root = Path(root)
    people: dict[str, list[Path]] = {}
    for p in sorted(root.glob("subject*")):
        if p.is_file() and "." in p.name:
            people.setdefault(p.name.split(".", 1)[0], []).append(p)
    if not people:
        raise BadInput(
            f"no Yale files subjectNN.condition in {root}", f"{root} 中没有 Yale 图像文件"
        )
    return people


def identification(
    people: dict[str, list[Path]],
    describe: Describe,
    enrol_first: Callable[[list[Path]], list[Path]] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    ambiguity_margin: float = DEFAULT_AMBIGUITY_MARGIN,
    fallback: Describe | None = None,
    gap: GapRule | None = None,
    enrol_with: Describe | None = None,
) -> dict[str, object]:
    """Enrol one image per person, identify every other image with the Gallery.

    ``enrol_with`` describes the enrolled image as a template (the station's jittered
    template, ``PathDescriber.template``); by default the probe's own descriptor.

    ``enrol_first(paths)`` orders a person's files by enrolment preference (default: as
    given); the first one with a face is enrolled, the rest are probes. A person with no
    usable image is not enrolled and their images still count as probes (they can only
    be answered wrongly in closed set, correctly as "unknown" in open set).

    Reported:
    - ``rank1_accuracy``: closed set, nearest person right; a probe without a face
      counts as wrong. ``rank1_accuracy_described`` is the same over probes with a face.
    - open set at ``threshold`` with ``Gallery.decide`` (by the gap rule when ``gap`` is
      given): right match, wrong match, ambiguous, unknown and no face (shares of all
      probes; they add up to 1). ``manual_check``: the genuine attempts left to a person
      (ambiguous, unknown or no face): the price of the threshold.
    - ``false_match_rate``: leave-one-person-out. Each probe is searched in the gallery
      WITHOUT its own person (a stranger at the door); the share decided as a match to
      somebody. ``false_match_ambiguous``: share that came out ambiguous instead.
    - ``comparison_fmr``: per comparison (probe vs one other enrolled person) share of
      distances under the threshold.
    """
    cache = DescriptorCache(describe, fallback)
    order = enrol_first or (lambda paths: list(paths))
    ids: list[str] = []
    templates: list[np.ndarray] = []
    probes: list[tuple[str, Path]] = []
    enrol_files: dict[str, str] = {}
    for pid, paths in people.items():
        ranked = order(list(paths))
        enrolled = None
        for p in ranked:
            d = cache(p)
            if d is not None:
                enrolled = p
                ids.append(pid)
                t = enrol_with(p) if enrol_with is not None else None
                templates.append(d if t is None else np.asarray(t, np.float32).reshape(128))
                enrol_files[pid] = p.name
                break
        probes += [(pid, p) for p in ranked if p != enrolled]
    gallery = Gallery(np.array(templates, np.float32).reshape(-1, 128), ids)

    n = len(probes)
    rank1 = described = right = wrong = ambiguous = unknown = 0
    fm = fm_amb = stranger_probes = 0
    comp_below = comp_total = 0
    for pid, p in probes:
        d = cache(p)
        if d is None:
            continue
        described += 1
        hits = gallery.search(d, k=len(ids))[0] if ids else ()
        if hits and hits[0].person_id == pid:
            rank1 += 1
        dec = gallery.decide(d, threshold, ambiguity_margin, gap)
        if dec.outcome == "match":
            right, wrong = (right + 1, wrong) if dec.person_id == pid else (right, wrong + 1)
        elif dec.outcome == "ambiguous":
            ambiguous += 1
        else:
            unknown += 1
        others = [h for h in hits if h.person_id != pid]
        comp_total += len(others)
        comp_below += sum(h.distance < threshold for h in others)
        if others:
            stranger_probes += 1
            out = gallery.restrict(set(ids) - {pid}).decide(d, threshold, ambiguity_margin,
                                                                gap)
            fm += out.outcome == "match"
            fm_amb += out.outcome == "ambiguous"

    def rate(x: int, of: int) -> float:
        return x / of if of else 0.0

    no_face = cache.report()
    no_face["probes"] = n - described
    no_face["enrolment_skipped"] = sum(
        1 for pid, paths in people.items() if enrol_files.get(pid) != order(list(paths))[0].name
    )
    return {
        "people": len(people),
        "enrolled": len(ids),
        "enrolled_files": enrol_files,
        "probes": n,
        "rank1_accuracy": rate(rank1, n),
        "rank1_accuracy_described": rate(rank1, described),
        "threshold": threshold,
        "rule": "plain" if gap is None else f"gap {gap.weight:g}, threshold {gap.threshold}",
        "ambiguity_margin": ambiguity_margin,
        "manual_check": rate(ambiguous + unknown + n - described, n),
        "open_set": {
            "right_match": rate(right, n),
            "wrong_match": rate(wrong, n),
            "ambiguous": rate(ambiguous, n),
            "unknown": rate(unknown, n),
            "no_face": rate(n - described, n),
        },
        "false_match_rate": rate(fm, stranger_probes),
        "false_match_ambiguous": rate(fm_amb, stranger_probes),
        "stranger_probes": stranger_probes,
        "comparison_fmr": rate(comp_below, comp_total),
        "comparisons": comp_total,
        "no_face": no_face,
        "seconds_per_image": cache.seconds_per_image,
    }


def orl_identification(
    root: str | Path,
    describe: Describe,
    threshold: float = DEFAULT_THRESHOLD,
    ambiguity_margin: float = DEFAULT_AMBIGUITY_MARGIN,
    fallback: Describe | None = None,
    gap: GapRule | None = None,
    enrol_with: Describe | None = None,
) -> dict[str, object]:
    """ORL: enrol each person's image ``1.pgm`` (first in natural order), probe the other 9."""
    out = identification(
        orl_images(root),
        describe,
        threshold=threshold,
        ambiguity_margin=ambiguity_margin,
        fallback=fallback,
        gap=gap,
        enrol_with=enrol_with,
    )
    out["protocol"] = "ORL: enrol 1.pgm per person (next file if no face), identify the rest"
    return out


def yale_identification(
    root: str | Path,
    describe: Describe,
    enrol_condition: str = "normal",
    threshold: float = DEFAULT_THRESHOLD,
    ambiguity_margin: float = DEFAULT_AMBIGUITY_MARGIN,
    fallback: Describe | None = None,
    gap: GapRule | None = None,
    enrol_with: Describe | None = None,
) -> dict[str, object]:
    """Yale: enrol the ``normal`` condition (frontal, even light, neutral: the closest to
    an enrolment photo), probe the other conditions (lighting, glasses, expressions)."""

    def prefer(paths: list[Path]) -> list[Path]:
        return sorted(paths, key=lambda p: (p.name.split(".", 1)[1] != enrol_condition, p.name))

    out = identification(
        yale_images(root),
        describe,
        enrol_first=prefer,
        threshold=threshold,
        ambiguity_margin=ambiguity_margin,
        fallback=fallback,
        gap=gap,
        enrol_with=enrol_with,
    )
    out["protocol"] = (
        f"Yale: enrol subjectNN.{enrol_condition} per person (next file if no face), "
        "identify the other conditions"
    )
    return out
