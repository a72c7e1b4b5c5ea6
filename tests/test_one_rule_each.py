"""One rule, one place (issue 10, part 3): the model version, the age of consent, the
counts of a session, and the print audit row are the core's, whichever face asks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import station_fixtures as fx
from headcount.gui.backend import User as WindowUser
from headcount.gui.station_backend import StationBackend
from headcount.models import MODEL_VERSION
from headcount.station import Station
from headcount.store import migrations

admin, data_dir, engine, roster, station = fx.admin, fx.data_dir, fx.engine, fx.roster, fx.station
hc, cli_roster_file = fx.hc, fx.cli_roster_file
BOSS = WindowUser("admin", "admin")


def test_one_model_version_and_the_old_spelling_is_rewritten(roster: Station, admin: Any
                                                             ) -> None:
    pid = roster.people.get("2024002").id
    roster.templates.add(pid, fx.template_for(1), source="window", model_version="dlib-resnet-v1")
    roster.db.execute("DELETE FROM migrations WHERE version = 6")
    migrations.apply(roster.db)
    assert {r[0] for r in roster.db.execute("SELECT model_version FROM templates")} == {
        MODEL_VERSION}
    # A face check-in from the window records the same constant.
    roster.consent.record(admin, "2024002", by="self")
    sid = roster.sessions.create(admin, kind="exam", name="E", room="1",
                                 candidates=[("2024002", "1")]).id
    roster.sessions.start(admin, sid)
    backend = StationBackend(roster)
    backend.check_in(sid, pid, user=BOSS, method="face", score=0.3, threshold=0.6)
    assert roster.attendance.roll(sid)[0].model_version == MODEL_VERSION


def test_the_window_asks_for_a_guardian_by_the_station_s_rule(roster: Station,
                                                               admin: Any) -> None:
    backend = StationBackend(roster)
    people = {p.number: p for p in backend.people()}
    assert people["2024001"].needs_guardian and not people["2024002"].needs_guardian
    roster.db.execute("UPDATE people SET birth_date = NULL WHERE number = '2024002'")
    assert backend.person(people["2024002"].id).needs_guardian  # unknown age: a child
    born = dt.date.today().replace(year=dt.date.today().year - 17, day=1)
    roster.db.execute("UPDATE people SET birth_date = ? WHERE number = '2024004'",
                      [born.isoformat()])
    assert not backend.person(people["2024004"].id).needs_guardian  # 17, limit 14
    roster.set_settings(admin, age_of_consent=18)
    p = backend.person(people["2024004"].id)
    assert p.needs_guardian and p.age_of_consent == 18
    # The paper follows the same setting.
    from headcount.reports import from_station as fs

    assert fs.consent_slips(roster, number="2024004")[0].for_guardian


def test_session_show_counts_like_the_report(roster: Station, admin: Any) -> None:
    from headcount.reports import from_station as fs

    sid = roster.sessions.create(admin, kind="class", name="Maths", class_name="7A").id
    roster.sessions.start(admin, sid)
    roster.attendance.check_in(admin, sid, "2024002", method="manual", reason="declined")
    roster.sessions.close(admin, sid)
    summary = roster.attendance.summary(sid)
    counts = fs.attendance_sheet(roster, sid, lang="zh").counts()
    assert summary["expected"] == counts["total"] == 3  # 应到
    assert summary["absent"] == counts["absent"] == 2
    assert summary["pending"] == 0


def test_lateness_comes_from_the_station(roster: Station, admin: Any) -> None:
    start = dt.datetime(2026, 6, 7, 9, 0)
    s = roster.sessions.create(admin, kind="class", name="Maths", class_name="7A",
                               starts_at=start.isoformat(), late_minutes=7)
    info = StationBackend(roster).session(s.id)
    assert info.late_after == start + dt.timedelta(minutes=7)


def test_one_print_audit_row_from_either_face(hc: Any, cli_roster_file: Path,
                                              tmp_path: Path) -> None:
    assert hc("--user", "boss", "roster", "import", str(cli_roster_file))[0] == 0
    assert hc("--user", "boss", "print", "consent", "2024001", "--out",
              str(tmp_path / "c.pdf"))[0] == 0
    st = Station.open(tmp_path / "st")
    try:
        StationBackend(st).render("consent", user=WindowUser("boss", "admin"), lang="en",
                                  number="2024001")
        rows = [e for e in st.audit.entries() if e.action == "print"]
    finally:
        st.close()
    assert [(r.subject, r.details["via"]) for r in rows] == [
        ("consent:2024001", "window"), ("consent:2024001", "cli")]
    assert rows[1].details["file"] == "c.pdf" and rows[0].details["pages"] == 1
