"""The station chooses its threshold again after an enrolment batch (matching/threshold.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from headcount.matching.in_force import RuleInForce, rule_in_force
from headcount.matching.threshold import (
    MIN_PEOPLE,
    MIN_PEOPLE_GAP,
    default_choice,
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
    # Before any enrolment: the shipped LFW estimate is the threshold ("auto").
    assert station.settings["match_threshold"] == "auto"
    assert station.rule_in_force().threshold == default_choice().gap_threshold
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
    assert station.threshold_estimate() == choice  # stored, read back the same
    station.set_settings(admin, match_rule="plain")  # the plain rule decides by it
    assert station.rule_in_force().threshold == choice.threshold
    assert station.estimate_threshold(admin) == choice
    row = station.db.execute("SELECT details FROM audit WHERE action = 'estimate_threshold' "
                             "ORDER BY id DESC LIMIT 1").fetchone()
    assert row is not None and str(choice.threshold) in row[0]
    # A stricter target gives a lower threshold at the next estimate.
    station.set_settings(admin, match_target=0.001)
    assert station.estimate_threshold(admin).threshold < choice.threshold


def test_the_gap_rule_is_estimated_from_the_station_after_a_big_enough_batch(
        station: Station, admin: User, tmp_path: Path) -> None:
    assert station.settings["match_rule"] == "gap"
    assert _gap(station) == default_choice().gap_rule()  # LFW's
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
    assert _gap(station) == choice.gap_rule()
    assert "simulated searches" in station.rule_in_force().describe().en
    station.set_settings(admin, match_rule="plain")
    assert _gap(station) is None


def _gap(station: Station) -> object:
    return rule_in_force(station.settings).gap


def test_an_administrators_number_overrides_the_rule_in_force(
        station: Station, admin: User) -> None:
    auto = station.rule_in_force()
    assert not auto.overridden and auto.threshold == default_choice().gap_threshold
    station.set_settings(admin, match_threshold=0.41)
    forced = station.rule_in_force()
    assert forced.overridden and forced.threshold == 0.41 and forced.gap is not None
    assert forced.gap.threshold == 0.41  # the gap rule's own threshold, not another one
    assert "administrator" in forced.describe().en and "管理员" in forced.describe().zh
    # the one path reads it: a session decides with the override
    from headcount.attendance.recognition import session_gallery

    sid = station.sessions.create(admin, kind="exam", name="Maths", candidates=[]).id
    sg = session_gallery(station.attendance, sid)
    assert sg.threshold == 0.41 and sg.gap is not None and sg.gap.threshold == 0.41
    # an estimate after an enrolment batch does not undo an administrator's number
    station.estimate_threshold(admin)
    assert station.rule_in_force().threshold == 0.41
    station.set_settings(admin, match_threshold="auto")
    assert station.rule_in_force() == RuleInForce("gap", auto.threshold, False, auto.estimate)
    from headcount.errors import BadInput

    with pytest.raises(BadInput, match="auto"):
        station.set_settings(admin, match_threshold="high")


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
    assert station.threshold_estimate() == choice  # decisions read it ("auto")


def test_older_stations_settings_migrate_to_the_one_threshold(
        station: Station, admin: User) -> None:
    import json

    from headcount.store import migrations

    def reopen(**stored: object) -> object:
        for k, v in stored.items():
            station.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                               [k, json.dumps(v)])
        station.db.execute("DELETE FROM migrations WHERE version = 8")
        assert migrations.apply(station.db) == [8]
        station.settings.reload()
        return station.settings["match_threshold"]

    written = default_choice().to_dict()
    # What every estimate wrote: back to "auto".
    assert reopen(match_threshold=written["threshold"], match_threshold_estimate=written,
                  match_rule="plain") == "auto"
    assert reopen(match_threshold=0.4774, match_threshold_estimate={}) == "auto"
    # A hand-set number under the plain rule decided: it stays the override.
    assert reopen(match_threshold=0.45, match_rule="plain") == 0.45
    assert station.rule_in_force().overridden
    # Under the gap rule it never decided (the gap threshold did): "auto", no change.
    assert reopen(match_threshold=0.45, match_rule="gap") == "auto"
    assert station.rule_in_force().threshold == default_choice().gap_threshold
