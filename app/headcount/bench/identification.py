"""ORL and Yale identification: one image enrolled per person, every other image
identified with the Gallery, closed and open set, and strangers by leaving each
person out (the no-face policy of ``protocols.py``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict, Unpack

import numpy as np

from headcount.bench.protocols import Describe, DescriptorCache
from headcount.errors import BadInput
from headcount.matching.decision import GapRule
from headcount.matching.gallery import (
    DEFAULT_AMBIGUITY_MARGIN,
    DEFAULT_THRESHOLD,
    Gallery,
    Rule,
)


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


class Options(TypedDict, total=False):
    """What ORL and Yale pass on to ``identification`` (its defaults apply)."""

    threshold: float
    ambiguity_margin: float
    fallback: Describe | None
    gap: GapRule | None
    enrol_with: Describe | None


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
    rule: Rule = {"threshold": threshold, "ambiguity_margin": ambiguity_margin, "gap": gap}

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
        dec = gallery.decide(d, **rule)
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
            out = gallery.restrict(set(ids) - {pid}).decide(d, **rule)
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


def orl_identification(root: str | Path, describe: Describe,
                       **options: Unpack[Options]) -> dict[str, object]:
    """ORL: enrol each person's image ``1.pgm`` (first in natural order), probe the other 9."""
    out = identification(orl_images(root), describe, **options)
    out["protocol"] = "ORL: enrol 1.pgm per person (next file if no face), identify the rest"
    return out


def yale_identification(root: str | Path, describe: Describe, enrol_condition: str = "normal",
                        **options: Unpack[Options]) -> dict[str, object]:
    """Yale: enrol the ``normal`` condition (frontal, even light, neutral: the closest to
    an enrolment photo), probe the other conditions (lighting, glasses, expressions)."""

    def prefer(paths: list[Path]) -> list[Path]:
        return sorted(paths, key=lambda p: (p.name.split(".", 1)[1] != enrol_condition, p.name))

    out = identification(yale_images(root), describe, enrol_first=prefer, **options)
    out["protocol"] = (
        f"Yale: enrol subjectNN.{enrol_condition} per person (next file if no face), "
        "identify the other conditions"
    )
    return out
