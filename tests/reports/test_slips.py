import io
import re
from datetime import date

import pypdf
from reports_pdf import assert_contains, flat, pages_text

from headcount.i18n import Text
from headcount.reports import children_rules, consent_slips, notice_slip, samples
from headcount.reports.model import ChildrenRulesData, ConsentSlipData, PersonData, pick
from headcount.reports.slips import notice_rows
from headcount.reports.text import tr

C2_FIELDS = ("processor", "contact", "purpose", "method", "retention", "necessity", "rights",
             "alternative", "questions")


def _c2_values(lang: str) -> list[str]:
    return [pick(getattr(samples.NOTICE, f), lang) for f in C2_FIELDS]


def test_sample_notice_is_complete_and_missing_fields_are_named() -> None:
    assert samples.NOTICE.missing() == []
    from dataclasses import replace
    half = replace(samples.NOTICE, alternative=Text("Manual check", ""))
    assert half.missing() == ["alternative"]


def test_notice_slip_carries_every_c2_field_and_the_version() -> None:
    for lang in ("zh", "en"):
        rendered = notice_slip(samples.NOTICE, samples.SCHOOL, lang=lang)
        text = "\n".join(pages_text(rendered))
        assert_contains(text, *_c2_values(lang), tr("notice_version", lang, version="2025-09-1"))
        assert_contains(text, *(label for label, _ in notice_rows(samples.NOTICE, lang)))
        assert_contains(text, pick(samples.SCHOOL.name, lang))


def _stroke_only_boxes(page: pypdf.PageObject) -> int:
    """Small square rectangles drawn with a stroke and no fill: the tick boxes."""
    content = page.get_contents()
    assert content is not None
    data = content.get_data().decode("latin-1")
    boxes = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re S", data)
    return sum(1 for *_, w, h in boxes if abs(float(w) - float(h)) < 0.01 and float(w) < 15)


def test_consent_batch_one_page_each_boxes_empty_and_guardian_lines_for_under_14s() -> None:
    printed = date(2025, 9, 3)
    child = PersonData("2025001", "王小明", "初一(3)班", date(2013, 5, 1))  # 12
    adult = PersonData("2025002", "李大华", "高三(1)班", date(2007, 5, 1))  # 18
    turning = PersonData("2025003", "张十四", "初二(1)班", date(2011, 9, 3))  # 14 today
    slips = [ConsentSlipData(p, samples.NOTICE, printed) for p in (child, adult, turning)]
    assert [s.for_guardian for s in slips] == [True, False, False]
    for lang in ("zh", "en"):
        rendered = consent_slips(slips, samples.SCHOOL, lang=lang)
        assert rendered.pages == 3
        texts = pages_text(rendered)
        reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
        for person, text, page in zip((child, adult, turning), texts, reader.pages, strict=True):
            assert_contains(text, person.name, person.number, *_c2_values(lang),
                            tr("consent_statement_head", lang), tr("consent_yes", lang),
                            tr("consent_no", lang), samples.NOTICE.version)
            assert _stroke_only_boxes(page) == 2
            assert not re.search("[☑☒✓✔✗✘]", text)
        guardian_lines = (tr("consent_guardian_name", lang), tr("consent_relationship", lang),
                          tr("consent_sign_guardian", lang))
        assert_contains(texts[0], *guardian_lines, tr("consent_title_guardian", lang))
        for text in texts[1:]:
            assert_contains(text, tr("consent_sign_person", lang))
            assert tr("consent_sign_guardian", lang) not in text


def test_children_rules_page() -> None:
    for lang in ("zh", "en"):
        rendered = children_rules(ChildrenRulesData(samples.NOTICE), samples.SCHOOL, lang=lang)
        assert rendered.pages == 1
        text = pages_text(rendered)[0]
        assert_contains(text, tr("children_title", lang), pick(samples.NOTICE.retention, lang),
                        pick(samples.NOTICE.questions, lang), pick(samples.NOTICE.contact, lang),
                        samples.NOTICE.version)
    # Under-14 information is sensitive by PIPL 28; the guardian's consent is PIPL 31 and
    # Measures Art. 7 (the page once cited 31 for the first).
    zh = flat(pages_text(children_rules(ChildrenRulesData(samples.NOTICE), samples.SCHOOL,
                                        lang="zh"))[0])
    assert "《个人信息保护法》第二十八条，不满十四周岁未成年人的个人信息属于敏感个人信息" in zh
    assert "《人脸识别技术应用安全管理办法》第七条" in zh
    en = flat(pages_text(children_rules(ChildrenRulesData(samples.NOTICE), samples.SCHOOL,
                                        lang="en"))[0])
    assert flat("sensitive personal information (Personal Information Protection Law, "
                "Article 28)") in en
    assert flat("Article 7 of the Measures") in en


def test_logo_from_settings_is_drawn(tmp_path) -> None:
    from dataclasses import replace

    import numpy as np
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.fromarray(np.full((40, 80, 3), (200, 30, 30), np.uint8)).save(logo)
    school = replace(samples.SCHOOL, logo=logo)
    with_logo = notice_slip(samples.NOTICE, school, lang="en")
    reader = pypdf.PdfReader(io.BytesIO(with_logo.pdf))
    assert "/XObject" in reader.pages[0]["/Resources"]
    without = notice_slip(samples.NOTICE, replace(samples.SCHOOL, logo=tmp_path / "gone.png"),
                          lang="en")
    assert without.pages == 1  # a missing logo file prints without it


def test_camera_placement_guide_lists_every_forbidden_place() -> None:
    from headcount.compliance import placement
    from headcount.reports import camera_placement

    for lang in ("zh", "en"):
        rendered = camera_placement(samples.SCHOOL, lang=lang)
        assert rendered.pages == 1
        text = "".join(pages_text(rendered))
        for place in placement.FORBIDDEN:
            assert_contains(text, place.zh if lang == "zh" else place.en)
        assert_contains(text, "headcount print sign")
