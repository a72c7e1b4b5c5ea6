"""CLI: key export/import, backup and restore, roster re-import marking people as left,
camera settings, the filing warning, unknown sessions (in-process, tmp folders)."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

import station_fixtures as fx
from station_fixtures import PW, image_for

hc, roster_file = fx.hc, fx.cli_roster_file
PHRASE = "a long passphrase"


def _enrol_two(hc, roster_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert hc("roster", "import", str(roster_file))[0] == 0
    for number, seed in (("2024002", 5), ("2024004", 6)):
        assert hc("consent", "record", number, "--by", "self")[0] == 0
        photo = tmp_path / f"{number}.png"
        cv2.imwrite(str(photo), image_for(seed)[:, :, ::-1])
        assert hc("enrol", number, str(photo))[0] == 0


def test_backup_and_restore_on_a_new_pc(hc, roster_file: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _enrol_two(hc, roster_file, tmp_path)
    monkeypatch.setenv("HEADCOUNT_PASSPHRASE", PHRASE)
    code, out = hc("backup", "--out", str(tmp_path / "b.zip"))
    assert code == 0 and out["counts"]["templates"] == 2
    assert hc("backup", "--out", str(tmp_path / "b.zip"))[0] == 2  # never overwrites
    new_pc = tmp_path / "elsewhere" / "station"
    assert hc("restore", str(tmp_path / "b.zip"), data_dir=new_pc)[0] == 2  # who restores?
    code, out = hc("--user", "boss", "restore", str(tmp_path / "b.zip"), data_dir=new_pc)
    assert code == 0 and out["audit_ok"] and out["templates"] == 2 and out["people"] == 4
    assert hc("audit", "verify", data_dir=new_pc)[0] == 0
    code, out = hc("people", "show", "2024002", data_dir=new_pc)
    assert out["templates"] == 1 and out["consent"]["given_by"] == "self"
    monkeypatch.setenv("HEADCOUNT_PASSPHRASE", "not the passphrase")
    code, out = hc("--user", "boss", "restore", str(tmp_path / "b.zip"),
                   data_dir=tmp_path / "third")
    assert code == 1 and "passphrase" in out["error"]
    assert not (tmp_path / "third").exists()


def test_key_export_then_import_after_the_key_is_lost(hc, roster_file: Path,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    _enrol_two(hc, roster_file, tmp_path)
    key_file = tmp_path / "station.hckey"
    code, out = hc("key", "export", "--out", str(key_file), "--passphrase", PHRASE)
    assert code == 0 and key_file.exists()
    for k in (tmp_path / "st-keys").glob("*.key"):
        k.unlink()
    code, out = hc("enrol", "2024002", str(tmp_path / "2024002.png"))
    assert code == 2 and "missing" in out["error"]
    assert hc("key", "import", str(key_file), "--passphrase", "wrong one!")[0] == 1
    code, out = hc("key", "import", str(key_file), "--passphrase", PHRASE)
    assert code == 0 and out["imported"]
    code, out = hc("session", "create", "--kind", "class", "--name", "Art", "--class", "7A")
    assert hc("session", "start", str(out["session"]))[0] == 0
    image = tmp_path / "2024002.png"
    code, out = hc("checkin", str(out["session"]), "--image", str(image))
    assert code == 0 and out["checkins"][0]["number"] == "2024002"  # templates decrypt


def test_roster_reimport_marks_missing_people_as_left(hc, roster_file: Path,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    assert hc("roster", "import", str(roster_file))[0] == 0
    new = tmp_path / "new.csv"
    new.write_text("学号,姓名,班级\n2024001,王小明,7A\n2024002,李雷,7A\n", encoding="gbk")
    code, out = hc("roster", "import", str(new), "--mark-missing-left",
                   "--classes-in-file-only")
    assert code == 0 and out["left"] == ["2024003"]
    code, text = hc("roster", "import", str(new), "--mark-missing-left", as_json=False)
    assert code == 0 and ("1 marked as left" in text or "标记离校 1" in text)
    code, out = hc("people", "list")
    assert {p["number"]: p["status"] for p in out["people"]}["2024004"] == "left"


def test_settings_cameras_and_filing_warning(hc, roster_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = hc("settings", "set", 'cameras=[0, "rtsp://door/1"]')
    assert code == 0 and out["cameras"] == [0, "rtsp://door/1"]
    assert hc("settings", "set", "cameras=[-3]")[0] == 2
    # Each camera's mode (issue 9): a classroom camera for the roll call.
    code, out = hc("settings", "set", 'cameras=[0, {"source": 1, "mode": "classroom"}]')
    assert code == 0 and out["cameras"] == [0, {"source": 1, "mode": "classroom"}]
    code, out = hc("settings", "set", 'cameras=[{"source": 1, "mode": "hallway"}]')
    assert code == 2 and "'entrance' or 'classroom'" in out["error"]
    from headcount.store.settings import camera_list

    assert camera_list([0, {"source": 1, "mode": "classroom"}]) == [(0, "entrance"),
                                                                    (1, "classroom")]
    # C12: seeding the counter past the warning level shows the warning.
    _enrol_two(hc, roster_file, tmp_path)
    assert hc("filing", "status")[1]["level"] == "ok"
    assert hc("settings", "set", "filing_warning=2")[0] == 0
    code, out = hc("filing", "status")
    assert code == 0 and out["level"] == "warning" and out["people_with_facial_data"] == 2
    code, text = hc("--lang", "en", "filing", "status", as_json=False)
    assert "past the warning level of 2" in text


def test_unknown_session_is_bad_input(hc) -> None:  # type: ignore[no-untyped-def]
    code, out = hc("session", "show", "42")
    assert code == 2 and "42" in out["error"]


def test_admin_password_is_needed(hc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HEADCOUNT_PASSWORD", PW + "x")
    code, out = hc("backup", "--out", str(tmp_path / "b.zip"), "--passphrase", PHRASE)
    assert code == 1 and "password" in out["error"] and not (tmp_path / "b.zip").exists()


def test_restore_reports_withdrawals_it_applied_again(hc, roster_file: Path,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """C5: a withdrawal after the backup; the key folder (with its erasure ledger) moves
    to the new PC with the backup: the restore deletes the templates again and says so.
    A damaged ledger is shown on every command (stderr), in both languages."""
    import shutil

    _enrol_two(hc, roster_file, tmp_path)
    monkeypatch.setenv("HEADCOUNT_PASSPHRASE", PHRASE)
    assert hc("backup", "--out", str(tmp_path / "b.zip"))[0] == 0
    assert hc("consent", "withdraw", "2024002")[0] == 0
    new_pc = tmp_path / "pc2" / "station"
    shutil.copytree(tmp_path / "st-keys", tmp_path / "pc2" / "station-keys")
    for leftover in (tmp_path / "pc2" / "station-keys").glob("*.audit-head"):
        leftover.unlink()  # only the ledger (and key) came along
    code, out = hc("--user", "boss", "restore", str(tmp_path / "b.zip"), data_dir=new_pc)
    assert code == 0 and out["reapplied"] == ["2024002"] and out["erasure_warning"] is None
    assert out["templates"] == 1
    code, out = hc("people", "show", "2024002", data_dir=new_pc)
    assert out["templates"] == 0 and out["manual_only"]
    ledger = next((tmp_path / "pc2" / "station-keys").glob("*.erasures"))
    ledger.write_text(ledger.read_text(encoding="utf-8").replace('"prev":"0', '"prev":"1'),
                      encoding="utf-8")
    code, out = hc("people", "show", "2024004", data_dir=new_pc)
    assert code == 0 and out["number"] == "2024004"  # the command still runs
    assert "erasure ledger" in hc.stderr and "line 1" in hc.stderr


def test_restore_elsewhere_keeps_a_withdrawal_made_after_the_backup(  # type: ignore[no-untyped-def]
        hc, roster_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11: enrol, backup, withdraw, restore into another --data-dir. Before, the
    template and consent came back with reapplied: []."""
    import shutil

    _enrol_two(hc, roster_file, tmp_path)
    monkeypatch.setenv("HEADCOUNT_PASSPHRASE", PHRASE)
    assert hc("backup", "--out", str(tmp_path / "old.hcb"))[0] == 0
    assert hc("consent", "withdraw", "2024002")[0] == 0
    code, out = hc("--user", "boss", "restore", str(tmp_path / "old.hcb"),
                   data_dir=tmp_path / "other")
    assert code == 0 and out["reapplied"] == ["2024002"] and out["held"] == []
    code, out = hc("people", "show", "2024002", data_dir=tmp_path / "other")
    assert out["templates"] == 0 and out["manual_only"]
    # A new PC: the old key folder is not there. With its ledger file: the same.
    ledger = next((tmp_path / "st-keys").glob("*.erasures"))
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copy(ledger, usb / ledger.name)
    shutil.rmtree(tmp_path / "st-keys")
    code, out = hc("--user", "boss", "restore", str(tmp_path / "old.hcb"), "--ledger",
                   str(usb / ledger.name), data_dir=tmp_path / "third")
    assert code == 0 and out["reapplied"] == ["2024002"] and out["held"] == []
    # Without it: said plainly, and everyone with a face is held until confirmed.
    code, out = hc("--user", "boss", "restore", str(tmp_path / "old.hcb"),
                   data_dir=tmp_path / "fourth")
    assert code == 0 and out["held"] == ["2024002", "2024004"]
    assert "cannot be proven" in out["erasure_warning"]["en"]
    assert "无法证明" in out["erasure_warning"]["zh"]
    code, out = hc("people", "show", "2024004", data_dir=tmp_path / "fourth")
    assert out["held_after_restore"] and out["manual_only"] and out["templates"] == 1
    code, out = hc("--user", "boss", "erasures", "confirm", data_dir=tmp_path / "fourth")
    assert code == 0 and out["released"] == ["2024002", "2024004"]
    code, out = hc("people", "show", "2024004", data_dir=tmp_path / "fourth")
    assert not out["held_after_restore"] and not out["manual_only"]


def test_settings_match_threshold_is_auto_or_a_number(hc) -> None:  # type: ignore[no-untyped-def]
    code, out = hc("settings", "set", "match_threshold=0.45")
    assert code == 0 and out["match_threshold"] == 0.45  # a number, not the text "0.45"
    code, out = hc("settings", "set", "match_threshold=high")
    assert code == 2 and "'auto'" in out["error"]
    code, out = hc("settings", "set", "match_threshold=auto")
    assert code == 0 and out["match_threshold"] == "auto"
