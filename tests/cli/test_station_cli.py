"""The station CLI, in-process, on tmp data folders (fixed forms from issue 3)."""

import json
from pathlib import Path

import cv2
import pytest

import station_fixtures as fx
from station_fixtures import image_for

# The shared CLI fixtures (tests/station_fixtures.py), registered for this module.
hc, roster_file = fx.hc, fx.cli_roster_file


def test_init_twice_is_bad_input(hc) -> None:  # type: ignore[no-untyped-def]
    code, out = hc("init", "--school", "x", "--contact", "y", "--admin", "z")
    assert code == 2 and "already" in out["error"]


def test_notice_set_and_show(hc) -> None:  # type: ignore[no-untyped-def]
    code, out = hc("notice", "show")
    assert code == 0 and out["complete"] and out["fields"]["processor_name"]["zh"] == "测试中学"
    code, out = hc("notice", "set", "purpose=考勤", "alternative.en=")
    assert code == 0 and out["version"] == 2 and out["missing"] == ["alternative"]
    code, out = hc("notice", "set", "colour=red")
    assert code == 2


def test_full_day(hc, roster_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = hc("roster", "import", str(roster_file))
    assert code == 0 and out["inserted"] == 4
    code, out = hc("people", "list")
    assert [p["number"] for p in out["people"]] == ["2024001", "2024002", "2024003", "2024004"]
    # Under-14 with own consent: refused (exit 1); with guardian: recorded.
    assert hc("consent", "record", "2024001", "--by", "self")[0] == 1
    # A guardian consents in writing: on screen refused (exit 1); the slip number kept.
    assert hc("consent", "record", "2024001", "--by", "guardian", "--relationship",
              "mother", "--method", "screen", "--evidence", "slip 1")[0] == 1
    code, out = hc("consent", "record", "2024001", "--by", "guardian", "--relationship",
                   "mother", "--evidence", "slip 1")
    assert code == 0 and out["guardian_name"] == "Wang Fang" and out["evidence"] == "slip 1"
    # Enrol without consent: refused; with consent: stored.
    photo = tmp_path / "p.png"
    cv2.imwrite(str(photo), image_for(31)[:, :, ::-1])
    assert hc("enrol", "2024002", str(photo))[0] == 1
    code, out = hc("enrol", "2024001", str(photo))
    assert code == 0 and out["stored"] == 1
    assert hc("people", "show", "2024001")[1]["templates"] == 1
    # A class session, a face check-in from an image and a manual one.
    code, out = hc("session", "create", "--kind", "class", "--name", "Maths", "--class", "7A")
    sid = str(out["session"])
    assert code == 0 and out["candidates"] == 3
    assert hc("checkin", sid, "2024002", "--manual", "--reason", "declined")[0] == 1  # planned
    assert hc("session", "start", sid)[0] == 0
    # --propose: the roll call's proposal, nothing recorded (issue 9).
    code, out = hc("checkin", sid, "--image", str(photo), "--propose")
    assert code == 0 and [m["number"] for m in out["matches"]] == ["2024001"]
    assert out["recorded"] == 0 and out["awaiting_confirmation"] == 1
    assert "nothing was recorded" in out["note"]["en"] and "未记录" in out["note"]["zh"]
    assert hc("session", "show", sid)[1]["summary"]["present_face"] == 0
    # Without it, the unattended path: recorded at once, and it says so.
    code, out = hc("checkin", sid, "--image", str(photo))
    assert code == 0 and out["checkins"][0]["number"] == "2024001"
    assert out["unattended"] is True and "without a person confirming" in out["note"]["en"]
    code, text = hc("--lang", "zh", "checkin", sid, "--image", str(photo), as_json=False)
    assert "无人值守签到" in text
    code, out = hc("checkin", sid, "2024002", "--manual", "--reason", "declined")
    assert code == 0 and out["status"] == "present_manual"
    assert hc("checkin", sid, "2024002", "--manual", "--reason", "declined")[1]["outcome"] \
        == "repeat"
    code, out = hc("session", "show", sid)
    assert out["summary"]["present_face"] == 1 and out["summary"]["present_manual"] == 1
    assert hc("session", "close", sid)[0] == 0
    # Withdrawal: templates gone, receipt, manual only.
    code, out = hc("consent", "withdraw", "2024001")
    assert code == 0 and out["templates_deleted"] == 1
    code, out = hc("consent", "show", "2024001")
    assert out["manual_only"] and out["templates"] == 0
    # Exports, audit, filing, purge.
    assert hc("people", "export", "2024002", "--out", str(tmp_path / "p.json"))[0] == 0
    assert json.loads((tmp_path / "p.json").read_text())["person"]["name"] == "Li Lei"
    assert hc("filing", "export", "--out", str(tmp_path / "f.json"))[0] == 0
    assert json.loads((tmp_path / "f.json").read_text())["processor"]["name"] == "测试中学"
    assert hc("filing", "status")[1]["level"] == "ok"
    assert hc("purge")[1]["kind"] == "purge"
    code, out = hc("audit", "verify")
    assert code == 0 and out["ok"]
    actions = {e["action"] for e in hc("audit", "show", "--limit", "200")[1]["entries"]}
    assert {"login", "roster_import", "consent_record", "enrol", "session_create", "checkin",
            "consent_withdraw", "person_export", "filing_export", "purge"} <= actions
    assert hc("people", "delete", "2024002")[1]["person_deleted"] is True


def test_exam_with_candidate_file_and_text_output(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exam = tmp_path / "room101.csv"
    exam.write_text("考号,姓名,座位号\nE1,甲,1\nE2,乙,2\n", encoding="utf-8-sig")
    code, out = hc("session", "create", "--kind", "exam", "--name", "期中", "--room", "101",
                   "--roster", str(exam), as_json=False)
    assert code == 0 and out.isdigit()
    assert hc("session", "basis", out, "--statutory", "省考试条例第12条")[1]["legal_basis"] \
        == "statutory"
    assert hc("session", "start", out)[0] == 0
    code, text = hc("checkin", out, "E1", "--manual", "--reason", "camera_fault", as_json=False)
    assert code == 0
    code, text = hc("session", "show", out, as_json=False)
    assert "present_manual" in text and "甲" in text


def test_session_show_json_keeps_its_roll_shape(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The roll is typed inside (attendance/roll.py); its JSON is the same row as ever."""
    exam = tmp_path / "room102.csv"
    exam.write_text("考号,姓名,座位号\nE1,甲,1\nE2,乙,2\n", encoding="utf-8-sig")
    sid = hc("session", "create", "--kind", "exam", "--name", "期中", "--room", "102",
             "--roster", str(exam))[1]["session"]
    hc("session", "start", str(sid))
    hc("checkin", str(sid), "E1", "--manual", "--reason", "camera_fault")
    hc("session", "correct", str(sid), "E2", "--status", "absent", "--reason", "ill")
    code, out = hc("session", "show", str(sid))
    assert code == 0
    came, ill = out["roll"]
    assert list(came) == ["person_id", "number", "name", "class_name", "seat", "status",
                          "recorded_status", "method", "time", "score", "threshold",
                          "model_version", "operator", "reason", "repeats", "flags", "event",
                          "correction"]
    assert (came["number"], came["seat"], came["status"], came["method"], came["reason"],
            came["operator"], came["repeats"], came["flags"], came["correction"]) == (
        "E1", "1", "present_manual", "manual", "camera_fault", "boss", 0, [], None)
    assert isinstance(came["event"], int) and came["time"]
    assert ill["status"] == "absent" and ill["method"] is None and ill["flags"] == []
    assert list(ill["correction"]) == ["status", "by", "reason", "at"]
    assert ill["correction"]["by"] == "boss" and ill["correction"]["reason"] == "ill"


def test_roles_and_passwords(hc, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert hc("user", "add", "teacher", "--role", "operator",
              "--new-password", "t-pass-123")[0] == 0
    assert hc("--user", "teacher", "--password", "t-pass-123", "purge")[0] == 1  # wrong role
    assert hc("--user", "teacher", "--password", "t-pass-123", "audit", "verify")[0] == 1
    code, out = hc("--user", "boss", "--password", "wrong", "people", "list")
    assert code == 1 and "Wrong" in out["error"]
    code, out = hc("--user", "teacher", "--password", "t-pass-123", "user", "passwd", "teacher",
                   "--new-password", "t-pass-234")
    assert code == 0
    assert hc("--user", "teacher", "--password", "t-pass-234", "people", "list")[0] == 0
    # With two users, --user is needed.
    assert hc("people", "list")[0] == 2


def test_bad_import_rows_reported(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text("学号,姓名,出生日期\n1,甲,2012-13-40\n2,乙,2012-01-01\n", encoding="gbk")
    code, out = hc("roster", "import", str(bad))
    assert code == 0 and out["inserted"] == 1 and out["errors"][0]["row"] == 2
    assert out["errors"][0]["zh"]
    assert hc("roster", "import", str(tmp_path / "missing.csv"))[0] == 2


def test_audit_verify_detects_tampering(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    conn = sqlite3.connect(tmp_path / "st" / "headcount.db")
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET actor = 'mallory' WHERE id = 2")
    conn.commit()
    conn.close()
    code, out = hc("audit", "verify")
    assert code == 1 and out["ok"] is False and out["first_bad_id"] == 2


def test_video_checkin_and_incident_export(hc, roster_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hc("roster", "import", str(roster_file))
    hc("consent", "record", "2024002", "--by", "self")
    photo = tmp_path / "p.png"
    cv2.imwrite(str(photo), image_for(44)[:, :, ::-1])
    assert hc("enrol", "2024002", str(photo))[0] == 0
    video = tmp_path / "door.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"FFV1"), 5, (64, 64))
    frame = cv2.resize(image_for(44), (64, 64), interpolation=cv2.INTER_NEAREST)
    for _ in range(12):
        writer.write(frame[:, :, ::-1].copy())
    writer.release()
    code, out = hc("session", "create", "--kind", "exam", "--name", "Quiz", "--room", "1",
                   "--numbers", "2024002,2024004")
    sid = str(out["session"])
    hc("session", "start", sid)
    code, out = hc("checkin", sid, "--video", str(video), "--every", "4")
    assert code == 0 and out["frames"] == 3
    assert [c["number"] for c in out["checkins"]] == ["2024002"]  # once, not per frame
    code, out = hc("audit", "incident", "--out", str(tmp_path / "inc.json"))
    assert code == 0 and out["people"] == 4 and out["with_facial_data"] == 1


def test_every_read_of_personal_data_is_audited_once(hc, roster_file: Path) -> None:  # type: ignore[no-untyped-def]
    """C10: ``people list``, ``consent show`` and ``session show`` record who read what,
    one row per command however many people were on it."""
    assert hc("roster", "import", str(roster_file))[0] == 0
    assert hc("consent", "record", "2024002", "--by", "self")[0] == 0
    sid = str(hc("session", "create", "--kind", "class", "--name", "M",
                 "--class", "7A")[1]["session"])

    def reads() -> list[dict]:
        entries = hc("audit", "show", "--limit", "500")[1]["entries"]
        return [e for e in entries if e["action"] in ("people_list", "consent_view",
                                                      "session_view")]

    before = len(reads())
    code, out = hc("people", "list", "--class", "7A")
    assert code == 0 and len(out["people"]) == 3
    code, out = hc("consent", "show", "2024002")
    assert code == 0 and out["consents"][0]["given_by"] == "self"
    code, out = hc("session", "show", sid)
    assert code == 0 and len(out["roll"]) == 3
    rows = reads()
    assert len(rows) == before + 3  # one per command, not one per person
    session, consent, people = rows[0], rows[1], rows[2]  # newest first
    assert all(r["actor"] == "boss" for r in (session, consent, people))
    assert people["details"]["rows"] == 3 and people["details"]["class"] == "7A"
    assert people["details"]["numbers"] == ["2024001", "2024002", "2024003"]
    assert consent["subject"] == "2024002"
    assert session["subject"] == f"session:{sid}" and session["details"]["rows"] == 3
    code, out = hc("people", "list", "--search", "Li Lei")
    assert code == 0 and reads()[0]["details"]["search"] is True
    assert "Li Lei" not in json.dumps(reads()[0], ensure_ascii=False)


def test_messages_follow_the_station_language_when_the_locale_is_neither(
        hc, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from headcount.i18n import set_fallback_language, system_language

    monkeypatch.delenv("HEADCOUNT_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    try:
        for neither in ("C.UTF-8", "POSIX", "de_DE.UTF-8"):
            monkeypatch.setenv("LANG", neither)
            set_fallback_language(None)
            code, out = hc("session", "show", "999")  # a zh station (the default)
            assert code == 2 and "没有编号为 999 的场次" in out["error"], neither
        assert hc("settings", "set", "default_language=en")[0] == 0
        code, out = hc("session", "show", "999")
        assert code == 2 and "No session 999" in out["error"]
        # A Chinese or English locale still wins over the station's default.
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        code, out = hc("session", "show", "999")
        assert "没有编号为 999 的场次" in out["error"]
        monkeypatch.setenv("LANG", "C.UTF-8")
        set_fallback_language(None)
        assert system_language() == "en"  # no station open: English
    finally:
        set_fallback_language(None)
