"""How long a withdrawn template's ciphertext can stay in the files (C5, WAL +
secure_delete): while another connection (another window) holds a read transaction,
the erasure's checkpoint cannot copy the zeroed page over the old one; it is finished
at that station's next commit or open, once the reader has ended."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from headcount.attendance.recognition import session_gallery
from headcount.station import Station
from headcount.store.db import FOLD_KEY
from headcount.store.users import User
from station_fixtures import template_for


def _on_disk(data_dir: Path, blob: bytes) -> bool:
    return any(blob in p.read_bytes() for p in data_dir.glob("headcount.db*") if p.is_file())


def test_ciphertext_leaves_the_files_once_a_reader_ends(roster: Station,
                                                        admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(2))
    pid = roster.people.get("2024002").id
    blob = roster.db.execute("SELECT ciphertext FROM templates WHERE person_id = ?",
                             [pid]).fetchone()[0]
    roster.close()
    writer = Station.open(roster.data_dir, busy_ms=200)
    window = Station.open(roster.data_dir, busy_ms=200)  # another window, same station
    reader = sqlite3.connect(roster.data_dir / "headcount.db", isolation_level=None)
    try:
        assert _on_disk(roster.data_dir, blob)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM templates").fetchone()  # a snapshot is held
        writer.consent.withdraw(writer.login("admin", "s3cret-pass"), "2024002")
        assert writer._meta(FOLD_KEY) == "1"  # blocked, and remembered
        assert _on_disk(roster.data_dir, blob)  # the window the docs describe
        reader.execute("COMMIT")  # the reader ends ...
        window.audit.record("admin", "anything")  # ... and the other window writes
        assert window._meta(FOLD_KEY) is None
        assert not _on_disk(roster.data_dir, blob)
    finally:
        reader.close()
        writer.close()
        window.close()


def test_window_reads_hold_no_transaction(roster: Station, admin: User) -> None:
    """What the window does to show a session and the roster leaves no read snapshot
    behind, so an erasure's checkpoint from another process completes at once."""
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(2))
    sid = roster.sessions.create(admin, kind="class", name="Maths", class_name="7A").id
    roster.sessions.start(admin, sid)
    roster.view_session(admin, sid, via="gui")
    roster.list_people(admin, via="gui")
    session_gallery(roster.attendance, sid)
    roster.attendance.roll(sid)
    other = Station.open(roster.data_dir, busy_ms=200)
    try:
        other.consent.withdraw(other.login("admin", "s3cret-pass"), "2024002")
        assert other._meta(FOLD_KEY) is None  # the checkpoint was not blocked
    finally:
        other.close()
