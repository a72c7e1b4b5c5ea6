"""The exam-office window on a real school server: live counts, absent names, a duplicate
flagged the moment it happens, the filing count, the exam selector, the server lost and
back, both languages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from office_events import EXAM, checkin, exam_events

from headcount.office.events import push
from headcount.office.schema import add_station, init

pytest.importorskip("pytestqt")

from headcount.gui.office_window import NEW_BG, OfficeWindow
from headcount.gui.qt import ensure_cjk_font, set_language


@pytest.fixture(autouse=True)
def _english(qapp: Any) -> Iterator[None]:
    ensure_cjk_font(qapp)
    set_language("en")
    yield
    set_language("en")


def _school(dsn: str) -> dict[str, str]:
    init(dsn)
    creds = {n: add_station(dsn, n)["dsn"] for n in ("room-101", "room-102")}
    push(creds["room-101"], [*exam_events("101", [("A1", "张伟"), ("A2", "李娜")]),
                             checkin(10, "A1", 5), checkin(11, "X9", 6)])
    push(creds["room-102"], [*exam_events("102", [("B1", "王芳"), ("X9", "赵磊")]),
                             {"seq": 10, "kind": "face_data", "number": "B1", "held": True,
                              "at": "2026-12-03T07:00:00+08:00"}])
    push(creds["room-102"], exam_events("103", [("C1", "孙丽")], seq0=100, exam="语文", ref=2))
    return creds


def _cells(table: Any, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def _open(qtbot: Any, dsn: str, **kw: Any) -> OfficeWindow:
    w = OfficeWindow(dsn, every=0.3, **kw)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.board is not None, timeout=10000)
    return w


def test_live_rooms_absent_duplicates_and_filing(qtbot: Any, office_dsn: str) -> None:
    creds = _school(office_dsn)
    w = _open(qtbot, office_dsn, exam=EXAM)
    assert w.rooms.rowCount() == 2
    assert _cells(w.rooms, 0)[:6] == ["101", "room-101", EXAM, "2", "1", "1"]
    assert _cells(w.rooms, 1)[:6] == ["102", "room-102", EXAM, "2", "0", "2"]
    assert w.rooms.isColumnHidden(2)  # one exam chosen: its name is not repeated per row
    assert "Expected 4" in w.totals_label.text() and "Absent 3" in w.totals_label.text()
    assert "(all stations): 1" in w.filing_label.text() and "not required" in \
        w.filing_label.text()
    assert [_cells(w.absent, r) for r in range(w.absent.rowCount())] == [["2", "A2", "李娜"]]
    w.rooms.selectRow(1)
    assert [w.absent.item(r, 2).text() for r in range(w.absent.rowCount())] == ["王芳", "赵磊"]
    assert w.duplicate_banner.isHidden()
    assert w.exam_box.itemText(0) == "All sessions"
    assert {w.exam_box.itemText(i) for i in range(1, w.exam_box.count())} == {EXAM, "语文"}
    # X9 (on room 102's list) is now checked in there too: flagged on the next read
    push(creds["room-102"], [checkin(11, "X9", 9)])
    qtbot.waitUntil(lambda: w.duplicate_banner.isVisible(), timeout=10000)
    banner = w.duplicate_banner.text()
    assert "NEW" in banner and "X9" in banner and "赵磊" in banner and "101, 102" in banner
    assert w.rooms.item(0, 0).background().color() == NEW_BG
    assert _cells(w.rooms, 0)[6] == "X9" and _cells(w.rooms, 1)[6] == "X9"
    assert w.rooms.currentRow() == 1  # the chosen room stays chosen across reads
    # choosing another exam shows its rooms
    w.exam_box.setCurrentIndex(w.exam_box.findData("语文"))
    qtbot.waitUntil(lambda: w.rooms.rowCount() == 1 and _cells(w.rooms, 0)[0] == "103",
                    timeout=10000)
    assert w.duplicate_banner.isHidden()
    assert [w.absent.item(r, 2).text() for r in range(w.absent.rowCount())] == ["孙丽"]


def test_server_lost_keeps_the_figures_and_says_since_when(qtbot: Any, office_dsn: str,
                                                           pg_cluster: Any) -> None:
    _school(office_dsn)
    w = _open(qtbot, office_dsn, exam=EXAM)
    read_at = w.board.read_at if w.board else None
    pg_cluster.stop("immediate")
    try:
        qtbot.waitUntil(lambda: w.down_since is not None, timeout=15000)
        text = w.link_label.text()
        assert "unreachable since" in text and "showing what was read at" in text
        assert w.down_since.strftime("%H:%M:%S") in text  # type: ignore[union-attr]
        assert "school server" in w.error_text
        assert w.rooms.rowCount() == 2 and _cells(w.rooms, 0)[0] == "101"  # kept
    finally:
        pg_cluster.start()
    qtbot.waitUntil(lambda: w.down_since is None, timeout=15000)
    assert w.link_label.text().startswith("Connected") and w.board is not None
    assert read_at is not None and w.board.read_at > read_at


def test_window_in_chinese(qtbot: Any, office_dsn: str) -> None:
    _school(office_dsn)
    set_language("zh")
    w = _open(qtbot, office_dsn, exam=EXAM)
    assert w.windowTitle() == "Headcount：考务办公室"
    assert w.exam_box.itemText(0) == "全部场次"
    assert "应到 4" in w.totals_label.text() and "缺考 3" in w.totals_label.text()
    assert "无需备案" in w.filing_label.text()
    assert w.rooms.horizontalHeaderItem(5).text() == "缺考"
    assert w.link_label.text().startswith("已连接")


def test_without_an_exam_the_latest_is_shown_and_all_sessions_can_be_chosen(
        qtbot: Any, office_dsn: str) -> None:
    _school(office_dsn)
    w = _open(qtbot, office_dsn)
    assert w.exam == EXAM and w.exam_box.currentText() == EXAM  # the latest exam
    assert {r.session for r in w.board.rooms} == {EXAM}  # type: ignore[union-attr]
    w.exam_box.setCurrentIndex(0)  # all sessions
    qtbot.waitUntil(lambda: w.rooms.rowCount() == 3, timeout=10000)
    assert not w.rooms.isColumnHidden(2) and w.exam is None


def test_office_without_a_server_prints_its_help(monkeypatch: Any, capsys: Any) -> None:
    from headcount.cli import main

    monkeypatch.delenv("HEADCOUNT_OFFICE_DSN", raising=False)
    assert main(["office"]) == 2
    out = capsys.readouterr().out
    assert "add-user" in out and "report" in out and "--every" in out
