import pytest

from headcount.compliance.notice import FIELDS
from headcount.errors import BadInput, Refused
from headcount.station import Station
from headcount.store.users import User


def test_init_fills_every_field_in_both_languages(station: Station) -> None:
    notice = station.notice.current()
    assert notice is not None and notice.version == 1 and notice.complete
    assert set(notice.fields) == set(FIELDS)
    assert notice.fields["processor_name"].en == "Test Middle School"
    assert "office@test.edu.cn" in notice.fields["rights"].zh
    for text in notice.fields.values():
        assert text.en.strip() and text.zh.strip()


def test_update_makes_a_new_version(station: Station, admin: User) -> None:
    n2 = station.notice.update(admin, {"purpose.zh": "考试入场核验"})
    assert n2.version == 2 and n2.fields["purpose"].zh == "考试入场核验"
    assert station.notice.get(1).fields["purpose"].zh != "考试入场核验"  # old kept
    with pytest.raises(BadInput):
        station.notice.update(admin, {"colour": "red"})


def test_empty_field_blocks_consent_and_enrolment(roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.notice.update(admin, {"alternative.en": ""})
    with pytest.raises(Refused, match="alternative"):
        roster.consent.record(admin, "2024004", by="self")
    from station_fixtures import template_for

    with pytest.raises(Refused, match="notice is incomplete"):
        roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    assert roster.templates.total() == 0
