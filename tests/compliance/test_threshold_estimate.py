"""The station chooses its threshold again after an enrolment batch (matching/threshold.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from headcount.matching.threshold import (
    MIN_PEOPLE,
    MIN_PEOPLE_GAP,
    default_choice,
    station_gap_rule,
)
from headcount.station import Station
from headcount.store.users import User


def _import_adults(station: Station, admin: User, tmp_path: Path, n: int) -> list[str]:
    numbers = [f"30{i:05d}" for i in range(n)]
    rows = "".join(f"{num},Person {i},8C,2000-01-01,,,\n" for i, num in enumerate(numbers))
    path = tmp_path / "many.csv"
    path.write_text("number,name,class,birth_date,guardian_name,guardian_phone,id_number\n"
                    + rows, encoding="utf-8")
    station.import_roster(admin, path)
    return numbers


def _enrol(station: Station, admin: User, numbers: list[str], stop_at: int,
           stop: Callable[[], None]) -> None:
    """Consent and one synthetic template each; ``stop()`` after the ``stop_at``-th."""
    rng = np.random.default_rng(0)
    for i, number in enumerate(numbers):
        station.consent.record(admin, number, by="self")
        station.enrolment.enrol_template(
            admin, number, rng.normal(0, 0.06, 128).astype(np.float32))
        if i == stop_at:
            stop()


def test_estimate_moves_from_lfw_to_the_station_after_enrolment(
        station: Station, admin: User, tmp_path: Path) -> None:
    # Before any enrolment: the shipped LFW estimate is the threshold.
    assert station.settings["match_threshold"] == default_choice().threshold
    assert station.threshold_estimate().source == "lfw"
    numbers = _import_adults(station, admin, tmp_path, MIN_PEOPLE + 10)

    def small_batch() -> None:  # still LFW's
        small = station.estimate_threshold(admin)
        assert small.source == "lfw" and small.people == 5

    _enrol(station, admin, numbers, 4, small_batch)
    choice = station.estimate_threshold(admin)
    assert choice.source == "station" and choice.people == MIN_PEOPLE + 10
    # These synthetic people are far apart (about 0.96): a higher threshold than LFW's.
    assert choice.threshold > 0.7
    assert station.settings["match_threshold"] == choice.threshold
    assert station.threshold_estimate() == choice  # stored, read back the same
    row = station.db.execute("SELECT details FROM audit WHERE action = 'estimate_threshold' "
                             "ORDER BY id DESC LIMIT 1").fetchone()
    assert row is not None and str(choice.threshold) in row[0]
    # A stricter target gives a lower threshold at the next estimate.
    station.set_settings(admin, match_target=0.001)
    assert station.estimate_threshold(admin).threshold < choice.threshold


def test_the_gap_rule_is_estimated_from_the_station_after_a_big_enough_batch(
        station: Station, admin: User, tmp_path: Path) -> None:
    assert station.settings["match_rule"] == "gap"
    assert station_gap_rule(station.settings) == default_choice().gap_rule()  # LFW's
    numbers = _import_adults(station, admin, tmp_path, MIN_PEOPLE_GAP + 10)

    def mid_batch() -> None:  # enough for the plain threshold, not for the gap rule
        mid = station.estimate_threshold(admin)
        assert mid.source == "station" and mid.gap_source == "lfw"

    _enrol(station, admin, numbers, MIN_PEOPLE + 5, mid_batch)
    choice = station.estimate_threshold(admin)
    assert choice.gap_source == "station" and choice.gap_searches > 0
    # Far-apart synthetic people: a looser gap threshold than LFW's, and it is the one the
    # station's sessions decide by (attendance/recognition.py reads it from the settings).
    assert choice.gap_threshold > default_choice().gap_threshold + 0.2
    assert station_gap_rule(station.settings) == choice.gap_rule()
    assert "simulated searches" in station.threshold_estimate().describe().en
    station.set_settings(admin, match_rule="plain")
    assert station_gap_rule(station.settings) is None


def test_the_estimate_allows_for_the_share_of_jittered_templates(
        station: Station, admin: User, tmp_path: Path) -> None:
    from headcount.matching.threshold import JITTER_CORRECTION, choose_threshold
    from headcount.models import TEMPLATE_VERSION

    numbers = _import_adults(station, admin, tmp_path, MIN_PEOPLE + 10)
    rng = np.random.default_rng(3)
    for i, number in enumerate(numbers):  # every other person enrolled since the change
        station.consent.record(admin, number, by="self")
        station.enrolment.enrol_template(admin, number,
                                         rng.normal(0, 0.06, 128).astype(np.float32),
                                         model=TEMPLATE_VERSION if i % 2 else "dlib_resnet_v1")
    raw = choose_threshold(station.templates.matcher())
    choice = station.estimate_threshold(admin)
    assert choice.source == "station" and station.templates.share_of(TEMPLATE_VERSION) == 0.5
    assert choice.threshold == pytest.approx(raw.threshold + JITTER_CORRECTION["plain"] / 2,
                                             abs=1e-4)
    assert choice.gap_threshold == raw.gap_threshold  # still LFW's: not shifted
    assert station.settings["match_threshold"] == choice.threshold
