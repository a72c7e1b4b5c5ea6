"""The facade end to end: offline, no images on disk, key in a keyring when one exists."""

from __future__ import annotations

import socket
from pathlib import Path

import numpy as np
import pytest

import station_fixtures as fx
from headcount.station import Station
from station_fixtures import PASSWORD, image_for, template_for

# The shared fixtures (tests/station_fixtures.py), registered for this module.
admin, data_dir, engine, roster, station = fx.admin, fx.data_dir, fx.engine, fx.roster, fx.station


def test_whole_flow_runs_with_networking_blocked(data_dir: Path, engine,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    def no_network(*a: object, **k: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    st = Station.init(data_dir, school="S", contact="C", admin="a", password=PASSWORD,
                      engine=engine)
    user = st.login("a", PASSWORD)
    path = tmp_path / "r.csv"
    path.write_text("number,name,class,birth_date\n1,A,7A,2000-01-01\n2,B,7A,2000-01-01\n")
    st.import_roster(user, path)
    st.consent.record(user, "1", by="self")
    assert st.enrolment.enrol_image(user, "1", image_for(3)).stored
    sid = st.sessions.create(user, kind="class", name="M", class_name="7A").id
    st.sessions.start(user, sid)
    res = st.attendance.check_in_templates(user, sid, [template_for(3)], model_version="x")
    assert res.checkins[0].number == "1"
    st.attendance.check_in(user, sid, "2", reason="declined")
    st.consent.withdraw(user, "1")
    st.retention.purge(user)
    assert st.audit.verify().ok
    st.close()
    # C9: templates only; no picture of anyone in the data folder.
    names = sorted(p.name for p in data_dir.iterdir())
    assert all(n.startswith("headcount.db") for n in names), names


def test_key_goes_to_the_keyring_when_one_exists(data_dir: Path) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        st = Station.init(data_dir, school="S", contact="C", admin="a", password=PASSWORD,
                          use_keyring=True)
        assert st.keys.location.startswith("keyring:") and st.key_warning is None
        assert not st.keys.key_file.exists()
        assert len(ring.store) == 1
        assert isinstance(st.cipher().encrypt(1, np.zeros(128, np.float32)), bytes)
        st.close()
        again = Station.open(data_dir)
        assert again.cipher() is not None
        again.close()
    finally:
        keyring.set_keyring(previous)


def test_purge_if_due(roster: Station, admin) -> None:  # type: ignore[no-untyped-def]
    assert roster.purge_if_due() is None
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    roster.people.mark_left(admin, "2024002", at="2001-01-01T00:00:00+00:00")
    receipt = roster.purge_if_due()
    assert receipt is not None and receipt.templates_deleted == 1
