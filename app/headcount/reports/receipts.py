"""Receipts for deleted facial data: on withdrawal (C5) and at the end of retention (C8)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from headcount.reports.document import (
    Rendered,
    columns,
    dated_signatures,
    field_table,
    fit_cell,
    fmt_date,
    fmt_time,
    grid,
    para,
    prepare,
    render,
)
from headcount.reports.model import DeletionReceiptData, PurgeReceiptData, SchoolData, pick
from headcount.reports.text import tr

PURGE_WIDTHS = columns(32 * mm, 52 * mm, 22 * mm, 32 * mm)


def deletion_receipt(data: DeletionReceiptData, school: SchoolData, *,
                     lang: str | None = None) -> Rendered:
    """Proof, for the person or guardian, that consent was withdrawn and templates deleted."""
    lang, st = prepare(lang)
    title = tr("deletion_title", lang)
    person = data.person
    who = " · ".join(x for x in (person.name, person.number, person.klass) if x)
    requested = " · ".join(x for x in (data.requested_by, data.relationship) if x)
    rows = [
        (tr("receipt_id", lang), data.receipt_id),
        (tr("receipt_when", lang), fmt_time(data.when)),
        (tr("receipt_person", lang), who),
        (tr("receipt_requested_by", lang), requested),
        (tr("receipt_consent", lang), tr("yes" if data.consent_withdrawn else "no", lang)),
        (tr("receipt_templates", lang), str(data.templates_deleted)),
        (tr("receipt_operator", lang), data.operator),
        (tr("receipt_audit", lang), data.audit_ref),
        (tr("f_processor", lang), f"{pick(school.name, lang)}  {pick(school.contact, lang)}"),
    ]
    story: list[Flowable] = [
        para(title, st.title),
        field_table(rows, st, label_width=44 * mm),
        Spacer(1, 4 * mm),
        para(tr("deletion_after", lang), st.body),
        Spacer(1, 4 * mm),
        KeepTogether(dated_signatures([tr("receipt_operator", lang),
                                       tr("receipt_requested_by", lang)], lang, st)),
    ]
    return render(story, school=school, title=title, lang=lang, subject=data.receipt_id,
                  footer=f"{tr('receipt_id', lang)} {data.receipt_id}")


def purge_receipt(data: PurgeReceiptData, school: SchoolData, *,
                  lang: str | None = None) -> Rendered:
    """What the retention purge deleted, and when; long lists flow across pages."""
    lang, st = prepare(lang)
    title = tr("purge_title", lang)
    templates = data.templates_total
    rows = [
        (tr("receipt_id", lang), data.receipt_id),
        (tr("receipt_when", lang), fmt_time(data.when)),
        (tr("receipt_rule", lang), pick(data.rule, lang)),
        (tr("receipt_operator", lang), data.operator or tr("receipt_auto", lang)),
        (tr("receipt_audit", lang), data.audit_ref),
        *((pick(label, lang), value) for label, value in data.extra),
    ]
    heads = ("col_number", "col_name", "col_templates", "col_enrolled", "col_expired")
    table: list[list[Any]] = [[tr(h, lang) for h in heads]]
    for item in data.items:
        table.append([item.number, fit_cell(item.name, st.cell, PURGE_WIDTHS[1]),
                      "" if item.templates is None else str(item.templates),
                      fmt_date(item.enrolled), fmt_date(item.expired)])
    story: list[Flowable] = [
        para(title, st.title),
        field_table(rows, st, label_width=44 * mm),
        para(tr("receipt_items", lang), st.h2),
        grid(table, PURGE_WIDTHS, st, long=len(table) > 300),
        Spacer(1, 2 * mm),
        para(tr("receipt_total", lang, people=len(data.items), templates=templates), st.body),
        Spacer(1, 3 * mm),
        para(tr("purge_after", lang), st.body),
    ]
    return render(story, school=school, title=title, lang=lang, subject=data.receipt_id,
                  footer=f"{tr('receipt_id', lang)} {data.receipt_id}")
