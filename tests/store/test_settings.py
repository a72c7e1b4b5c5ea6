import pytest

from headcount.errors import BadInput, Refused
from headcount.station import Station
from headcount.store.users import User


def test_defaults(station: Station) -> None:
    s = station.settings
    assert s["age_of_consent"] == 14
    assert s["filing_warning"] == 80000
    assert s["retention_audit_days"] >= 3 * 365
    assert s["school_name"] == "Test Middle School"


def test_all_errors_are_collected(station: Station) -> None:
    with pytest.raises(BadInput) as exc:
        station.settings.validate({"age_of_consent": 3, "retention_audit_days": 10,
                                   "languages": ["fr"], "nonsense": 1})
    text = str(exc.value)
    for name in ("age_of_consent", "retention_audit_days", "languages", "nonsense"):
        assert name in text


def test_damaged_stored_settings_reported_in_full(station: Station) -> None:
    station.db.execute("INSERT OR REPLACE INTO settings VALUES ('age_of_consent', '\"old\"')")
    station.db.execute("INSERT OR REPLACE INTO settings VALUES ('filing_warning', '{')")
    with pytest.raises(BadInput) as exc:
        station.settings.reload()
    assert "age_of_consent" in str(exc.value) and "filing_warning" in str(exc.value)


def test_set_settings_is_admin_only_and_audited(station: Station, admin: User) -> None:
    station.set_settings(admin, filing_warning=50000)
    assert station.settings["filing_warning"] == 50000
    assert station.audit.entries(action="settings")[0].details == {"filing_warning": 50000}
    station.users.add(admin, "op", "operator", "1234")
    with pytest.raises(Refused):
        station.set_settings(station.login("op", "1234"), filing_warning=1)
