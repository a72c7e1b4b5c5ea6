"""The erasure ledger (C5): withdrawals and deletions made after a backup stay done
when the backup is restored."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from headcount.station import Station
from headcount.store import archive_crypto, erasure_ledger
from headcount.store import backup as backup_module
from headcount.store.users import User
from station_fixtures import PASSWORD, template_for

PHRASE = "correct horse battery"


def _ledger(st: Station) -> Path:
    assert st.erasures.path is not None
    return st.erasures.path


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _restore(archive: Path, where: Path, keys: Path) -> Station:
    return Station.restore(archive, where, PHRASE, user="admin", password=PASSWORD,
                           key_dir=keys)


def _assert_gone(st: Station, number: str) -> None:
    """No template, no match, and the audit log says why."""
    p = st.people.get(number)
    assert st.templates.count(p.id) == 0 and st.consent.manual_only(p.id)
    assert p.id not in st.templates.gallery()[0]
    user = st.login("admin", PASSWORD)
    res = st.attendance.check_in_templates(user, 1, [template_for(2)], model_version="x")
    assert res.checkins == () and res.unknown == 1
    row = st.audit.entries(action="erasure_reapplied", subject=number)[0]
    assert row.details["reason"] == "reapplied withdrawal after restore"
    assert row.details["templates_deleted"] == 1 and row.details["what"] == ["withdrawal"]


def test_each_erasure_writes_a_chained_owner_only_line(enrolled: Station, admin: User) -> None:
    path = _ledger(enrolled)
    assert not path.exists()  # nothing erased yet: no ledger
    enrolled.consent.withdraw(admin, "2024002")
    enrolled.delete_person(admin, "2024003")
    enrolled.people.mark_left(admin, "2024004", at="2001-01-01T00:00:00+00:00")
    enrolled.purge_if_due()
    assert path.parent == enrolled.keys.key_dir and path.stat().st_mode & 0o077 == 0
    lines = _lines(path)
    assert [(x["person"], x["what"]) for x in lines] == [
        ("2024002", "withdrawal"), ("2024003", "person_delete"), ("2024004", "purge")]
    assert all(x["station"] == enrolled.station_id and x["at"].endswith("+00:00")
               for x in lines)
    raw = path.read_text(encoding="utf-8").splitlines()
    assert lines[0]["prev"] == "0" * 64
    assert lines[1]["prev"] == erasure_ledger.line_hash(raw[0])
    assert lines[2]["prev"] == erasure_ledger.line_hash(raw[1])


def test_withdrawal_after_a_backup_stays_withdrawn_with_the_ledger_beside_the_key(
        enrolled: Station, admin: User, tmp_path: Path) -> None:
    """Same station, old backup, and a key folder that knows of later withdrawals:
    the two ledgers are joined (the backup's own, and the one beside the key)."""
    enrolled.consent.withdraw(admin, "2024004")  # before the backup: in its ledger
    archive = tmp_path / "old.zip"
    enrolled.backup(admin, archive, PHRASE)
    enrolled.consent.withdraw(admin, "2024002")  # after the backup
    keys = tmp_path / "new-keys"
    keys.mkdir()
    shutil.copy(_ledger(enrolled), keys / _ledger(enrolled).name)
    restored = _restore(archive, tmp_path / "restored", keys)
    try:
        _assert_gone(restored, "2024002")
        # 2024004 was already withdrawn in the backup: nothing to re-apply for them.
        assert restored.audit.entries(action="erasure_reapplied", subject="2024004") == []
        assert len(_lines(_ledger(restored))) == 2  # the union, no duplicates
        assert restored.erasures.warning is None and restored.audit.verify().ok
    finally:
        restored.close()
    again = Station.open(tmp_path / "restored", key_dir=keys)  # nothing new to do
    try:
        assert len(again.audit.entries(action="erasure_reapplied")) == 1
    finally:
        again.close()


def test_withdrawal_racing_a_backup_is_carried_by_the_archive(
        enrolled: Station, admin: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ledger only in the archive: a withdrawal committed after the database was
    copied (the ledger is read after the copy) is applied on the new PC."""
    copy_db = backup_module._copy_db

    def copy_then_withdraw(station: Station, dest: Path) -> dict:
        facts = copy_db(station, dest)
        station.consent.withdraw(admin, "2024002")
        return facts

    monkeypatch.setattr(backup_module, "_copy_db", copy_then_withdraw)
    archive = tmp_path / "b.zip"
    manifest = enrolled.backup(admin, archive, PHRASE)
    assert manifest.counts["templates"] == 2 and manifest.ledger_lines == 1
    inner = tmp_path / "inner.zip"
    archive_crypto.decrypt_file(archive, inner, PHRASE)
    with zipfile.ZipFile(inner) as zf:
        assert backup_module.LEDGER_MEMBER in zf.namelist()
    keys = tmp_path / "empty-keys"  # a new PC: nothing beside the key yet
    restored = _restore(archive, tmp_path / "new-pc", keys)
    try:
        _assert_gone(restored, "2024002")
        assert restored.templates.total() == 1
        assert _ledger(restored).read_bytes() == _ledger(enrolled).read_bytes()
    finally:
        restored.close()


def test_a_person_deleted_after_the_backup_is_erased_again(enrolled: Station, admin: User,
                                                           tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    enrolled.backup(admin, archive, PHRASE)
    enrolled.delete_person(admin, "2024002")
    keys = tmp_path / "k"
    keys.mkdir()
    shutil.copy(_ledger(enrolled), keys / _ledger(enrolled).name)
    restored = _restore(archive, tmp_path / "r", keys)
    try:
        assert restored.people.find("2024002") is None and restored.templates.total() == 1
        row = restored.audit.entries(action="erasure_reapplied", subject="2024002")[0]
        assert row.details["person_deleted"] and row.details["what"] == ["person_delete"]
    finally:
        restored.close()


def test_consent_and_templates_given_again_later_are_kept(enrolled: Station,
                                                          admin: User) -> None:
    """A full re-check (the database forgot what it had seen) leaves a person who
    withdrew and later enrolled again alone."""
    enrolled.consent.withdraw(admin, "2024002")
    enrolled.consent.record(admin, "2024002", by="self")
    enrolled.enrolment.enrol_template(admin, "2024002", template_for(2))
    enrolled.db.execute("DELETE FROM meta WHERE key = ?", [erasure_ledger.META_KEY])
    data_dir = enrolled.data_dir
    enrolled.close()
    again = Station.open(data_dir)
    try:
        pid = again.people.get("2024002").id
        assert again.templates.count(pid) == 1 and not again.consent.manual_only(pid)
        assert again.audit.entries(action="erasure_reapplied") == []
    finally:
        again.close()


def test_a_tampered_ledger_line_is_reported_once_and_shown_every_time(
        enrolled: Station, admin: User) -> None:
    enrolled.consent.withdraw(admin, "2024002")
    enrolled.consent.withdraw(admin, "2024004")
    path, data_dir = _ledger(enrolled), enrolled.data_dir
    enrolled.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("2024002", "2024001")  # someone rewrote line 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for _ in range(2):
        st = Station.open(data_dir)
        try:
            warning = st.erasures.warning
            assert warning is not None
            assert "line 2" in warning.en and "does not follow" in warning.en
            assert "第 2 行" in warning.zh and "不衔接" in warning.zh
            rows = st.audit.entries(action="erasure_ledger_damaged")
            assert len(rows) == 1 and "line 2" in rows[0].details["problems"][0]["en"]
            assert st.audit.verify().ok
        finally:
            st.close()


def test_an_edited_last_line_and_a_lost_ledger_are_reported(enrolled: Station,
                                                            admin: User) -> None:
    enrolled.consent.withdraw(admin, "2024002")
    path, data_dir = _ledger(enrolled), enrolled.data_dir
    enrolled.close()
    path.write_text(path.read_text(encoding="utf-8").replace("withdrawal", "purge"),
                    encoding="utf-8")
    st = Station.open(data_dir)
    try:
        assert st.erasures.warning is not None and "edited" in st.erasures.warning.en
    finally:
        st.close()
    path.unlink()
    st = Station.open(data_dir)
    try:
        assert st.erasures.warning is not None and "missing" in st.erasures.warning.en
        assert "缺失" in st.erasures.warning.zh
        assert len(st.audit.entries(action="erasure_ledger_damaged")) == 2
    finally:
        st.close()


def test_an_altered_ledger_in_the_archive_is_reported_on_restore(
        enrolled: Station, admin: User, tmp_path: Path) -> None:
    enrolled.consent.withdraw(admin, "2024002")
    archive, altered = tmp_path / "b.zip", tmp_path / "altered.zip"
    enrolled.backup(admin, archive, PHRASE)
    inner, altered_inner = tmp_path / "inner.zip", tmp_path / "altered-inner.zip"
    archive_crypto.decrypt_file(archive, inner, PHRASE)  # someone who has the passphrase
    with zipfile.ZipFile(inner) as src, zipfile.ZipFile(altered_inner, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == backup_module.LEDGER_MEMBER:
                data = data.replace(b"2024002", b"2024001")
            dst.writestr(name, data)
    archive_crypto.encrypt_file(altered_inner, altered, PHRASE)
    restored = _restore(altered, tmp_path / "r", tmp_path / "k")
    try:
        warning = restored.erasures.warning
        assert warning is not None and "changed after the backup" in warning.en
        assert "备份后被改动" in warning.zh
        assert restored.audit.entries(action="erasure_ledger_damaged")
        # Erasing is the safe direction: the altered entry is still applied.
        assert restored.templates.count(restored.people.get("2024001").id) == 0
    finally:
        restored.close()


def test_a_failed_ledger_write_keeps_the_deletion_and_is_audited(
        enrolled: Station, admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(path: Path, entries: list) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(erasure_ledger, "append", full_disk)
    receipt = enrolled.consent.withdraw(admin, "2024002")
    assert receipt.templates_deleted == 1
    assert enrolled.templates.count(enrolled.people.get("2024002").id) == 0
    row = enrolled.audit.entries(action="erasure_ledger_failed")[0]
    assert row.subject == "2024002" and "No space" in row.details["error"]
    assert enrolled.erasures.warning is not None and "密钥文件夹" in enrolled.erasures.warning.zh
    assert enrolled.audit.verify().ok


def test_a_station_without_a_ledger_opens_as_before(enrolled: Station) -> None:
    data_dir, rows = enrolled.data_dir, len(enrolled.audit.entries())
    enrolled.close()
    st = Station.open(data_dir)
    try:
        assert st.erasures.warning is None and not _ledger(st).exists()
        assert len(st.audit.entries()) == rows and st.templates.total() == 2
        assert st._meta(erasure_ledger.META_KEY) is None
    finally:
        st.close()
