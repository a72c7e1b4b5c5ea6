import csv
import io
import os
from dataclasses import replace
from datetime import datetime

import openpyxl

from headcount.reports import attendance_csv, attendance_xlsx, export_attendance, samples
from headcount.reports.model import AttendanceRow
from headcount.reports.text import tr


def _sheet():
    sheet = samples.attendance_sheet(12)
    odd = AttendanceRow("13", "2025013", "=HYPERLINK(\"x\")", "present",
                        datetime(2025, 11, 12, 8, 20), "manual", "迟到，已核验")
    return replace(sheet, rows=(*sheet.rows, odd))


def test_csv_has_a_bom_and_round_trips_chinese() -> None:
    sheet = _sheet()
    data = attendance_csv(sheet, lang="zh")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [tr(k, "zh") for k in ("col_seat", "col_number", "col_name", "col_status",
                                              "col_time", "col_method", "col_reason")]
    assert len(rows) == 1 + len(sheet.rows)
    by_number = {r[1]: r for r in rows[1:]}
    for row in sheet.rows[:-1]:
        assert by_number[row.number][2] == row.name
    assert by_number["2025013"][2].startswith("'=")  # no formula injection
    assert by_number["2025013"][5] == "人工" and by_number["2025013"][6] == "迟到，已核验"


def test_xlsx_round_trip(tmp_path) -> None:
    sheet = _sheet()
    path = export_attendance(sheet, tmp_path / "a.xlsx", "xlsx", lang="zh")
    if os.name != "nt":
        assert path.stat().st_mode & 0o077 == 0  # owner-only (issue 11)
    wb = openpyxl.load_workbook(path)
    roster = wb[tr("h_roster", "zh")]
    values = list(roster.iter_rows(values_only=True))
    assert len(values) == 1 + len(sheet.rows)
    assert values[1][1] == sheet.rows[0].number and values[1][2] == sheet.rows[0].name
    info = dict(wb[tr("h_session", "zh")].iter_rows(values_only=True))
    assert info[tr("h_room", "zh")] == sheet.room
    counts = sheet.counts()
    # The summary's labels are in the export's language, never the program's keys.
    assert info["应到"] == len(sheet.rows) and info["已到"] == counts["present"]
    assert info["人脸核验"] == counts["face"] and "total" not in info
    en = openpyxl.load_workbook(io.BytesIO(attendance_xlsx(sheet, lang="en")))
    assert en.active is not None and en.active["A1"].value == "Seat"
    en_info = dict(en[tr("h_session", "en")].iter_rows(values_only=True))
    assert en_info["Expected"] == len(sheet.rows) and en_info["late"] == counts["late"]


def test_xlsx_text_is_text_never_a_formula_and_carries_no_apostrophe(tmp_path) -> None:
    sheet = _sheet()
    path = export_attendance(sheet, tmp_path / "a.xlsx", "xlsx", lang="zh")
    roster = openpyxl.load_workbook(path)[tr("h_roster", "zh")]
    (cell,) = [r[2] for r in roster.iter_rows() if r[1].value == "2025013"]
    assert cell.value == "=HYPERLINK(\"x\")"  # exactly as recorded, no apostrophe
    assert cell.data_type == "s"  # a string cell: Excel shows it and never runs it
    import zipfile

    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml  # no formula anywhere in the roster
