import datetime as dt

import pytest

from headcount.errors import Refused
from headcount.station import Station
from headcount.store.users import User
from station_fixtures import PASSWORD, template_for


def test_purge_removes_expired_data_with_receipt(roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.consent.record(admin, "2024004", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    roster.enrolment.enrol_template(admin, "2024004", template_for(2))
    roster.set_settings(admin, retention_unused_days=3650)  # only leaving counts here
    sid = roster.sessions.create(admin, kind="class", name="P1", class_name="7A").id
    roster.people.mark_left(admin, "2024002")
    roster.sessions.start(admin, sid)
    roster.attendance.check_in(admin, sid, "2024002", reason="declined")
    roster.sessions.close(admin, sid)
    # Nothing is due yet.
    assert roster.retention.purge(admin).templates_deleted == 0
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    receipt = roster.retention.purge(admin, now=later)
    assert receipt.templates_deleted == 1 and receipt.people == ("2024002",)
    assert receipt.sessions_purged == (sid,) and receipt.checkins_deleted == 1
    assert "name" not in receipt.as_dict() and "Li Lei" not in str(receipt)
    assert roster.templates.total() == 1  # 2024004 stayed
    assert roster.sessions.get(sid).purged_at
    assert roster.audit.entries(action="purge")
    assert roster.audit.verify().ok


def test_audit_kept_three_years_then_purged_and_chain_still_verifies(roster: Station,
                                                                     admin: User) -> None:
    n = len(roster.audit.entries())
    in_2y = dt.datetime.now(dt.UTC) + dt.timedelta(days=2 * 365)
    assert roster.retention.purge(admin, now=in_2y).audit_rows_deleted == 0
    in_4y = dt.datetime.now(dt.UTC) + dt.timedelta(days=4 * 365)
    receipt = roster.retention.purge(admin, now=in_4y)
    assert receipt.audit_rows_deleted >= n
    roster.audit.record("admin", "after")
    assert roster.audit.verify().ok


def test_purge_runs_at_open(roster: Station, admin: User, engine) -> None:  # type: ignore[no-untyped-def]
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    roster.people.mark_left(admin, "2024002", at="2000-01-01T00:00:00+00:00")
    data_dir = roster.data_dir
    roster.close()
    st = Station.open(data_dir, engine=engine)
    try:
        assert st.templates.total() == 0
        assert st.receipts.list("purge")[-1]["actor"] == "system"
    finally:
        st.close()


def test_filing_counter_warning_and_export(roster: Station, admin: User) -> None:
    assert roster.filing.status().level == "ok"
    for number, seed in (("2024002", 1), ("2024004", 2)):
        roster.consent.record(admin, number, by="self")
        roster.enrolment.enrol_template(admin, number, template_for(seed))
    roster.enrolment.enrol_template(admin, "2024002", template_for(3))  # 2 templates, 1 person
    assert roster.filing.status().people_with_facial_data == 2
    roster.set_settings(admin, filing_warning=2)
    status = roster.filing.status()
    assert status.level == "warning" and "2" in status.message.zh
    data = roster.filing.export(admin)
    assert data["processor"]["name"] == "Test Middle School"
    assert data["volume"]["people_with_facial_data"] == 2 and data["volume"]["templates"] == 3
    assert data["purpose"]["zh"] and data["safeguards"] and data["rules"]["age_of_consent"] == 14
    roster.users.add(admin, "op", "operator", "12345678")
    with pytest.raises(Refused):
        roster.filing.export(roster.login("op", "12345678"))
    assert PASSWORD not in str(data)


def test_filing_required_at_100k(roster: Station, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roster.templates, "distinct_people", lambda: 100_000)
    assert roster.filing.status().level == "filing_required"


def test_delete_person_everything_with_receipt(roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    export = roster.people.export(admin, "2024002")
    assert export["person"]["name"] == "Li Lei" and len(export["templates"]) == 1
    assert "ciphertext" not in str(export)
    receipt = roster.delete_person(admin, "2024002")
    assert (receipt.kind, receipt.person, receipt.templates_deleted) == ("deletion", "2024002", 1)
    assert roster.people.find("2024002") is None
    assert roster.db.execute("SELECT count(*) FROM consents").fetchone()[0] == 0


def test_incident_report_lists_affected_people_and_data(roster: Station, admin: User) -> None:
    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(1))
    everyone = roster.incident_report(admin)
    assert everyone.counts() == {"people": 4, "with_facial_data": 1}
    li = next(a for a in everyone.affected_people if a.number == "2024002")
    assert li.data == ("roster", "templates", "consent")
    start = dt.datetime.now(dt.UTC).isoformat()
    roster.people.export(admin, "2024004")
    window = roster.incident_report(admin, since=start)
    assert [a.number for a in window.affected_people] == ["2024004"]
    assert window.actions_in_window["person_export"] == 1
    assert roster.audit.entries(action="incident_export")


def test_an_open_session_is_never_purged(roster: Station, admin: User) -> None:
    """A session created with its end in the past keeps its list while it is open, and
    a planned one is not purged the moment it is created."""
    past = roster.sessions.create(admin, kind="class", name="P0", class_name="7A",
                                  starts_at="2001-01-01 08:00", ends_at="2001-01-01 09:00")
    planned = roster.sessions.create(admin, kind="class", name="P9", class_name="7A",
                                     starts_at="2001-01-02 08:00", ends_at="2001-01-02 09:00")
    roster.sessions.start(admin, past.id)
    roster.attendance.check_in(admin, past.id, "2024002", reason="declined")
    assert roster.retention.due()["sessions"] == 0
    receipt = roster.retention.purge(admin)
    assert receipt.sessions_purged == () and receipt.checkins_deleted == 0
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=4000)
    assert roster.retention.purge(admin, now=later).sessions_purged == (planned.id,)
    assert roster.sessions.get(past.id).purged_at is None  # still open
    assert roster.db.execute("SELECT count(*) FROM checkins WHERE session_id = ?",
                             [past.id]).fetchone()[0] == 1
    roster.sessions.close(admin, past.id)
    assert roster.retention.purge(admin).sessions_purged == ()  # closed just now
    assert roster.retention.purge(admin, now=later).sessions_purged == (past.id,)
