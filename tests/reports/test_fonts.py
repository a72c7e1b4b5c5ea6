import io

import pypdf
import pytest
from reports_pdf import assert_contains, pages_text

from headcount.reports import fonts, notice_slip, samples


def _fonts_of(pdf: bytes) -> list[pypdf.generic.DictionaryObject]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            out.append(ref.get_object())
    return out


def test_a_system_cjk_font_is_embedded_and_named_in_the_metadata() -> None:
    choice = fonts.cjk_font()
    if not choice.embedded:
        pytest.skip("no CJK TrueType font on this machine (install fonts-wqy-microhei)")
    rendered = notice_slip(samples.NOTICE, samples.SCHOOL, lang="zh")
    assert rendered.font == choice
    embedded = [f for f in _fonts_of(rendered.pdf)
                if "/FontDescriptor" in f and "/FontFile2" in f["/FontDescriptor"].get_object()]
    assert embedded, "no embedded TrueType font in the PDF"
    assert all("/ToUnicode" in f for f in embedded)  # text stays searchable and extractable
    meta = pypdf.PdfReader(io.BytesIO(rendered.pdf)).metadata
    assert meta is not None
    assert choice.label in str(meta.get("/Creator")) and "embedded" in str(meta.get("/Creator"))


def test_fallback_cid_font_still_prints_chinese() -> None:
    try:
        choice = fonts.use_fallback_only()
        rendered = notice_slip(samples.NOTICE, samples.SCHOOL, lang="zh")
        assert rendered.font.name == fonts.FALLBACK and not rendered.font.embedded
        base_fonts = [str(f.get("/BaseFont")) for f in _fonts_of(rendered.pdf)]
        assert any("STSong-Light" in b for b in base_fonts)
        assert_contains(pages_text(rendered)[0], "人脸信息处理告知书")
        assert choice.describe().startswith("STSong-Light")
    finally:
        fonts.cjk_font(refresh=True)


def test_unusable_font_files_are_skipped(tmp_path, monkeypatch) -> None:
    bogus = tmp_path / "broken.ttf"
    bogus.write_bytes(b"not a font")
    monkeypatch.setenv("HEADCOUNT_CJK_FONT", str(bogus))
    assert fonts.candidates()[0][0] == bogus
    assert fonts._load_ttf(bogus, 0) is None
    assert fonts._load_ttf(tmp_path / "absent.ttf", 0) is None


def test_name_dots_survive_both_fonts() -> None:
    from dataclasses import replace

    from headcount.reports import attendance_report
    from headcount.reports.model import AttendanceRow

    name = "阿依古丽·买买提"
    sheet = replace(samples.attendance_sheet(3),
                    rows=(AttendanceRow("01", "2025001", name, "present"),))
    try:
        fonts.use_fallback_only()
        text = pages_text(attendance_report(sheet, samples.SCHOOL, lang="zh"))[0]
        assert "阿依古丽・买买提" in text and "·" not in text  # STSong-Light has no U+00B7
    finally:
        fonts.cjk_font(refresh=True)
    if fonts.cjk_font().embedded:
        assert name in pages_text(attendance_report(sheet, samples.SCHOOL, lang="zh"))[0]
