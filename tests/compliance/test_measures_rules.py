"""The Measures read article by article (issue 12, "Wrong or missing in law"): filing
(art. 15), statutory basis, impact assessment (art. 9), written guardian consent (art. 7),
material notice changes (art. 5), retention without use (art. 8), classroom faces and
sessions without camera (art. 10), and the school-wide filing count."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from headcount.compliance.filing import FILING_LEVEL, add_working_days
from headcount.compliance.filing_school import sign_count
from headcount.compliance.notice_change import refused_terms
from headcount.errors import BadInput, Refused
from headcount.station import Station
from headcount.store.users import User
from station_fixtures import template_for

VALID_CODE = "91350100M000100Y43"  # a published example with a correct check character


# --- a. filing (art. 15) --------------------------------------------------------------
def test_credit_code_is_validated(roster: Station, admin: User) -> None:
    with pytest.raises(BadInput, match="check character"):
        roster.set_settings(admin, school_credit_code="91350100M000100Y44")
    with pytest.raises(BadInput, match="18-character"):
        roster.set_settings(admin, school_credit_code="op-pass-1234")
    assert roster.set_settings(admin, school_credit_code=VALID_CODE)[
        "school_credit_code"] == VALID_CODE


def test_working_days_skip_weekends() -> None:
    friday = dt.date(2026, 12, 4)
    assert add_working_days(friday, 1) == dt.date(2026, 12, 7)
    assert add_working_days(friday, 30) == dt.date(2027, 1, 15)


def test_filing_names_the_provincial_authority_deadline_and_day_reached(
        roster: Station, admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    status = roster.filing.status().as_dict()  # as `filing status --json` prints it
    assert status["threshold_reached_on"] is None and status["deadline"] is None
    assert "省级以上网信部门" in status["authority"]["zh"]
    monkeypatch.setattr(roster.templates, "distinct_people", lambda: FILING_LEVEL)
    assert roster.filing.status().deadline == add_working_days(dt.date.today(), 30)
    status = roster.filing.status().as_dict()
    today = dt.date.today()
    assert status["level"] == "filing_required"
    assert status["threshold_reached_on"] == today.isoformat()
    assert status["deadline"] == add_working_days(today, 30).isoformat()
    assert "省级以上网信部门" in status["message"]["zh"] and "市级" not in str(status)
    assert "注销" in status["changes"]["zh"]
    # The day stays recorded, once, even when the count later falls.
    monkeypatch.setattr(roster.templates, "distinct_people", lambda: 5)
    assert roster.filing.status().threshold_reached_on == today
    assert len(roster.audit.entries(action="filing_threshold_reached")) == 1


def test_filing_and_pia_documents_print_the_credit_code_and_authority(
        roster: Station, admin: User) -> None:
    import io
    import re

    import pypdf

    from headcount.reports import filing_report, pia_report
    from headcount.reports import from_station as fs
    from headcount.reports import from_station_records as records

    def text(rendered: object) -> str:
        reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))  # type: ignore[attr-defined]
        return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))

    roster.set_settings(admin, school_credit_code=VALID_CODE)
    for lang in ("zh", "en"):
        ftext = text(filing_report(records.filing(roster, roster.filing.export(admin), lang=lang),
                                   fs.school(roster), lang=lang))
        ptext = text(pia_report(records.pia(roster), fs.school(roster), lang=lang))
        assert VALID_CODE in ftext and VALID_CODE in ptext
        if lang == "zh":
            assert "省级以上网信部门" in ftext and "市级" not in ftext
            assert "第九条" in ptext and "尚未记录" in ptext
        else:
            assert "provincial-levelorhighercyberspace" in ftext


# --- b. statutory basis -----------------------------------------------------------------
def test_statutory_basis_names_a_rule_and_is_fixed_at_the_first_checkin(
        roster: Station, admin: User) -> None:
    exam = roster.sessions.create(admin, kind="exam", name="期末考试", room="1",
                                  candidates=[("2024004", "1"), ("2024002", "2")])
    for weak in ("期末考试", "学校期末考试规定", "National exam rules"):
        with pytest.raises(Refused, match="law or an exam authority"):
            roster.sessions.set_legal_basis(admin, exam.id, "statutory", weak)
    s = roster.sessions.set_legal_basis(admin, exam.id, "statutory",
                                        "《国家教育考试违规处理办法》第五条")
    assert s.legal_basis == "statutory" and s.legal_basis_by == "admin"
    roster.sessions.start(admin, exam.id)
    roster.attendance.check_in(admin, exam.id, "2024004", reason="declined")
    with pytest.raises(Refused, match="first check-in"):
        roster.sessions.set_legal_basis(admin, exam.id, "consent")
    with pytest.raises(Refused, match="first check-in"):
        roster.sessions.set_legal_basis(admin, exam.id, "statutory", "《教育法》第二十二条")
    assert roster.sessions.get(exam.id).legal_basis == "statutory"


# --- c. impact assessment (art. 9) ------------------------------------------------------
def test_enrolment_warns_until_an_assessment_is_recorded(roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    out = roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    assert out.stored and any("第九条" in m.zh for m in out.messages)
    roster.users.add(admin, "op", "operator", "op-pass-1234")
    with pytest.raises(Refused):
        roster.assessment.record(roster.login("op", "op-pass-1234"))
    with pytest.raises(BadInput):
        roster.assessment.record(admin, done_on=dt.date.today() + dt.timedelta(days=1))
    done = roster.assessment.record(admin, done_on=dt.date(2026, 11, 30))
    assert done.on == dt.date(2026, 11, 30) and roster.assessment.last() == done
    assert roster.assessment.done_on() == dt.date(2026, 11, 30)
    assert roster.audit.entries(action="pia_record")[0].actor == "admin"
    out = roster.enrolment.enrol_template(admin, "2024002", template_for(2))
    assert not any("第九条" in m.zh for m in out.messages)
    roster.assessment.note_calibration(admin, {"threshold": 0.6, "search_people": 45,
                                               "search_fmr": 0.0012})
    from headcount.reports import from_station_records as records

    pia = records.pia(roster)
    assert pia.done_on == dt.date(2026, 11, 30)
    assert "0.12%" in str(pia.false_match.en)  # type: ignore[union-attr]


# --- d. written guardian consent --------------------------------------------------------
def test_guardian_consent_is_written_with_its_evidence(roster: Station, admin: User) -> None:
    with pytest.raises(Refused, match="writing"):
        roster.consent.record(admin, "2024001", by="guardian", relationship="mother",
                              method="screen", evidence="slip 12")
    with pytest.raises(BadInput, match="evidence"):
        roster.consent.record(admin, "2024001", by="guardian", relationship="mother")
    rec = roster.consent.record(admin, "2024001", by="guardian", relationship="mother",
                                evidence="slip 2024-7A-01")
    assert rec.method == "slip" and rec.evidence == "slip 2024-7A-01"
    assert roster.consent_view(admin, "2024001").consents[0].evidence == \
        "slip 2024-7A-01"
    assert roster.person_summary("2024001").consent.evidence == "slip 2024-7A-01"


# --- e. material notice changes ---------------------------------------------------------
def test_material_change_stops_matching_until_consent_is_renewed(
        roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.consent.record(admin, "2024004", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    sid = roster.sessions.create(admin, kind="class", name="P1", class_name="7A").id
    roster.sessions.start(admin, sid)
    # A minor edit (contact), marked so by an administrator: consents stay valid.
    roster.notice.update(admin, {"processor_contact": "教务处 010-2222"}, minor="phone number")
    assert roster.consent.needing_renewal() == []
    assert roster.audit.entries(action="notice_publish")[0].details["minor_reason"] == \
        "phone number"
    with pytest.raises(Refused, match="material"):
        roster.notice.update(admin, {"retention": "1 year"}, minor="just a tweak")
    # A change to the retention is material: everyone before it must renew.
    roster.notice.update(admin, {"retention": "Templates: 20 days after the last session."})
    renew = {roster.people.by_id(i).number for i in roster.consent.needing_renewal()}
    assert renew == {"2024002", "2024004"}
    assert roster.consent.manual_only(roster.people.get("2024002").id)
    res = roster.attendance.check_in_templates(admin, sid, [template_for(1)],
                                               model_version="fake-1")
    assert res.checkins == ()  # no longer matched: manual check instead
    assert [p.number for p in roster.list_people(admin, must_renew=True)] == \
        ["2024002", "2024004"]
    from headcount.reports import from_station as fs

    assert [s.person.number for s in fs.consent_slips(roster, must_renew=True)] == \
        ["2024002", "2024004"]
    with pytest.raises(Refused, match="earlier notice"):
        roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    roster.consent.record(admin, "2024002", by="self")  # renewed on the new version
    assert roster.person_summary("2024002").must_renew_consent is False
    res = roster.attendance.check_in_templates(admin, sid, [template_for(1)],
                                               model_version="fake-1")
    assert [c.number for c in res.checkins] == ["2024002"]


@pytest.mark.parametrize("purpose", ["课堂注意力分析，不作他用", "Classroom attention analysis",
                                     "识别学生情绪", "behaviour analysis in class, not else"])
def test_purpose_refused_by_rule_c1(roster: Station, admin: User, purpose: str) -> None:
    before = roster.notice.current()
    with pytest.raises(Refused, match="C1"):
        roster.notice.update(admin, {"purpose": purpose})
    assert roster.notice.current() == before


def test_purpose_that_rules_out_c1_analysis_is_fine() -> None:
    assert refused_terms("不进行情绪、注意力或行为分析。") == []
    assert refused_terms("Nothing else: no emotion, attention or behaviour analysis.") == []
    assert refused_terms("课堂注意力分析，不作他用") == ["注意力"]


# --- f. retention without use (art. 8) ------------------------------------------------
def test_unused_templates_expire_after_the_last_session(roster: Station, admin: User) -> None:
    for number, seed in (("2024002", 1), ("2024004", 2)):
        roster.consent.record(admin, number, by="self")
        roster.enrolment.enrol_template(admin, number, template_for(seed))
    sid = roster.sessions.create(admin, kind="class", name="P1", class_name="7A").id
    roster.sessions.start(admin, sid)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    assert roster.retention.due(later)["unused_templates"] == 1  # 2024004: no session
    roster.sessions.close(admin, sid)
    receipt = roster.retention.purge(admin, now=later)
    assert sorted(receipt.unused_people) == ["2024002", "2024004"]
    assert receipt.unused_templates_deleted == 2 and roster.templates.total() == 0
    assert roster.receipts.list("purge")[-1]["unused_people"]
    from headcount.reports import from_station_records as records

    printed = records.purge_receipt(roster, int(receipt.receipt), lang="en")
    assert {i.number for i in printed.items} == {"2024002", "2024004"}
    assert "30 days after the last session" in printed.rule.en  # type: ignore[union-attr]
    text = roster.notice.current().fields["retention"]  # type: ignore[union-attr]
    assert "30 days after your last session" in text.en
    assert "最后一次参加场次" in text.zh


def test_a_planned_session_keeps_its_candidates_templates(roster: Station,
                                                          admin: User) -> None:
    roster.consent.record(admin, "2024004", by="self")
    roster.enrolment.enrol_template(admin, "2024004", template_for(2))
    soon = (dt.datetime.now() + dt.timedelta(days=40)).replace(microsecond=0).isoformat()
    roster.sessions.create(admin, kind="exam", name="Zhongkao", room="1", starts_at=soon,
                           candidates=[("2024004", "1")])
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=35)
    assert roster.retention.purge(admin, now=later).unused_templates_deleted == 0


# --- g. classroom faces of people who declined; sessions without camera ---------------
def test_an_unmatched_face_leaves_nothing_stored(roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    sid = roster.sessions.create(admin, kind="class", name="P1", class_name="7A").id
    roster.sessions.start(admin, sid)
    tables = [r[0] for r in roster.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    before = {t: roster.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
              for t in tables}
    stranger = template_for(99)  # someone who declined: not in any gallery
    res = roster.attendance.check_in_templates(admin, sid, [stranger], model_version="f")
    assert res.unknown == 1 and res.checkins == ()
    after = {t: roster.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
             for t in tables}
    grew = {t for t in tables if after[t] != before[t]}
    assert grew <= {"audit"}, grew
    roster.db.conn.commit()
    raw = b"".join(p.read_bytes() for p in roster.data_dir.iterdir() if p.is_file())
    assert stranger.tobytes()[:64] not in raw
    assert f"{float(stranger[0]):.6f}" not in raw.decode("latin-1")
    notice = roster.notice.current().fields["necessity"]  # type: ignore[union-attr]
    assert "discarded within the same frame" in notice.en and "同一帧内丢弃" in notice.zh


def test_teacher_runs_a_class_without_the_camera(roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    sid = roster.sessions.create(admin, kind="class", name="P1", class_name="7A").id
    roster.users.add(admin, "teacher", "operator", "op-pass-1234")
    teacher = roster.login("teacher", "op-pass-1234")
    assert roster.sessions.set_camera(teacher, sid, on=False).camera_off
    roster.sessions.start(teacher, sid)
    res = roster.attendance.check_in_templates(teacher, sid, [template_for(1)],
                                               model_version="f")
    assert res.checkins == () and res.unknown == 1
    with pytest.raises(Refused, match="without the camera"):
        roster.attendance.check_in(teacher, sid, "2024002", method="face", score=0.1,
                                   threshold=0.6, model_version="f")
    roster.attendance.check_in(teacher, sid, "2024002", reason="declined")
    assert roster.audit.entries(action="session_camera")[0].actor == "teacher"


# --- h. the school's count across stations --------------------------------------------
def test_filing_warning_uses_the_school_sum(roster: Station, admin: User,
                                            tmp_path: Path) -> None:
    other_key = bytes(range(32))
    signed = sign_count(other_key, station_id="b" * 32, school="Test Middle School",
                        credit_code=VALID_CODE, count=79_999)
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    assert roster.filing.status().level == "ok"
    forged = {**signed.as_dict(), "people_with_facial_data": 9}
    with pytest.raises(BadInput, match="changed after signing"):
        roster.school_counts.import_count(admin, forged)
    roster.users.add(admin, "op", "operator", "op-pass-1234")
    with pytest.raises(Refused):
        roster.school_counts.import_count(roster.login("op", "op-pass-1234"),
                                          signed.as_dict())
    roster.school_counts.import_count(admin, signed.as_dict())
    status = roster.filing.status()
    assert status.people_with_facial_data == 80_000 and status.level == "warning"
    assert status.this_station == 1 and status.other_stations == 1
    impostor = sign_count(bytes(32), station_id="b" * 32, school="x", credit_code="",
                          count=1)
    with pytest.raises(Refused, match="another key"):
        roster.school_counts.import_count(admin, impostor.as_dict())
    own = roster.signed_filing_count()
    with pytest.raises(Refused, match="own count"):
        roster.school_counts.import_count(admin, json.loads(json.dumps(own.as_dict())))
    assert own.people_with_facial_data == 1  # its own only, never the sum
    np.testing.assert_equal(roster.templates.total(), 1)


def test_filing_document_prints_the_school_total(roster: Station, admin: User) -> None:
    from headcount.reports import from_station_records as records

    signed = sign_count(bytes(range(32)), station_id="c" * 32, school="Test Middle School",
                        credit_code="", count=1234)
    roster.school_counts.import_count(admin, signed.as_dict())
    data = records.filing(roster, roster.filing.export(admin), lang="en")
    assert data.extra["People with facial data, whole school (1 other stations)"] == "1234"


def test_the_day_100000_is_reached_is_recorded_by_the_enrolment(
        roster: Station, admin: User) -> None:
    signed = sign_count(bytes(range(32)), station_id="d" * 32, school="Test Middle School",
                        credit_code="", count=FILING_LEVEL - 1)
    roster.import_filing_count(admin, signed.as_dict())
    assert roster.db.execute("SELECT count(*) FROM meta WHERE key ="
                             " 'filing_threshold_reached_on'").fetchone()[0] == 0
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))  # the 100,000th
    row = roster.db.execute("SELECT value FROM meta WHERE key ="
                            " 'filing_threshold_reached_on'").fetchone()
    assert row[0] == dt.date.today().isoformat()


def test_cli_signs_and_imports_counts(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = hc("filing", "status", "--signed-out", str(tmp_path / "mine.json"))
    assert code == 0 and out["signed_out"].endswith("mine.json")
    assert hc("filing", "import", str(tmp_path / "mine.json"))[0] == 1  # its own count
    other = sign_count(bytes(range(32)), station_id="e" * 32, school="x", credit_code="",
                       count=FILING_LEVEL)
    (tmp_path / "other.json").write_text(json.dumps(other.as_dict()), encoding="utf-8")
    code, out = hc("filing", "import", str(tmp_path / "other.json"))
    assert code == 0 and out["school_total_others"] == FILING_LEVEL
    code, out = hc("filing", "status")
    assert out["level"] == "filing_required" and out["deadline"]
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    assert hc("filing", "import", str(tmp_path / "bad.json"))[0] == 2
    code, out = hc("assessment", "record", "--date", "2026-12-01")
    assert code == 0 and out["on"] == "2026-12-01"
    assert hc("assessment", "record", "--date", "yesterday")[0] == 2
