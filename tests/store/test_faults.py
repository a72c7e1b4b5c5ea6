"""Faults: a killed process, a read-only folder. (Busy database, wrong password, bad
import rows and a missing key are tested next to their features.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from headcount.errors import HeadcountError
from headcount.station import Station
from headcount.store.db import StorageError, integrity_ok
from headcount.store.users import User
from station_fixtures import PASSWORD

CHILD = textwrap.dedent("""
    import sys
    from headcount.station import Station
    st = Station.open(sys.argv[1], purge=False)
    user = st.login("admin", sys.argv[2])
    sid = int(sys.argv[3])
    for p in st.sessions.candidates(sid):
        r = st.attendance.check_in(user, sid, p["number"], reason="declined")
        print(r.event_id, p["number"], flush=True)  # printed only after COMMIT returned
""")


def test_sigkill_during_checkins_loses_no_committed_event(station: Station, admin: User,
                                                          tmp_path: Path) -> None:
    roster = tmp_path / "big.csv"
    roster.write_text("number,name,class\n" + "".join(f"{i},P{i},9Z\n" for i in range(400)))
    station.import_roster(admin, roster)
    sid = station.sessions.create(admin, kind="class", name="Burst", class_name="9Z").id
    station.sessions.start(admin, sid)
    data_dir, key_dir = station.data_dir, station.keys.key_dir
    station.close()
    env = {**os.environ, "HEADCOUNT_KEYRING": "0", "HEADCOUNT_KEY_DIR": str(key_dir)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir), PASSWORD, str(sid)],
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    committed = []
    for line in child.stdout:
        committed.append(line.split())
        if len(committed) == 60:
            child.send_signal(signal.SIGKILL)
            break
    child.wait()
    assert child.returncode == -signal.SIGKILL
    st = Station.open(data_dir, purge=False)
    try:
        assert integrity_ok(st.db)
        stored = {str(r[0]): r[1] for r in st.db.execute(
            "SELECT c.id, p.number FROM checkins c JOIN people p ON p.id = c.person_id")}
        for event_id, number in committed:
            assert stored.get(event_id) == number
        assert len(stored) < 400  # it really was killed part-way
        assert st.audit.verify().ok
    finally:
        st.close()


def test_read_only_database_gives_clear_message_and_changes_nothing(station: Station,
                                                                    admin: User) -> None:
    before = station.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    station.db.execute("PRAGMA query_only = 1")  # what SQLite reports for a read-only file
    with pytest.raises(StorageError) as exc:
        station.users.add(admin, "new", "operator", "1234")
    assert "read-only" in exc.value.text.en and "只读" in exc.value.text.zh
    station.db.execute("PRAGMA query_only = 0")
    assert station.db.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    assert "new" not in station.users.names()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root ignores file permissions")
def test_read_only_folder(station: Station, admin: User) -> None:
    data_dir = station.data_dir
    station.close()
    files = list(data_dir.iterdir())
    for f in files:
        f.chmod(0o444)
    data_dir.chmod(0o555)
    try:
        with pytest.raises(HeadcountError):
            st = Station.open(data_dir, purge=False)
            st.users.add(st.login("admin", PASSWORD), "x", "operator", "1234")
    finally:
        data_dir.chmod(0o755)
        for f in files:
            f.chmod(0o644)
