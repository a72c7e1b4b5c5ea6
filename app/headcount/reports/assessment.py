"""The pre-filled impact assessment (C11) and the filing data (C12)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from headcount.reports.document import (
    FRAME_W,
    LIGHT,
    Rendered,
    Styles,
    columns,
    dated_signatures,
    field_table,
    fmt_date,
    fmt_time,
    para,
    prepare,
    render,
)
from headcount.reports.model import FilingData, Localized, PiaData, SchoolData, pick
from headcount.reports.slips import notice_fields
from headcount.reports.text import tr, tr_list

COUNT_KEYS = ("people", "with_templates", "consents", "guardian_consents", "withdrawals",
              "sessions", "face_checkins", "manual_checkins", "purged")


def data_items(pia: PiaData, lang: str) -> list[str]:
    return _items(pia.data_items, "pia_data_default", lang)


def safeguards(pia: PiaData, lang: str) -> list[str]:
    return _items(pia.safeguards, "pia_safeguards_default", lang)


def _items(given: Sequence[Localized], default_key: str, lang: str) -> list[str]:
    return [pick(x, lang) for x in given] if given else tr_list(default_key, lang)


def _bullets(items: Sequence[str], st: Styles) -> Table:
    table = Table([[para("•", st.body), para(text, st.body)] for text in items],
                  colWidths=columns(6 * mm))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def filing_status(pia: PiaData, lang: str) -> list[str]:
    count = pia.counts.with_templates
    lines = [tr("pia_filing_status", lang, count=count, threshold=pia.filing_threshold,
                warning=pia.filing_warning)]
    if count >= pia.filing_threshold or pia.filing_reached_on is not None:
        lines.append(tr("pia_filing_due", lang))
        if pia.filing_reached_on is not None:
            lines.append(tr("pia_filing_reached", lang, day=fmt_date(pia.filing_reached_on),
                            deadline=fmt_date(pia.filing_deadline)))
    elif count >= pia.filing_warning:
        lines.append(tr("pia_filing_warn", lang))
    return lines


def count_rows(pia: PiaData, lang: str) -> list[tuple[str, str]]:
    return [(tr(f"pia_c_{key}", lang), str(getattr(pia.counts, key))) for key in COUNT_KEYS]


def _processor(pia: PiaData, lang: str) -> list[tuple[str, str]]:
    """Who processes the data: the school, its credit code and its contact."""
    return [*notice_fields(pia.notice, lang, "processor"),
            (tr("pia_credit_code", lang), pia.credit_code or "—"),
            *notice_fields(pia.notice, lang, "contact")]


def _pia_story(pia: PiaData, school: SchoolData, lang: str, st: Styles) -> list[Flowable]:
    notice = pia.notice
    period = f"{fmt_date(pia.period_start)} – {fmt_date(pia.period_end)}"
    basic = field_table([
        *_processor(pia, lang),
        *notice_fields(notice, lang, "purpose", "method", "necessity", "alternative"),
        (tr("pia_period", lang), period),
        (tr("notice_version", lang, version="").strip(), notice.version),
        (tr("pia_false_match", lang),
         pick(pia.false_match, lang) or tr("pia_false_match_none", lang)),
        (tr("pia_done_on", lang),
         fmt_date(pia.done_on) if pia.done_on else tr("pia_not_done", lang)),
    ], st, label_width=48 * mm)
    counts = Table([[para(k, st.body), para(v, st.right)] for k, v in count_rows(pia, lang)],
                   colWidths=[FRAME_W * 0.6, FRAME_W * 0.2])
    counts.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT),
                                ("TOPPADDING", (0, 0), (-1, -1), 1),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story: list[Flowable] = [
        para(tr("pia_h_basic", lang), st.h2), basic,
        para(tr("pia_h_data", lang), st.h2), _bullets(data_items(pia, lang), st),
        para(tr("pia_h_retention", lang), st.h2), para(pick(notice.retention, lang), st.body),
        para(tr("pia_h_safeguards", lang), st.h2), _bullets(safeguards(pia, lang), st),
        para(tr("pia_h_counts", lang), st.h2), counts, Spacer(1, 2 * mm),
    ]
    story += [para(line, st.body) for line in filing_status(pia, lang)]
    return story


def pia_report(pia: PiaData, school: SchoolData, *, lang: str | None = None) -> Rendered:
    """The impact assessment, pre-filled; the school completes section 6 and signs."""
    lang, st = prepare(lang)
    title = tr("pia_title", lang)
    story: list[Flowable] = [
        para(title, st.title),
        para(tr("pia_intro", lang, when=fmt_time(pia.generated)), st.small),
        *_pia_story(pia, school, lang, st),
        para(tr("pia_h_assessment", lang), st.h2),
    ]
    for question in tr_list("pia_assess_items", lang):
        story.append(KeepTogether([para(question, st.body), Spacer(1, 16 * mm)]))
    story.append(KeepTogether(dated_signatures([tr("pia_assessor", lang)], lang, st)))
    return render(story, school=school, title=title, lang=lang,
                  subject=tr("notice_version", lang, version=pia.notice.version),
                  footer=fmt_time(pia.generated))


def filing_report(data: FilingData, school: SchoolData, *,
                  lang: str | None = None) -> Rendered:
    """The filing data of M15: processor, purpose, method, volume, safeguards, rules, PIA."""
    lang, st = prepare(lang)
    pia = data.pia
    notice = pia.notice
    title = tr("filing_title", lang)
    rules = [pick(x, lang) for x in data.rules] if data.rules else tr_list(
        "filing_rules_default", lang)
    main = field_table([
        *_processor(pia, lang),
        (tr("filing_responsible", lang), data.responsible),
        (tr("filing_authority", lang), tr("filing_authority_name", lang)),
        (tr("filing_reached", lang), fmt_date(pia.filing_reached_on)
         if pia.filing_reached_on else tr("filing_not_reached", lang)),
        (tr("filing_deadline", lang), fmt_date(pia.filing_deadline)
         if pia.filing_deadline else "—"),
        (tr("pia_done_on", lang),
         fmt_date(pia.done_on) if pia.done_on else tr("pia_not_done", lang)),
        *notice_fields(notice, lang, "purpose", "method"),
        (tr("filing_volume", lang), str(data.volume)),
        *notice_fields(notice, lang, "retention"),
        *data.extra.items(),
    ], st, label_width=52 * mm)
    story: list[Flowable] = [
        para(title, st.title),
        para(tr("filing_intro", lang, when=fmt_time(pia.generated)), st.small),
        main,
        para(tr("filing_h_safeguards", lang), st.h2), _bullets(safeguards(pia, lang), st),
        para(tr("filing_h_rules", lang), st.h2), _bullets(rules, st),
        para(tr("filing_h_pia", lang), st.h2),
        _bullets([f"{k}: {v}" for k, v in count_rows(pia, lang)] + filing_status(pia, lang), st),
        Spacer(1, 4 * mm),
        KeepTogether(dated_signatures([tr("filing_responsible", lang)], lang, st)),
    ]
    return render(story, school=school, title=title, lang=lang,
                  subject=tr("notice_version", lang, version=notice.version),
                  footer=fmt_time(pia.generated))
