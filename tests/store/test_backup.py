"""Key backup, station backup and restore (moving a station to a new PC)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from headcount.errors import BadInput, Refused
from headcount.station import Station
from headcount.store import archive_crypto
from headcount.store.crypto import KeyMissing
from headcount.store.users import User
from station_fixtures import PASSWORD, template_for

PHRASE = "correct horse battery"


def _nothing_in(folder: Path) -> bool:
    """No key and no audit head was left behind by a failed restore."""
    return not folder.exists() or not any(folder.iterdir())


@pytest.fixture
def enrolled(roster: Station, admin: User) -> Station:
    for number, seed in (("2024002", 2), ("2024004", 4)):
        roster.consent.record(admin, number, by="self")
        roster.enrolment.enrol_template(admin, number, template_for(seed))
    sid = roster.sessions.create(admin, kind="class", name="Maths", class_name="7A").id
    roster.sessions.start(admin, sid)
    roster.attendance.check_in(admin, sid, "2024001", reason="declined")
    return roster



def inner_zip(archive: Path, tmp_path: Path) -> Path:
    """The ZIP inside an encrypted backup (what a 0.1.0 backup file was)."""
    out = tmp_path / f"{archive.stem}-inner.zip"
    archive_crypto.decrypt_file(archive, out, PHRASE)
    return out


def test_key_export_and_import_on_a_station_that_lost_its_key(enrolled: Station, admin: User,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "station.hckey"
    enrolled.export_key(admin, out, PHRASE)
    assert out.stat().st_mode & 0o077 == 0
    raw = out.read_bytes()
    key = enrolled.keys.load()
    assert key is not None and key.hex().encode() not in raw and key not in raw
    with pytest.raises(BadInput):
        enrolled.export_key(admin, out, PHRASE)  # never overwrites
    with pytest.raises(BadInput, match="at least"):
        enrolled.export_key(admin, tmp_path / "short.hckey", "short")
    enrolled.users.add(admin, "op", "operator", "12345678")
    with pytest.raises(Refused):
        enrolled.export_key(enrolled.login("op", "12345678"), tmp_path / "op.hckey", PHRASE)

    enrolled.keys.key_file.unlink()  # the key is lost
    enrolled._cipher = None
    enrolled.templates.forget_cache()
    pid = enrolled.people.get("2024002").id
    with pytest.raises(KeyMissing):
        enrolled.templates.for_person(pid)
    with pytest.raises(Refused, match="passphrase"):
        enrolled.import_key(admin, out, "wrong passphrase")
    assert not enrolled.keys.key_file.exists()  # nothing changed
    assert enrolled.import_key(admin, out, PHRASE).imported
    np.testing.assert_array_equal(enrolled.templates.for_person(pid)[0], template_for(2))
    assert not enrolled.import_key(admin, out, PHRASE).imported
    actions = [e.action for e in enrolled.audit.entries()]
    assert "key_export" in actions and "key_import" in actions


def test_key_file_of_another_station_is_refused(enrolled: Station, admin: User,
                                                tmp_path: Path) -> None:
    other = Station.init(tmp_path / "other", school="S", contact="C", admin="a",
                         password=PASSWORD)
    try:
        other.export_key(other.login("a", PASSWORD), tmp_path / "other.hckey", PHRASE)
    finally:
        other.close()
    with pytest.raises(Refused, match="another station"):
        enrolled.import_key(admin, tmp_path / "other.hckey", PHRASE)
    (tmp_path / "junk.hckey").write_text("{}")
    with pytest.raises(BadInput, match="not a Headcount key file"):
        enrolled.import_key(admin, tmp_path / "junk.hckey", PHRASE)


def test_backup_restored_elsewhere_opens_verifies_and_decrypts(enrolled: Station, admin: User,
                                                               tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    manifest = enrolled.backup(admin, archive, PHRASE)
    assert manifest.counts["templates"] == 2 and manifest.counts["checkins"] == 1
    raw = archive.read_bytes()
    assert not zipfile.is_zipfile(archive) and b"Li Lei" not in raw and b"admin" not in raw
    with zipfile.ZipFile(inner_zip(archive, tmp_path)) as zf:
        assert sorted(zf.namelist()) == ["headcount.db", "manifest.json", "template-key.json"]
        assert json.loads(zf.read("manifest.json"))["station_id"] == enrolled.station_id
    assert enrolled.audit.entries(limit=1)[0].action == "backup"
    people = [p.as_dict() for p in enrolled.people.all()]
    originals = {n: enrolled.templates.for_person(enrolled.people.get(n).id)
                 for n in ("2024002", "2024004")}
    enrolled.attendance.check_in(admin, 1, "2024003", reason="declined")  # after the backup

    moved = tmp_path / "new-pc" / "station"
    restored = Station.restore(archive, moved, PHRASE, user="admin", password=PASSWORD)
    try:
        assert restored.station_id == enrolled.station_id
        assert restored.keys.key_dir != enrolled.keys.key_dir
        assert [p.as_dict() for p in restored.people.all()] == people
        for number, templates in originals.items():
            got = restored.templates.for_person(restored.people.get(number).id)
            np.testing.assert_array_equal(np.stack(got), np.stack(templates))
        assert restored.audit.verify().ok
        assert restored.audit.entries(limit=1)[0].action == "station_restore"
        assert [r.number for r in restored.attendance.roll(1) if r.event] == ["2024001"]
        user = restored.login("admin", PASSWORD)
        sid = restored.sessions.create(user, kind="class", name="Art", class_name="7A").id
        assert restored.sessions.get(sid).name == "Art"  # it is a working station
    finally:
        restored.close()
    again = Station.open(moved)
    try:
        assert again.audit.verify().ok and again.templates.total() == 2
    finally:
        again.close()


def test_restore_failures_leave_the_folder_empty(enrolled: Station, admin: User,
                                                 tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    enrolled.backup(admin, archive, PHRASE)
    enrolled.users.add(admin, "op", "operator", "12345678")
    target = tmp_path / "target"
    with pytest.raises(Refused, match="passphrase"):
        Station.restore(archive, target, "wrong passphrase", user="admin", password=PASSWORD)
    assert not target.exists()
    with pytest.raises(Refused, match="Wrong user name or password"):
        Station.restore(archive, target, PHRASE, user="admin", password="nope")
    assert not target.exists()
    with pytest.raises(Refused):  # the backup was made before "op" existed
        Station.restore(archive, target, PHRASE, user="op", password="12345678")
    assert not target.exists() and _nothing_in(tmp_path / "target-keys")
    target.mkdir()
    (target / "something").write_text("x")
    with pytest.raises(BadInput, match="not empty"):
        Station.restore(archive, target, PHRASE, user="admin", password=PASSWORD)
    # A damaged database inside the archive is refused by its checksum.
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(inner_zip(archive, tmp_path)) as src, \
            zipfile.ZipFile(tmp_path / "damaged-inner.zip", "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "headcount.db":
                data = data[:5000] + bytes([data[5000] ^ 0xFF]) + data[5001:]
            dst.writestr(name, data)
    archive_crypto.encrypt_file(tmp_path / "damaged-inner.zip", damaged, PHRASE)
    with pytest.raises(BadInput, match="damaged"):
        Station.restore(damaged, tmp_path / "t2", PHRASE, user="admin", password=PASSWORD)
    assert not (tmp_path / "t2").exists() and _nothing_in(tmp_path / "t2-keys")
    (tmp_path / "not.zip").write_text("hello")
    with pytest.raises(BadInput, match="not a Headcount backup"):
        Station.restore(tmp_path / "not.zip", tmp_path / "t3", PHRASE, user="admin",
                        password=PASSWORD)


def test_backup_is_admin_only(enrolled: Station, admin: User, tmp_path: Path) -> None:
    enrolled.users.add(admin, "op", "operator", "12345678")
    with pytest.raises(Refused):
        enrolled.backup(enrolled.login("op", "12345678"), tmp_path / "b.zip", PHRASE)
    assert not (tmp_path / "b.zip").exists()


def test_database_moved_from_a_keyring_pc_asks_for_the_key_file(enrolled: Station, admin: User,
                                                                tmp_path: Path) -> None:
    """The old PC kept the key in its keyring; this one has none: a clear "key missing",
    then ``key import`` stores it in a key file."""
    from headcount.store.db import atomic

    key_file = tmp_path / "k.hckey"
    enrolled.export_key(admin, key_file, PHRASE)
    with atomic(enrolled.db):
        enrolled.db.execute("UPDATE meta SET value = 'keyring' WHERE key = 'key_store'")
    data_dir = enrolled.data_dir
    enrolled.keys.key_file.unlink()
    enrolled.close()
    moved = Station.open(data_dir)  # HEADCOUNT_KEYRING=0: no keyring on this PC
    try:
        assert moved.keys.use_keyring
        with pytest.raises(KeyMissing, match="missing"):
            moved.cipher()
        user = moved.login("admin", PASSWORD)
        assert moved.import_key(user, key_file, PHRASE).imported
        assert not moved.keys.use_keyring and moved.keys.key_file.exists()
        assert moved.templates.total() == 2 and len(moved.templates.gallery()[0]) == 2
    finally:
        moved.close()


def test_an_old_unencrypted_backup_still_restores_with_a_warning(
        enrolled: Station, admin: User, tmp_path: Path) -> None:
    """0.1.0 wrote the ZIP itself (same members); such files exist in the wild."""
    archive = tmp_path / "new.hcb"
    enrolled.backup(admin, archive, PHRASE)
    old = inner_zip(archive, tmp_path)
    restored = Station.restore(old, tmp_path / "r", PHRASE, user="admin", password=PASSWORD)
    try:
        warning = restored.restore_warning
        assert warning is not None and "0.1.0" in warning.en and "not encrypted" in warning.en
        assert "未整体加密" in warning.zh
        assert restored.templates.total() == 2 and restored.audit.verify().ok
    finally:
        restored.close()
    fresh = Station.restore(archive, tmp_path / "r2", PHRASE, user="admin", password=PASSWORD)
    try:
        assert fresh.restore_warning is None
    finally:
        fresh.close()


def test_a_cut_or_altered_encrypted_backup_is_refused(enrolled: Station, admin: User,
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_crypto, "CHUNK", 4096)  # many chunks from a small station
    archive = tmp_path / "b.hcb"
    enrolled.backup(admin, archive, PHRASE)
    data = archive.read_bytes()
    header = data.index(b"\n", len(archive_crypto.MAGIC)) + 1
    chunk = 4096 + archive_crypto.TAG
    cut = tmp_path / "cut.hcb"
    cut.write_bytes(data[:header + 2 * chunk])  # ends on a chunk boundary
    with pytest.raises(BadInput, match="damaged or was altered"):
        Station.restore(cut, tmp_path / "t1", PHRASE, user="admin", password=PASSWORD)
    flipped = bytearray(data)
    flipped[header + chunk + 10] ^= 1
    (tmp_path / "flipped.hcb").write_bytes(bytes(flipped))
    with pytest.raises(BadInput, match="part 2"):
        Station.restore(tmp_path / "flipped.hcb", tmp_path / "t2", PHRASE, user="admin",
                        password=PASSWORD)
    assert not (tmp_path / "t1").exists() and not (tmp_path / "t2").exists()


def test_rows_written_while_the_key_was_missing_verify_once_it_is_imported(
        enrolled: Station, admin: User, tmp_path: Path) -> None:
    out = tmp_path / "station.hckey"
    enrolled.export_key(admin, out, PHRASE)
    data_dir = enrolled.data_dir
    enrolled.keys.key_file.unlink()
    enrolled.close()
    st = Station.open(data_dir)  # a database copied to a PC without its key
    try:
        user = st.login("admin", PASSWORD)  # an audit row that cannot be sealed
        assert st.audit.verify().ok
        st.import_key(user, out, PHRASE)
        assert st.audit.verify().ok  # the import's own row seals what came before
    finally:
        st.close()


def test_edited_backup_and_key_files_are_bad_input_not_tracebacks(tmp_path: Path) -> None:
    """A manifest or key member that is JSON but not an object, or a key file asking
    scrypt for gigabytes or for an n that is not a power of two (issue 11 sweep)."""
    import base64

    from headcount.store import archive_crypto, key_backup

    archive = tmp_path / "list.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("manifest.json", "[1, 2]")
        zf.writestr("headcount.db", "x")
        zf.writestr("template-key.json", "{}")
    with pytest.raises(BadInput, match="not a Headcount backup"):
        archive_crypto._read_archive(archive)
    b64 = base64.b64encode(b"0" * 16).decode()
    files = [b"[1]"] + [json.dumps({
        "format": key_backup.FORMAT, "nonce": b64, "ciphertext": b64, "station_id": "s",
        "key_check": "c", "kdf": {"name": "scrypt", "salt": b64, "n": n, "r": 32, "p": 1},
    }).encode() for n in (2**20, 3)]
    for data in files:
        with pytest.raises(BadInput, match="not a Headcount key file"):
            key_backup.unseal(data, "a long passphrase")


def test_store_backup_does_the_file_work_only() -> None:
    """Roles, sign-in, audit rows and erasure holds are compliance/backups.py's: the store
    module neither imports the rules nor writes an audit row or signs anyone in."""
    import ast

    from headcount.store import backup as files

    tree = ast.parse(Path(files.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {m for m in imported if m and m.startswith(("headcount.compliance",
                                                           "headcount.roles"))}
    called = {n.func.attr for n in ast.walk(tree)
              if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
    assert not called & {"record", "login", "reconcile", "merge", "hold"}
