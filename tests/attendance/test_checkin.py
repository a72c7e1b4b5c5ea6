import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from headcount.attendance.recognition import session_gallery
from headcount.errors import BadInput, Refused
from headcount.station import Station
from headcount.store.users import User
from station_fixtures import template_for


@pytest.fixture
def class_session(roster: Station, admin: User) -> int:
    sid = roster.sessions.create(admin, kind="class", name="Maths", class_name="7A",
                                 period="3", teacher="Ms Chen").id
    roster.sessions.start(admin, sid)
    return sid


def test_class_session_takes_the_class(roster: Station, class_session: int) -> None:
    numbers = [c.number for c in roster.sessions.candidates(class_session)]
    assert numbers == ["2024001", "2024002", "2024003"]  # 7B's 2024004 is not on it


def test_manual_checkin_and_repeats(roster: Station, admin: User, class_session: int) -> None:
    first = roster.attendance.check_in(admin, class_session, "2024002", reason="declined",
                                       station="desk-1")
    assert first.outcome == "recorded" and first.status == "present_manual"
    again = roster.attendance.check_in(admin, class_session, "2024002", reason="declined")
    assert again.outcome == "repeat" and again.event_id == first.event_id
    roll = {r.number: r for r in roster.attendance.roll(class_session)}
    assert roll["2024002"].repeats == 1 and roll["2024002"].reason == "declined"
    assert roll["2024002"].operator == "admin"
    assert roll["2024001"].status == "expected"
    assert roster.db.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1
    with pytest.raises(BadInput, match="reason"):
        roster.attendance.check_in(admin, class_session, "2024001", reason="because")
    with pytest.raises(Refused, match="not on the list"):
        roster.attendance.check_in(admin, class_session, "2024004", reason="declined")


def test_session_must_be_open(roster: Station, admin: User) -> None:
    sid = roster.sessions.create(admin, kind="class", name="Art", class_name="7A").id
    with pytest.raises(Refused, match="session start"):
        roster.attendance.check_in(admin, sid, "2024002", reason="declined")
    roster.sessions.start(admin, sid)
    roster.sessions.close(admin, sid)
    with pytest.raises(Refused):
        roster.attendance.check_in(admin, sid, "2024002", reason="declined")
    assert {r.status for r in roster.attendance.roll(sid)} == {"absent"}
    with pytest.raises(Refused):
        roster.sessions.start(admin, sid)


def test_face_and_manual_have_equal_standing(roster: Station, admin: User,
                                             class_session: int) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    res = roster.attendance.check_in_templates(admin, class_session, [template_for(1)],
                                               model_version="fake-1")
    assert res.checkins[0].number == "2024002"
    roster.attendance.check_in(admin, class_session, "2024003", reason="not_enrolled")
    roll = {r.number: r for r in roster.attendance.roll(class_session)}
    face, manual = roll["2024002"], roll["2024003"]
    assert face.status == "present_face" and manual.status == "present_manual"
    assert face.score == pytest.approx(0.0, abs=1e-5) and face.model_version == "fake-1"
    assert face.threshold == roster.rule_in_force().threshold  # the one in force
    assert face.flags == manual.flags == ()


def test_matching_uses_only_the_session_list(roster: Station, admin: User,
                                             class_session: int) -> None:
    # C1: 2024004 (class 7B) is enrolled but not matched in a 7A session.
    roster.consent.record(admin, "2024004", by="self")
    roster.enrolment.enrol_template(admin, "2024004", template_for(4))
    res = roster.attendance.check_in_templates(admin, class_session, [template_for(4)],
                                               model_version="fake-1")
    assert res.unknown == 1 and res.checkins == ()


def test_no_face_checkin_without_consent(roster: Station, admin: User, class_session: int) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    roster.db.execute("UPDATE consents SET withdrawn_at = 'x'")  # consent gone, template kept
    res = roster.attendance.check_in_templates(admin, class_session, [template_for(1)],
                                               model_version="fake-1")
    assert res.checkins == ()
    with pytest.raises(Refused, match="no consent"):
        roster.attendance.check_in(admin, class_session, "2024002", method="face", score=0.1,
                                   threshold=0.6)


def test_late_and_corrections_keep_the_original(roster: Station, admin: User) -> None:
    start = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    sid = roster.sessions.create(admin, kind="class", name="PE", class_name="7A",
                                 starts_at=start.isoformat(), late_minutes=10).id
    roster.sessions.start(admin, sid)
    res = roster.attendance.check_in(admin, sid, "2024002", reason="not_recognised")
    assert res.status == "late"
    on_time = start + dt.timedelta(minutes=5)
    assert roster.attendance.check_in(admin, sid, "2024003", reason="declined",
                                      at=on_time).status == "present_manual"
    roster.users.add(admin, "teacher", "operator", "12345678")
    teacher = roster.login("teacher", "12345678")
    roster.attendance.correct(teacher, sid, "2024002", status="present_manual",
                              reason="bus was late, excused")
    row = {r.number: r for r in roster.attendance.roll(sid)}["2024002"]
    assert row.status == "present_manual" and row.recorded_status == "late"
    assert row.correction is not None and row.correction.by == "teacher"
    assert roster.db.execute("SELECT method, reason FROM checkins WHERE id = ?",
                             [res.event_id]).fetchone() == ("manual", "not_recognised")
    with pytest.raises(BadInput):
        roster.attendance.correct(teacher, sid, "2024002", status="present", reason="x")
    assert roster.attendance.summary(sid)["present_manual"] == 2


def test_two_rooms_of_the_same_exam_are_flagged(roster: Station, admin: User,
                                                tmp_path: Path) -> None:
    a = roster.sessions.create(admin, kind="exam", name="Midterm", room="101",
                               candidates=[("2024002", "1"), ("2024004", "2")]).id
    b = roster.sessions.create(admin, kind="exam", name="Midterm", room="102",
                               candidates=[("2024002", "7")]).id
    for sid in (a, b):
        roster.sessions.start(admin, sid)
    assert roster.attendance.check_in(admin, a, "2024002", reason="declined").flags == []
    second = roster.attendance.check_in(admin, b, "2024002", reason="declined")
    assert second.flags == [f"also_in_session:{a}"] and "101" in second.messages[0].en
    assert [c.seat for c in roster.sessions.candidates(a)] == ["1", "2"]
    li, zhang = roster.people.get("2024002").id, roster.people.get("2024004").id
    others = roster.attendance.other_rooms(b)
    assert others["on_list"] == {li: a, zhang: a} and others["checked_in"] == {li: a}


def test_legal_basis(roster: Station, admin: User) -> None:
    exam = roster.sessions.create(admin, kind="exam", name="Zhongkao", room="1",
                                  candidates=[("2024004", "1")])
    assert exam.legal_basis == "consent"
    roster.users.add(admin, "inv", "operator", "12345678")
    with pytest.raises(Refused):
        roster.sessions.set_legal_basis(roster.login("inv", "12345678"), exam.id, "statutory",
                                        "Exam law")
    with pytest.raises(Refused):
        roster.sessions.set_legal_basis(admin, exam.id, "statutory", "")
    s = roster.sessions.set_legal_basis(admin, exam.id, "statutory",
                                        "Provincial Examinations Authority rules art. 12")
    assert s.legal_basis == "statutory" and s.legal_basis_by == "admin"
    klass = roster.sessions.create(admin, kind="class", name="x", class_name="7A")
    with pytest.raises(Refused):
        roster.sessions.set_legal_basis(admin, klass.id, "statutory", "no")


def test_statutory_exam_matches_without_consent(roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024004", by="self")
    roster.enrolment.enrol_template(admin, "2024004", template_for(4))
    roster.db.execute("UPDATE consents SET withdrawn_at = 'x'")
    sid = roster.sessions.create(admin, kind="exam", name="Gaokao", room="1",
                                 candidates=[("2024004", "1")]).id
    roster.sessions.set_legal_basis(admin, sid, "statutory",
                                    "Ministry of Education national exam rules art. 5")
    roster.sessions.start(admin, sid)
    res = roster.attendance.check_in_templates(admin, sid, [template_for(4) + np.float32(0.01)],
                                               model_version="fake-1")
    assert res.checkins[0].number == "2024004"


def test_withdrawn_person_is_no_longer_matched(roster: Station, admin: User,
                                               class_session: int) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    assert len(session_gallery(roster.attendance, class_session).gallery) == 1
    roster.consent.withdraw(admin, "2024002")
    res = roster.attendance.check_in_templates(admin, class_session, [template_for(1)],
                                               model_version="fake-1")
    assert res.checkins == () and res.unknown == 1
    # The alternative still works (C6).
    assert roster.attendance.check_in(admin, class_session, "2024002",
                                      reason="no_consent").status == "present_manual"


def test_ambiguous_face_is_left_to_a_person(roster: Station, admin: User,
                                            class_session: int) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.consent.record(admin, "2024003", by="guardian", relationship="father",
                          evidence="slip 3")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    roster.enrolment.enrol_template(admin, "2024003", template_for(1) + np.float32(0.002))
    res = roster.attendance.check_in_templates(admin, class_session, [template_for(1)],
                                               model_version="fake-1")
    assert res.checkins == ()
    assert sorted(res.ambiguous[0].candidates) == ["2024002", "2024003"]


def test_unknown_session_ids_are_bad_input(roster: Station) -> None:
    for bad in (999, "999", "abc", None):
        with pytest.raises(BadInput, match="No session") as exc:
            roster.sessions.get(bad)  # type: ignore[arg-type]
        assert "session list" in exc.value.text.en and "场次" in exc.value.text.zh


def test_reasons_are_one_shared_definition_with_labels_in_both_languages() -> None:
    from headcount.attendance import checkin
    from headcount.attendance.reasons import REASON_LABELS, REASONS, reason_label
    from headcount.cli import build_parser

    assert checkin.REASONS is REASONS
    assert REASONS == ("declined", "not_enrolled", "not_recognised", "camera_fault",
                       "no_consent")
    for code in REASONS:
        label = REASON_LABELS[code]
        assert label.en and label.zh and label.en != label.zh
        assert reason_label(code) is label
    assert reason_label("old_code").en == "old_code"
    parser = build_parser()  # the CLI's --reason choices are the same codes
    for code in REASONS:
        assert parser.parse_args(["checkin", "1", "7", "--manual", "--reason", code]).reason \
            == code
    with pytest.raises(SystemExit):
        parser.parse_args(["checkin", "1", "7", "--manual", "--reason", "lazy"])


def test_video_check_in_reports_each_doubt_once(roster: Station, admin: User,
                                                tmp_path: Path) -> None:
    """``checkin --video`` (Station.check_in_video): a person is checked in once however
    many frames show them; a face close to two people and another room's candidate are
    reported (once each), never recorded."""
    import cv2

    from station_fixtures import image_for

    roster.consent.record(admin, "2024002", by="self")
    roster.consent.record(admin, "2024004", by="self")
    for number in ("2024001", "2024003"):
        roster.consent.record(admin, number, by="guardian", relationship="mother",
                              evidence="slip")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    roster.enrolment.enrol_template(admin, "2024003", template_for(1) + np.float32(0.002))
    roster.enrolment.enrol_template(admin, "2024004", template_for(4))
    roster.enrolment.enrol_template(admin, "2024001", template_for(7))
    room1 = roster.sessions.create(admin, kind="exam", name="Final", room="1", candidates=[
        ("2024001", "1"), ("2024002", "2"), ("2024003", "3")]).id
    roster.sessions.create(admin, kind="exam", name="Final", room="2",
                           candidates=[("2024004", "1")])
    roster.sessions.start(admin, room1)
    video = tmp_path / "door.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"FFV1"), 5, (64, 64))
    for seed in (1, 1, 4, 4, 7, 7, 1, 4):
        frame = cv2.resize(image_for(seed), (64, 64), interpolation=cv2.INTER_NEAREST)
        writer.write(frame[:, :, ::-1].copy())
    writer.release()

    done = roster.check_in_video(admin, room1, video)
    assert (done.frames, done.faces, done.unknown) == (8, 8, 0)
    assert [c.number for c in done.checkins] == ["2024001"]
    assert [sorted(a.candidates) for a in done.ambiguous] == [["2024002", "2024003"]]
    assert [e.number for e in done.elsewhere] == ["2024004"]
    out = done.as_dict()
    assert out["frames"] == 8 and out["elsewhere"][0]["number"] == "2024004"
    assert len(out["ambiguous"]) == 1 and len(out["checkins"]) == 1
    assert {r.number for r in roster.attendance.roll(room1) if r.time} == {"2024001"}
    # Every other frame: half the frames, the same outcome.
    assert roster.check_in_video(admin, room1, video, every=2).frames == 4
