"""Attendance of one session as CSV or XLSX, readable by Excel with Chinese intact.

The CSV is UTF-8 with a byte-order mark: without it Excel on a Chinese Windows reads
the file as GBK and garbles every name. CSV cells that a spreadsheet would run as a
formula (leading ``= + - @``) are quoted with an apostrophe. XLSX needs no such guard:
every text cell is written with the string type, which Excel never evaluates, so the
cell shows exactly what was recorded.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from headcount.reports.attendance import ROSTER_COLS, header_rows, row_cells
from headcount.reports.document import resolve_lang
from headcount.reports.model import AttendanceSheet
from headcount.reports.text import tr

FORMATS = ("csv", "xlsx")


def _safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def table(sheet: AttendanceSheet, lang: str) -> list[list[str]]:
    """Header row and one row per person, worded exactly as on the printed report."""
    day = sheet.scheduled_start or sheet.opened
    rows = [[tr(c, lang) for c in ROSTER_COLS]]
    rows += [row_cells(r, lang, day) for r in sheet.rows]
    return rows


SUMMARY = (("total", "x_total"), ("present", "status_present"), ("late", "status_late"),
           ("absent", "status_absent"), ("excused", "status_excused"),
           ("face", "x_by_face"), ("manual", "x_by_manual"))


def attendance_csv(sheet: AttendanceSheet, *, lang: str | None = None) -> bytes:
    lang = resolve_lang(lang)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows([[_safe(c) for c in row] for row in table(sheet, lang)])
    return buf.getvalue().encode("utf-8-sig")


def attendance_xlsx(sheet: AttendanceSheet, *, lang: str | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    lang = resolve_lang(lang)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = tr("h_roster", lang)
    rows = table(sheet, lang)
    for row in rows:
        _append_text(ws, row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for i, col in enumerate(zip(*rows, strict=True), 1):
        # CJK characters are about twice as wide as Latin ones in Excel's units.
        width = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v)) for v in col)
        ws.column_dimensions[get_column_letter(i)].width = min(60, width + 2)
    info = wb.create_sheet(tr("h_session", lang))
    for label, value in header_rows(sheet, lang):
        _append_text(info, [label, value])
    counts = sheet.counts()
    for key, label in SUMMARY:
        _append_text(info, [tr(label, lang)])
        info.cell(row=info.max_row, column=2, value=counts[key])
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 60
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _append_text(ws: Any, values: list[str]) -> None:
    """A row of text cells typed as strings: "=1+1" stays text, never a formula."""
    from openpyxl.cell.cell import Cell

    cells = []
    for value in values:
        cell = Cell(ws, value=None)
        cell._value, cell.data_type = value, "s"  # no formula sniffing of the value
        cells.append(cell)
    ws.append(cells)


def export_attendance(sheet: AttendanceSheet, out: str | Path, fmt: str, *,
                      lang: str | None = None) -> Path:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    data = attendance_csv(sheet, lang=lang) if fmt == "csv" else attendance_xlsx(sheet, lang=lang)
    from headcount.store.private_files import write_private

    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, data)  # a list of names: owner-only (0600)
    return path
