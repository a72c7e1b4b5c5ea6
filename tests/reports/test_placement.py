"""The camera placement guide: plain text (no markdown), three lists, and this station's
cameras with where each is installed and who checked it, when (C13)."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from reports_pdf import assert_contains, flat, pages_text

import station_fixtures as fx
from headcount.compliance import placement as pl
from headcount.reports import camera_placement, samples
from headcount.reports.model import CameraPlacement
from headcount.reports.text import tr

hc = fx.hc


def test_guide_text_has_no_backticks_and_counts_its_lists() -> None:
    guide = [pl.TITLE, pl.INTRO, pl.FORBIDDEN_TITLE, pl.ALLOWED_TITLE, pl.RULES_TITLE,
             *pl.FORBIDDEN, *pl.ALLOWED, *pl.RULES]
    assert not [t for t in guide if "`" in t.en + t.zh]
    for lang in ("zh", "en"):
        rendered = camera_placement(samples.SCHOOL, lang=lang)
        assert "`" not in "".join(pages_text(rendered))
    assert "three lists" in pl.INTRO.en and "two" not in pl.INTRO.en
    assert "三份清单" in pl.INTRO.zh and "两份" not in pl.INTRO.zh


def test_recorded_cameras_are_printed_else_blank_rows_to_fill() -> None:
    from datetime import date

    cams = (CameraPlacement("0", "201 考场门口，朝向候考队伍", "李老师", date(2025, 9, 1)),
            CameraPlacement("rtsp://10.0.0.5/cam", "初一(3)班教室前方", "王工", date(2025, 9, 2)))
    for lang in ("zh", "en"):
        text = "".join(pages_text(camera_placement(samples.SCHOOL, lang=lang, cameras=cams)))
        assert_contains(text, tr("place_h_cameras", lang), "201 考场门口，朝向候考队伍", "李老师",
                        "2025-09-01", "rtsp://10.0.0.5/cam", "王工", tr("place_signoff", lang))
        assert flat(tr("place_none", lang)) not in flat(text)
        blank = "".join(pages_text(camera_placement(samples.SCHOOL, lang=lang)))
        assert_contains(blank, tr("place_none", lang), tr("place_col_checked_by", lang))


def test_placement_recorded_by_cli_settings_and_printed(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = hc("settings", "placement", "0", "--location", "201 考场门口",
                   "--checked-by", "李老师", "--on", "2025-09-01")
    assert code == 0 and out["camera_placements"] == [
        {"camera": "0", "location": "201 考场门口", "checked_by": "李老师",
         "checked_on": "2025-09-01"}]
    # Recording the same camera again replaces its entry; another camera adds one.
    hc("settings", "placement", "0", "--location", "202 考场门口", "--checked-by", "王工",
       "--on", "2025-09-03")
    hc("settings", "placement", "1", "--location", "初一(3)班", "--checked-by", "王工")
    code, shown = hc("settings", "show")
    assert [p["location"] for p in shown["camera_placements"]] == ["202 考场门口", "初一(3)班"]
    assert hc("settings", "placement", "2", "--location", "x", "--checked-by", "y",
              "--on", "yesterday")[0] == 2
    assert hc("settings", "set", 'camera_placements=[{"camera": "3"}]')[0] == 2
    out_pdf = tmp_path / "placement.pdf"
    assert hc("print", "placement", "--out", str(out_pdf))[0] == 0
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out_pdf).pages)
    assert_contains(text, "202 考场门口", "王工", "2025-09-03", "初一(3)班")
    assert "201 考场门口" not in text


@pytest.mark.parametrize("bad", [[{"camera": "0"}], [{"camera": "0", "location": "x",
                                                      "checked_on": "2025-13-01"}], "x"])
def test_bad_placements_are_refused(bad: object) -> None:
    from headcount.store.settings import BY_NAME

    assert BY_NAME["camera_placements"].check(bad)
