"""Open-set identification: how often is a stranger proposed, how often is a student matched?

The protocol works on descriptors already computed (one per image, or NaN for an image
without a face) with a person label each, so it runs in seconds and is tested on
synthetic descriptors. For each of many random trials:

- a gallery of ``gallery_size`` people (45: one exam room), drawn from the people with
  at least ``enrol + 1`` described images; each is enrolled with ``enrol`` of their
  images (a person is as close as their nearest template, as in ``Gallery``);
- one genuine search per gallery person: another of their images;
- as many stranger searches: one image each of people NOT in the gallery (any person,
  including those with a single image).

COMPETITORS (the app's rule, ``matching.competitors``): for each K in ``COMPETITORS``,
K more people who are neither on the list nor strangers are enrolled elsewhere in the
school (``enrol`` photos each, or fewer); every search also keeps its distance to the
nearest of them. The rule ``competitors_K``: nobody proposed when a competitor is nearer
than the nearest list person, else distance - 0.5 x (nearer of the runner-up and the
competitor - distance), under dlib's 0.6.

Every search keeps its nearest and second-nearest person distances, its mean and
standard deviation over the gallery (the roster as its own cohort), and whether the
nearest person is the right one. A decision RULE maps a search to a score (lower = more
alike) and proposes the nearest person when the score is under a threshold. For each
rule the threshold is chosen on the even trials so that at most ``target`` of their
stranger searches propose someone, and then measured on the odd trials (so the figure is
not tuned on the searches it reports). Reported per rule: the threshold, the share of
stranger searches that propose someone (``stranger_proposed``) and the share of genuine
searches that propose the right person (``genuine_matched``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from headcount.errors import BadInput

GALLERY_SIZE = 45
TARGET = 0.01
COMPETITORS = (100, 300, 1000, 2000)  # other enrolled people of the school, per list

Rule = Callable[["Searches"], np.ndarray]


@dataclass
class Searches:
    """One row per search (genuine and stranger mixed); ``trial`` numbers them."""

    trial: np.ndarray
    genuine: np.ndarray  # bool
    right: np.ndarray  # bool: the nearest person is the probe's own (always False for strangers)
    d1: np.ndarray
    d2: np.ndarray
    mean: np.ndarray  # mean distance to the gallery's people
    std: np.ndarray
    cmean: np.ndarray  # mean distance to a cohort of other people's templates
    cstd: np.ndarray
    dc: np.ndarray  # (n, len(COMPETITORS)) nearest competitor; NaN: too few people

    def take(self, mask: np.ndarray) -> Searches:
        return Searches(*(getattr(self, f)[mask] for f in self.__dataclass_fields__))


def person_labels(labels: np.ndarray, described: np.ndarray) -> dict[str, np.ndarray]:
    """Row indices of each person's described images."""
    out: dict[str, list[int]] = {}
    for i in np.flatnonzero(described):
        out.setdefault(str(labels[i]), []).append(int(i))
    return {k: np.array(v) for k, v in out.items()}


def run_trials(desc: np.ndarray, labels: np.ndarray, enrol: int = 1,
               gallery_size: int = GALLERY_SIZE, trials: int = 200,
               cohort: int = 100, seed: int = 0,
               templates: np.ndarray | None = None) -> Searches:
    """The searches of ``trials`` random galleries (see the module docstring).

    ``desc`` describes each image as a probe; ``templates`` (N, T, 128), when given,
    is what enrolling that image stores (T templates per photo, e.g. its mirror and
    jitters; a person is as close as the nearest). By default the photo's ``desc``.
    """
    desc = np.asarray(desc, dtype=np.float64)
    tpls = desc[:, None, :] if templates is None else np.asarray(templates, np.float64)
    per_photo = tpls.shape[1]
    described = ~np.isnan(desc).any(axis=1)
    people = person_labels(np.asarray(labels), described)
    names = sorted(people)
    eligible = [n for n in names if len(people[n]) >= enrol + 1]
    if len(eligible) < gallery_size or len(names) - gallery_size < gallery_size:
        raise BadInput(
            f"open-set protocol: {len(eligible)} people with {enrol + 1}+ described images "
            f"and {len(names)} people in all; need {gallery_size} and {2 * gallery_size}",
            f"开集协议：有 {enrol + 1} 张以上可用图像的人 {len(eligible)} 名，共 {len(names)} 名；"
            f"需要 {gallery_size} 名和 {2 * gallery_size} 名",
        )
    rng = np.random.default_rng(seed)
    crng = np.random.default_rng(seed + 7919)  # competitors: the other rules' draws unchanged
    cols: dict[str, list[np.ndarray]] = {k: [] for k in Searches.__dataclass_fields__}
    for t in range(trials):
        chosen = rng.choice(len(eligible), gallery_size, replace=False)
        gallery = [eligible[i] for i in chosen]
        in_gallery = set(gallery)
        tpl, owner, probes, truth = [], [], [], []
        for j, name in enumerate(gallery):
            rows = rng.permutation(people[name])
            tpl += list(rows[:enrol])
            owner += [j] * enrol
            probes.append(int(rng.choice(rows[enrol:])))
            truth.append(j)
        others = [n for n in names if n not in in_gallery]
        picked = rng.permutation(len(others))
        for i in picked[:gallery_size]:
            probes.append(int(rng.choice(people[others[i]])))
            truth.append(-1)
        # The cohort: people neither on the roster nor among this trial's strangers.
        rest = picked[gallery_size:gallery_size + cohort]
        crows = [int(rng.choice(people[others[i]])) for i in rest]
        cd = np.linalg.norm(desc[probes][:, None, :] - desc[crows][None, :, :], axis=2)
        t_rows = tpls[tpl].reshape(-1, tpls.shape[2])
        d = np.linalg.norm(desc[probes][:, None, :] - t_rows[None, :, :], axis=2)
        # nearest template of each person (grouped by person: enrol photos x per_photo)
        per = d.reshape(len(probes), gallery_size, enrol * per_photo).min(axis=2)
        order = np.argsort(per, axis=1)
        idx = np.arange(len(probes))
        t_arr = np.array(truth)
        cols["trial"].append(np.full(len(probes), t))
        cols["genuine"].append(t_arr >= 0)
        cols["right"].append(order[:, 0] == t_arr)
        cols["d1"].append(per[idx, order[:, 0]])
        cols["d2"].append(per[idx, order[:, 1]])
        cols["mean"].append(per.mean(axis=1))
        cols["std"].append(per.std(axis=1))
        cols["cmean"].append(cd.mean(axis=1))
        cols["cstd"].append(cd.std(axis=1))
        rivals = [others[i] for i in picked[gallery_size:]]
        cols["dc"].append(_competitors(desc[probes], tpls, people, rivals, enrol, crng))
    return Searches(**{k: np.concatenate(v) for k, v in cols.items()})


def _competitors(probes: np.ndarray, tpls: np.ndarray, people: dict[str, np.ndarray],
                 rivals: list[str], enrol: int, rng: np.random.Generator) -> np.ndarray:
    """(probes, len(COMPETITORS)): the nearest of the first K ``rivals`` (in random order,
    so each K holds the smaller ones), each enrolled with up to ``enrol`` photos."""
    out = np.full((len(probes), len(COMPETITORS)), np.nan)
    if not rivals:
        return out
    order = rng.permutation(len(rivals))
    rows = [rng.permutation(people[rivals[i]])[:enrol] for i in order]
    per = np.array([len(r) * tpls.shape[1] for r in rows])
    t = tpls[np.concatenate(rows)].reshape(-1, tpls.shape[2])
    sq = (probes ** 2).sum(1)[:, None] + (t ** 2).sum(1)[None] - 2 * probes @ t.T
    starts = np.concatenate([[0], np.cumsum(per)[:-1]])
    nearest = np.sqrt(np.maximum(np.minimum.reduceat(sq, starts, axis=1), 0))
    running = np.minimum.accumulate(nearest, axis=1)
    for c, k in enumerate(COMPETITORS):
        if k <= len(order):
            out[:, c] = running[:, k - 1]
    return out


# --------------------------------------------------------------------- decision rules


def plain(s: Searches) -> np.ndarray:
    return s.d1


def roster_znorm(s: Searches) -> np.ndarray:
    """Nearest distance in standard deviations below the roster's mean distance."""
    return (s.d1 - s.mean) / np.maximum(s.std, 1e-9)


def roster_shift(s: Searches) -> np.ndarray:
    """Nearest distance minus the mean distance to the roster."""
    return s.d1 - s.mean + float(np.median(s.mean))


def cohort_znorm(s: Searches) -> np.ndarray:
    """Z-norm against a cohort of other people's templates (not on the roster)."""
    return (s.d1 - s.cmean) / np.maximum(s.cstd, 1e-9)


def cohort_shift(s: Searches) -> np.ndarray:
    """Nearest distance minus the mean distance to the cohort."""
    return s.d1 - s.cmean + float(np.median(s.cmean))


def gap_ratio(s: Searches) -> np.ndarray:
    """Nearest over second-nearest distance: a clear winner scores low."""
    return s.d1 / np.maximum(s.d2, 1e-9)


def gap_weighted(weight: float) -> Rule:
    """Nearest distance, credited ``weight`` times the lead over the runner-up."""
    def rule(s: Searches) -> np.ndarray:
        return s.d1 - weight * (s.d2 - s.d1)
    rule.__name__ = f"gap_weighted_{weight:g}"
    return rule


def competing(k: int, weight: float = 0.5) -> Rule:
    """The app's rule with ``k`` competitors (decision.GapRule; +inf: never proposed)."""
    col = COMPETITORS.index(k)

    def rule(s: Searches) -> np.ndarray:
        dc = s.dc[:, col]
        score = s.d1 - weight * (np.minimum(s.d2, dc) - s.d1)
        return np.where((dc < s.d1) | (s.d1 >= 0.6), np.inf, score)
    rule.__name__ = f"competitors_{k}"
    return rule


RULES: dict[str, Rule] = {
    "plain_distance": plain,
    "roster_znorm": roster_znorm,
    "roster_minus_mean": roster_shift,
    "cohort_znorm": cohort_znorm,
    "cohort_minus_mean": cohort_shift,
    "gap_ratio": gap_ratio,
    **{f"distance_minus_{w:g}x_gap": gap_weighted(w) for w in (0.25, 0.5, 1.0)},
}


def threshold_at(stranger_scores: np.ndarray, target: float) -> float:
    """The largest threshold with at most ``target`` of the scores strictly below it."""
    x = np.sort(stranger_scores)
    allowed = int(np.floor(target * len(x)))
    return float(x[allowed]) if allowed < len(x) else float(x[-1] + 1e-9)


def evaluate(searches: Searches, rule: Rule, target: float = TARGET,
             threshold: float | None = None) -> dict[str, float]:
    """Threshold chosen on the even trials (unless given), figures on the odd ones."""
    score = rule(searches)
    train = searches.trial % 2 == 0
    if threshold is None:
        threshold = threshold_at(score[train & ~searches.genuine], target)
    test = ~train if train.any() and (~train).any() else np.ones_like(train)
    prop = score < threshold
    strangers = test & ~searches.genuine
    genuine = test & searches.genuine
    return {
        "threshold": round(float(threshold), 4),
        "stranger_proposed": float(prop[strangers].mean()),
        "genuine_matched": float((prop & searches.right)[genuine].mean()),
        "genuine_wrong_person": float((prop & ~searches.right)[genuine].mean()),
    }


def report(searches: Searches, target: float = TARGET,
           fixed: tuple[float, ...] = (0.6, 0.5, 0.48)) -> dict[str, object]:
    """Every rule at the target, and the plain distance at a few fixed thresholds."""
    n = int(searches.trial.max()) + 1 if len(searches.trial) else 0
    return {
        "trials": n,
        "genuine_searches": int(searches.genuine.sum()),
        "stranger_searches": int((~searches.genuine).sum()),
        "closed_set_rank1": float(searches.right[searches.genuine].mean()),
        "target_stranger_proposed": target,
        "rules": {name: evaluate(searches, rule, target) for name, rule in RULES.items()},
        "competitors": {f"{k}": evaluate(searches, competing(k), target)
                        for c, k in enumerate(COMPETITORS)
                        if not np.isnan(searches.dc[:, c]).any()},
        "plain_at": {f"{t:g}": evaluate(searches, plain, target, t) for t in fixed},
    }


# ------------------------------------------------------- `headcount bench openset`


def lfw_subset(root: Path, per_person: int = 4, singles: int = 600,
               seed: int = 0) -> tuple[list[Path], list[str]]:
    """LFW people with 2+ images (their first ``per_person``) and ``singles`` random
    people with one image (more strangers): 5,471 images instead of 13,233."""
    rng = np.random.default_rng(seed)
    paths: list[Path] = []
    one: list[Path] = []
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(d.glob("*.jpg"))
        if len(files) >= 2:
            paths += files[:per_person]
        elif files:
            one.append(files[0])
    pick = rng.choice(len(one), min(singles, len(one)), replace=False)
    paths += [one[i] for i in sorted(pick)]
    return paths, [p.parent.name for p in paths]


def describe_all(paths: list[Path], cache: Path | None) -> tuple[np.ndarray, np.ndarray]:
    """Live descriptors (chip and mirror, as at the entrance) and enrolment templates
    (averaged over jitters, as the station stores them) of ``paths``; NaN rows: no face
    even with the fallback. The ``cache`` (.npz with ``paths``, ``desc`` and ``template``)
    is read first and only the images it lacks are described, then it is written back."""
    known: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    if cache is not None and cache.is_file():
        z = np.load(cache)
        if "template" in z.files:  # an older cache without templates is described again
            known = {str(p): (d, t) for p, d, t in
                     zip(z["paths"], z["desc"], z["template"], strict=True)}
    missing = [p for p in paths if str(p) not in known]
    if missing:
        from headcount.bench.describer import PathDescriber

        describer = PathDescriber()
        nan = np.full(128, np.nan)
        try:
            for p in missing:
                d, t = describer.both(p)
                known[str(p)] = (nan, nan) if d is None or t is None else (d, t)
        finally:
            describer.close()
        if cache is not None:
            np.savez(cache, paths=np.array(list(known)),
                     desc=np.stack([v[0] for v in known.values()]),
                     template=np.stack([v[1] for v in known.values()]))
    return (np.stack([np.asarray(known[str(p)][0], np.float64) for p in paths]),
            np.stack([np.asarray(known[str(p)][1], np.float64) for p in paths]))


def check_cache(paths: list[Path], desc: np.ndarray, tpl: np.ndarray,
                count: int = 3) -> dict[str, object]:
    """Describe ``count`` described images again with the code as it is now and report
    the largest difference from the cached rows: near zero (float rounding) means the
    cached figures stand for this code."""
    from headcount.bench.describer import PathDescriber

    rows = [int(i) for i in np.flatnonzero(~np.isnan(desc).any(axis=1))]
    rows = rows[:: max(1, len(rows) // count)][:count]
    describer = PathDescriber()
    worst = [0.0, 0.0]
    try:
        for i in rows:
            d, t = describer.both(paths[i])
            if d is None or t is None:
                return {"images": len(rows), "error": f"no face now in {paths[i].name}"}
            worst = [max(worst[0], float(np.abs(d - desc[i]).max())),
                     max(worst[1], float(np.abs(t - tpl[i]).max()))]
    finally:
        describer.close()
    return {"images": [f"{paths[i].parent.name}/{paths[i].name}" for i in rows],
            "max_abs_diff_descriptor": worst[0],
            "max_abs_diff_template": worst[1]}


def run(root: Path, trials: int = 500, cache: Path | None = None,
        seed: int = 0) -> dict[str, object]:
    """LFW (45-person lists, one and two enrolment photos), ORL and Yale (half of their
    people on the list, the other half strangers: their lists are smaller than 45); each
    with templates as the live descriptor and as the station enrols (``_jittered``).
    ``seed`` draws other lists: the one-photo figures move by about 0.6 points between
    draws of 500 (docs/BENCHMARKS.md), so compare rules on the same seed."""
    from headcount.bench.identification import orl_images, yale_images
    from headcount.matching.threshold import default_choice

    out: dict[str, object] = {"protocol": __doc__.split("\n\n")[1].replace("\n", " "),
                              "shipped_threshold": default_choice().threshold, "seed": seed}
    sets: list[tuple[str, list[Path], list[str], int]] = []
    if (root / "lfw").is_dir():
        paths, labels = lfw_subset(root / "lfw")
        sets.append(("lfw", paths, labels, GALLERY_SIZE))
    for name, reader, size in (("orl", orl_images, 19), ("yale", yale_images, 7)):
        if (root / name).is_dir():
            people = reader(root / name)
            sets.append((name, [p for v in people.values() for p in v],
                         [k for k, v in people.items() for _ in v], size))
    for name, paths, labels, size in sets:
        where = None if cache is None else cache.with_name(f"{cache.stem}-{name}.npz")
        desc, tpl = describe_all(paths, where)
        lab = np.array(labels)
        res: dict[str, object] = {"images": len(paths), "gallery_size": size,
                                  "no_face": int(np.isnan(desc).any(axis=1).sum())}
        if where is not None:
            res["cache_check"] = check_cache(paths, desc, tpl)
        fixed = (0.6, 0.5, 0.48, default_choice().threshold)
        for enrol in (1, 2):
            # enrol_N: templates = the live descriptor (chip and mirror), as before
            # 2026-12-03; enrol_N_jittered: as the station enrols now (vision/jitter.py)
            for key, templates in (("", None), ("_jittered", tpl[:, None, :])):
                s = run_trials(desc, lab, enrol=enrol, gallery_size=size, trials=trials,
                               templates=templates, seed=seed)
                res[f"enrol_{enrol}{key}"] = report(s, fixed=fixed)
        out[name] = res
    return out
