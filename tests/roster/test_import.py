from pathlib import Path

from headcount.station import Station
from headcount.store.users import User


def test_reimport_updates_instead_of_duplicating(station: Station, admin: User,
                                                 tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("学号,姓名,班级\n1,王一,7A\n2,李二,7A\n", encoding="gb18030")
    first = station.import_roster(admin, path)
    assert (first["inserted"], first["updated"]) == (2, 0)
    path.write_text("学号,姓名,班级\n1,王一,8A\n2,李二,7A\n3,张三,8A\n,无号,8A\n",
                    encoding="gb18030")
    second = station.import_roster(admin, path)
    assert (second["inserted"], second["updated"], second["unchanged"], second["rejected"]) \
        == (1, 1, 1, 1)
    assert second["errors"][0]["row"] == 5
    assert station.people.count() == 3
    assert station.people.get("1").class_name == "8A"
    audit = station.audit.entries(action="roster_import")
    assert len(audit) == 2 and audit[0].details["inserted"] == 1


def test_search_for_manual_check(roster: Station) -> None:
    assert [p.number for p in roster.people.search("Li")] == ["2024002"]
    assert [p.number for p in roster.people.search("2024003")] == ["2024003"]
    assert len(roster.people.search("2024")) == 4
