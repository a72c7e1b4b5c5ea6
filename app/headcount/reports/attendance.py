"""The attendance report of one session: header, roster, counts, incidents, signatures.

C7: a face check-in and a manual check-in are printed through the same code path with
the same wording; only the method cell differs. For the same reason the counts do not
split by method (the impact assessment carries those totals).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from headcount.reports.document import (
    Rendered,
    Styles,
    columns,
    field_table,
    fit_row,
    fmt_time,
    grid,
    para,
    prepare,
    render,
    signature_lines,
)
from headcount.reports.model import AttendanceRow, AttendanceSheet, SchoolData
from headcount.reports.text import basis_name, incident_name, method_name, status_name, tr

ROSTER_COLS = ("col_seat", "col_number", "col_name", "col_status", "col_time", "col_method",
               "col_reason")
ROSTER_WIDTHS = columns(13 * mm, 27 * mm, 42 * mm, 18 * mm, 22 * mm, 16 * mm)
INCIDENT_WIDTHS = columns(22 * mm, 26 * mm, 28 * mm, 46 * mm, 22 * mm)


def row_cells(row: AttendanceRow, lang: str, day: datetime | None) -> list[str]:
    """The printed text of one roster row (also used by the CSV/XLSX exports)."""
    return [row.seat, row.number, row.name, status_name(row.status, lang),
            _when(row.time, day), method_name(row.method, lang) if row.method else "",
            row.reason]


def _when(value: datetime | None, day: datetime | None) -> str:
    if value is None:
        return ""
    if day is not None and value.date() == day.date():
        return value.strftime("%H:%M:%S")
    return value.strftime("%m-%d %H:%M")


def header_rows(sheet: AttendanceSheet, lang: str) -> list[tuple[str, str]]:
    scheduled = fmt_time(sheet.scheduled_start)
    if sheet.scheduled_end:
        scheduled += " – " + sheet.scheduled_end.strftime("%H:%M")
    opened = f"{fmt_time(sheet.opened)} / {fmt_time(sheet.closed)}"
    return [
        (tr("h_session", lang), sheet.session_id),
        (tr("h_exam" if sheet.kind == "exam" else "h_class", lang), sheet.title),
        (tr("h_room", lang), sheet.room),
        (tr("h_scheduled", lang), scheduled),
        (tr("h_opened_closed", lang), opened),
        (tr("h_legal_basis", lang), basis_name(sheet.legal_basis, lang)
         + (f": {sheet.legal_basis_text}" if sheet.legal_basis_text else "")),
        (tr("h_invigilators", lang), _names(sheet.invigilators, lang)
         or tr("h_invigilators_none", lang)),
        (tr("h_operators", lang), _names(sheet.operators, lang)),
    ]


def _names(names: tuple[str, ...], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(names)


def _roster(sheet: AttendanceSheet, lang: str, st: Styles) -> Flowable:
    day = sheet.scheduled_start or sheet.opened
    data: list[list[Any]] = [[tr(c, lang) for c in ROSTER_COLS]]
    for row in sheet.rows:
        cells = row_cells(row, lang, day)
        data.append(fit_row(cells, ROSTER_WIDTHS, st))
    return grid(data, ROSTER_WIDTHS, st, long=len(data) > 300)


def _incidents(sheet: AttendanceSheet, lang: str, st: Styles) -> Flowable:
    if not sheet.incidents:
        return para(tr("no_incidents", lang), st.body)
    heads = ("col_time", "col_kind", "col_person", "col_detail", "col_by", "col_why")
    data: list[list[Any]] = [[tr(h, lang) for h in heads]]
    for inc in sheet.incidents:
        cells = [fmt_time(inc.time), incident_name(inc.kind, lang), inc.person, inc.detail,
                 inc.by, inc.why]
        data.append(fit_row(cells, INCIDENT_WIDTHS, st))
    return grid(data, INCIDENT_WIDTHS, st)


def attendance_report(sheet: AttendanceSheet, school: SchoolData, *,
                      lang: str | None = None) -> Rendered:
    """The printed report of one session, to be signed by its invigilators or teacher."""
    lang, st = prepare(lang)
    title = tr("report_title_exam" if sheet.kind == "exam" else "report_title_class", lang)
    counts = sheet.counts()
    # Named invigilators sign; the accounts that worked the station are not signers.
    # Without names: blank lines to write the names on.
    signers = [tr("sign_invigilator", lang, name=name) for name in sheet.invigilators]
    if not signers:
        signers = [tr("sign_blank_invigilator", lang)] * 2
    sign_cells: list[str] = []
    for who in signers:
        sign_cells += [who, tr("sign_date", lang)]
    story: list[Flowable] = [
        para(title, st.title),
        field_table(header_rows(sheet, lang), st, label_width=38 * mm),
        para(tr("h_counts", lang), st.h2),
        para(tr("counts_line", lang, **counts), st.body),
        para(tr("h_roster", lang), st.h2),
        _roster(sheet, lang, st),
        para(tr("h_incidents", lang), st.h2),
        _incidents(sheet, lang, st),
        Spacer(1, 3 * mm),
        KeepTogether([para(tr("h_signatures", lang), st.h2), signature_lines(sign_cells, st)]),
    ]
    footer = f"{tr('h_session', lang)} {sheet.session_id}"
    return render(story, school=school, title=f"{title} · {sheet.title}", lang=lang,
                  subject=footer, footer=footer)
