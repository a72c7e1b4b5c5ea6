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
    station.users.add(admin, "op", "operator", "12345678")
    with pytest.raises(Refused):
        station.set_settings(station.login("op", "12345678"), filing_warning=1)


def test_cameras_are_validated_and_stored_per_station(station: Station, admin: User,
                                                      tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert station.settings["cameras"] == []
    video = tmp_path / "hall.mp4"
    video.write_bytes(b"not checked here: opened when used")
    sources = [0, "rtsp://cam.local/stream1", str(video)]
    assert station.set_settings(admin, cameras=sources)["cameras"] == sources
    station.settings.reload()
    assert station.settings["cameras"] == sources
    for bad in ([True], [-1], [""], ["ftp://x/y"], [str(tmp_path / "missing.mp4")], "0",
                [1.5]):
        with pytest.raises(BadInput, match="cameras"):
            station.set_settings(admin, cameras=bad)
    assert station.settings["cameras"] == sources  # nothing changed
    video.unlink()
    station.settings.reload()  # a file gone later does not stop the station opening
    assert station.settings["cameras"] == sources


def test_school_logo_must_be_a_small_png_or_jpeg(station: Station, admin: User,
                                                 tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import cv2
    import numpy as np

    logo = tmp_path / "logo.png"
    cv2.imwrite(str(logo), np.zeros((4, 4, 3), np.uint8))
    monkeypatch.chdir(tmp_path)
    assert station.set_settings(admin, school_logo="logo.png")["school_logo"] == str(logo)
    fake = tmp_path / "fake.jpg"
    fake.write_bytes(b"GIF89a...")
    big = tmp_path / "big.png"
    big.write_bytes(logo.read_bytes() + b"\0" * (3 * 2**20))
    for bad, why in ((str(fake), "not a JPG"), (str(tmp_path / "none.png"), "no such"),
                     (str(tmp_path / "logo.gif"), ".png or .jpg"), (str(big), "2 MB")):
        with pytest.raises(BadInput, match=why):
            station.set_settings(admin, school_logo=bad)
    assert station.settings["school_logo"] == str(logo)
    assert station.set_settings(admin, school_logo="")["school_logo"] == ""
