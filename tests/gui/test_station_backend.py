"""The window on the real station (headcount.station.Station) through StationBackend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from headcount.gui.backend import User
from headcount.gui.station_backend import StationBackend

ADMIN = User("admin", "admin")


@pytest.fixture
def station_backend(tmp_path: Path) -> Any:
    from headcount.station import Station

    st = Station.init(tmp_path / "data", school="Demo School", contact="office@demo.cn",
                      admin="admin", password="admin-pass", use_keyring=False,
                      key_dir=tmp_path / "keys")
    roster = tmp_path / "class.csv"
    roster.write_text("学号,姓名,班级,出生日期,身份证号\n"
                      "3001,孙小美,初二(1)班,2008-02-03,\n"
                      "3002,钱多多,初二(1)班,2013-05-01,\n", encoding="utf-8")
    backend = StationBackend(st)
    backend.import_roster(str(roster), user=ADMIN)
    s = backend.create_session(user=ADMIN, kind="class", name="Maths", room="",
                               class_name="初二(1)班")
    backend.start_session(s.id, user=ADMIN)
    yield backend
    st.close()


def test_sign_in_and_roles(station_backend: Any) -> None:
    from headcount.errors import HeadcountError

    assert station_backend.sign_in("admin", "admin-pass").is_admin
    with pytest.raises(HeadcountError):
        station_backend.sign_in("admin", "wrong")


def test_manual_check_in_on_the_real_station(make_window: Any, station_backend: Any,
                                             qtbot: Any) -> None:
    w = make_window(station_backend, feeds=[])
    assert w.roster.model.rowCount() == 2
    pid = next(e.person.id for e in w.entries.values() if e.person.number == "3001")
    with qtbot.waitSignal(w.checked_in, timeout=5000) as sig:
        w.manual_check_in(pid, "declined")
    assert sig.args[0].method == "manual"
    qtbot.waitUntil(lambda: "Present (manual): 1" in w.roster.counts.text(), timeout=3000)


def test_consent_rules_come_from_the_station(station_backend: Any) -> None:
    from headcount.errors import Refused

    child = next(p for p in station_backend.people() if p.number == "3002")
    with pytest.raises(Refused):
        station_backend.record_consent(child.id, user=ADMIN, given_by="self", notice_shown=True)
    with pytest.raises(Refused):
        station_backend.enrol_template(child.id, np.zeros(128, np.float32), user=ADMIN,
                                       source="test")
    station_backend.record_consent(child.id, user=ADMIN, given_by="guardian",
                                   guardian_name="钱芳", relationship="mother",
                                   method="slip", notice_shown=True, evidence="slip 2")
    assert station_backend.person(child.id).consent == "guardian"
    receipt = station_backend.withdraw_consent(child.id, user=ADMIN)
    assert receipt.person == "3002" and receipt.kind == "deletion"
    assert station_backend.person(child.id).consent == "none"
    # Print > Receipt lists it first (newest first), as a typed line
    first = station_backend.receipts()[0]
    assert (first.receipt, first.kind, first.person) == (receipt.receipt, "deletion", "3002")
    assert first.created_at == receipt.created_at and first.name == receipt.name


def test_reads_are_audited_once_per_opened_view(station_backend: Any) -> None:
    """C10: opening a session's roll records one row for the signed-in user; the
    periodic refreshes and the re-reads after a check-in record none; another user or
    another session is a new view. Listing the people records one row per listing."""
    st = station_backend.st

    def views() -> list[Any]:
        return st.audit.entries(action="session_view")

    station_backend.sign_in("admin", "admin-pass")
    sid = station_backend.sessions()[0].id
    for _ in range(3):  # opened, then refreshed twice
        assert len(station_backend.roster(sid)) == 2
    pid = station_backend.roster(sid)[0].person.id
    station_backend.check_in(sid, pid, user=ADMIN, method="manual", reason="declined")
    rows = views()
    assert len(rows) == 1 and rows[0].actor == "admin"
    assert rows[0].subject == f"session:{sid}" and rows[0].details == {"rows": 2,
                                                                       "via": "window"}
    st.users.add(st.login("admin", "admin-pass"), "op", "operator", "op-pass-1")
    station_backend.sign_in("op", "op-pass-1")
    station_backend.roster(sid)
    station_backend.roster(sid)
    assert [r.actor for r in views()] == ["op", "admin"]
    assert len(station_backend.people()) == 2
    listing = st.audit.entries(action="people_list")[0]
    assert listing.actor == "op" and listing.details["rows"] == 2


def test_new_session_dialog_names_the_invigilators(station_backend: StationBackend,
                                                    qtbot) -> None:  # type: ignore[no-untyped-def]
    from headcount.gui.sessions import NewSessionDialog

    dialog = NewSessionDialog(["初二(1)班"])
    qtbot.addWidget(dialog)
    dialog.name.setText("期中 数学")
    dialog.invigilators.setText("周老师， 钱老师、孙老师,")
    v = dialog.values()
    assert v["invigilators"] == ["周老师", "钱老师", "孙老师"]
    s = station_backend.create_session(user=ADMIN, kind="exam", name=v["name"], room="201",
                                       class_name=v["class_name"],
                                       invigilators=v["invigilators"])
    assert station_backend.st.sessions.get(s.id).invigilators == ("周老师", "钱老师", "孙老师")
