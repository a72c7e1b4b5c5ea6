import pytest

from headcount.station import Station
from headcount.store.users import User
from station_fixtures import admin, data_dir, engine, roster, station, template_for  # noqa: F401


@pytest.fixture
def enrolled(roster: Station, admin: User) -> Station:  # noqa: F811
    """The roster with 2024002 and 2024004 consenting and enrolled, a class session
    of 7A started."""
    for number, seed in (("2024002", 2), ("2024004", 4)):
        roster.consent.record(admin, number, by="self")
        roster.enrolment.enrol_template(admin, number, template_for(seed))
    sid = roster.sessions.create(admin, kind="class", name="Maths", class_name="7A").id
    roster.sessions.start(admin, sid)
    return roster
