"""The window's exam-office link on a real PostgreSQL: it syncs by itself on a thread of
its own (never the GUI thread, never the task thread that records check-ins), shows the
link's state in the status bar, keeps checking in with the server gone, and shows a
duplicate across rooms on the roster row and in a banner over the roster."""

from __future__ import annotations

import re
import threading
from typing import Any

import psycopg
import pytest
from gui_threads import on_station
from PySide6.QtCore import Qt

from headcount.gui.backend import User
from headcount.gui.link_status import LinkStatus
from headcount.gui.main_window import MainWindow
from headcount.gui.qt import set_language
from headcount.gui.roster import ELSEWHERE_COLOUR
from headcount.office.events import push
from headcount.office.schema import add_station, init

ADMIN = User("admin", "admin")


@pytest.fixture
def fast_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MainWindow, "LINK_SYNC_S", 0.1)


def _link(w: Any, backend: Any, dsn: str) -> None:
    on_station(w, lambda: backend.st.link_office(backend._user(ADMIN), dsn))


def _checkins(office_dsn: str, station: str) -> list[str]:
    with psycopg.connect(office_dsn) as conn:
        return [r[0] for r in conn.execute(
            "SELECT number FROM headcount.events WHERE station = %s AND kind = 'checkin' "
            "ORDER BY seq", (station,))]


def _check_in_first(qtbot: Any, w: Any) -> Any:
    entry = min(w.entries.values(), key=lambda e: e.seat)
    with qtbot.waitSignal(w.checked_in, timeout=10000):
        w.manual_check_in(entry.person.id, "declined")
    return entry


def test_window_syncs_by_itself_and_shows_a_duplicate_where_the_eye_is(
        make_window: Any, backend: Any, office_dsn: str, qtbot: Any, fast_sync: None) -> None:
    init(office_dsn)
    w = make_window(backend)
    label = w.link.status
    qtbot.waitUntil(lambda: w.link.sync is not None, timeout=10000)
    qtbot.waitUntil(lambda: label.state["state"] == "not_linked", timeout=10000)
    assert label.text() == "Exam office: not linked"
    _link(w, backend, add_station(office_dsn, "room-301")["dsn"])  # as `headcount link` does
    qtbot.waitUntil(lambda: label.state["state"] == "up_to_date", timeout=10000)
    assert label.text() == "Exam office: linked, up to date"
    # the loop's own connection, on its own thread: not the GUI's, not the task thread's
    loop_conn = w.link.sync.loop._db.conn
    assert loop_conn is not backend.st.db.conn
    assert loop_conn.owner not in (threading.main_thread(), backend.st.db.conn.owner)
    entry = _check_in_first(qtbot, w)
    number = entry.person.number
    qtbot.waitUntil(lambda: _checkins(office_dsn, "room-301") == [number], timeout=10000)
    assert not w.link.banner.isVisible()
    # another room of the same exam checks the same number in
    other = add_station(office_dsn, "room-399")["dsn"]
    at = "2026-12-03T08:01:00+08:00"
    push(other, [
        {"seq": 1, "kind": "session", "session_ref": 7, "session": w.session.name,
         "session_kind": "exam", "room": "Room 399", "at": at},
        {"seq": 2, "kind": "entry", "session_ref": 7, "session": w.session.name,
         "number": number, "name": "x", "at": at},
        {"seq": 3, "kind": "checkin", "session_ref": 7, "session": w.session.name,
         "number": number, "method": "manual", "present": True, "at": at}])
    qtbot.waitUntil(lambda: w.link.banner.isVisible(), timeout=10000)
    assert number in w.link.banner.text() and "Room 399" in w.link.banner.text()
    model = w.roster.model
    row = next(i for i, e in enumerate(model.entries) if e.person.number == number)
    assert "ALSO IN ROOM Room 399" in model.index(row, 3).data()
    assert model.index(row, 3).data(Qt.ItemDataRole.BackgroundRole) == ELSEWHERE_COLOUR
    others = [i for i, e in enumerate(model.entries) if e.person.number != number]
    assert all("ALSO" not in model.index(i, 3).data() for i in others)
    # the other session of this station (room 302) has no duplicate: no banner there
    room = next(i for i in range(w.session_box.count())
                if "302" in w.session_box.itemText(i))
    with qtbot.waitSignal(w.session_loaded, timeout=10000):
        w.load_session(int(w.session_box.itemData(room)))
    assert not w.link.banner.isVisible()
    assert w.last_error is None, w.last_error


def test_server_gone_check_ins_go_on_and_everything_arrives_once(
        make_window: Any, backend: Any, office_dsn: str, pg_cluster: Any, qtbot: Any,
        fast_sync: None) -> None:
    init(office_dsn)
    w = make_window(backend)
    _link(w, backend, add_station(office_dsn, "room-301")["dsn"])
    label = w.link.status
    qtbot.waitUntil(lambda: label.state["state"] == "up_to_date", timeout=10000)
    pg_cluster.stop("immediate")
    try:
        qtbot.waitUntil(lambda: label.state["state"] == "unreachable", timeout=15000)
        assert re.search(r"server unreachable since \d\d:\d\d", label.text()), label.text()
        entry = _check_in_first(qtbot, w)  # recorded, server or not
        qtbot.waitUntil(lambda: label.state["waiting"] == 1, timeout=20000)
        assert label.state["state"] == "unreachable" and "1 waiting" in label.text()
    finally:
        pg_cluster.start()
    w.link.poke()  # no need to wait out the back-off in a test
    qtbot.waitUntil(lambda: label.state["state"] == "up_to_date", timeout=20000)
    assert _checkins(office_dsn, "room-301") == [entry.person.number]
    assert w.last_error is None, w.last_error


def test_link_states_in_both_languages(qapp: Any) -> None:
    states = [{"state": "not_linked"}, {"state": "up_to_date"},
              {"state": "waiting", "waiting": 3},
              {"state": "unreachable", "since": "09:41", "waiting": 2},
              {"state": "stopped", "error": "x"}]
    from headcount.gui.admin import filing_text

    label = LinkStatus()
    english = [label.text_for(s) for s in states]
    from headcount.compliance.filing import FilingStatus
    from headcount.i18n import Text

    used = FilingStatus(2, 80_000, "ok", Text("", ""), None, None, 2, 0, "school_server",
                        Text("the school server's count", "学校服务器的人数"))
    assert "Counted: the school server's count." in filing_text(used)
    set_language("zh")
    try:
        chinese = [LinkStatus().text_for(s) for s in states]
        assert "计数依据：学校服务器的人数。" in filing_text(used)
    finally:
        set_language("en")
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in chinese), chinese
    assert "09:41" in chinese[3] and "2" in chinese[3] and "3" in chinese[2]
    assert len(set(english)) == len(states)
