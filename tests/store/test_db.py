import sqlite3
from pathlib import Path

import pytest

from headcount.station import Station
from headcount.store import migrations
from headcount.store.db import DB_NAME, StorageError, atomic, default_data_dir, open_db


def test_pragmas_and_migrations(station: Station) -> None:
    q = station.db.execute
    assert q("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert q("PRAGMA secure_delete").fetchone()[0] == 1
    assert q("PRAGMA foreign_keys").fetchone()[0] == 1
    assert q("PRAGMA busy_timeout").fetchone()[0] > 0
    assert migrations.applied(station.db) == sorted(migrations.MIGRATIONS)
    # Re-applying is a no-op: every migration is recorded once.
    assert migrations.apply(station.db) == []


def test_new_migration_runs_once(tmp_path: Path) -> None:
    db = open_db(tmp_path, create=True)
    migrations.apply(db)

    @migrations.migration(999, "test column")
    def _m(db):  # type: ignore[no-untyped-def]
        db.execute("ALTER TABLE people ADD COLUMN nickname TEXT")

    try:
        assert migrations.apply(db) == [999]
        assert "nickname" in db["people"].columns_dict
        assert migrations.apply(db) == []
    finally:
        del migrations.MIGRATIONS[999]


def test_atomic_rolls_back_everything(station: Station) -> None:
    before = station.db.execute("SELECT count(*) FROM receipts").fetchone()[0]
    with pytest.raises(RuntimeError), atomic(station.db):
        station.receipts.write("deletion", "x", {})
        station.receipts.write("deletion", "x", {})  # nested atomic -> savepoint
        raise RuntimeError("boom")
    assert station.db.execute("SELECT count(*) FROM receipts").fetchone()[0] == before


def test_open_missing_station_is_clear(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="headcount init"):
        Station.open(tmp_path / "nowhere")


def test_default_data_dir_is_per_user() -> None:
    assert default_data_dir().name == "Headcount"


def test_busy_database_gives_clear_message_and_changes_nothing(station: Station) -> None:
    path = station.data_dir / DB_NAME
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        busy = Station.open(station.data_dir, purge=False, busy_ms=50)
        admin_name = "admin"
        with pytest.raises(StorageError, match="busy"):
            busy.audit.record(admin_name, "test")
        busy.db.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert station.audit.verify().ok
    assert not station.audit.entries(action="test")
