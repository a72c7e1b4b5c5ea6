import difflib
from dataclasses import replace
from datetime import datetime

from reportlab.platypus import Paragraph
from reports_pdf import assert_contains, flat, pages_text

from headcount.reports import attendance_report, samples
from headcount.reports.attendance import ROSTER_COLS
from headcount.reports.document import fit_cell, styles
from headcount.reports.fonts import cjk_font
from headcount.reports.model import AttendanceRow, AttendanceSheet, Incident
from headcount.reports.text import method_name, tr


def _sheet(rows: list[AttendanceRow], **kw: object) -> AttendanceSheet:
    start = datetime(2025, 11, 12, 8, 30)
    base = AttendanceSheet("S-1", "exam", "数学 Mathematics", "Room 201", start,
                           scheduled_end=start.replace(hour=10, minute=30),
                           opened=start.replace(hour=8), closed=start.replace(hour=8, minute=45),
                           operators=("周老师", "钱老师"), rows=tuple(rows))
    return replace(base, **kw) if kw else base


def test_header_counts_incidents_and_signatures() -> None:
    sheet = samples.attendance_sheet(45)
    for lang in ("zh", "en"):
        rendered = attendance_report(sheet, samples.SCHOOL, lang=lang)
        text = "\n".join(pages_text(rendered))
        counts = sheet.counts()
        assert_contains(text, sheet.session_id, sheet.title, sheet.room, "2025-11-12 08:30",
                        "10:30", tr("basis_consent", lang), *sheet.invigilators,
                        *sheet.operators,
                        tr("counts_line", lang, **counts))
        for inc in sheet.incidents:
            assert_contains(text, inc.detail, inc.person, inc.by, inc.why)
        for name in sheet.invigilators:
            assert_contains(text, tr("sign_invigilator", lang, name=name))
        for name in sheet.operators:  # accounts are listed, never given a line to sign
            assert flat(tr("sign_invigilator", lang, name=name)) not in flat(text)
        for row in sheet.rows:
            assert_contains(text, row.name, row.number)


def test_invigilators_sign_and_without_names_there_are_blank_lines() -> None:
    named = _sheet([], operators=("admin",), invigilators=("周老师", "钱老师", "孙老师"))
    blank = _sheet([], operators=("admin",))
    for lang in ("zh", "en"):
        text = flat("".join(pages_text(attendance_report(named, samples.SCHOOL, lang=lang))))
        for name in named.invigilators:
            assert flat(tr("sign_invigilator", lang, name=name)) in text
        assert flat(tr("sign_invigilator", lang, name="admin")) not in text
        assert flat(tr("h_operators", lang)) in text and "admin" in text
        text = flat("".join(pages_text(attendance_report(blank, samples.SCHOOL, lang=lang))))
        assert flat(tr("sign_invigilator", lang, name="admin")) not in text
        assert text.count(flat(tr("sign_blank_invigilator", lang))) == 2
        assert flat(tr("h_invigilators_none", lang)) in text


def test_statutory_basis_is_printed() -> None:
    sheet = _sheet([], legal_basis="statutory", legal_basis_text="National exam rules art. 5")
    text = pages_text(attendance_report(sheet, samples.SCHOOL, lang="en"))[0]
    assert_contains(text, tr("basis_statutory", "en") + ": National exam rules art. 5",
                    tr("no_incidents", "en"))


def _without_footer(text: str) -> str:
    return "\n".join(line for line in text.splitlines()
                     if "Printed" not in line and "打印时间" not in line)


def test_face_and_manual_check_ins_differ_only_in_the_method_column() -> None:
    when = datetime(2025, 11, 12, 8, 20, 5)
    others = [AttendanceRow("02", "2025002", "李四", "present", when, "face")]
    for lang in ("zh", "en"):
        texts = []
        for method in ("face", "manual"):
            row = AttendanceRow("01", "2025001", "张三", "present", when, method)
            rendered = attendance_report(_sheet([row, *others]), samples.SCHOOL, lang=lang)
            texts.append(_without_footer("\n".join(pages_text(rendered))))
        face, manual = (t.split() for t in texts)
        changes = [op for op in difflib.SequenceMatcher(a=face, b=manual,
                                                        autojunk=False).get_opcodes()
                   if op[0] != "equal"]
        assert len(changes) == 1
        tag, a0, a1, b0, b1 = changes[0]
        assert (tag, face[a0:a1], manual[b0:b1]) == (
            "replace", [method_name("face", lang)], [method_name("manual", lang)])


def test_long_roster_spans_pages_with_the_header_repeated() -> None:
    sheet = samples.attendance_sheet(150)
    for lang in ("zh", "en"):
        rendered = attendance_report(sheet, samples.SCHOOL, lang=lang)
        texts = pages_text(rendered)
        assert rendered.pages >= 4
        header = flat("".join(tr(c, lang) for c in ROSTER_COLS))
        roster_pages = [t for t in texts if any(r.number in t for r in sheet.rows)]
        assert len(roster_pages) >= 4
        for text in roster_pages:
            assert header in flat(text)
        seen = flat("".join(texts))
        assert all(r.number in seen for r in sheet.rows)


def test_long_names_wrap_inside_their_cell() -> None:
    long_name = "欧阳" + "娜" * 30 + " Wolfeschlegelsteinhausenbergerdorff-Smith"
    rows = [AttendanceRow("01", "2025001", long_name, "present",
                          datetime(2025, 11, 12, 8, 1), "face", "Late bus " * 12)]
    st = styles(cjk_font().name)
    assert isinstance(fit_cell(long_name, st.cell, 42 * 2.83), Paragraph)
    assert fit_cell("张三", st.cell, 42 * 2.83) == "张三"
    sheet = _sheet(rows, incidents=(Incident(datetime(2025, 11, 12, 8, 2), "correction",
                                             "x" * 200, long_name, "周老师", "y" * 120),))
    rendered = attendance_report(sheet, samples.SCHOOL, lang="en")
    text = pages_text(rendered)[0]
    assert_contains(text, long_name)
    # Wrapped: the name is split over several lines, none of them as long as the name.
    name_lines = [ln for ln in text.splitlines() if "娜娜娜" in ln]
    assert len(name_lines) >= 1 and all(len(ln) < len(long_name) for ln in name_lines)
