import os
import stat

import numpy as np
import pytest

from headcount.station import Station
from headcount.store.crypto import KeyMissing
from headcount.store.users import User
from station_fixtures import PASSWORD, template_for


def enrol(station: Station, admin: User, number: str, seed: int) -> None:
    by = "self" if number in ("2024002", "2024004") else "guardian"
    station.consent.record(admin, number, by=by, relationship="mother")
    station.enrolment.enrol_template(admin, number, template_for(seed))


def test_key_is_outside_the_data_folder_owner_only(roster: Station) -> None:
    key_file = roster.keys.key_file
    assert key_file.exists()
    assert roster.data_dir not in key_file.parents
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert roster.key_warning is not None and str(key_file) in roster.key_warning.en


def test_database_alone_yields_no_template(roster: Station, admin: User) -> None:
    enrol(roster, admin, "2024002", 7)
    roster.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = (roster.data_dir / "headcount.db").read_bytes()
    t = template_for(7)
    # Neither the whole template nor any 4-float run of it appears in the file.
    assert t.tobytes() not in raw
    for i in range(0, 128, 4):
        assert t[i:i + 4].tobytes() not in raw
    blob = roster.db.execute("SELECT ciphertext FROM templates").fetchone()[0]
    assert len(blob) == 12 + 512 + 16  # nonce + ciphertext + tag
    # With the key, it decrypts exactly.
    p = roster.people.get("2024002")
    np.testing.assert_array_equal(roster.templates.for_person(p.id)[0], t)


def test_missing_key_is_clear_and_manual_still_works(roster: Station, admin: User,
                                                     engine) -> None:  # type: ignore[no-untyped-def]
    enrol(roster, admin, "2024002", 7)
    key_file = roster.keys.key_file
    data_dir = roster.data_dir
    roster.close()
    key_file.rename(key_file.with_suffix(".bak"))
    st = Station.open(data_dir, engine=engine)
    try:
        user = st.login("admin", PASSWORD)
        with pytest.raises(KeyMissing, match="missing"):
            st.enrolment.enrol_template(user, "2024002", template_for(8))
        assert st.templates.total() == 1  # nothing changed
        sid = st.sessions.create(user, kind="class", name="P1", class_name="7A").id
        st.sessions.start(user, sid)
        assert st.attendance.check_in(user, sid, "2024002", reason="camera_fault").outcome \
            == "recorded"
        # A new key is never created silently in place of the lost one.
        assert not key_file.exists()
    finally:
        st.close()


def test_wrong_key_is_refused(roster: Station, admin: User) -> None:
    enrol(roster, admin, "2024002", 7)
    roster._cipher = None
    roster.keys.key_file.write_text(os.urandom(32).hex())
    with pytest.raises(KeyMissing, match="does not belong"):
        roster.templates.for_person(roster.people.get("2024002").id)


def test_gallery_cache_follows_adds_and_deletes(roster: Station, admin: User) -> None:
    for number in ("2024002", "2024004"):
        roster.consent.record(admin, number, by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    matcher = roster.templates.matcher()
    roster.enrolment.enrol_template(admin, "2024004", template_for(2))  # extends the cache
    assert roster.templates.matcher() is matcher and len(matcher) == 2
    li = roster.people.get("2024002").id
    assert matcher.search(template_for(1), k=1)[0][0].person_id == li
    roster.consent.withdraw(admin, "2024002")
    owners, _ = roster.templates.gallery()
    assert li not in owners.tolist() and len(roster.templates.matcher()) == 1
