"""Chinese line breaking (禁则): checked on the wrapping itself and on real documents."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest
from reports_pdf import pages_text

from headcount.i18n import Text
from headcount.reports import children_rules, consent_slips, notice_slip, samples
from headcount.reports.document import para, styles
from headcount.reports.fonts import cjk_font
from headcount.reports.model import ChildrenRulesData
from headcount.reports.wrap import CANNOT_END, CANNOT_START, can_break

CLOSING = "）。，、：；！？」』》〉】"
OPENING = "（「『《〈【"
TEXT = ("保存期限：至学生离校为止，最长 3 年；每 30 / 天清除一次，共 100,000 人（示例）。"
        "「人脸识别」只用于《考勤》，不用于其他目的；Headcount 使用 dpo@example.edu.cn 联系。"
        "备案门槛为 100,000 人，应在 30 天内完成，出勤率 95 %。")


def _lines(text: str, width: float, size: float = 10.5) -> list[str]:
    from reportlab.lib.styles import ParagraphStyle

    st = styles(cjk_font().name)
    style = ParagraphStyle("t", parent=st.body, fontSize=size, leading=size * 1.4)
    p = para(text, style)
    p.wrap(width, 10_000)
    return ["".join(w.text for w in line.words) for line in p.blPara.lines]


def test_the_rules_in_can_break() -> None:
    assert set(CLOSING) <= CANNOT_START and set(OPENING) <= CANNOT_END
    s = "学生，离校（示例）"
    assert not can_break(s, 2)  # before ，
    assert can_break(s, 3)
    assert can_break(s, 5) and not can_break(s, 6)  # before （ yes, after it no
    assert not can_break(s, 8)  # before ）
    for text, unit in (("最长 30 天", "天"), ("每 30 / 天", "天"), ("每 30 / 天", "/"),
                       ("共 100,000 人", "人"), ("30天", "天"), ("率 95 %", "%")):
        assert not can_break(text, text.rindex(unit)), text
    assert not can_break("Headcount", 4) and can_break("use them", 4)
    assert can_break("中文English", 2) and can_break("人脸识别", 2)


@pytest.mark.parametrize("width", [60, 75, 90, 110, 140, 170, 200, 260])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width: float) -> None:
    lines = _lines(TEXT, width)
    assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")  # nothing lost
    for i, line in enumerate(lines):
        assert line, lines
        if i:
            assert line[0] not in CANNOT_START, (width, lines)
        if i < len(lines) - 1:
            assert line[-1] not in CANNOT_END, (width, lines)
        for number, unit in (("30", "/ 天"), ("100,000", " 人"), ("30", " 天"), ("95", " %")):
            # A line never ends with the number when the unit opens the next.
            if i < len(lines) - 1 and line.rstrip().endswith(number):
                assert not lines[i + 1].lstrip().startswith(unit.strip()), (width, lines)
    assert not any(line.startswith(("ount", "example")) for line in lines)  # words whole


def test_a_word_wider_than_the_line_is_cut_rather_than_overflowing() -> None:
    lines = _lines("地址 " + "x" * 80, 60)
    assert len(lines) > 2 and "".join(lines).replace(" ", "") == "地址" + "x" * 80


def test_real_documents_break_by_the_rules() -> None:
    notice = replace(samples.NOTICE, retention=Text(
        "Kept 30 days after the last session (at most 100,000 people).",
        "最后一次场次后保存 30 天（最多 100,000 人），到期后每 30 / 天自动清除；撤回同意即删除。"
        * 3))
    docs = [notice_slip(notice, samples.SCHOOL, lang="zh"),
            children_rules(ChildrenRulesData(notice), samples.SCHOOL, lang="zh"),
            consent_slips([samples.consent_slip(0, guardian=True)], samples.SCHOOL, lang="zh"),
            notice_slip(notice, samples.SCHOOL, lang="zh", large=True)]
    checked = 0
    for rendered in docs:
        for text in pages_text(rendered):
            lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
            for before, line in pairwise(lines):
                assert line[0] not in CLOSING, (before, line)
                assert before[-1] not in OPENING, (before, line)
                assert not (before.endswith("30") and line.startswith(("天", "/ 天"))), line
                assert not (before.endswith("100,000") and line.startswith("人")), line
                checked += 1
    assert checked > 150


def test_a_short_last_word_is_not_left_alone() -> None:
    text = "Rules for processing the facial information of children under 14"
    assert not can_break(text, text.rindex("14"))
    lines = _lines(text, 300, size=18)
    assert len(lines) == 2 and lines[-1] != "14" and lines[-1].endswith("under 14")
