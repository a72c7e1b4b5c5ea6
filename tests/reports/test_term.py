from datetime import date

from reports_pdf import assert_contains, flat, pages_text

from headcount.reports import samples, term_report
from headcount.reports.model import TermClass, TermData, TermDay, TermStudent
from headcount.reports.term import COLS, _buckets, class_rate
from headcount.reports.text import tr


def test_rates_and_weekly_buckets() -> None:
    s = TermStudent("1", "张三", present=8, late=1, absent=1, excused=2)
    assert s.sessions == 12 and s.rate == 0.9
    assert TermStudent("2", "李四").rate is None
    assert class_rate([s, TermStudent("3", "王五", present=10)]) == 19 / 20
    days = [TermDay(date(2025, 9, d), 10, 9) for d in range(1, 31)
            if date(2025, 9, d).weekday() < 5]
    assert len(_buckets(days)) == len(days)  # a month or less: one bar a day
    long = days + [TermDay(date(2025, 10, d), 10, 10) for d in range(1, 31)]
    weekly = _buckets(long)
    assert len(weekly) < 12 and weekly[0] == ("09-01", 90.0)


def test_each_class_its_own_section_with_chart_and_every_student() -> None:
    data = samples.term_data(students=120, classes=2, days=60)
    for lang in ("zh", "en"):
        rendered = term_report(data, samples.SCHOOL, lang=lang)
        texts = pages_text(rendered)
        joined = flat("".join(texts))
        header = flat("".join(tr(c, lang) for c in COLS))
        for cls in data.classes:
            assert flat(cls.klass) in joined
            for s in cls.students:
                assert flat(s.number + s.name) in joined
        assert joined.count(flat(tr("chart_title_week", lang))) == 2
        # The table header repeats on every page that carries student rows.
        for text in texts:
            assert header in flat(text)
        assert_contains(texts[0], tr("term_range", lang, start="2025-09-01", end="2025-10-30"))


def test_class_without_sessions() -> None:
    data = TermData(date(2025, 9, 1), date(2025, 9, 30),
                    (TermClass("初一(9)班", (TermStudent("1", "张三"),)),))
    text = pages_text(term_report(data, samples.SCHOOL, lang="en"))[0]
    assert_contains(text, tr("no_days", "en"), "张三")


def test_chart_axis_starts_at_zero_and_one_day_is_singular() -> None:
    from reportlab.graphics.charts.barcharts import VerticalBarChart

    from headcount.reports.fonts import cjk_font
    from headcount.reports.term import chart

    days = [TermDay(date(2025, 9, d), 40, 38) for d in (1, 2, 3)]  # all about 95 %
    bars = [c for c in chart(days, cjk_font().name, "t").contents
            if isinstance(c, VerticalBarChart)]
    assert bars and bars[0].valueAxis.valueMin == 0 and bars[0].valueAxis.valueMax == 100
    one = TermData(date(2025, 9, 1), date(2025, 9, 1), (TermClass(
        "初一(9)班", (TermStudent("1", "张三", present=1),), (TermDay(date(2025, 9, 1), 1, 1),)),))
    en = flat(pages_text(term_report(one, samples.SCHOOL, lang="en"))[0])
    assert flat("1 student · 1 day with attendance") in en and "1days" not in en
    zh = flat(pages_text(term_report(one, samples.SCHOOL, lang="zh"))[0])
    assert flat("学生 1 人 · 考勤 1 天") in zh
    # The axis is labelled from 0 % (the bars' scale is honest).
    assert "0" in [t.strip() for t in pages_text(term_report(one, samples.SCHOOL,
                                                                lang="en"))[0].split("\n")]
