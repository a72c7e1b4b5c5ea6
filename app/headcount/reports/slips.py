"""Notice slip, consent slips and the children's rules page (C2-C4; Measures Art. 5-7).

The entrance sign and the large-print notice are in ``large``."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from headcount.reports.document import (
    FRAME_W,
    Rendered,
    Styles,
    columns,
    esc,
    field_table,
    fmt_date,
    para,
    prepare,
    render,
    signature_lines,
    tick_line,
)
from headcount.reports.model import (
    ChildrenRulesData,
    ConsentSlipData,
    NoticeData,
    SchoolData,
    pick,
)
from headcount.reports.text import tr, tr_list
from headcount.reports.wrap import Para


def notice_fields(notice: NoticeData, lang: str, *names: str) -> list[tuple[str, str]]:
    """The notice's fields ``names``, each with its printed label."""
    return [(tr(f"f_{name}", lang), pick(getattr(notice, name), lang)) for name in names]


def notice_rows(notice: NoticeData, lang: str) -> list[tuple[str, str]]:
    """Every C2 field of the notice, labelled, in print order."""
    questions = pick(notice.questions, lang) or pick(notice.contact, lang)
    rows = [*notice_fields(notice, lang, "processor", "contact", "purpose", "method",
                           "retention", "necessity", "rights", "alternative"),
            (tr("f_questions", lang), questions)]
    if notice.effective:
        rows.append((tr("effective", lang), fmt_date(notice.effective)))
    return rows


def version_line(notice: NoticeData, lang: str) -> str:
    return tr("notice_version", lang, version=notice.version)


def notice_slip(notice: NoticeData, school: SchoolData, *, lang: str | None = None,
                large: bool = False) -> Rendered:
    """The notice as a handout: every C2 field, the version, the alternative, where to ask;
    ``large``: the large-print version (``large.LARGE_PRINT_PT``)."""
    if large:
        from headcount.reports.large import large_print_notice

        return large_print_notice(notice, school, lang=lang)
    lang, st = prepare(lang)
    title = tr("notice_title", lang)
    story: list[Flowable] = [
        para(title, st.title),
        para(tr("notice_intro", lang, school=pick(school.name, lang)), st.body),
        Spacer(1, 2 * mm),
        field_table(notice_rows(notice, lang), st, label_width=48 * mm),
        Spacer(1, 3 * mm),
        boxed(tr("notice_voluntary", lang), st.body),
        Spacer(1, 2 * mm),
        para(version_line(notice, lang), st.small),
    ]
    return render(story, school=school, title=title, lang=lang, subject=version_line(notice, lang),
                  footer=version_line(notice, lang))


def _slip_story(slip: ConsentSlipData, school: SchoolData, lang: str,
                st: Styles) -> list[Flowable]:
    """One slip in blocks that never split: who, the notice (long fields flow on to the
    next page), and the statement with its boxes and signature lines, kept together and
    naming the person again in case it starts a new page."""
    person, notice = slip.person, slip.notice
    guardian = slip.for_guardian
    compact = ParagraphStyle("compact", parent=st.body, fontSize=8.8, leading=11.8, spaceAfter=0)
    compact_label = ParagraphStyle("compact_label", parent=compact, textColor=colors.HexColor(
        "#555555"))
    notice_table = Table(
        [[para(lab, compact_label), para(val, compact)] for lab, val in notice_rows(notice, lang)],
        colWidths=columns(40 * mm), splitInRow=1)
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
    again = " · ".join(x for x in (person.name, person.number, person.klass) if x)
    statement: list[Flowable] = [
        para(tr("consent_statement_head", lang), st.h2),
        para(f"{tr('consent_person', lang)}: {again}", st.label),
        para(tr(statement_key, lang, version=notice.version), st.body),
        Spacer(1, 1 * mm),
        tick_line(tr("consent_yes", lang), st),
        Spacer(1, 1.5 * mm),
        tick_line(tr("consent_no", lang), st),
        Spacer(1, 2 * mm),
        signature_lines(signers, st, per_row=len(signers)),
        Spacer(1, 2 * mm),
        para(tr("consent_return", lang), st.small),
        para(f"{tr('consent_office', lang)}   ·   {version_line(notice, lang)}", st.small),
    ]
    heading = ParagraphStyle("slip_title", parent=st.title, fontSize=15.5, leading=20,
                             spaceAfter=5)
    return [
        KeepTogether([para(title, heading), who]),
        para(tr("consent_notice_head", lang), st.h2),
        notice_table,
        KeepTogether(statement),
    ]


def consent_slips(slips: Sequence[ConsentSlipData], school: SchoolData, *,
                  lang: str | None = None) -> Rendered:
    """Consent slips, one page each (a whole class as a batch, or a single person)."""
    lang, st = prepare(lang)
    story: list[Flowable] = []
    for i, slip in enumerate(slips):
        if i:
            story.append(PageBreak())
        story += _slip_story(slip, school, lang, st)
    versions = sorted({s.notice.version for s in slips})
    version = tr("notice_version", lang, version=", ".join(versions))
    return render(story, school=school, title=tr("consent_title", lang), lang=lang,
                  subject=version, footer=version)


def consent_slip(slip: ConsentSlipData, school: SchoolData, *,
                 lang: str | None = None) -> Rendered:
    return consent_slips([slip], school, lang=lang)


def children_rules(data: ChildrenRulesData, school: SchoolData, *,
                   lang: str | None = None) -> Rendered:
    """The rules for children's facial information (PIPL 28, 31; Measures Art. 7)."""
    lang, st = prepare(lang)
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
                     colWidths=columns(8 * mm))
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
        para(version_line(notice, lang), st.small),
    ]
    return render(story, school=school, title=title, lang=lang,
                  subject=version_line(notice, lang), footer=version_line(notice, lang))


def boxed(text: str, style: ParagraphStyle, *, markup: bool = False,
           border: float = 0.8) -> Table:
    body = Para(text if markup else esc(text), style)
    table = Table([[body]], colWidths=[FRAME_W])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), border, colors.black),
                               ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F4F4F4")),
                               ("TOPPADDING", (0, 0), (-1, -1), 6),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                               ("LEFTPADDING", (0, 0), (-1, -1), 8),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    return table
