from reports_pdf import assert_contains, pages_text

from headcount.reports import deletion_receipt, purge_receipt, samples
from headcount.reports.model import pick
from headcount.reports.text import tr


def test_deletion_receipt() -> None:
    data = samples.deletion_receipt()
    for lang in ("zh", "en"):
        text = pages_text(deletion_receipt(data, samples.SCHOOL, lang=lang))[0]
        assert_contains(text, tr("deletion_title", lang), data.receipt_id, data.person.name,
                        data.person.number, data.requested_by, data.relationship, data.operator,
                        data.audit_ref, "2025-10-08 16:05", tr("deletion_after", lang))


def test_purge_receipt_lists_every_person_and_totals() -> None:
    data = samples.purge_receipt(80)
    for lang in ("zh", "en"):
        rendered = purge_receipt(data, samples.SCHOOL, lang=lang)
        assert rendered.pages >= 2
        text = "\n".join(pages_text(rendered))
        assert_contains(text, data.receipt_id, pick(data.rule, lang), tr("receipt_auto", lang),
                        tr("receipt_total", lang, people=80, templates=160))
        for item in data.items:
            assert_contains(text, item.number + item.name)
