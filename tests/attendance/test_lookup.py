"""One search for the roster and the Manual ID check: seats first, any spacing or case."""

from __future__ import annotations

import pytest

from headcount.attendance.lookup import NAME, SEAT, rank, search
from headcount.attendance.reasons import REASONS, default_reason

PEOPLE = [  # (name, number, seat, ID-card number)
    ("Lin Xiaowen", "2025001", "01", "110101200903140026"),
    ("Zhou Haiming", "2025002", "02", "110101200907020031"),
    ("Chen Siyuan", "2025003", "03", ""),
    ("陈思远", "2025013", "13", ""),
]


def found(query: str) -> list[str]:
    return [p[1] for p in search(PEOPLE, query, lambda p: p)]


@pytest.mark.parametrize("query", ["Zhou Haiming", "zhou haiming", "ZHOU  HAIMING",
                                   "zhouhaiming", "haiming zhou", " Zhou\tHaiming "])
def test_a_name_is_found_with_any_spacing_or_case(query: str) -> None:
    assert found(query)[0] == "2025002"


def test_a_seat_number_finds_that_seat_first() -> None:
    assert found("3")[0] == "2025003"  # seat 03, before 2025013 which contains a 3
    assert found("03")[0] == "2025003"
    assert found("13") == ["2025013"]  # seat 13; nobody else has a 13
    assert rank("3", name="x", number="2025003", seat="03") == SEAT


def test_numbers_ids_and_chinese_names() -> None:
    assert found("2025003") == ["2025003"]
    assert found("２０２５００２") == ["2025002"]  # full-width digits from a Chinese IME
    assert found("200907020031") == ["2025002"]
    assert found("陈思远") == ["2025013"]
    assert rank("chen siyuan", name="Chen Siyuan", number="1") == NAME
    assert found("nobody") == []
    assert len(found("")) == len(PEOPLE)


def test_default_reason_follows_the_persons_state() -> None:
    assert default_reason(consent=False, enrolled=False) == "no_consent"
    assert default_reason(consent=False, enrolled=False, withdrawn=True) == "declined"
    assert default_reason(consent=True, enrolled=False) == "not_enrolled"
    assert default_reason(consent=True, enrolled=True) == "not_recognised"
    assert {default_reason(consent=c, enrolled=e, withdrawn=w)
            for c in (True, False) for e in (True, False) for w in (True, False)} <= set(REASONS)
