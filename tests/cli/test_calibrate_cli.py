"""`headcount calibrate`: the false-match rate of the station's own gallery."""

from pathlib import Path

import cv2

import station_fixtures as fx
from station_fixtures import image_for

hc, roster_file = fx.hc, fx.cli_roster_file


def test_calibrate_reports_the_rate_at_the_threshold_for_the_roster_size(  # type: ignore[no-untyped-def]
        hc, roster_file: Path, tmp_path: Path) -> None:
    hc("roster", "import", str(roster_file))
    # Too few people enrolled: a clear refusal of the input, not a crash.
    assert hc("calibrate")[0] == 2
    hc("consent", "record", "2024001", "--by", "guardian", "--relationship", "mother",
       "--evidence", "slip 1")
    hc("consent", "record", "2024002", "--by", "self")
    hc("consent", "record", "2024004", "--by", "self")
    for n, number in enumerate(("2024001", "2024002", "2024004")):
        photo = tmp_path / f"{number}.png"
        cv2.imwrite(str(photo), image_for(60 + n)[:, :, ::-1])
        assert hc("enrol", number, str(photo))[0] == 0
    code, out = hc("calibrate", "--roster-size", "40", "--threshold", "0.6")
    assert code == 0, out
    assert out["people"] == 3 and out["threshold"] == 0.6
    assert 0 <= out["search_fmr"] <= 1 and "suggested_threshold" in out
    code, text = hc("calibrate", as_json=False)
    assert code == 0 and text
    code, out = hc("audit", "show")
    assert any(e["action"] == "calibrate" for e in out["entries"])
