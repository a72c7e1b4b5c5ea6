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


RARE = ("张𠮷", "王𪚥", "龘", "李喆", "陈堃")  # Extension B (𠮷 U+20BB7, 𪚥 U+2A6A5) and BMP


def _needs_fallback_font() -> None:
    if not fonts.cjk_font().fallbacks:
        pytest.skip("no font for rare characters (install fonts-hanazono: scripts/setup.sh)")


def _to_unicode_of(pdf: bytes) -> dict[str, bytes]:
    """BaseFont -> its ToUnicode CMap, for every font of every page."""
    return {str(f["/BaseFont"]): f["/ToUnicode"].get_object().get_data()
            for f in _fonts_of(pdf) if "/ToUnicode" in f}


def test_rare_characters_in_names_are_set_in_a_fallback_font() -> None:
    from dataclasses import replace

    from headcount.reports import attendance_report, consent_slips
    from headcount.reports.model import AttendanceRow, ConsentSlipData, PersonData

    _needs_fallback_font()
    assert fonts.plain("龘喆堃") and not fonts.plain("𠮷")  # WenQuanYi lacks Extension B
    people = [PersonData(f"202500{i}", name, "初一(3)班") for i, name in enumerate(RARE)]
    slips = consent_slips([ConsentSlipData(p, samples.NOTICE, samples.date(2025, 9, 3))
                           for p in people], samples.SCHOOL, lang="zh")
    sheet = replace(samples.attendance_sheet(3), rows=tuple(
        AttendanceRow(f"{i:02d}", p.number, p.name, "present") for i, p in enumerate(people)))
    report = attendance_report(sheet, samples.SCHOOL, lang="zh")
    for rendered in (slips, report):
        assert rendered.missing == ()
        text = "".join(pages_text(rendered))
        assert all(name in text for name in RARE)  # extractable, so drawn with a real glyph
        cmaps = _to_unicode_of(rendered.pdf)
        rare = [name for name, cmap in cmaps.items() if "HanaMin" in name]
        assert rare, f"no fallback font embedded: {list(cmaps)}"
        # The fallback font's cmap maps a glyph to U+20BB7 and U+2A6A5 (UTF-16 surrogates).
        joined = b"".join(cmaps[n] for n in rare).upper()
        assert b"D842DFB7" in joined and b"D869DEA5" in joined
    assert "HanaMin" in fonts.cjk_font().describe()


def test_a_character_no_font_has_is_marked_never_dropped() -> None:
    from headcount.reports import consent_slips
    from headcount.reports.document import missing_mark
    from headcount.reports.model import ConsentSlipData, PersonData

    _needs_fallback_font()
    biang = "\U00030EDE"  # 𰻞 (Extension G): neither WenQuanYi nor Hanazono has it
    assert fonts.missing("赵" + biang) == [biang]
    person = PersonData("2025009", f"赵{biang}", "初一(3)班")
    rendered = consent_slips([ConsentSlipData(person, samples.NOTICE, samples.date(2025, 9, 3))],
                             samples.SCHOOL, lang="en")
    assert rendered.missing == (biang,)
    text = pages_text(rendered)[0]
    assert missing_mark(biang) in text and "U+30EDE" in missing_mark(biang)
    assert "缺字" in missing_mark(biang) and "no glyph" in missing_mark(biang)


def test_doctor_warns_without_a_font_for_rare_characters(monkeypatch) -> None:
    from headcount import doctor

    if not fonts.cjk_font().embedded:
        pytest.skip("no CJK TrueType font on this machine")
    try:
        monkeypatch.setattr(fonts, "ext_candidates", lambda: [])
        check = doctor.check_font()
        assert check.status == doctor.WARN and "𠮷" in check.detail.en
        assert check.fix is not None and ("fonts-hanazono" in check.fix.en
                                          or "SimSun-ExtB" in check.fix.en)
    finally:
        monkeypatch.undo()
        fonts.cjk_font(refresh=True)
    if fonts.cjk_font().fallbacks:
        assert doctor.check_font().status == doctor.OK
