"""The audit log against someone with the files but not the key (C10): an unrecorded
purge, a cut tail hidden by later rows, a rewritten chain with a new head file."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from headcount.station import Station
from headcount.store.audit import AuditLog, row_hash
from headcount.store.db import open_db
from headcount.store.migrations import apply
from station_fixtures import PASSWORD


def _conn(station: Station) -> sqlite3.Connection:
    conn = sqlite3.connect(station.data_dir / "headcount.db", isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    return conn


def _rewrite_plain(conn: sqlite3.Connection, head_file: Path | None = None) -> None:
    """Recompute every row's hash as plain SHA-256 (all an attacker without the key
    can do), and write a matching head file."""
    prev, last = "0" * 64, None
    anchor = conn.execute("SELECT value FROM meta WHERE key = 'audit_anchor'").fetchone()
    if anchor:
        prev = json.loads(anchor[0])["prev_hash"]
    rows = conn.execute("SELECT id, ts, actor, action, subject, details FROM audit"
                        " ORDER BY id").fetchall()
    for row_id, ts, actor, action, subject, details in rows:
        digest = row_hash(prev, row_id, ts, actor, action, subject, details)
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?",
                     [prev, digest, row_id])
        prev, last = digest, row_id
    if head_file is not None:
        head_file.write_text(f"{last} {prev}")


def _some_rows(st: Station, n: int = 15) -> None:
    for i in range(n):
        st.audit.record("admin", "test", str(i))


def test_deleting_old_rows_and_moving_the_anchor_does_not_verify(station: Station) -> None:
    """With the database file alone. Before: `audit verify` said intact."""
    _some_rows(station)
    conn = _conn(station)
    row10 = conn.execute("SELECT hash FROM audit WHERE id = 10").fetchone()[0]
    conn.execute("INSERT INTO audit_gate (open) VALUES (1)")
    conn.execute("DELETE FROM audit WHERE id <= 10")
    conn.execute("DELETE FROM audit_gate")
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_anchor', ?)",
                 [json.dumps({"next_id": 11, "prev_hash": row10})])
    conn.close()
    result = station.audit.verify()
    assert not result.ok and result.problem is not None
    assert "without a recorded audit purge" in result.problem.en
    assert "没有审计清除的记录" in result.problem.zh


def test_a_real_purge_is_recorded_and_keeps_three_years(roster: Station, admin) -> None:  # type: ignore[no-untyped-def]
    now = dt.datetime.now(dt.UTC)
    assert roster.audit.purge_before((now - dt.timedelta(days=30)).isoformat()) == 0
    receipt = roster.retention.purge(admin, now=now + dt.timedelta(days=4 * 365))
    assert receipt.audit_rows_deleted > 0
    row = roster.audit.entries(action="audit_purge")[0]
    assert row.details["rows"] == receipt.audit_rows_deleted
    assert row.details["newest_removed_ts"] < row.details["cutoff"]
    assert roster.audit.verify().ok
    # The purge row, rewritten to claim a younger cutoff, breaks the keyed chain.
    conn = _conn(roster)
    conn.execute("UPDATE audit SET details = replace(details, '\"cutoff\"', '\"cutoff_\"')"
                 " WHERE action = 'audit_purge'")
    conn.close()
    assert not roster.audit.verify().ok


def test_a_cut_tail_stays_detected_after_later_commands(station: Station) -> None:
    """Before: detected once, then new rows overwrote the head file and it passed."""
    _some_rows(station)
    conn = _conn(station)
    conn.execute("DELETE FROM audit WHERE id > (SELECT max(id) - 3 FROM audit)")
    conn.close()
    assert not station.audit.verify().ok
    for i in range(6):  # ordinary commands, more rows than were cut
        station.audit.record("admin", "later", str(i))
        result = station.audit.verify()
        assert not result.ok and result.problem is not None, i
    assert "cut" in result.problem.en or "removed" in result.problem.en


def test_a_chain_rewritten_without_the_key_does_not_verify(station: Station) -> None:
    """With write access to the database and the head file, not the key. Before: a
    rewritten plain chain with a new head passed."""
    _some_rows(station)
    head = station.audit.head_file
    assert head is not None
    conn = _conn(station)
    conn.execute("UPDATE audit SET actor = 'mallory' WHERE id = 5")
    _rewrite_plain(conn, head)
    conn.close()
    assert not station.audit.verify().ok
    conn = _conn(station)  # and claiming the log was never keyed
    conn.execute("DELETE FROM meta WHERE key = 'audit_keyed'")
    _rewrite_plain(conn, head)
    conn.close()
    result = station.audit.verify()
    assert not result.ok and result.problem is not None
    assert "not sealed with this station's key" in result.problem.en


def test_a_forged_head_file_is_detected(station: Station) -> None:
    _some_rows(station, 5)
    conn = _conn(station)
    conn.execute("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert station.audit.head_file is not None
    station.audit.head_file.write_text(f"{last[0]} {last[1]}")  # unsealed, but matching
    result = station.audit.verify()
    assert not result.ok and result.problem is not None and "head file" in result.problem.en


def test_an_older_plain_chain_is_keyed_from_a_recorded_transition(tmp_path: Path,
                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A 0.1.0 station (plain SHA-256 chain): verified as before, then keyed from a
    transition row at the next open; an edit of the old part is still found."""
    monkeypatch.setenv("HEADCOUNT_KEYRING", "0")
    st = Station.init(tmp_path / "s", school="S", contact="C", admin="admin",
                      password=PASSWORD)
    data_dir = st.data_dir
    st.close()
    conn = sqlite3.connect(data_dir / "headcount.db", isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    conn.execute("DELETE FROM meta WHERE key = 'audit_keyed'")
    conn.execute("DELETE FROM audit")  # start again as 0.1.0 would have written it
    conn.close()
    db = open_db(data_dir)
    apply(db)
    plain = AuditLog(db)  # as 0.1.0 wrote it: no key
    for i in range(3):
        plain.record("admin", "old", str(i))
    assert plain.verify().ok
    db.close()
    for path in (tmp_path / "s-keys").glob("*.audit-head"):
        path.unlink()  # 0.1.0's head file had no seal
    st = Station.open(data_dir)
    try:
        keyed = st.audit.entries(action="audit_chain_keyed")
        assert len(keyed) == 1 and keyed[0].details["from_id"] == keyed[0].id
        st.audit.record("admin", "new")
        assert st.audit.verify().ok
        conn = _conn(st)
        conn.execute("UPDATE audit SET subject = 'x' WHERE id = 2")
        conn.close()
        result = st.audit.verify()
        assert not result.ok and result.first_bad_id == 2
    finally:
        st.close()


def test_without_the_key_verify_says_what_it_could_not_check(station: Station) -> None:
    _some_rows(station, 3)
    data_dir = station.data_dir
    station.keys.key_file.unlink()
    station.close()
    st = Station.open(data_dir)
    try:
        result = st.audit.verify()
        assert result.ok and result.note is not None
        assert "missing here" in result.note.en and "缺少密钥" in result.note.zh
    finally:
        st.close()
