"""Restore never brings a withdrawn face back (C5): whatever folder a backup is restored
to, erasures recorded after it and reachable on this PC are applied again; where none
can be found, the restore says so and holds everyone from matching until an
administrator confirms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from headcount.errors import BadInput, Refused
from headcount.station import Station
from headcount.store.users import User
from station_fixtures import PASSWORD, template_for

PHRASE = "correct horse battery"


def _matches(st: Station, seed: int) -> list[str]:
    """Who a face check-in of template_for(seed) finds in a fresh session."""
    user = st.login("admin", PASSWORD)
    sid = st.sessions.create(user, kind="class", name="Art",
                             class_name="7A" if seed == 2 else "7B").id
    st.sessions.start(user, sid)
    res = st.attendance.check_in_templates(user, sid, [template_for(seed)], model_version="x")
    return [c.number for c in res.checkins]


def _withdraw_after_backup(st: Station, admin: User, tmp_path: Path) -> Path:
    archive = tmp_path / "old.zip"
    st.backup(admin, archive, PHRASE)
    st.consent.withdraw(admin, "2024002")
    return archive


def test_restore_into_another_folder_reads_the_old_key_folders_ledger(
        enrolled: Station, admin: User, tmp_path: Path) -> None:
    """The issue's case: backup, withdraw, restore into another --data-dir with its own
    (default) key folder. Before, the template and consent came back, reapplied: []."""
    archive = _withdraw_after_backup(enrolled, admin, tmp_path)
    restored = Station.restore(archive, tmp_path / "other", PHRASE, user="admin",
                               password=PASSWORD)
    try:
        assert restored.keys.key_dir != enrolled.keys.key_dir
        pid = restored.people.get("2024002").id
        assert restored.templates.count(pid) == 0 and restored.consent.manual_only(pid)
        assert [r["number"] for r in restored.erasures.reapplied] == ["2024002"]
        assert restored.erasures.warning is None
        assert _matches(restored, 2) == [] and _matches(restored, 4) == ["2024004"]
    finally:
        restored.close()


def test_restore_without_any_later_ledger_holds_everyone_until_an_admin_confirms(
        enrolled: Station, admin: User, tmp_path: Path) -> None:
    archive = _withdraw_after_backup(enrolled, admin, tmp_path)
    old_keys = enrolled.keys.key_dir
    enrolled.close()
    shutil.rmtree(old_keys)  # another PC: the old key folder is not here
    restored = Station.restore(archive, tmp_path / "new-pc", PHRASE, user="admin",
                               password=PASSWORD, key_dir=tmp_path / "new-keys")
    try:
        warning = restored.erasures.warning
        assert warning is not None
        assert "cannot be proven" in warning.en and "2024002, 2024004" in warning.en
        assert "无法证明" in warning.zh and "2024002, 2024004" in warning.zh
        row = restored.audit.entries(action="erasure_hold")[0]
        assert row.details["people"] == ["2024002", "2024004"]
        # Held: no face is matched, although the copy still has their templates.
        assert _matches(restored, 2) == [] and _matches(restored, 4) == []
        operator = restored.users.add(admin_of(restored), "op", "operator", "op-pass-123")
        with pytest.raises(Refused):
            restored.confirm_erasures(operator)
        assert restored.confirm_erasures(admin_of(restored)).released == (
            "2024002", "2024004")
        assert _matches(restored, 4) == ["2024004"]
        assert restored.audit.entries(action="erasure_hold_released")
        data_dir = restored.data_dir
    finally:
        restored.close()
    again = Station.open(data_dir, key_dir=tmp_path / "new-keys")
    try:
        assert again.erasures.warning is None
    finally:
        again.close()


def admin_of(st: Station) -> User:
    return st.login("admin", PASSWORD)


def test_the_hold_is_shown_again_at_every_open(enrolled: Station, admin: User,
                                               tmp_path: Path) -> None:
    archive = _withdraw_after_backup(enrolled, admin, tmp_path)
    shutil.rmtree(enrolled.keys.key_dir)
    restored = Station.restore(archive, tmp_path / "r", PHRASE, user="admin",
                               password=PASSWORD, key_dir=tmp_path / "k")
    restored.close()
    st = Station.open(tmp_path / "r", key_dir=tmp_path / "k")
    try:
        assert st.erasures.warning is not None and "2024004" in st.erasures.warning.en
    finally:
        st.close()


def test_restore_with_ledger_option_applies_the_later_erasures(
        enrolled: Station, admin: User, tmp_path: Path) -> None:
    archive = _withdraw_after_backup(enrolled, admin, tmp_path)
    assert enrolled.erasures.path is not None
    saved = tmp_path / "usb" / enrolled.erasures.path.name
    saved.parent.mkdir()
    shutil.copy(enrolled.erasures.path, saved)
    shutil.rmtree(enrolled.keys.key_dir)
    with pytest.raises(BadInput, match="does not exist"):
        Station.restore(archive, tmp_path / "r", PHRASE, user="admin", password=PASSWORD,
                        key_dir=tmp_path / "k", ledgers=[tmp_path / "nope.erasures"])
    assert not (tmp_path / "r").exists()
    restored = Station.restore(archive, tmp_path / "r", PHRASE, user="admin",
                               password=PASSWORD, key_dir=tmp_path / "k", ledgers=[saved])
    try:
        assert [r["number"] for r in restored.erasures.reapplied] == ["2024002"]
        assert restored.erasures.warning is None
        assert restored.audit.entries(action="erasure_hold") == []
        assert _matches(restored, 4) == ["2024004"]
    finally:
        restored.close()
