from pathlib import Path

from headcount.station import Station
from headcount.store.users import User


def test_reimport_updates_instead_of_duplicating(station: Station, admin: User,
                                                 tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("学号,姓名,班级\n1,王一,7A\n2,李二,7A\n", encoding="gb18030")
    first = station.import_roster(admin, path)
    assert (first.inserted, first.updated) == (2, 0)
    path.write_text("学号,姓名,班级\n1,王一,8A\n2,李二,7A\n3,张三,8A\n,无号,8A\n",
                    encoding="gb18030")
    second = station.import_roster(admin, path)
    assert (second.inserted, second.updated, second.unchanged, second.rejected) \
        == (1, 1, 1, 1)
    assert second.errors[0]["row"] == 5
    assert station.people.count() == 3
    assert station.people.get("1").class_name == "8A"
    audit = station.audit.entries(action="roster_import")
    assert len(audit) == 2 and audit[0].details["inserted"] == 1


def test_search_for_manual_check(roster: Station) -> None:
    assert [p.number for p in roster.people.search("Li")] == ["2024002"]
    assert [p.number for p in roster.people.search("2024003")] == ["2024003"]
    assert len(roster.people.search("2024")) == 4


def test_reimport_can_mark_people_missing_from_the_file_as_left(roster: Station, admin: User,
                                                                tmp_path: Path) -> None:
    import pytest

    from headcount.errors import Refused

    path = tmp_path / "new.csv"
    path.write_text("number,name,class\n2024001,Wang Xiaoming,7A\n2024004,Zhang Wei,7B\n"
                    "2024009,New Pupil,7B\n")
    before = len(roster.audit.entries())
    result = roster.import_roster(admin, path, mark_missing_left=True)
    assert result.inserted == 1 and sorted(result.left) == ["2024002", "2024003"]
    assert result.marked_left == 2
    status = {p.number: p.status for p in roster.people.all()}
    assert status == {"2024001": "active", "2024002": "left", "2024003": "left",
                      "2024004": "active", "2024009": "active"}
    assert roster.people.get("2024002").left_at
    left_rows = roster.audit.entries(action="person_left")
    assert sorted(e.subject for e in left_rows) == ["2024002", "2024003"]
    assert all(e.details["reason"] == "missing_from_roster" for e in left_rows)
    assert len(roster.audit.entries()) == before + 3  # two people, one import
    assert not roster.receipts.list()  # nothing deleted, so no receipt
    # Without the option nobody is marked; a returning person becomes active again.
    path.write_text("number,name,class\n2024002,Li Lei,7A\n")
    assert roster.import_roster(admin, path).marked_left == 0
    assert roster.people.get("2024002").status == "active"
    # Only the classes in the file: 7B people are left alone by a 7A list.
    assert roster.import_roster(admin, path, mark_missing_left=True,
                                classes_only=True).left == ["2024001"]
    assert roster.people.get("2024004").status == "active"
    # A file with bad rows could mark people on those rows: refused, nothing imported.
    path.write_text("number,name,class\n2024002,Li Lei,7A\n,No Number,7A\n2024010,X,7A\n")
    with pytest.raises(Refused, match="bad rows"):
        roster.import_roster(admin, path, mark_missing_left=True)
    assert roster.people.find("2024010") is None
    roster.users.add(admin, "op", "operator", "12345678")
    path.write_text("number,name,class\n2024002,Li Lei,7A\n")
    with pytest.raises(Refused):
        roster.import_roster(roster.login("op", "12345678"), path, mark_missing_left=True)


def test_looking_at_one_person_is_audited(roster: Station, admin: User) -> None:
    summary = roster.person_summary("2024001", admin)
    assert summary.person.number == "2024001" and summary.templates == 0
    entry = roster.audit.entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.subject) == ("admin", "person_view", "2024001")


def test_birth_date_change_for_someone_with_consent_needs_an_admin(
        roster: Station, admin: User, tmp_path: Path) -> None:
    """2013 -> 2000 would make a child's own consent acceptable: an operator's re-import
    keeps the old date; an administrator's is audited with both values."""
    import pytest

    from headcount.errors import Refused
    from station_fixtures import ADULT_YEAR, CHILD_YEAR

    roster.consent.record(admin, "2024001", by="guardian", relationship="mother",
                           evidence="slip 2024001")
    roster.users.add(admin, "op", "operator", "12345678")
    op = roster.login("op", "12345678")
    path = tmp_path / "again.csv"
    path.write_text(f"number,name,class,birth_date\n2024001,Wang Xiaoming,7A,{ADULT_YEAR}-03-05\n"
                    f"2024003,Han Meimei,7A,{ADULT_YEAR}-09-10\n")  # 2024003: no consent
    out = roster.import_roster(op, path)
    assert roster.people.get("2024001").birth_date == f"{CHILD_YEAR}-03-05"
    assert roster.people.get("2024003").birth_date == f"{ADULT_YEAR}-09-10"
    assert [e["field"] for e in out.errors] == ["birth_date"]
    assert "administrator" in out.errors[0]["en"]
    out = roster.import_roster(admin, path)
    assert out.birth_date_changed == ["2024001"] and out.consents_invalidated == []
    assert roster.people.get("2024001").birth_date == f"{ADULT_YEAR}-03-05"
    entry = roster.audit.entries(action="birth_date_change")[0]
    assert entry.subject == "2024001"
    assert entry.details["old"] == f"{CHILD_YEAR}-03-05"
    assert entry.details["new"] == f"{ADULT_YEAR}-03-05"
    with pytest.raises(Refused):
        roster.consent.withdraw(op, "2024003")  # (no consent: untouched by the import)


def test_a_self_consent_that_no_longer_fits_is_withdrawn(roster: Station, admin: User,
                                                         tmp_path: Path) -> None:
    from station_fixtures import CHILD_YEAR, template_for

    roster.consent.record(admin, "2024002", by="self")
    roster.enrolment.enrol_template(admin, "2024002", template_for(3))
    path = tmp_path / "again.csv"
    path.write_text(f"number,name,class,birth_date\n2024002,Li Lei,7A,{CHILD_YEAR}-01-01\n")
    out = roster.import_roster(admin, path)
    assert out.consents_invalidated == ["2024002"]
    person = roster.people.get("2024002")
    assert roster.consent.active(person.id) is None
    assert roster.templates.count(person.id) == 0
    assert roster.audit.entries(action="consent_invalidated")[0].subject == "2024002"
