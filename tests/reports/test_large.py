"""Large type that stays large: the entrance sign and the large-print notice flow onto more
sheets instead of shrinking; consent slips paginate in whole blocks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reports_pdf import assert_contains, flat, pages_text, text_sizes

from headcount.i18n import Text
from headcount.reports import consent_slips, entrance_sign, notice_slip, samples
from headcount.reports.large import LARGE_PRINT_PT, SIGN_MIN_PT
from headcount.reports.model import ConsentSlipData, PersonData, pick
from headcount.reports.text import tr

C2_FIELDS = ("processor", "contact", "purpose", "method", "retention", "necessity", "rights",
             "alternative", "questions")
FOOTER_Y = 20 * 72 / 25.4  # the page footer (printed date, page n of N) sits below 20 mm
LONG = replace(samples.NOTICE, rights=Text(
    "Ask the office to see, correct or delete your data, or to withdraw consent. " * 40,
    "您可随时向学校办公室申请查阅、更正、删除个人信息或撤回同意。" * 40))


def _body_sizes(rendered) -> list[float]:
    return [size for _p, y, size, _t in text_sizes(rendered) if y > FOOTER_Y]


def test_sign_keeps_its_type_size_and_flows_to_a_second_sheet() -> None:
    for lang in ("zh", "en"):
        short = entrance_sign(samples.NOTICE, samples.SCHOOL, lang=lang)
        assert short.pages == 1  # the ordinary notice fits one sheet
        long = entrance_sign(LONG, samples.SCHOOL, lang=lang)
        assert long.pages >= 2  # once shrunk to about 5 pt on one page
        for rendered in (short, long):
            sizes = _body_sizes(rendered)
            assert sizes and min(sizes) >= SIGN_MIN_PT - 0.01, min(sizes)
            assert max(sizes) >= 30  # the title
        text = "\n".join(pages_text(long))
        values = [pick(getattr(LONG, f), lang) for f in C2_FIELDS if f != "rights"]
        assert_contains(text, *values, LONG.version, tr("sign_title", lang))
        once = flat(pick(LONG.rights, lang)[:len(pick(LONG.rights, lang)) // 40])
        assert flat(text).count(once) >= 38  # split across sheets, none of it lost
    assert SIGN_MIN_PT >= 14


def test_large_print_notice_states_every_field_at_18_pt() -> None:
    assert LARGE_PRINT_PT >= 18
    for lang in ("zh", "en"):
        rendered = notice_slip(samples.NOTICE, samples.SCHOOL, lang=lang, large=True)
        text = "\n".join(pages_text(rendered))
        values = [pick(getattr(samples.NOTICE, f), lang) for f in C2_FIELDS]
        assert_contains(text, *values, tr("notice_version", lang, version="2025-09-1"))
        sizes = _body_sizes(rendered)
        # The page header (school name, title) is 9-11 pt; everything else is large.
        body = [s for _p, y, s, _t in text_sizes(rendered) if FOOTER_Y < y < 765]
        assert min(body) >= LARGE_PRINT_PT - 0.01 and max(sizes) >= 28
        assert rendered.pages > notice_slip(samples.NOTICE, samples.SCHOOL, lang=lang).pages


def test_a_long_consent_slip_paginates_in_whole_blocks() -> None:
    child = PersonData("2025001", "王小明", "初一(3)班", date(2013, 5, 1))
    adult = PersonData("2025002", "李大华", "高三(1)班", date(2007, 5, 1))
    slips = [ConsentSlipData(child, LONG, date(2025, 9, 3)),
             ConsentSlipData(adult, samples.NOTICE, date(2025, 9, 3))]
    for lang in ("zh", "en"):
        rendered = consent_slips(slips, samples.SCHOOL, lang=lang)
        pages = [flat(t) for t in pages_text(rendered)]
        assert len(pages) >= 3
        yes, no = flat(tr("consent_yes", lang)), flat(tr("consent_no", lang))
        sign = flat(tr("consent_sign_guardian", lang))
        # The statement, both boxes and the signature lines share one page, which also
        # names the person again; the adult's slip starts on a page of its own.
        (statement_page,) = [p for p in pages[:-1] if yes in p]
        assert no in statement_page and sign in statement_page
        assert "王小明" in statement_page and "2025001" in statement_page
        assert "李大华" in pages[-1] and "王小明" not in pages[-1]
        assert yes in pages[-1] and flat(tr("consent_sign_person", lang)) in pages[-1]
        # Nothing shrank: the long notice's text stays at the slip's normal size.
        sizes = [s for _p, y, s, _t in text_sizes(rendered) if y > FOOTER_Y]
        assert min(sizes) >= 8.4
