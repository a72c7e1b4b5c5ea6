import datetime as dt

import numpy as np
import pytest

from headcount.errors import BadInput, Refused
from headcount.station import Station
from headcount.store.users import User
from station_fixtures import image_for, template_for


def test_no_template_without_consent(roster: Station, admin: User) -> None:
    with pytest.raises(Refused, match="no consent"):
        roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    assert roster.templates.total() == 0
    assert roster.person_summary("2024002").manual_only is True


def test_under_14_needs_guardian(roster: Station, admin: User) -> None:
    with pytest.raises(Refused, match="guardian"):
        roster.consent.record(admin, "2024001", by="self")
    with pytest.raises(BadInput, match="relationship"):
        roster.consent.record(admin, "2024001", by="guardian", evidence="slip 7")
    rec = roster.consent.record(admin, "2024001", by="guardian", relationship="mother",
                                method="slip", evidence="slip 7")
    assert rec.guardian_name == "Wang Fang"  # from the roster
    assert rec.notice_version == 1 and rec.operator == "admin" and rec.age_years == 10
    out = roster.enrolment.enrol_template(admin, "2024001", template_for(1))
    assert out.stored


def test_age_is_judged_at_the_time_of_consent(roster: Station, admin: User) -> None:
    # 2024001 was born CHILD_YEAR-03-05; consent "given" when 14 years old is their own.
    person = roster.people.get("2024001")
    born = dt.date.fromisoformat(person.birth_date or "")
    at14 = dt.datetime(born.year + 14, 3, 6, tzinfo=dt.UTC)
    rec = roster.consent.record(admin, "2024001", by="self", at=at14)
    assert rec.age_years == 14


def test_unknown_birth_date_counts_as_child(station: Station, admin: User, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.csv"
    path.write_text("number,name\n9,No Date\n")
    station.import_roster(admin, path)
    with pytest.raises(Refused, match="guardian"):
        station.consent.record(admin, "9", by="self")


def test_self_consent_of_a_child_in_the_db_does_not_enrol(roster: Station, admin: User) -> None:
    # Even a record that slipped in (older version, hand edit) is not enough.
    roster.db.execute("INSERT INTO consents (person_id, given_by, method, notice_version,"
                      " age_years, given_at, operator) VALUES (?, 'self', 'slip', 1, 10, '', 'x')",
                      [roster.people.get("2024001").id])
    with pytest.raises(Refused, match="guardian consent is needed"):
        roster.enrolment.enrol_template(admin, "2024001", template_for(1))


def test_withdrawal_deletes_templates_bytes_and_all(roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    pid = roster.people.get("2024002").id
    assert not roster.consent.withdrawn(pid)
    roster.enrolment.enrol_template(admin, "2024002", template_for(5))
    roster.enrolment.enrol_template(admin, "2024002", template_for(6))
    blobs = [r[0] for r in roster.db.execute("SELECT ciphertext FROM templates")]
    assert len(blobs) == 2
    receipt = roster.consent.withdraw(admin, "2024002")
    assert receipt.templates_deleted == 2 and receipt.manual_only is True
    assert roster.consent.withdrawn(pid)  # declined: F2 defaults to that reason
    assert roster.receipts.get(receipt.receipt)["person"] == "2024002"
    assert roster.templates.total() == 0
    assert roster.person_summary("2024002").manual_only is True
    assert roster.audit.entries(action="consent_withdraw")[0].subject == "2024002"
    roster.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = [roster.data_dir / n for n in ("headcount.db", "headcount.db-wal")]
    raw = b"".join(f.read_bytes() for f in files if f.exists())
    for blob in blobs:
        assert blob not in raw and blob[12:40] not in raw  # not even part of a ciphertext
    # Enrolment is now refused until a new consent is recorded.
    with pytest.raises(Refused):
        roster.enrolment.enrol_template(admin, "2024002", template_for(5))
    with pytest.raises(Refused, match="no active consent"):
        roster.consent.withdraw(admin, "2024002")


def test_enrol_from_photo_and_refusals(roster: Station, admin: User, engine) -> None:  # type: ignore[no-untyped-def]
    roster.consent.record(admin, "2024002", by="self")
    ok = roster.enrolment.enrol_image(admin, "2024002", image_for(11))
    assert ok.stored and roster.templates.count(roster.people.get("2024002").id) == 1
    no_face = roster.enrolment.enrol_image(admin, "2024002", np.zeros((8, 8, 3), np.uint8))
    assert not no_face.stored and no_face.reasons == ["no_face"] and no_face.messages
    two = roster.enrolment.enrol_image(admin, "2024002", np.full((8, 8, 3), 255, np.uint8))
    assert two.reasons == ["many_faces"]
    assert roster.templates.total() == 1
    assert [e.action for e in roster.audit.entries(limit=2)] == ["enrol_refused"] * 2


def test_engine_not_called_without_consent(roster: Station, admin: User, engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Refused):
        roster.enrolment.enrol_image(admin, "2024004", image_for(3))
    assert engine.calls == 0


def test_duplicate_face_flagged_for_review(roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.consent.record(admin, "2024004", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(5))
    near = template_for(5) + np.float32(0.01)
    out = roster.enrolment.enrol_template(admin, "2024004", near)
    assert out.stored and out.duplicate_of == "2024002" and "duplicate" in out.reasons
    assert roster.db.execute("SELECT duplicate_of FROM templates WHERE id = ?",
                             [out.template_id]).fetchone()[0] == roster.people.get("2024002").id
    # A template close only to the same person's own is no duplicate.
    roster.enrolment.enrol_template(admin, "2024002", template_for(8))
    own = template_for(8) + np.float32(0.01)
    assert roster.enrolment.enrol_template(admin, "2024002", own).duplicate_of is None


def test_enrol_folder_with_progress(roster: Station, admin: User, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import cv2

    roster.consent.record(admin, "2024002", by="self")
    folder = tmp_path / "photos"
    folder.mkdir()
    for name, seed in (("2024002.png", 21), ("2024004.png", 22), ("9999.png", 23)):
        cv2.imwrite(str(folder / name), image_for(seed)[:, :, ::-1])
    (folder / "notes.txt").write_text("not a photo")
    steps = list(roster.enrolment.enrol_folder(admin, folder))
    assert [(d, t) for d, t, _ in steps] == [(1, 3), (2, 3), (3, 3)]
    outcome = {o.number: o for _, _, o in steps}
    assert outcome["2024002"].stored
    assert outcome["2024004"].reasons == ["refused"]  # no consent
    assert outcome["9999"].reasons == ["bad_input"]  # not on the roster
    stored = roster.templates.for_person(roster.people.get("2024002").id)[0]
    np.testing.assert_allclose(stored, template_for(21))

    # The folder again (after more slips came back, say): the photo enrolled before is
    # not stored twice; a second photo of the same person is.
    cv2.imwrite(str(folder / "2024002_2.png"), image_for(24)[:, :, ::-1])
    again = {o.source: o for _, _, o in roster.enrolment.enrol_folder(admin, folder)}
    assert again["2024002.png"].already and not again["2024002.png"].stored
    assert again["2024002.png"].reasons == ["already_enrolled"]
    assert "already enrolled" in again["2024002.png"].messages[0].en
    assert again["2024002_2.png"].stored and not again["2024002_2.png"].already
    assert roster.templates.count(roster.people.get("2024002").id) == 2
    assert roster.templates.photos_per_person() == (0, 1)


def test_operator_cannot_enrol(roster: Station, admin: User, engine) -> None:  # type: ignore[no-untyped-def]
    roster.users.add(admin, "teacher1", "operator", "teacher-pass-1")
    teacher = roster.login("teacher1", "teacher-pass-1")
    roster.consent.record(admin, "2024002", by="self")
    with pytest.raises(Refused):
        roster.enrolment.enrol_image(teacher, "2024002", image_for(11))
    with pytest.raises(Refused):
        roster.enrolment.enrol_template(teacher, "2024002", template_for(11))
    assert engine.calls == 0 and roster.templates.total() == 0
