"""LFW fold logic, ORL/Yale identification and image reading on generated data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from headcount.bench import identification as ident
from headcount.bench import protocols as proto
from headcount.bench import verification as verif
from headcount.errors import BadInput

DIM = 128


def vec(x: float, y: float = 0.0) -> np.ndarray:
    v = np.full(DIM, 0.1, np.float32)
    v[0] += x
    v[1] += y
    return v


class FakeDescribe:
    """Looks descriptors up by path; counts calls; None means 'no face'."""

    def __init__(self, table: dict[Path, np.ndarray | None]) -> None:
        self.table = table
        self.calls: list[Path] = []

    def __call__(self, path: Path) -> np.ndarray | None:
        self.calls.append(path)
        return self.table[path]


def write_lfw(root: Path, fold_distances: list[tuple[list[float], list[float]]]):
    """A pairs.txt whose same/different pairs have the given distances, one list per fold.

    Every pair uses its own two images (image 1 at x=0, image 2 at x=distance), except
    that all different pairs reuse person Shared's image 1, to exercise the cache.
    """
    per = len(fold_distances[0][0])
    lines = [f"{len(fold_distances)}\t{per}"]
    table: dict[Path, np.ndarray | None] = {}

    def img(name: str, n: int, x: float) -> None:
        p = root / name / f"{name}_{n:04d}.jpg"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.touch()
        table[p] = vec(x)

    img("Shared", 1, 0.0)
    for f, (same, diff) in enumerate(fold_distances):
        for i, d in enumerate(same):
            name = f"S{f}_{i}"
            img(name, 1, 0.0)
            img(name, 2, d)
            lines.append(f"{name}\t1\t2")
        for i, d in enumerate(diff):
            name = f"D{f}_{i}"
            img(name, 3, d)
            lines.append(f"Shared\t1\t{name}\t3")
    (root / "pairs.txt").write_text("\n".join(lines) + "\n")
    return table


def test_lfw_threshold_is_chosen_on_the_other_nine_folds(tmp_path):
    folds = [([0.3, 0.3], [0.9, 0.9]) for _ in range(9)] + [([0.7, 0.7], [0.9, 0.9])]
    describe = FakeDescribe(write_lfw(tmp_path, folds))
    out = verif.lfw_10fold(tmp_path, describe)
    # Fold 10 alone would pick 0.8 (all right); the other nine put it midway 0.3-0.9.
    assert out["fold_threshold"][9] == pytest.approx(0.6, abs=1e-6)
    assert out["fold_accuracy"][9] == pytest.approx(0.5)
    # Folds 1-9 train on data that includes fold 10: best between 0.7 and 0.9.
    assert out["fold_threshold"][0] == pytest.approx(0.8, abs=1e-6)
    assert out["fold_accuracy"][:9] == [1.0] * 9
    assert out["accuracy_mean"] == pytest.approx(0.95)
    assert out["accuracy_std"] == pytest.approx(np.std([1.0] * 9 + [0.5]))
    assert out["pairs"] == 40 and out["no_face"]["images"] == 0
    # Each image described once although Shared_0001 is in 20 pairs.
    assert len(describe.calls) == len(set(describe.calls)) == out["images"] == 61
    assert out["seconds_per_image"] >= 0


def test_lfw_no_face_counts_as_wrong_and_fallback_is_reported(tmp_path):
    folds = [([0.3, 0.3], [0.9, 0.9]) for _ in range(10)]
    table = write_lfw(tmp_path, folds)
    lost = tmp_path / "S0_0" / "S0_0_0002.jpg"
    table[lost] = None
    out = verif.lfw_10fold(tmp_path, FakeDescribe(table))
    assert out["no_face"]["images"] == 1 and out["no_face"]["files"] == [str(lost)]
    assert out["no_face"]["pairs_failed"] == 1
    assert out["fold_accuracy"][0] == pytest.approx(0.75)  # 3 of 4, the lost pair is wrong
    assert out["accuracy_mean"] == pytest.approx(1 - 0.025)
    # A fallback that finds the face puts it back, and is counted.
    out = verif.lfw_10fold(tmp_path, FakeDescribe(table), fallback=lambda p: vec(0.3))
    assert out["accuracy_mean"] == 1.0
    assert out["no_face"]["images"] == 0 and out["no_face"]["fallback_used"] == 1
    assert out["no_face"]["fallback_files"] == [str(lost)]
    assert "fallback" in out["no_face"]["policy"]
    # A describe that returns two descriptors for one image is a bug, not a face.
    with pytest.raises(BadInput):
        verif.lfw_10fold(tmp_path, lambda p: np.zeros((2, DIM), np.float32))


def test_lfw_bad_pairs_files(tmp_path):
    write_lfw(tmp_path, [([0.3], [0.9]) for _ in range(10)])
    good = (tmp_path / "pairs.txt").read_text().splitlines()
    cases = {
        "short": good[:-1],
        "header": ["ten 1", *good[1:]],
        "swapped": [good[0], good[2], good[1], *good[3:]],  # a 4-field line in the same half
    }
    for name, lines in cases.items():
        bad = tmp_path / f"{name}.txt"
        bad.write_text("\n".join(lines))
        with pytest.raises(BadInput):
            verif.lfw_10fold(tmp_path, lambda p: vec(0), pairs_file=bad)
    (tmp_path / "S3_0" / "S3_0_0002.jpg").unlink()
    with pytest.raises(BadInput, match="missing"):
        verif.lfw_10fold(tmp_path, lambda p: vec(0))
    with pytest.raises(BadInput):
        verif.lfw_10fold(tmp_path / "nowhere", lambda p: vec(0))


def test_parse_pairs_paths(tmp_path):
    (tmp_path / "pairs.txt").write_text("1\t1\nAl_Gore\t1\t3\nA_B\t2\tC_D\t10\n")
    [[same, diff]] = verif.parse_pairs(tmp_path / "pairs.txt")
    assert same == verif.Pair(
        tmp_path / "Al_Gore/Al_Gore_0001.jpg", tmp_path / "Al_Gore/Al_Gore_0003.jpg", True
    )
    assert diff.b == tmp_path / "C_D/C_D_0010.jpg" and not diff.same


def test_best_threshold_ignores_failed_pairs():
    d = np.array([0.2, 0.4, np.nan, 0.8, 1.0])
    s = np.array([True, True, True, False, False])
    assert verif.best_threshold(d, s) == pytest.approx(0.6)
    assert verif.accuracy(d, s, 0.6) == pytest.approx(0.8)


# ------------------------------------------------------------------- identification


def make_people(root: Path, names: dict[str, list[str]]) -> dict[Path, np.ndarray | None]:
    table: dict[Path, np.ndarray | None] = {}
    for folder, files in names.items():
        for f in files:
            p = root / folder / f if folder else root / f
            p.parent.mkdir(parents=True, exist_ok=True)
            p.touch()
            table[p] = None
    return table


def test_orl_identification(tmp_path):
    files = [f"{i}.pgm" for i in range(1, 11)]
    table = make_people(tmp_path, {"s1": files, "s2": files, "s10": files})
    centres = {"s1": vec(0.0), "s2": vec(1.0), "s10": vec(0.0, 1.0)}
    for p in table:
        v = centres[p.parent.name].copy()
        v[2] += 0.03 * int(p.stem)  # within 0.27 of the person's 1.pgm
        table[p] = v
    # s2's 10.pgm looks like s1 (a wrong match); s10's 2.pgm has no face; s1's 5.pgm lies
    # between s1 (0.49 away) and s10 (0.51 away): ambiguous under the threshold.
    table[tmp_path / "s2" / "10.pgm"] = vec(0.05)
    table[tmp_path / "s10" / "2.pgm"] = None
    table[tmp_path / "s1" / "5.pgm"] = vec(0.0, 0.49)
    describe = FakeDescribe(table)
    out = ident.orl_identification(tmp_path, describe, threshold=0.75)
    assert len(describe.calls) == 30  # each image once
    assert out["people"] == 3 and out["enrolled"] == 3 and out["probes"] == 27
    assert out["enrolled_files"] == {"s1": "1.pgm", "s2": "1.pgm", "s10": "1.pgm"}
    assert out["no_face"]["probes"] == 1 and out["no_face"]["images"] == 1
    assert out["no_face"]["enrolment_skipped"] == 0
    # Rank 1: all right except s2/10 (wrong) and s10/2 (no face counts as wrong).
    assert out["rank1_accuracy"] == pytest.approx(25 / 27)
    assert out["rank1_accuracy_described"] == pytest.approx(25 / 26)
    o = out["open_set"]
    assert o["right_match"] == pytest.approx(24 / 27)
    assert o["wrong_match"] == o["ambiguous"] == o["no_face"] == pytest.approx(1 / 27)
    assert o["unknown"] == 0 and sum(o.values()) == pytest.approx(1.0)
    # Leave one person out: s2/10 (-> s1) and s1/5 (-> s10) are strangers matched.
    assert out["stranger_probes"] == 26
    assert out["false_match_rate"] == pytest.approx(2 / 26)
    assert out["false_match_ambiguous"] == 0
    assert out["comparisons"] == 52 and out["comparison_fmr"] == pytest.approx(2 / 52)
    # At a strict threshold the same faces are unknown rather than wrongly matched.
    strict = ident.orl_identification(tmp_path, FakeDescribe(table), threshold=0.04)
    assert strict["false_match_rate"] == 0 and strict["open_set"]["wrong_match"] == 0
    # The price: ambiguous + unknown + no face, the genuine attempts left to a person.
    assert out["manual_check"] == pytest.approx(2 / 27)
    assert strict["manual_check"] == pytest.approx(1 - strict["open_set"]["right_match"]
                                                   - strict["open_set"]["wrong_match"])
    # By the gap rule: s1/5 with s1 out (s10 0.51, s2 ~1.1 away) scores 0.51 - 0.5 x 0.6,
    # under 0.25: still a stranger proposed; at a gap threshold of 0.2 it is not.
    from headcount.matching.decision import GapRule

    loose = ident.orl_identification(tmp_path, FakeDescribe(table), threshold=0.75,
                                     gap=GapRule(0.5, 0.25, 0.5, 0.1, cap=0.75))
    tight = ident.orl_identification(tmp_path, FakeDescribe(table), threshold=0.75,
                                     gap=GapRule(0.5, 0.2, 0.5, 0.1, cap=0.75))
    assert loose["rule"].startswith("gap 0.5") and tight["rule"].startswith("gap 0.5")
    assert loose["false_match_rate"] > tight["false_match_rate"]
    assert tight["manual_check"] >= loose["manual_check"]
    # The enrolled image as the station enrols it (``enrol_with``, its jittered template):
    # here a template moved 0.6 away from each person's photos, so every probe is unknown.
    enrolled: list[Path] = []

    def template(p: Path) -> np.ndarray:
        enrolled.append(p)
        moved = np.array(table[p], np.float32)
        moved[3] += 0.6
        return moved

    moved = ident.orl_identification(tmp_path, FakeDescribe(table), threshold=0.5,
                                     enrol_with=template)
    assert sorted(p.parent.name for p in enrolled) == ["s1", "s10", "s2"]
    assert all(p.name == "1.pgm" for p in enrolled)
    assert moved["open_set"]["right_match"] == 0
    assert out["open_set"]["right_match"] > 0.8  # the same probes against their own photos


def test_yale_enrols_the_normal_condition_and_skips_faceless_enrolment(tmp_path):
    conditions = ["glasses", "happy", "normal", "sad"]
    names = [f"subject{s:02d}.{c}" for s in (1, 2, 3) for c in conditions]
    names.remove("subject03.normal")
    table = make_people(tmp_path, {"": names})
    (tmp_path / "Readme.txt").touch()  # not a subject file
    for p in table:
        subject = int(p.name[7:9])
        table[p] = vec(float(subject))
    table[tmp_path / "subject02.normal"] = None  # enrolment image without a face
    out = ident.yale_identification(tmp_path, FakeDescribe(table))
    assert out["enrolled_files"] == {
        "subject01": "subject01.normal",
        "subject02": "subject02.glasses",  # next in order after the faceless normal
        "subject03": "subject03.glasses",  # no normal: first in name order
    }
    assert out["no_face"]["enrolment_skipped"] == 1  # subject02: its preferred image
    assert out["probes"] == 11 - 3 and out["rank1_accuracy_described"] == 1.0
    assert out["rank1_accuracy"] == pytest.approx(7 / 8)
    assert out["no_face"]["probes"] == 1  # subject02.normal stays a probe: no face
    assert out["false_match_rate"] == 0.0
    assert "normal" in out["protocol"]


def test_image_folders_missing(tmp_path):
    with pytest.raises(BadInput):
        ident.orl_images(tmp_path)
    with pytest.raises(BadInput):
        ident.yale_images(tmp_path)


def test_read_rgb_gif_without_extension_pgm_and_corrupt(tmp_path):
    from PIL import Image

    gray = (np.arange(40 * 30) % 256).astype(np.uint8).reshape(30, 40)
    Image.fromarray(gray).save(tmp_path / "subject01.happy", format="GIF")
    Image.fromarray(gray).save(tmp_path / "1.pgm")
    for name in ("subject01.happy", "1.pgm"):
        rgb = proto.read_rgb(tmp_path / name)
        assert rgb.shape == (30, 40, 3) and rgb.dtype == np.uint8
        np.testing.assert_array_equal(rgb[..., 1], gray)
    (tmp_path / "broken").write_bytes(b"GIF89a nonsense")
    with pytest.raises(BadInput):
        proto.read_rgb(tmp_path / "broken")
    with pytest.raises(BadInput):
        proto.read_rgb(tmp_path / "absent.jpg")


@pytest.mark.shared
def test_real_yale_and_orl_files_load(shared_faces):
    yale = ident.yale_images(shared_faces / "yale")
    assert len(yale) == 15 and all(
        any(p.name.endswith(".normal") for p in v) for v in yale.values()
    )
    assert proto.read_rgb(yale["subject01"][0]).shape == (243, 320, 3)
    orl = ident.orl_images(shared_faces / "orl")
    assert orl["s1"][0].name == "1.pgm" and orl["s1"][-1].name == "10.pgm"
    assert proto.read_rgb(orl["s1"][0]).shape == (112, 92, 3)
