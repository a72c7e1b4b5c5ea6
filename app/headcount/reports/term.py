"""The term report: each student's attendance over a date range, per class, with a chart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from headcount.reports.document import (
    FRAME_W,
    Rendered,
    Styles,
    columns,
    fit_cell,
    fmt_date,
    grid,
    para,
    prepare,
    render,
)
from headcount.reports.model import SchoolData, TermClass, TermData, TermDay, TermStudent
from headcount.reports.text import count, tr

COLS = ("col_number", "col_name", "col_sessions", "col_present", "col_late", "col_absent",
        "col_excused", "col_rate")
WIDTHS = columns(28 * mm, 50 * mm, 16 * mm, 16 * mm, 16 * mm, 16 * mm, 16 * mm)


def fmt_rate(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}%"


def class_rate(students: Sequence[TermStudent]) -> float | None:
    attended = sum(s.present + s.late for s in students)
    counted = sum(s.sessions - s.excused for s in students)
    return attended / counted if counted else None


def _buckets(days: Sequence[TermDay]) -> list[tuple[str, float]]:
    """Rates per day, or per week (labelled by its Monday) for ranges over a month."""
    if len(days) <= 31:
        return [(d.day.strftime("%m-%d"), 100 * d.attended / d.expected if d.expected else 0)
                for d in days]
    weeks: dict[Any, list[int]] = {}
    for d in days:
        monday = d.day - timedelta(days=d.day.weekday())
        acc = weeks.setdefault(monday, [0, 0])
        acc[0] += d.attended
        acc[1] += d.expected
    return [(m.strftime("%m-%d"), 100 * a / e if e else 0)
            for m, (a, e) in sorted(weeks.items())]


def chart(days: Sequence[TermDay], font: str, title: str) -> Drawing:
    buckets = _buckets(days)
    width, height = FRAME_W, 62 * mm
    drawing = Drawing(width, height)
    bars = VerticalBarChart()
    bars.x, bars.y = 30, 28
    bars.width, bars.height = width - 45, height - 50
    bars.data = [[rate for _, rate in buckets]]
    labels = [label for label, _ in buckets]
    step = max(1, len(labels) // 16)  # keep category labels readable
    bars.categoryAxis.categoryNames = [lab if i % step == 0 else "" for i, lab in
                                       enumerate(labels)]
    bars.categoryAxis.labels.fontName = font
    bars.categoryAxis.labels.fontSize = 6.5
    bars.categoryAxis.labels.angle = 45 if len(labels) > 12 else 0
    bars.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 12 else "n"
    # From 0 %: a truncated axis makes a 90 % day look like a collapse.
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = 100
    bars.valueAxis.valueStep = 20
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.labels.fontSize = 7
    bars.bars[0].fillColor = colors.HexColor("#4A78B5")
    bars.bars[0].strokeColor = None
    drawing.add(bars)
    drawing.add(String(30, height - 12, title, fontName=font, fontSize=9))
    return drawing


def _student_table(students: Sequence[TermStudent], lang: str, st: Styles) -> Flowable:
    data: list[list[Any]] = [[tr(c, lang) for c in COLS]]
    name_w = WIDTHS[1]
    for s in students:
        data.append([s.number, fit_cell(s.name, st.cell, name_w), str(s.sessions), str(s.present),
                     str(s.late), str(s.absent), str(s.excused), fmt_rate(s.rate)])
    table = grid(data, WIDTHS, st, long=len(data) > 200)
    return table


def _class_story(cls: TermClass, data: TermData, lang: str, st: Styles) -> list[Flowable]:
    font = st.font
    attended_days = sum(1 for d in cls.days if d.expected)
    summary = tr("term_summary", lang, students=count("n_students", len(cls.students), lang),
                 days=count("n_days", attended_days, lang),
                 rate=fmt_rate(class_rate(cls.students)) or "–")
    story: list[Flowable] = [
        para(f"{tr('term_title', lang)} · {cls.klass}", st.title),
        para(tr("term_range", lang, start=fmt_date(data.start), end=fmt_date(data.end)), st.body),
        para(summary, st.body),
        Spacer(1, 2 * mm),
    ]
    if cls.days:
        key = "chart_title" if len(cls.days) <= 31 else "chart_title_week"
        story.append(chart(cls.days, font, tr(key, lang)))
    else:
        story.append(para(tr("no_days", lang), st.body))
    story += [Spacer(1, 3 * mm), _student_table(cls.students, lang, st)]
    return story


def term_report(data: TermData, school: SchoolData, *, lang: str | None = None) -> Rendered:
    """One section per class, each starting on a new page."""
    lang, st = prepare(lang)
    story: list[Flowable] = []
    for i, cls in enumerate(data.classes):
        if i:
            story.append(PageBreak())
        story += _class_story(cls, data, lang, st)
    span = tr("term_range", lang, start=fmt_date(data.start), end=fmt_date(data.end))
    names = ", ".join(c.klass for c in data.classes[:3]) + (" …" if len(data.classes) > 3 else "")
    return render(story, school=school, title=f"{tr('term_title', lang)} · {names}", lang=lang,
                  subject=span, footer=span)
