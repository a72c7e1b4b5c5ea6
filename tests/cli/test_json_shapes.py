"""The command line's JSON keeps its shape now that the station returns typed results
(issue 10): the same keys in the same order, the same values, for every command whose
result became a dataclass. The key lists are those the commands printed when the
results were dicts."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import cv2

import station_fixtures as fx
from station_fixtures import image_for

hc, roster_file = fx.hc, fx.cli_roster_file
PHRASE = "a long passphrase"

RECEIPT = ["receipt", "kind", "created_at", "actor"]
CHECKIN = ["session", "number", "outcome", "event", "method", "status", "flags", "score",
           "messages"]


def _keep(name: str, out: Any) -> Any:
    """HEADCOUNT_JSON_SHAPES=FILE appends each output to FILE (to diff two versions)."""
    path = os.environ.get("HEADCOUNT_JSON_SHAPES")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"{name}: {json.dumps(out, ensure_ascii=False)}\n")
    return out


def _json(hc, *args: str, **kw: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    code, out = hc(*args, **kw)
    assert code == 0, out
    return _keep(" ".join(a for a in args if "/" not in a), out)  # type: ignore[no-any-return]


def test_json_of_typed_results(hc, roster_file: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                               monkeypatch) -> None:
    _json(hc, "roster", "import", str(roster_file))
    for number, seed in (("2024002", 5), ("2024004", 6)):
        _json(hc, "consent", "record", number, "--by", "self")
        photo = tmp_path / f"{number}.png"
        cv2.imwrite(str(photo), image_for(seed)[:, :, ::-1])
        _json(hc, "enrol", number, str(photo))

    out = _json(hc, "people", "show", "2024002")
    assert list(out) == ["id", "number", "name", "class_name", "birth_date", "guardian_name",
                         "guardian_phone", "id_number", "status", "left_at", "templates",
                         "consent", "manual_only", "held_after_restore", "must_renew_consent",
                         "age"]
    assert (out["templates"], out["manual_only"], out["held_after_restore"],
            out["must_renew_consent"], out["consent"]["given_by"]) == (1, False, False, False,
                                                                      "self")
    out = _json(hc, "consent", "show", "2024002")
    assert list(out) == ["number", "manual_only", "templates", "consents"]
    assert out["consents"][0]["given_by"] == "self" and out["templates"] == 1

    assert _json(hc, "user", "list") == [{"name": "boss", "role": "admin"}]
    code, text = hc("user", "list", as_json=False)
    assert code == 0 and text == "{'name': 'boss', 'role': 'admin'}"
    shown = _json(hc, "settings", "show")
    assert shown["filing_warning"] == 80000 and next(iter(shown)) == "school_name"
    out = _json(hc, "settings", "set", "filing_warning=50000")
    assert list(out) == list(shown) and out["filing_warning"] == 50000

    sid = str(_json(hc, "session", "create", "--kind", "class", "--name", "M",
                    "--class", "7A")["session"])
    _json(hc, "session", "start", sid)
    out = _json(hc, "checkin", sid, "--image", str(tmp_path / "2024002.png"))
    assert list(out) == ["session", "faces", "unknown", "ambiguous", "elsewhere", "checkins",
                         "unattended", "note"]
    assert (out["faces"], out["unknown"], out["ambiguous"], out["elsewhere"]) == (1, 0, [], [])
    assert list(out["checkins"][0]) == CHECKIN
    out = _json(hc, "session", "correct", sid, "2024003", "--status", "absent", "--reason", "ill")
    assert list(out) == ["correction", "session", "number", "status"]
    assert (out["session"], out["number"], out["status"]) == (int(sid), "2024003", "absent")

    out = _json(hc, "export", "attendance", sid, "--out", str(tmp_path / "m.csv"))
    assert list(out) == ["session", "format", "out", "rows", "lang"]
    assert (out["session"], out["format"], out["rows"]) == (int(sid), "csv", 3)

    monkeypatch.setenv("HEADCOUNT_PASSPHRASE", PHRASE)
    key_file = tmp_path / "k.hckey"
    out = _json(hc, "key", "export", "--out", str(key_file))
    assert list(out) == ["out", "station"] and out["out"] == str(key_file)
    out = _json(hc, "key", "import", str(key_file))
    assert list(out) == ["imported", "already_present", "key"]
    assert out["imported"] is False and out["already_present"] is True
    out = _json(hc, "backup", "--out", str(tmp_path / "b.zip"))
    assert list(out) == ["out", "station_id", "created_at", "db_bytes", "db_sha256", "counts"]
    assert out["counts"] == {"people": 4, "templates": 2, "sessions": 1, "checkins": 1,
                             "audit": out["counts"]["audit"]}

    out = _json(hc, "filing", "status", "--signed-out", str(tmp_path / "mine.json"))
    assert list(out) == ["people_with_facial_data", "warning_level", "filing_level", "level",
                         "message", "threshold_reached_on", "deadline", "authority", "changes",
                         "this_station", "other_stations", "count_source", "count_used",
                         "signed_out"]
    assert (out["people_with_facial_data"], out["level"], out["deadline"]) == (2, "ok", None)
    assert list(out["message"]) == ["en", "zh"] and list(out["count_used"]) == ["en", "zh"]
    code, text = hc("filing", "status", as_json=False)
    assert code == 0 and text.startswith("2 people have stored facial data")
    signed = _keep("signed", json.loads((tmp_path / "mine.json").read_text(encoding="utf-8")))
    assert list(signed) == ["kind", "station_id", "school", "credit_code",
                            "people_with_facial_data", "at", "public_key", "signature"]
    other = tmp_path / "other"
    assert hc("init", "--school", "测试中学", "--contact", "010", "--admin", "boss",
              data_dir=other)[0] == 0
    _json(hc, "filing", "status", "--signed-out", str(tmp_path / "other.json"), data_dir=other)
    out = _json(hc, "filing", "import", str(tmp_path / "other.json"))
    assert list(out) == ["station_id", "people_with_facial_data", "stations_imported",
                         "school_total_others", "status"]
    assert (out["stations_imported"], out["school_total_others"]) == (1, 0)

    assert _json(hc, "assessment", "show") == {"done": None, "calibration": None}
    out = _json(hc, "assessment", "record", "--date", "2026-12-01")
    assert out == {"on": "2026-12-01", "by": "boss", "notice_version": 1}
    assert list(out) == ["on", "by", "notice_version"]
    out = _json(hc, "assessment", "show")
    assert list(out) == ["done", "calibration"]
    assert list(out["done"]) == ["on", "by", "notice_version"]
    assert out["done"] == {"on": "2026-12-01", "by": "boss", "notice_version": 1}

    out = _json(hc, "audit", "incident", "--out", str(tmp_path / "inc.json"))
    assert list(out) == ["out", "people", "with_facial_data"]
    report = _keep("incident", json.loads((tmp_path / "inc.json").read_text(encoding="utf-8")))
    assert list(report) == ["generated_at", "since", "until", "affected_people", "counts",
                            "actions_in_window", "data_types"]
    assert report["affected_people"][1] == {"number": "2024002", "name": "Li Lei",
                                            "data": ["roster", "templates", "consent",
                                                     "attendance"]}

    out = _json(hc, "consent", "withdraw", "2024004")
    assert list(out) == [*RECEIPT, "person", "name", "consent", "scope", "withdrawn_at",
                         "templates_deleted", "manual_only"]
    assert (out["kind"], out["person"], out["templates_deleted"]) == ("deletion", "2024004", 1)
    out = _json(hc, "people", "delete", "2024002")
    assert list(out) == [*RECEIPT, "person", "name", "templates_deleted", "checkins_deleted",
                         "person_deleted"]
    assert (out["templates_deleted"], out["checkins_deleted"], out["actor"]) == (1, 1, "boss")
    out = _json(hc, "purge")
    assert list(out) == [*RECEIPT, "at", "templates_deleted", "people",
                         "unused_templates_deleted", "unused_people", "sessions_purged",
                         "checkins_deleted", "corrections_deleted", "audit_rows_deleted"]
    assert (out["kind"], out["people"], out["sessions_purged"]) == ("purge", [], [])
