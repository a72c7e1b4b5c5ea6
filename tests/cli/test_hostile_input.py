"""Hostile input on the command line (issue 11): each gives a clear exit-2 message, a JSON
error object under --json, and loses nothing already recorded."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import cv2
import pytest

import station_fixtures as fx
from station_fixtures import image_for

hc, roster_file = fx.hc, fx.cli_roster_file
PHRASE = "a long passphrase"


def png_of_size(path: Path, width: int, height: int) -> Path:
    """A PNG whose header says width x height (grey, 8-bit) with a few rows of pixel
    data: enough for a decoder to trust the header, tiny on disk and in memory."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (width + 1) * 4)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rows)
                     + chunk(b"IEND", b""))
    return path


def _consenting_adult(hc, roster_file: Path) -> None:  # type: ignore[no-untyped-def]
    assert hc("roster", "import", str(roster_file))[0] == 0
    assert hc("consent", "record", "2024002", "--by", "self")[0] == 0


def _error(out: object) -> str:
    assert isinstance(out, dict) and "error" in out, out
    return str(out["error"])


def test_huge_images_are_refused_from_the_header(hc, roster_file: Path,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    _consenting_adult(hc, roster_file)
    huge = png_of_size(tmp_path / "huge.png", 40000, 40000)
    big = png_of_size(tmp_path / "big.png", 20000, 20000)
    for photo in (huge, big):
        code, out = hc("enrol", "2024002", str(photo))
        assert code == 2 and "megapixel" in _error(out), out
    code, out = hc("session", "create", "--kind", "class", "--name", "M", "--class", "7A")
    sid = str(out["session"])
    assert hc("session", "start", sid)[0] == 0
    code, out = hc("checkin", sid, "--image", str(huge))
    assert code == 2 and "megapixel" in _error(out)
    code, out = hc("--lang", "zh", "checkin", sid, "--image", str(big))
    assert code == 2 and "像素" in _error(out)


def test_enrol_folder_goes_on_after_a_huge_image(hc, roster_file: Path,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    _consenting_adult(hc, roster_file)
    assert hc("consent", "record", "2024004", "--by", "self")[0] == 0
    folder = tmp_path / "photos"
    folder.mkdir()
    png_of_size(folder / "2024002.png", 40000, 40000)
    cv2.imwrite(str(folder / "2024004.png"), image_for(9)[:, :, ::-1])
    code, out = hc("enrol", "--folder", str(folder))
    assert code == 0 and out["stored"] == 1
    bad = next(r for r in out["results"] if r["number"] == "2024002")
    assert bad["reasons"] == ["bad_input"] and "megapixel" in bad["messages"][0]["en"]
    # Run again (the huge photo not yet replaced): nothing stored twice, and that is no
    # failure; the huge photo is still refused.
    code, out = hc("enrol", "--folder", str(folder))
    assert code == 0 and (out["stored"], out["already"], out["refused"]) == (0, 1, 1)


def test_enrol_folder_without_photos_says_so(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("no photos here")
    code, out = hc("enrol", "--folder", str(empty))
    assert code == 2 and "no photo" in _error(out).lower()


def test_video_that_is_not_a_video(hc, roster_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _consenting_adult(hc, roster_file)
    code, out = hc("session", "create", "--kind", "class", "--name", "M", "--class", "7A")
    sid = str(out["session"])
    assert hc("session", "start", sid)[0] == 0
    for name in ("notes.txt", "clip.mp4", "art.ans"):  # FFmpeg draws text as video
        text = tmp_path / name
        text.write_text("this is not a video\n" * 50)
        code, out = hc("checkin", sid, "--video", str(text))
        assert code == 2 and "video" in _error(out).lower()


def test_huge_session_id_is_bad_input(hc) -> None:  # type: ignore[no-untyped-def]
    code, out = hc("checkin", "99999999999999999999999", "2024001", "--manual",
                   "--reason", "declined")
    assert code == 2 and "session" in _error(out).lower()
    code, out = hc("session", "show", "-99999999999999999999999")
    assert code == 2 and "session" in _error(out).lower()


def test_roster_cell_over_the_csv_limit(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "long.csv"
    path.write_text("number,name\n2024001," + "x" * 140_000 + "\n", encoding="utf-8")
    code, out = hc("roster", "import", str(path))
    assert code == 2 and "too long" in _error(out)
    assert hc("people", "list")[1]["people"] == []


def test_shift_jis_roster_is_refused(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "jp.csv"
    path.write_bytes("学籍番号,氏名,クラス\n2024001,山田太郎,一組\n2024002,佐藤花子,二組\n"
                     .encode("shift_jis"))
    code, out = hc("roster", "import", str(path))
    assert code == 2 and "UTF-8" in _error(out)
    assert hc("people", "list")[1]["people"] == []


@pytest.mark.parametrize("name", ["Wang\x00Fang", "Wang\nFang", "Wang\u202eFang",
                                  "Wang\u200fFang", "Wang\x1bFang"])
def test_control_and_bidi_characters_refused_in_names(hc, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      name: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text('number,name\n2024001,"' + name + '"\n2024002,Li Lei\n', encoding="utf-8")
    code, out = hc("roster", "import", str(path))
    assert code == 0 and out["inserted"] == 1 and out["errors"][0]["field"] == "name"
    code, out = hc("user", "add", name, "--role", "operator", "--new-password", "long-enough")
    assert code == 2 and "character" in _error(out)


def test_restore_into_a_file_and_a_failed_restore_leaves_nothing(  # type: ignore[no-untyped-def]
        hc, roster_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _consenting_adult(hc, roster_file)
    monkeypatch.setenv("HEADCOUNT_PASSPHRASE", PHRASE)
    archive = tmp_path / "b.zip"
    assert hc("backup", "--out", str(archive))[0] == 0
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    code, out = hc("--user", "boss", "restore", str(archive), data_dir=a_file)
    assert code == 2 and "folder" in _error(out)
    assert a_file.read_text() == "x"
    # A wrong administrator password: refused, and no empty "<dir>-keys" left behind.
    monkeypatch.setenv("HEADCOUNT_PASSWORD", "wrong password")
    target = tmp_path / "new" / "st"
    code, out = hc("--user", "boss", "restore", str(archive), data_dir=target)
    assert code == 1
    assert not target.exists() and not (tmp_path / "new" / "st-keys").exists()


def test_backup_whose_members_expand_hugely_is_refused_before_reading(  # type: ignore[no-untyped-def]
        hc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf, \
            zf.open("manifest.json", "w", force_zip64=True) as member:
        block = b" " * (1 << 20)
        for _ in range(64):  # 64 MiB of spaces, ~64 KiB on disk
            member.write(block)
    assert bomb.stat().st_size < 1 << 20
    monkeypatch.setenv("HEADCOUNT_PASSPHRASE", PHRASE)
    code, out = hc("--user", "boss", "restore", str(bomb), data_dir=tmp_path / "r")
    assert code == 2 and "too large" in _error(out)


def test_backup_limits_are_checked_from_the_zip_directory(tmp_path: Path) -> None:
    from headcount.errors import BadInput
    from headcount.store.archive_limits import check_members

    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("headcount.db", b"\0" * 5000)
    with zipfile.ZipFile(path) as zf:
        check_members(zf, {"manifest.json": 100, "headcount.db": 10_000})
        with pytest.raises(BadInput, match="too large"):
            check_members(zf, {"manifest.json": 100, "headcount.db": 1000})
        with pytest.raises(BadInput, match="unexpected"):
            check_members(zf, {"manifest.json": 100})


def test_zero_byte_database(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "zero"
    folder.mkdir()
    (folder / "headcount.db").write_bytes(b"")
    code, out = hc("people", "list", data_dir=folder)
    assert code == 2 and "empty" in _error(out)
    code, out = hc("init", "--school", "s", "--contact", "c", "--admin", "boss",
                   data_dir=folder)
    assert code == 0, out
    assert hc("people", "list", data_dir=folder)[0] == 0


def test_half_initialised_database_can_be_initialised(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The state an older version left after opening a 0-byte file: tables, no station."""
    from headcount.store import migrations
    from headcount.store.db import open_db

    folder = tmp_path / "half"
    migrations.apply(open_db(folder, create=True))
    code, out = hc("people", "list", data_dir=folder)
    assert code == 2 and "init" in _error(out)
    assert hc("init", "--school", "s", "--contact", "c", "--admin", "boss",
              data_dir=folder)[0] == 0
    code, out = hc("init", "--school", "s", "--contact", "c", "--admin", "boss",
                   data_dir=folder)
    assert code == 2 and "already" in _error(out)  # a real station is never replaced


def test_cli_asks_a_user_with_a_short_password_to_change_it(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from headcount.store.users import hash_password

    code, out = hc("user", "add", "op", "--role", "operator", "--new-password", "1234")
    assert code == 2 and "at least 8 characters" in _error(out)
    assert hc("user", "add", "op", "--role", "operator", "--new-password", "op-pass-1")[0] == 0
    with sqlite3.connect(tmp_path / "st" / "headcount.db") as conn:  # from before the rule
        conn.execute("UPDATE users SET password = ? WHERE name = 'op'", [hash_password("1234")])
    conn.close()
    code, out = hc("--user", "op", "--password", "1234", "people", "list")
    assert code == 0 and "change it now" in hc.stderr
    assert hc("--user", "op", "--password", "1234", "user", "passwd", "op",
              "--new-password", "op-pass-2")[0] == 0
    code, out = hc("--user", "op", "--password", "op-pass-2", "people", "list")
    assert code == 0 and "change it now" not in hc.stderr


def test_camera_passwords_are_stored_sealed_and_printed_redacted(  # type: ignore[no-untyped-def]
        hc, tmp_path: Path) -> None:
    import json as _json
    import sqlite3

    url = "rtsp://admin:Secr3t-pw@10.0.0.7:554/stream1"
    code, out = hc("settings", "set", "cameras=" + _json.dumps([0, url]))
    assert code == 0 and "Secr3t" not in _json.dumps(out)
    code, out = hc("settings", "show")
    assert out["cameras"] == [0, "rtsp://admin:***@10.0.0.7:554/stream1"]
    code, out = hc("audit", "show", "--limit", "50")
    assert "Secr3t" not in _json.dumps(out) and "admin:***@" in _json.dumps(out)
    db = tmp_path / "st" / "headcount.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw = conn.execute("SELECT value FROM settings WHERE key = 'cameras'").fetchone()[0]
    conn.close()
    assert "Secr3t" not in raw and "sealed:v1:" in raw
    assert b"Secr3t" not in db.read_bytes()
    from headcount.station import Station

    st = Station.open(tmp_path / "st")
    try:
        assert st.settings.camera_sources() == [0, url]
        # The window gives the redacted address back when saving: the secret stays.
        st.settings.write({"cameras": st.settings["cameras"] + [1]})
        assert st.settings.camera_sources() == [0, url, 1]
        room = {"source": "rtsp://cam:Room-pw9@10.0.0.8/s", "mode": "classroom"}
        st.settings.write({"cameras": [room]})  # a camera with its mode
        assert st.settings["cameras"] == [{"source": "rtsp://cam:***@10.0.0.8/s",
                                           "mode": "classroom"}]
        assert st.settings.camera_sources() == [room]
        assert "Room-pw9" not in st.db.execute(
            "SELECT value FROM settings WHERE key = 'cameras'").fetchone()[0]
    finally:
        st.close()


def test_argument_errors_are_one_json_object_under_json(  # type: ignore[no-untyped-def]
        hc, capsys: pytest.CaptureFixture[str]) -> None:
    import json as _json

    with pytest.raises(SystemExit) as exit_:
        hc("session", "create", "--kind", "class", "--name", "x", "--class", "7A",
           "--starts-at", "garbage", "--late", "many")
    assert exit_.value.code == 2
    out = _json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["exit"] == 2 and "--late" in out["error"]


def test_a_notice_too_long_to_print_is_refused(hc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = hc("notice", "set", "purpose=" + "x" * 200_000)
    assert code == 2 and "longer than" in _error(out)
    assert hc("print", "notice", "--out", str(tmp_path / "n.pdf"))[0] == 0
