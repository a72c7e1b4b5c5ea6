"""A withdrawal, a person deletion and a purge killed at every step (C5): afterwards the
erasure ledger and the database agree, and the erasure is complete once the station
opens again. The ledger line is written first (write-ahead); the crash is a real
process exit (os._exit, no clean-up) at the step named by HEADCOUNT_CRASH_AT."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from headcount.station import Station
from headcount.store.db import integrity_ok
from headcount.store.users import User
from station_fixtures import PASSWORD, template_for

CHILD = textwrap.dedent("""
    import sys
    from headcount.station import Station
    st = Station.open(sys.argv[1], purge=False)
    user = st.login("admin", sys.argv[2])
    op = sys.argv[3]
    if op == "withdraw":
        st.consent.withdraw(user, "2024002")
    elif op == "delete":
        st.delete_person(user, "2024002")
    else:
        st.retention.purge(user)
    print("finished", flush=True)
""")
STEPS = ("ledger", "erased", "committed")
WHAT = {"withdraw": "withdrawal", "delete": "person_delete", "purge": "purge"}


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("op", sorted(WHAT))
def test_a_kill_at_any_step_leaves_ledger_and_database_agreeing(
        roster: Station, admin: User, op: str, step: str) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(2))
    if op == "purge":
        roster.people.mark_left(admin, "2024002", at="2001-01-01T00:00:00+00:00")
    data_dir, key_dir = roster.data_dir, roster.keys.key_dir
    ledger = roster.erasures.path
    assert ledger is not None
    roster.close()
    env = {**os.environ, "HEADCOUNT_KEYRING": "0", "HEADCOUNT_KEY_DIR": str(key_dir),
           "HEADCOUNT_CRASH_AT": step}
    child = subprocess.run([sys.executable, "-c", CHILD, str(data_dir), PASSWORD, op],
                           env=env, capture_output=True, text=True, timeout=120)
    assert child.returncode == 137, child.stderr  # it died at that step
    assert "finished" not in child.stdout
    lines = [json.loads(x) for x in ledger.read_text(encoding="utf-8").splitlines()]
    assert [(x["person"], x["what"]) for x in lines] == [("2024002", WHAT[op])]
    st = Station.open(data_dir, key_dir=key_dir, purge=False)
    try:
        assert integrity_ok(st.db) and st.audit.verify().ok
        applied = [r[0] for r in st.db.execute("SELECT id FROM erasures_applied")]
        assert applied == [lines[0]["id"]]  # the database knows the line: they agree
        person = st.people.find("2024002")
        if op == "delete":
            assert person is None
        else:
            assert person is not None and st.templates.count(person.id) == 0
            if op == "withdraw":
                assert st.consent.manual_only(person.id)
        reapplied = st.audit.entries(action="erasure_reapplied")
        # Before the commit the open finishes the erasure; after it there is nothing to do.
        assert len(reapplied) == (0 if step == "committed" else 1)
        assert st.erasures.warning is None
    finally:
        st.close()
    again = Station.open(data_dir, key_dir=key_dir, purge=False)  # settled: nothing new
    try:
        assert len(again.audit.entries(action="erasure_reapplied")) == len(reapplied)
    finally:
        again.close()


def test_a_failed_erasure_transaction_is_cancelled_in_the_ledger(
        roster: Station, admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a crash: the transaction fails (disk full, busy). Nothing was deleted, the
    ledger says so, and the next open does not erase behind the user's back."""
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(2))

    def broken(*_: object, **__: object) -> dict:
        raise RuntimeError("the receipt could not be written")

    monkeypatch.setattr(roster.receipts, "write", broken)
    with pytest.raises(RuntimeError):
        roster.consent.withdraw(admin, "2024002")
    monkeypatch.undo()
    ledger, data_dir = roster.erasures.path, roster.data_dir
    assert ledger is not None
    lines = [json.loads(x) for x in ledger.read_text(encoding="utf-8").splitlines()]
    assert [x["what"] for x in lines] == ["withdrawal", "cancel"]
    assert lines[1]["id"] == "cancel:" + lines[0]["id"]
    roster.close()
    st = Station.open(data_dir, purge=False)
    try:
        pid = st.people.get("2024002").id
        assert st.templates.count(pid) == 1 and not st.consent.manual_only(pid)
        assert st.audit.entries(action="erasure_reapplied") == []
        assert st.erasures.warning is None
    finally:
        st.close()



def test_lines_seen_before_the_applied_table_still_count(enrolled: Station,
                                                         admin: User) -> None:
    """A station from 0.1.0 knows its ledger lines only as 'seen up to line N'."""
    from headcount.store import erasure_ledger

    enrolled.consent.withdraw(admin, "2024002")
    enrolled.db.execute("DELETE FROM erasures_applied")  # as before migration 2
    enrolled.consent.withdraw(admin, "2024004")
    seen = json.loads(enrolled._meta(erasure_ledger.META_KEY) or "{}")
    assert seen["lines"] == 2
    data_dir = enrolled.data_dir
    enrolled.close()
    st = Station.open(data_dir, purge=False)
    try:
        assert st.audit.entries(action="erasure_reapplied") == []
        assert st.erasures.warning is None
    finally:
        st.close()


KILL_CHILD = textwrap.dedent("""
    import sys
    from headcount.station import Station
    st = Station.open(sys.argv[1], purge=False)
    user = st.login("admin", sys.argv[2])
    for n in range(int(sys.argv[3])):
        st.consent.withdraw(user, f"9{n:05d}")
        print(n, flush=True)  # printed only after the withdrawal returned
""")


def test_kill_9_during_a_run_of_withdrawals_leaves_ledger_and_database_agreeing(
        station: Station, admin: User, tmp_path: Path) -> None:
    """A real SIGKILL at an unknown point, not a named step."""
    import signal

    n = 60
    roster = tmp_path / "r.csv"
    roster.write_text("number,name,class,birth_date\n" + "".join(
        f"9{i:05d},P{i},9Z,2000-01-01\n" for i in range(n)))
    station.import_roster(admin, roster)
    for i in range(n):
        station.consent.record(admin, f"9{i:05d}", by="self")
        station.enrolment.enrol_template(admin, f"9{i:05d}", template_for(100 + i))
    data_dir, key_dir, ledger = station.data_dir, station.keys.key_dir, station.erasures.path
    assert ledger is not None
    station.close()
    env = {**os.environ, "HEADCOUNT_KEYRING": "0", "HEADCOUNT_KEY_DIR": str(key_dir)}
    env.pop("HEADCOUNT_CRASH_AT", None)
    child = subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(data_dir), PASSWORD,
                              str(n)], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    done = []
    for line in child.stdout:
        done.append(int(line))
        if len(done) == 20:
            child.send_signal(signal.SIGKILL)
            break
    child.wait()
    assert child.returncode == -signal.SIGKILL
    lines = [json.loads(x) for x in ledger.read_text(encoding="utf-8").splitlines()
             if x.strip()]
    in_ledger = {x["person"] for x in lines if x["what"] == "withdrawal"}
    assert {f"9{i:05d}" for i in done} <= in_ledger  # acknowledged: in the ledger
    assert len(in_ledger) < n  # it really was killed part-way
    st = Station.open(data_dir, key_dir=key_dir, purge=False)
    try:
        assert integrity_ok(st.db) and st.audit.verify().ok
        for i in range(n):
            p = st.people.get(f"9{i:05d}")
            erased = st.templates.count(p.id) == 0 and st.consent.manual_only(p.id)
            assert erased == (p.number in in_ledger), p.number  # they agree
    finally:
        st.close()
