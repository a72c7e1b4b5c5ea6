import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from headcount.station import Station
from headcount.store.audit import AuditLog
from headcount.store.db import open_db
from headcount.store.migrations import apply


def tamper(station: Station, sql: str, params: list[object]) -> None:
    """What an attacker with the file could do: drop the guard triggers, then edit."""
    conn = sqlite3.connect(station.data_dir / "headcount.db", isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    conn.execute(sql, params)
    conn.close()


def test_chain_verifies(station: Station) -> None:
    for i in range(5):
        station.audit.record("admin", "test", str(i), {"i": i})
    result = station.audit.verify()
    assert result.ok and result.rows >= 5


def test_triggers_refuse_update_and_delete(station: Station) -> None:
    import pytest

    from headcount.store.db import StorageError

    with pytest.raises((sqlite3.IntegrityError, StorageError)):
        station.db.execute("UPDATE audit SET actor = 'x' WHERE id = 1")
    with pytest.raises((sqlite3.IntegrityError, StorageError)):
        station.db.execute("DELETE FROM audit WHERE id = 1")


def test_edit_is_detected_at_that_row(station: Station) -> None:
    for i in range(5):
        station.audit.record("admin", "test", str(i))
    tamper(station, "UPDATE audit SET actor = 'mallory' WHERE id = 3", [])
    result = station.audit.verify()
    assert not result.ok and result.first_bad_id == 3


def test_deletion_is_detected(station: Station) -> None:
    for i in range(5):
        station.audit.record("admin", "test", str(i))
    tamper(station, "DELETE FROM audit WHERE id = 2", [])
    result = station.audit.verify()
    assert not result.ok and result.first_bad_id == 3


def test_reordering_is_detected(station: Station) -> None:
    for i in range(4):
        station.audit.record("admin", "test", str(i))
    tamper(station, "UPDATE audit SET id = -1 WHERE id = 2", [])
    tamper(station, "UPDATE audit SET id = 2 WHERE id = 3", [])
    tamper(station, "UPDATE audit SET id = 3 WHERE id = -1", [])
    assert not station.audit.verify().ok


@settings(max_examples=30, deadline=None)
@given(actions=st.lists(st.text(max_size=8), min_size=1, max_size=12),
       victim=st.integers(min_value=0, max_value=11), field=st.sampled_from(
           ["ts", "actor", "action", "subject", "details"]))
def test_any_single_edit_is_detected(tmp_path_factory, actions, victim, field) -> None:  # type: ignore[no-untyped-def]
    db = open_db(tmp_path_factory.mktemp("audit"), create=True)
    apply(db)
    log = AuditLog(db)
    for a in actions:
        log.record("u", a, a, {"a": a})
    assert log.verify().ok
    row_id = victim % len(actions) + 1
    db.execute("DROP TRIGGER audit_no_update")
    db.execute(f"UPDATE audit SET {field} = {field} || 'x' WHERE id = ?", [row_id])
    result = log.verify()
    assert not result.ok and result.first_bad_id == row_id
    db.close()


def test_cut_off_tail_is_detected_through_the_head_outside_the_db(station: Station) -> None:
    for i in range(4):
        station.audit.record("admin", "test", str(i))
    assert station.audit.head_file is not None and station.audit.head_file.exists()
    assert station.audit.verify().ok
    last = station.audit.entries(limit=1)[0].id
    tamper(station, "DELETE FROM audit WHERE id = ?", [last])
    result = station.audit.verify()
    assert not result.ok and result.first_bad_id == last


def test_head_follows_actions_inside_transactions(roster: Station, admin) -> None:  # type: ignore[no-untyped-def]
    roster.consent.record(admin, "2024002", by="self")  # audit row inside a transaction
    head = roster.audit.head_file.read_text().split()  # type: ignore[union-attr]
    assert int(head[0]) == roster.audit.entries(limit=1)[0].id


@settings(max_examples=30, deadline=None)
@given(n=st.integers(min_value=1, max_value=10), victims=st.data())
def test_any_deletion_is_detected(tmp_path_factory, n, victims) -> None:  # type: ignore[no-untyped-def]
    """Deleting any non-empty set of rows, the newest included, is detected: gaps by
    the chain, a cut-off tail by the head kept outside the database."""
    folder = tmp_path_factory.mktemp("audit")
    db = open_db(folder, create=True)
    apply(db)
    log = AuditLog(db, folder / "head")
    for i in range(n):
        log.record("u", "act", str(i))
    assert log.verify().ok
    gone = victims.draw(st.sets(st.integers(1, n), min_size=1))
    db.execute("DROP TRIGGER audit_no_delete")
    db.execute(f"DELETE FROM audit WHERE id IN ({','.join(map(str, gone))})")
    result = log.verify()
    assert not result.ok
    assert result.first_bad_id is not None and result.first_bad_id >= min(gone)
    db.close()
