"""Notice slip, entrance sign, consent slips and the children's rules page (C2-C4, C13)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from headcount.i18n import Text
from headcount.reports.document import (
    FRAME_W,
    MARGIN,
    PAGE_H,
    Rendered,
    Styles,
    esc,
    field_table,
    fmt_date,
    para,
    render,
    resolve_lang,
    signature_lines,
    styles,
    tick_line,
)
from headcount.reports.fonts import cjk_font
from headcount.reports.model import (
    ChildrenRulesData,
    ConsentSlipData,
    NoticeData,
    SchoolData,
    pick,
)
from headcount.reports.text import tr, tr_list

# Height left for the story on a page with the school header.
_BODY_H = PAGE_H - 2 * MARGIN - 16 * mm - 2 * mm - 6


def notice_rows(notice: NoticeData, lang: str) -> list[tuple[str, str]]:
    """Every C2 field of the notice, labelled, in print order."""
    questions = pick(notice.questions, lang) or pick(notice.contact, lang)
    rows = [
        (tr("f_processor", lang), pick(notice.processor, lang)),
        (tr("f_contact", lang), pick(notice.contact, lang)),
        (tr("f_purpose", lang), pick(notice.purpose, lang)),
        (tr("f_method", lang), pick(notice.method, lang)),
        (tr("f_retention", lang), pick(notice.retention, lang)),
        (tr("f_necessity", lang), pick(notice.necessity, lang)),
        (tr("f_rights", lang), pick(notice.rights, lang)),
        (tr("f_alternative", lang), pick(notice.alternative, lang)),
        (tr("f_questions", lang), questions),
    ]
    if notice.effective:
        rows.append((tr("effective", lang), fmt_date(notice.effective)))
    return rows


def _version_line(notice: NoticeData, lang: str) -> str:
    return tr("notice_version", lang, version=notice.version)


def notice_slip(notice: NoticeData, school: SchoolData, *, lang: str | None = None) -> Rendered:
    """The notice as a handout: every C2 field, the version, the alternative, where to ask."""
    lang = resolve_lang(lang)
    st = styles(cjk_font().name)
    title = tr("notice_title", lang)
    story: list[Flowable] = [
        para(title, st.title),
        para(tr("notice_intro", lang, school=pick(school.name, lang)), st.body),
        Spacer(1, 2 * mm),
        field_table(notice_rows(notice, lang), st, label_width=48 * mm),
        Spacer(1, 3 * mm),
        _boxed(tr("notice_voluntary", lang), st.body),
        Spacer(1, 2 * mm),
        para(_version_line(notice, lang), st.small),
    ]
    return render(story, school=school, title=title, lang=lang, subject=_version_line(notice, lang),
                  footer=_version_line(notice, lang))


def entrance_sign(notice: NoticeData, school: SchoolData, *,
                  lang: str | None = None) -> Rendered:
    """An A4 sign for the entrance: large type, one page, every C2 field (C13)."""
    lang = resolve_lang(lang)
    font = cjk_font().name
    big = ParagraphStyle("sign_big", fontName=font, fontSize=40, leading=50,
                         alignment=TA_CENTER)
    sub = ParagraphStyle("sign_sub", fontName=font, fontSize=20, leading=27,
                         alignment=TA_CENTER, spaceAfter=4)
    school_style = ParagraphStyle("sign_school", parent=sub, fontSize=16, leading=21)
    label = ParagraphStyle("sign_label", fontName=font, fontSize=12, leading=16,
                           textColor=colors.HexColor("#444444"))
    value = ParagraphStyle("sign_value", fontName=font, fontSize=15, leading=20)
    alt = ParagraphStyle("sign_alt", fontName=font, fontSize=19, leading=26,
                         alignment=TA_CENTER)
    rows = [[Paragraph(esc(lab), label), Paragraph(esc(val), value)]
            for lab, val in notice_rows(notice, lang)]
    fields = Table(rows, colWidths=[50 * mm, FRAME_W - 50 * mm])
    fields.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#BBBBBB")),
                                ("TOPPADDING", (0, 0), (-1, -1), 4),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    alternative = f"{tr('sign_alternative', lang)}<br/>{esc(pick(notice.alternative, lang))}"
    body: list[Flowable] = [
        Paragraph(esc(pick(school.name, lang)), school_style),
        Paragraph(esc(tr("sign_title", lang)), big),
        Paragraph(esc(tr("sign_subtitle", lang)), sub),
        Spacer(1, 4 * mm),
        _boxed(alternative, alt, markup=True, border=2),
        Spacer(1, 5 * mm),
        fields,
        Spacer(1, 4 * mm),
        Paragraph(esc(_version_line(notice, lang)), ParagraphStyle(
            "sign_ver", parent=label, alignment=TA_CENTER)),
    ]
    # Shrink to one page whatever the school wrote: a sign is never two sheets.
    height = PAGE_H - 2 * MARGIN - 2 * mm - 8
    story: list[Flowable] = [KeepInFrame(FRAME_W, height, body, mode="shrink")]
    return render(story, school=school, title=tr("sign_title", lang), lang=lang,
                  subject=_version_line(notice, lang), footer=_version_line(notice, lang),
                  header=False, top_margin=MARGIN)


def _slip_story(slip: ConsentSlipData, school: SchoolData, lang: str, st: Styles) -> Flowable:
    person, notice = slip.person, slip.notice
    guardian = slip.for_guardian
    compact = ParagraphStyle("compact", parent=st.body, fontSize=8.8, leading=11.8, spaceAfter=0)
    compact_label = ParagraphStyle("compact_label", parent=compact, textColor=colors.HexColor(
        "#555555"))
    notice_table = Table(
        [[para(lab, compact_label), para(val, compact)] for lab, val in notice_rows(notice, lang)],
        colWidths=[40 * mm, FRAME_W - 40 * mm])
    notice_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                      ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                                      ("BOX", (0, 0), (-1, -1), 0.4, colors.grey)]))
    who = field_table([
        (tr("consent_person", lang), person.name),
        (tr("consent_number", lang), person.number),
        (tr("consent_class", lang), person.klass),
        (tr("consent_birth", lang), fmt_date(person.birth)),
    ], st, label_width=40 * mm)
    statement_key = "consent_statement_guardian" if guardian else "consent_statement"
    if guardian:
        signers = [tr("consent_guardian_name", lang), tr("consent_relationship", lang),
                   tr("consent_sign_guardian", lang), tr("date", lang)]
    else:
        signers = [tr("consent_sign_person", lang), tr("date", lang)]
    title = tr("consent_title_guardian" if guardian else "consent_title", lang)
    body: list[Flowable] = [
        para(title, st.title),
        who,
        para(tr("consent_notice_head", lang), st.h2),
        notice_table,
        para(tr("consent_statement_head", lang), st.h2),
        para(tr(statement_key, lang, version=notice.version), st.body),
        Spacer(1, 1 * mm),
        tick_line(tr("consent_yes", lang), st),
        Spacer(1, 1.5 * mm),
        tick_line(tr("consent_no", lang), st),
        Spacer(1, 2 * mm),
        signature_lines(signers, st),
        Spacer(1, 3 * mm),
        para(tr("consent_return", lang), st.small),
        para(f"{tr('consent_office', lang)}   ·   {_version_line(notice, lang)}", st.small),
    ]
    return KeepInFrame(FRAME_W, _BODY_H, body, mode="shrink")


def consent_slips(slips: Sequence[ConsentSlipData], school: SchoolData, *,
                  lang: str | None = None) -> Rendered:
    """Consent slips, one page each (a whole class as a batch, or a single person)."""
    lang = resolve_lang(lang)
    st = styles(cjk_font().name)
    story: list[Flowable] = []
    for i, slip in enumerate(slips):
        if i:
            story.append(PageBreak())
        story.append(_slip_story(slip, school, lang, st))
    versions = sorted({s.notice.version for s in slips})
    version = tr("notice_version", lang, version=", ".join(versions))
    return render(story, school=school, title=tr("consent_title", lang), lang=lang,
                  subject=version, footer=version)


def consent_slip(slip: ConsentSlipData, school: SchoolData, *,
                 lang: str | None = None) -> Rendered:
    return consent_slips([slip], school, lang=lang)


def children_rules(data: ChildrenRulesData, school: SchoolData, *,
                   lang: str | None = None) -> Rendered:
    """The rules for children's facial information (PIPL 31) as one printable page."""
    lang = resolve_lang(lang)
    st = styles(cjk_font().name)
    notice = data.notice
    retention = pick(data.retention, lang) or pick(notice.retention, lang)
    contact = pick(notice.contact, lang)
    title = tr("children_title", lang)
    sentence = retention.strip()
    if sentence and sentence[-1] not in ".。!！;；":
        sentence += "。" if lang == "zh" else "."
    items = tr_list("children_rules", lang, retention=sentence, contact=contact)
    numbered = Table([[para(f"{i}.", st.body), para(text, st.body)]
                      for i, text in enumerate(items, 1)],
                     colWidths=[8 * mm, FRAME_W - 8 * mm])
    numbered.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    story: list[Flowable] = [
        para(title, st.title),
        para(tr("children_intro", lang, school=pick(school.name, lang), version=notice.version),
             st.body),
        Spacer(1, 3 * mm),
        numbered,
        Spacer(1, 3 * mm),
        field_table([
            (tr("f_processor", lang), pick(notice.processor, lang)),
            (tr("children_contact", lang), contact),
            (tr("f_questions", lang), pick(notice.questions, lang) or contact),
            (tr("f_retention", lang), retention),
            (tr("f_alternative", lang), pick(notice.alternative, lang)),
        ], st, label_width=42 * mm),
        Spacer(1, 2 * mm),
        para(_version_line(notice, lang), st.small),
    ]
    return render(story, school=school, title=title, lang=lang,
                  subject=_version_line(notice, lang), footer=_version_line(notice, lang))


def _boxed(text: str, style: ParagraphStyle, *, markup: bool = False,
           border: float = 0.8) -> Table:
    body = Paragraph(text if markup else esc(text), style)
    table = Table([[body]], colWidths=[FRAME_W])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), border, colors.black),
                               ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F4F4F4")),
                               ("TOPPADDING", (0, 0), (-1, -1), 6),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                               ("LEFTPADDING", (0, 0), (-1, -1), 8),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    return table


def camera_placement(school: SchoolData, *, lang: str | None = None) -> Rendered:
    """Setup guidance for IT staff: where cameras must never go (C13), as one page."""
    from headcount.compliance import placement as pl

    lang = resolve_lang(lang)
    st = styles(cjk_font().name)

    def pick(t: Text) -> str:
        return t.zh if lang == "zh" else t.en

    def bullets(items: tuple[Text, ...]) -> Table:
        table = Table([[para("•", st.body), para(pick(t), st.body)] for t in items],
                      colWidths=[6 * mm, FRAME_W - 6 * mm])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        return table

    title = pick(pl.TITLE)
    story: list[Flowable] = [para(title, st.title), para(pick(pl.INTRO), st.body)]
    for heading, items in ((pl.FORBIDDEN_TITLE, pl.FORBIDDEN), (pl.ALLOWED_TITLE, pl.ALLOWED),
                           (pl.RULES_TITLE, pl.RULES)):
        story += [Spacer(1, 2 * mm), para(pick(heading), st.h2), bullets(items)]
    return render(story, school=school, title=title, lang=lang, subject=title, footer=title)
