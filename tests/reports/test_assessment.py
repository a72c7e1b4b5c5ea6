from dataclasses import replace

from reports_pdf import assert_contains, pages_text

from headcount.reports import filing_report, pia_report, samples
from headcount.reports.assessment import count_rows, data_items, safeguards
from headcount.reports.model import PiaCounts, pick
from headcount.reports.text import tr


def test_pia_lists_purpose_data_retention_safeguards_and_counts() -> None:
    pia = samples.pia()
    for lang in ("zh", "en"):
        text = "\n".join(pages_text(pia_report(pia, samples.SCHOOL, lang=lang)))
        notice = pia.notice
        assert_contains(text, pick(notice.purpose, lang), pick(notice.retention, lang),
                        pick(notice.method, lang), *data_items(pia, lang),
                        *safeguards(pia, lang), tr("pia_h_assessment", lang))
        for label, value in count_rows(pia, lang):
            assert_contains(text, label.strip() + value)


def test_filing_data_and_threshold_warnings() -> None:
    filing = samples.filing()
    for lang in ("zh", "en"):
        text = "\n".join(pages_text(filing_report(filing, samples.SCHOOL, lang=lang)))
        notice = filing.pia.notice
        assert_contains(text, pick(notice.processor, lang), pick(notice.purpose, lang),
                        pick(notice.method, lang), str(filing.volume), filing.responsible,
                        *safeguards(filing.pia, lang))
        assert tr("pia_filing_due", lang) not in text
    near = replace(filing, pia=replace(filing.pia, counts=PiaCounts(with_templates=85_000)))
    text = "\n".join(pages_text(filing_report(near, samples.SCHOOL, lang="en")))
    assert_contains(text, tr("pia_filing_warn", "en"))
    over = replace(filing, pia=replace(filing.pia, counts=PiaCounts(with_templates=100_000)))
    text = "\n".join(pages_text(pia_report(over.pia, samples.SCHOOL, lang="zh")))
    assert_contains(text, tr("pia_filing_due", "zh"))
