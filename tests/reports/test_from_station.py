"""The documents filled from a real station (tmp_path), through the adapters and the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pypdf
import pytest
from reports_pdf import assert_contains, flat

from headcount.cli import main
from headcount.reports import from_station as fs
from headcount.reports import from_station_records as records
from headcount.reports.text import tr
from headcount.station import Station
from headcount.store.users import User
from station_fixtures import PASSWORD, template_for


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


@pytest.fixture
def day(roster: Station, admin: User) -> tuple[Station, int]:
    """A closed 7A class session: 2024002 by face, 2024001 manually (declined), 2024003
    absent then corrected to present."""
    st = roster
    st.consent.record(admin, "2024002", by="self")
    st.consent.record(admin, "2024001", by="guardian", guardian_name="Wang Fang",
                      relationship="mother", evidence="slip 1")
    st.enrolment.enrol_template(admin, "2024002", template_for(2))
    sid = st.sessions.create(admin, kind="class", name="Maths", class_name="7A",
                             teacher="Teacher Zhou").id
    st.sessions.start(admin, sid)
    st.attendance.check_in(admin, sid, "2024002", method="face", score=0.3, threshold=0.6)
    st.attendance.check_in(admin, sid, "2024001", method="manual", reason="declined")
    st.sessions.close(admin, sid)
    st.attendance.correct(admin, sid, "2024003", status="present_manual",
                          reason="Came back from the nurse")
    return st, sid


def _cli(station: Station, *argv: str) -> int:
    return main(["--data-dir", str(station.data_dir), "--user", "admin", "--password", PASSWORD,
                 *argv])


def test_sheet_from_station_keeps_manual_reasons_off_paper(day: tuple[Station, int]) -> None:
    st, sid = day
    sheet = fs.attendance_sheet(st, sid, lang="en")
    rows = {r.number: r for r in sheet.rows}
    assert rows["2024002"].method == "face" and rows["2024002"].status == "present"
    assert rows["2024001"].method == "manual" and rows["2024001"].status == "present"
    assert rows["2024001"].reason == ""  # "declined" is never printed (C7)
    assert rows["2024003"].status == "present" and rows["2024003"].reason
    assert sheet.invigilators == ("Teacher Zhou",)  # a class's teacher signs its report
    assert "admin" in sheet.operators and "admin" not in sheet.invigilators
    (fix,) = [i for i in sheet.incidents if i.kind == "correction"]
    assert fix.by == "admin" and fix.why == "Came back from the nurse"
    assert sheet.title == "7A Maths" and sheet.legal_basis == "consent"


def test_cli_prints_every_document(day: tuple[Station, int], tmp_path: Path) -> None:
    st, sid = day
    out = tmp_path / "out"
    receipt = st.consent.withdraw(st.login("admin", PASSWORD), "2024002").receipt
    runs = {
        "notice.pdf": ["print", "notice"],
        "sign.pdf": ["print", "sign"],
        "children.pdf": ["print", "children-rules"],
        "consent1.pdf": ["print", "consent", "2024001"],
        "consent7a.pdf": ["print", "consent", "--class", "7A"],
        "report.pdf": ["print", "report", str(sid)],
        "term.pdf": ["print", "term", "--class", "7A", "--from", "2000-01-01",
                     "--to", "2100-01-01"],
        "pia.pdf": ["print", "pia"],
        "filing.pdf": ["print", "filing"],
        "receipt.pdf": ["print", "receipt", str(receipt)],
    }
    for name, argv in runs.items():
        assert _cli(st, "--lang", "en", *argv, "--out", str(out / name)) == 0, name
        assert (out / name).read_bytes().startswith(b"%PDF")
    notice = st.notice.current()
    assert notice is not None
    text = _pdf_text(out / "notice.pdf")
    assert_contains(text, *(f.en for f in notice.fields.values()),
                    tr("notice_version", "en", version=notice.version))
    assert_contains(_pdf_text(out / "sign.pdf"), notice.fields["alternative"].en)
    assert len(pypdf.PdfReader(out / "consent7a.pdf").pages) == 3
    consent = _pdf_text(out / "consent1.pdf")
    assert_contains(consent, "Wang Xiaoming", tr("consent_sign_guardian", "en"))
    report = _pdf_text(out / "report.pdf")
    assert_contains(report, "Wang Xiaoming", "Li Lei", "Han Meimei", "Came back from the nurse")
    assert "declined" not in report
    assert_contains(_pdf_text(out / "term.pdf"), "Han Meimei", "100.0%")
    assert_contains(_pdf_text(out / "pia.pdf"), tr("pia_c_withdrawals", "en") + "1")
    assert_contains(_pdf_text(out / "filing.pdf"), "Test Middle School")
    assert_contains(_pdf_text(out / "receipt.pdf"), "Li Lei", "2024002",
                    tr("deletion_after", "en"))
    printed = [e.subject for e in st.audit.entries(action="print")]
    assert f"report:session:{sid}" in printed and "notice" not in printed  # no personal data


def test_cli_exports_attendance(day: tuple[Station, int], tmp_path: Path) -> None:
    st, sid = day
    assert _cli(st, "export", "attendance", str(sid), "--format", "csv",
                "--out", str(tmp_path / "a.csv"), "--lang", "zh") == 0
    data = (tmp_path / "a.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == tr("col_seat", "zh") and len(rows) == 4
    methods = {r[1]: r[5] for r in rows[1:]}
    assert methods == {"2024001": "人工", "2024002": "人脸", "2024003": ""}
    assert _cli(st, "export", "attendance", str(sid), "--format", "xlsx",
                "--out", str(tmp_path / "a.xlsx")) == 0
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert wb.active is not None and wb.active.max_row == 4
    assert st.audit.entries(action="export_attendance")


def test_personal_documents_need_a_user_and_incomplete_notices_are_refused(
        roster: Station, admin: User, tmp_path: Path) -> None:
    out = str(tmp_path / "x.pdf")
    assert main(["--data-dir", str(roster.data_dir), "print", "consent", "--class", "7A",
                 "--out", out]) == 2
    assert main(["--data-dir", str(roster.data_dir), "--user", "admin", "--password", "wrong",
                 "print", "pia", "--out", out]) == 1
    roster.notice.update(admin, {"alternative.en": ""})
    assert main(["--data-dir", str(roster.data_dir), "print", "notice", "--out", out]) == 1
    assert not Path(out).exists()


def test_purge_receipt_and_term_range(day: tuple[Station, int], tmp_path: Path) -> None:
    st, _ = day
    admin = st.login("admin", PASSWORD)
    st.people.mark_left(admin, "2024002", at="2000-01-01T00:00:00+00:00")
    receipt = st.retention.purge(admin)
    data = records.purge_receipt(st, receipt.receipt, lang="en")
    assert [i.number for i in data.items] == ["2024002"] and data.templates_total == 1
    assert _cli(st, "print", "receipt", str(receipt.receipt),
                "--out", str(tmp_path / "p.pdf")) == 0
    assert "2024002" in flat(_pdf_text(tmp_path / "p.pdf"))
    empty = fs.term(st, "7A", dt.date(2000, 1, 1), dt.date(2000, 2, 1))
    assert empty.classes[0].days == () and all(s.sessions == 0 for s in empty.classes[0].students)


def test_exam_invigilators_named_at_create_sign_the_report(roster: Station, admin: User,
                                                           tmp_path: Path) -> None:
    assert _cli(roster, "session", "create", "--kind", "exam", "--name", "Maths",
                "--room", "201", "--numbers", "2024001,2024002",
                "--invigilator", "周老师", "--invigilator", " 钱老师 ") == 0
    (s,) = roster.sessions.all()
    assert s.invigilators == ("周老师", "钱老师")
    roster.sessions.start(admin, s.id)
    sheet = fs.attendance_sheet(roster, s.id, lang="zh")
    assert sheet.invigilators == ("周老师", "钱老师") and "admin" in sheet.operators
    out = tmp_path / "r.pdf"
    assert _cli(roster, "print", "report", str(s.id), "--out", str(out)) == 0
    text = flat(_pdf_text(out))
    assert flat(tr("sign_invigilator", "zh", name="周老师")) in text
    assert flat(tr("sign_invigilator", "zh", name="admin")) not in text
    too_many = [a for i in range(13) for a in ("--invigilator", f"T{i}")]
    assert _cli(roster, "session", "create", "--kind", "exam", "--name", "X",
                "--numbers", "2024001", *too_many) == 2
