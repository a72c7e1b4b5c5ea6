"""Documents in large type: the entrance sign (C13) and the large-print notice (C2).

Neither shrinks its type to fit: a long notice flows onto a second sheet instead.
The sign's smallest type is ``SIGN_MIN_PT`` (read at the door from about a metre), the
large-print notice's body ``LARGE_PRINT_PT`` (large print for people with poor sight
starts at 16-18 pt). Only the page footer (printed date, page number) is smaller.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from headcount.reports.document import FRAME_W, Rendered, columns, esc, render, resolve_lang
from headcount.reports.fonts import cjk_font
from headcount.reports.model import NoticeData, SchoolData, pick
from headcount.reports.slips import boxed, notice_rows, version_line
from headcount.reports.text import tr
from headcount.reports.wrap import Para

SIGN_MIN_PT = 14.0  # the sign's labels; its values are 15 pt, the title 36 pt
LARGE_PRINT_PT = 18.0  # the large-print notice's body; labels and headings larger


def _style(name: str, size: float, *, leading: float = 1.3, center: bool = False,
           grey: bool = False) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=cjk_font().name, fontSize=size,
                          leading=round(size * leading, 1), wordWrap="CJK",
                          alignment=TA_CENTER if center else 0,
                          textColor=colors.HexColor("#333333") if grey else colors.black)


def _fields(notice: NoticeData, lang: str, label: ParagraphStyle, value: ParagraphStyle,
            rule: bool = True) -> list[Flowable]:
    """Each field as a label above its value: long values flow across pages; a label
    never ends a page without the start of its value."""
    out: list[Flowable] = []
    for lab, val in notice_rows(notice, lang):
        out += [CondPageBreak(label.leading + 3 * value.leading),
                Para(esc(lab), label), Para(esc(val), value)]
        if rule:
            out.append(_rule())
    return out


def _field_table(notice: NoticeData, lang: str, label: ParagraphStyle,
                 value: ParagraphStyle) -> Table:
    """Label beside value; a long value splits inside its row onto the next page."""
    version = (tr("notice_version", lang, version="").strip(), notice.version)
    rows = [[Para(esc(lab), label), Para(esc(val), value)]
            for lab, val in [*notice_rows(notice, lang), version]]
    table = Table(rows, colWidths=columns(44 * mm), splitInRow=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#BBBBBB")),
                               ("LEFTPADDING", (0, 0), (0, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def _rule() -> Table:
    line = Table([[""]], colWidths=[FRAME_W], rowHeights=[2 * mm])
    line.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#BBBBBB"))]))
    return line


def entrance_sign(notice: NoticeData, school: SchoolData, *,
                  lang: str | None = None) -> Rendered:
    """An A4 sign for the entrance: large type, every C2 field (C13); a long notice
    continues on a second sheet rather than shrinking below ``SIGN_MIN_PT``."""
    lang = resolve_lang(lang)
    big = _style("sign_big", 36, leading=1.2, center=True)
    sub = _style("sign_sub", 18, center=True)
    school_style = _style("sign_school", 16, center=True)
    label = _style("sign_label", SIGN_MIN_PT, leading=1.2, grey=True)
    value = _style("sign_value", 15, leading=1.25)
    alt = _style("sign_alt", 18, center=True)
    alternative = f"{esc(tr('sign_alternative', lang))}<br/>{esc(pick(notice.alternative, lang))}"
    story: list[Flowable] = [
        Para(esc(pick(school.name, lang)), school_style),
        Para(esc(tr("sign_title", lang)), big),
        Para(esc(tr("sign_subtitle", lang)), sub),
        Spacer(1, 2 * mm),
        boxed(alternative, alt, markup=True, border=2),
        Spacer(1, 2 * mm),
        _field_table(notice, lang, label, value),
    ]
    return render(story, school=school, title=tr("sign_title", lang), lang=lang,
                  subject=version_line(notice, lang), footer=version_line(notice, lang),
                  header=False, top_margin=12 * mm)


def large_print_notice(notice: NoticeData, school: SchoolData, *,
                       lang: str | None = None) -> Rendered:
    """The notice for people with poor sight: every C2 field at ``LARGE_PRINT_PT``."""
    lang = resolve_lang(lang)
    title = tr("notice_title_large", lang)
    body = _style("lp_body", LARGE_PRINT_PT, leading=1.45)
    label = _style("lp_label", LARGE_PRINT_PT + 2, leading=1.4)
    story: list[Flowable] = [
        Para(esc(tr("notice_title", lang)), _style("lp_title", 28, center=True)),
        Spacer(1, 4 * mm),
        Para(esc(tr("notice_intro", lang, school=pick(school.name, lang))), body),
        Spacer(1, 4 * mm),
        *_fields(notice, lang, label, body),
        Spacer(1, 4 * mm),
        KeepTogether([boxed(tr("notice_voluntary", lang), body)]),
        Spacer(1, 3 * mm),
        Para(esc(version_line(notice, lang)), body),
    ]
    return render(story, school=school, title=title, lang=lang,
                  subject=version_line(notice, lang), footer=version_line(notice, lang))
