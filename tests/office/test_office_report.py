"""The school-wide exam report from a real school server: rooms, numbers, absent names
(Chinese), duplicates across rooms, the filing count; read back with pdftotext."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from office_events import EXAM, checkin, exam_events

from headcount.cli import main
from headcount.office.board import read_board
from headcount.office.events import push
from headcount.office.schema import add_station, init


def _school(dsn: str) -> None:
    init(dsn)
    a = add_station(dsn, "room-101")["dsn"]
    b = add_station(dsn, "room-102")["dsn"]
    push(a, [*exam_events("101", [("A1", "张伟"), ("A2", "阿依古丽·买买提"), ("A3", "李娜")]),
             checkin(10, "A1", 5), checkin(11, "X9", 7)])
    push(b, [*exam_events("102", [("B1", "王芳"), ("X9", "赵磊")]), checkin(10, "X9", 9),
             {"seq": 11, "kind": "face_data", "number": "B1", "held": True,
              "at": "2026-12-03T07:00:00+08:00"}])
    # another exam on the same server stays out of this exam's report
    push(b, exam_events("103", [("C1", "孙丽")], seq0=100, exam="语文", ref=2))


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_board_has_names_counts_and_duplicates(office_dsn: str) -> None:
    _school(office_dsn)
    board = read_board(office_dsn, EXAM)
    assert [(r.room, r.expected, r.present, r.absent) for r in board.rooms] == [
        ("101", 3, 1, 2), ("102", 2, 1, 1)]
    assert [p.name for p in board.rooms[0].absent_people] == ["阿依古丽·买买提", "李娜"]
    assert [p.number for p in board.rooms[1].absent_people] == ["B1"]
    (dup,) = board.duplicates
    assert (dup.number, dup.name, dup.rooms) == ("X9", "赵磊", ("101", "102"))
    assert board.rooms[0].duplicates == ("X9",) and board.rooms[1].duplicates == ("X9",)
    assert board.people_with_face_data == 1 and not board.filing_required
    assert set(board.exams) == {EXAM, "语文"}
    assert board.totals() == {"expected": 5, "present": 2, "absent": 3}


def test_report_pdf_in_chinese_and_english(office_dsn: str, tmp_path: Path, capsys) -> None:
    _school(office_dsn)
    out = tmp_path / "exam.pdf"
    code = main(["--json", "--lang", "zh", "office", "report", "--dsn", office_dsn, "--exam",
                 EXAM, "--out", str(out), "--school", "第一中学"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0, result
    assert result["rooms"] == 2 and result["absent"] == 3 and result["duplicates"] == 1
    text = _text(out)
    for expected in ("考务汇总报告", "第一中学", EXAM, "101", "102", "李娜", "王芳", "赵磊",
                     "X9", "低于备案门槛"):
        assert expected in text, expected
    assert "5/2/3" in text.replace(" ", "")  # expected / present / absent, school-wide
    assert "买买提" in text  # the name with its middle dot, through the font fallback
    assert "孙丽" not in text and "103" not in text  # the other exam is not in it
    rows = [line.split() for line in text.splitlines() if line.strip().startswith(("101", "102"))]
    assert ["101", "room-101", "3", "1", "2", "X9"] in rows
    assert ["102", "room-102", "2", "1", "1", "X9"] in rows
    assert ["合计", "5", "2", "3"] in [line.split() for line in text.splitlines()]
    out_en = tmp_path / "exam-en.pdf"
    assert main(["--lang", "en", "office", "report", "--dsn", office_dsn, "--out",
                 str(out_en)]) == 0
    text = _text(out_en)
    assert "School-wide exam report" in text and "All sessions" in text and "孙丽" in text


def test_report_refuses_a_bad_output_and_an_unreachable_server(tmp_path: Path, capsys,
                                                               office_dsn: str) -> None:
    init(office_dsn)
    assert main(["office", "report", "--dsn", office_dsn, "--out", str(tmp_path)]) == 2
    bad = "host=127.0.0.1 port=1 dbname=x user=y"
    assert main(["office", "report", "--dsn", bad, "--out", str(tmp_path / "r.pdf")]) == 2
    assert not (tmp_path / "r.pdf").exists()
    captured = capsys.readouterr()
    assert ".pdf" in captured.err and "school server" in captured.err


def test_a_daily_class_of_one_name_is_not_a_duplicate(office_dsn: str) -> None:
    """A class held every day keeps its name; the same pupil present on Monday and on
    Tuesday is not 'checked in in two rooms'. Two rooms of one exam still are."""
    from headcount.office.status import status

    init(office_dsn)
    a = add_station(office_dsn, "class-3")["dsn"]
    days = []
    for ref, seq0 in ((1, 1), (2, 10)):
        events = exam_events("301", [("P1", "周海鸣")], seq0=seq0, exam="高一(3)班 数学",
                             ref=ref)
        events[0]["session_kind"] = "class"
        days += [*events, checkin(seq0 + 5, "P1", 10, exam="高一(3)班 数学", ref=ref)]
    push(a, days)
    got = status(office_dsn, "高一(3)班 数学")
    assert [r["present"] for r in got["rooms"]] == [1, 1] and got["duplicates"] == []
    b = add_station(office_dsn, "room-102")["dsn"]
    push(a, [*exam_events("101", [("P1", "周海鸣")], seq0=20, ref=3),
             checkin(30, "P1", 1, ref=3)])
    push(b, [*exam_events("102", [("P1", "周海鸣")]), checkin(10, "P1", 2)])
    assert status(office_dsn)["duplicates"] == [
        {"number": "P1", "session": EXAM, "rooms": ["101", "102"]}]
