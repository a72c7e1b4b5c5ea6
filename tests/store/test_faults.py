"""Faults: a killed process, a read-only folder. (Busy database, wrong password, bad
import rows and a missing key are tested next to their features.)"""

from __future__ import annotations

import contextlib
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
        r = st.attendance.check_in(user, sid, p.number, reason="declined")
        print(r.event_id, p.number, flush=True)  # printed only after COMMIT returned
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
        station.users.add(admin, "new", "operator", "12345678")
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
            st.users.add(st.login("admin", PASSWORD), "x", "operator", "12345678")
    finally:
        data_dir.chmod(0o755)
        for f in files:
            f.chmod(0o644)


# --- a full disk -------------------------------------------------------------------------
def _fill_disk(station: Station) -> None:
    """SQLITE_FULL from here on: the database may not grow past its current pages (what
    SQLite reports when the disk itself is full). Free pages are used up first."""
    q = station.db.execute
    q(f"PRAGMA max_page_count = {q('PRAGMA page_count').fetchone()[0]}")


def _free_disk(station: Station) -> None:
    station.db.execute("PRAGMA max_page_count = 1073741823")


def _snapshot(station: Station) -> dict[str, object]:
    q = station.db.execute
    return {t: q(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("people", "consents", "templates", "checkins", "audit", "receipts")}


def test_full_disk_gives_clear_message_and_loses_nothing(roster: Station, admin: User,
                                                         tmp_path: Path) -> None:
    from station_fixtures import template_for

    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    sid = roster.sessions.create(admin, kind="class", name="Maths", class_name="7A").id
    roster.sessions.start(admin, sid)
    roster.attendance.check_in(admin, sid, "2024001", reason="declined")
    before = _snapshot(roster)
    big = tmp_path / "big.csv"
    big.write_text("number,name,class\n" + "".join(f"9{i:05d},Name {i},9Z\n"
                                                  for i in range(3000)))
    _fill_disk(roster)
    try:
        with pytest.raises(StorageError) as exc:
            roster.import_roster(admin, big)
        en, zh = exc.value.text.en, exc.value.text.zh
        assert "disk" in en and "full" in en and "free some space" in en
        assert "磁盘" in zh and "已满" in zh and "释放" in zh
        # Fill what free space is left with check-ins until one fails: every check-in
        # reported as recorded must still be there afterwards.
        recorded = {}
        with pytest.raises(StorageError, match="full"):
            for i in range(3000):
                roster.audit.record("admin", "filler", str(i), {"pad": "x" * 2000})
        for number in ("2024002", "2024003"):
            with contextlib.suppress(StorageError):
                recorded[number] = roster.attendance.check_in(admin, sid, number,
                                                              reason="declined").event_id
    finally:
        _free_disk(roster)
    after = _snapshot(roster)
    for table, rows in before.items():
        assert after[table][:len(rows)] == rows, table  # nothing made before was lost
    assert roster.people.count() == 4  # the import left nothing behind
    for number, event in recorded.items():
        roll = {r.number: r.event for r in roster.attendance.roll(sid)}
        assert roll[number] == event
    assert integrity_ok(roster.db)
    assert roster.audit.verify().ok
    # With space again everything works, and the audit head is still right.
    assert roster.import_roster(admin, big).inserted == 3000
    assert roster.audit.verify().ok


def test_audit_head_never_names_a_rolled_back_row(station: Station, admin: User) -> None:
    from headcount.store.db import atomic

    with pytest.raises(RuntimeError), atomic(station.db):
        station.audit.record("admin", "doomed")
        raise RuntimeError("the rest of the action failed")
    station.settings.write({"late_minutes": 5})  # a commit without an audit row
    assert station.audit.verify().ok
    station.audit.record("admin", "after")
    assert station.audit.verify().ok


# --- a read-only folder, as the operating system enforces it --------------------------
def _as_other_user(fn):  # type: ignore[no-untyped-def]
    """Run ``fn()`` in a forked child as the unprivileged user ``nobody`` (root ignores
    file permissions, so the real denial needs another user); returns its result (a
    JSON-able value or the error's text) through a pipe."""
    import json
    import pwd

    nobody = pwd.getpwnam("nobody")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns into pytest
        code = 0
        try:
            os.close(read)
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            try:
                out = {"ok": fn()}
            except HeadcountError as err:
                out = {"error": type(err).__name__, "en": err.text.en, "zh": err.text.zh}
            os.write(write, json.dumps(out).encode())
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    assert status == 0
    return json.loads(b"".join(chunks))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to switch to another user (else test_read_only_folder)")
@pytest.mark.parametrize("folder_writable", [False, True])
def test_read_only_station_for_this_user(monkeypatch: pytest.MonkeyPatch,
                                         folder_writable: bool) -> None:
    """The data folder (or only the database file) belongs to another user and may not
    be written: a clear bilingual message, and every record made before is intact."""
    import shutil
    import tempfile

    from station_fixtures import ROSTER_CSV

    monkeypatch.setenv("HEADCOUNT_KEYRING", "0")
    root = Path(tempfile.mkdtemp(prefix="hc-ro-"))  # pytest's tmp is root-only (0700)
    try:
        root.chmod(0o755)
        data_dir = root / "station"
        st = Station.init(data_dir, school="S", contact="C", admin="admin", password=PASSWORD)
        admin = st.login("admin", PASSWORD)
        (root / "r.csv").write_text(ROSTER_CSV)
        st.import_roster(admin, root / "r.csv")
        sid = st.sessions.create(admin, kind="class", name="Maths", class_name="7A").id
        st.sessions.start(admin, sid)
        st.attendance.check_in(admin, sid, "2024001", reason="declined")
        before = _snapshot(st)
        st.close()
        data_dir.chmod(0o777 if folder_writable else 0o755)
        for f in data_dir.iterdir():
            f.chmod(0o644)

        def try_to_work() -> str:
            station = Station.open(data_dir, purge=False)
            user = station.login("admin", PASSWORD)
            station.attendance.check_in(user, sid, "2024002", reason="declined")
            return "written"

        result = _as_other_user(try_to_work)
        assert result.get("error") == "StorageError", result
        assert "read-only" in result["en"] and "writable" in result["en"]
        assert "只读" in result["zh"] and "可写" in result["zh"]
        st = Station.open(data_dir, purge=False)
        try:
            assert _snapshot(st) == before
            assert integrity_ok(st.db) and st.audit.verify().ok
        finally:
            st.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
