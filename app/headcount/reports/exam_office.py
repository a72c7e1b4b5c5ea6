"""The school-wide exam report of the exam office: every room's counts, the absent names per
room, the duplicates across rooms (the impersonation sign) and the school-wide filing count,
from one read of the school server (``office.board``). Printed through the same document
machinery as every other report, so Chinese names render with the per-character font
fallback.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from headcount.i18n import Text
from headcount.office.board import Board, Room
from headcount.reports.document import (
    Rendered,
    Styles,
    columns,
    field_table,
    fit_row,
    grid,
    para,
    prepare,
    render,
)
from headcount.reports.model import SchoolData

W: dict[str, Text] = {
    "title": Text("School-wide exam report", "考务汇总报告"),
    "exam": Text("Exam", "考试"),
    "all_exams": Text("All sessions", "全部场次"),
    "generated": Text("Generated (server time)", "生成时间（服务器时间）"),
    "rooms": Text("Rooms", "考场数"),
    "totals": Text("Expected / present / absent", "应到 / 实到 / 缺考"),
    "filing": Text("People with facial data held (school-wide)", "持有人脸信息的人数（全校）"),
    "filing_yes": Text("{n}: filing with the authority is required (Art. 15, 100,000 or more)",
                       "{n}：须向主管部门备案（第十五条，十万人及以上）"),
    "filing_no": Text("{n}: below the filing threshold of 100,000 (Art. 15)",
                      "{n}：低于备案门槛十万人（第十五条）"),
    "h_rooms": Text("Rooms", "各考场人数"),
    "c_room": Text("Room", "考场"),
    "total": Text("Total", "合计"),
    "c_station": Text("Station", "工作站"),
    "c_expected": Text("Expected", "应到"),
    "c_present": Text("Present", "实到"),
    "c_absent": Text("Absent", "缺考"),
    "c_dups": Text("Also checked in elsewhere", "在其他考场重复签到"),
    "h_dups": Text("Checked in in more than one room", "在多个考场签到的考生"),
    "no_dups": Text("None: nobody was checked in in two rooms.", "无：没有考生在两个考场签到。"),
    "c_number": Text("Number", "考号"),
    "c_name": Text("Name", "姓名"),
    "c_rooms": Text("Rooms", "考场"),
    "c_seat": Text("Seat", "座位"),
    "h_absent": Text("Absent, per room", "各考场缺考名单"),
    "room_absent": Text("Room {room} ({station}): {n} absent",
                        "考场 {room}（{station}）：缺考 {n} 人"),
    "no_absent": Text("Everyone on every list is present.", "所有名单上的考生均已到场。"),
    "no_rooms": Text("No room has sent this exam yet.", "尚无考场上报此场考试。"),
}

ROOM_WIDTHS = columns(28 * mm, 34 * mm, 20 * mm, 20 * mm, 20 * mm)
DUP_WIDTHS = columns(34 * mm, 40 * mm)
ABSENT_WIDTHS = columns(20 * mm, 40 * mm)
RED = colors.HexColor("#FBE3E3")


def w(key: str, lang: str, **kw: object) -> str:
    text = W[key]
    raw = text.zh if lang == "zh" else text.en
    return raw.format(**kw) if kw else raw


def _rooms(board: Board, lang: str, st: Styles) -> Flowable:
    heads = ("c_room", "c_station", "c_expected", "c_present", "c_absent", "c_dups")
    data: list[list[Any]] = [[w(h, lang) for h in heads]]
    for r in board.rooms:
        data.append(fit_row([r.room, r.station, str(r.expected), str(r.present), str(r.absent),
                            ", ".join(r.duplicates)], ROOM_WIDTHS, st))
    t = board.totals()
    data.append([w("total", lang), "", str(t["expected"]), str(t["present"]), str(t["absent"]), ""])
    table = grid(data, ROOM_WIDTHS, st, long=len(data) > 200)
    marks = [("BACKGROUND", (0, i), (-1, i), RED)
             for i, r in enumerate(board.rooms, start=1) if r.duplicates]
    table.setStyle([*marks, ("ALIGN", (2, 0), (4, -1), "RIGHT"),
                    ("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black)])
    return table


def _duplicates(board: Board, lang: str, st: Styles) -> Flowable:
    if not board.duplicates:
        return para(w("no_dups", lang), st.body)
    data: list[list[Any]] = [[w(h, lang) for h in ("c_number", "c_name", "c_rooms")]]
    for d in board.duplicates:
        data.append(fit_row([d.number, d.name, "、".join(d.rooms) if lang == "zh"
                            else ", ".join(d.rooms)], DUP_WIDTHS, st))
    table = grid(data, DUP_WIDTHS, st)
    table.setStyle([("BACKGROUND", (0, 1), (-1, -1), RED)])
    return table


def _absent(room: Room, lang: str, st: Styles) -> Flowable:
    data: list[list[Any]] = [[w(h, lang) for h in ("c_seat", "c_number", "c_name")]]
    for p in room.absent_people:
        data.append(fit_row([p.seat, p.number, p.name], ABSENT_WIDTHS, st))
    head = para(w("room_absent", lang, room=room.room, station=room.station, n=room.absent),
                st.body)
    table = grid(data, ABSENT_WIDTHS, st, long=len(data) > 200)
    return KeepTogether([Spacer(1, 2 * mm), head, table])


def exam_office_report(board: Board, school: SchoolData, *, lang: str | None = None) -> Rendered:
    """The report of one exam (or every session when ``board.exam`` is None)."""
    lang, st = prepare(lang)
    t = board.totals()
    exam = board.exam or w("all_exams", lang)
    filing = w("filing_yes" if board.filing_required else "filing_no", lang,
               n=board.people_with_face_data)
    story: list[Flowable] = [
        para(w("title", lang), st.title),
        field_table([
            (w("exam", lang), exam),
            (w("generated", lang), board.read_at.astimezone().strftime("%Y-%m-%d %H:%M:%S %z")),
            (w("rooms", lang), str(len(board.rooms))),
            (w("totals", lang), f"{t['expected']} / {t['present']} / {t['absent']}"),
            (w("filing", lang), filing),
        ], st, label_width=70 * mm),
        para(w("h_rooms", lang), st.h2),
        _rooms(board, lang, st) if board.rooms else para(w("no_rooms", lang), st.body),
        para(w("h_dups", lang), st.h2),
        _duplicates(board, lang, st),
        para(w("h_absent", lang), st.h2),
    ]
    missing = [r for r in board.rooms if r.absent_people]
    story += [_absent(r, lang, st) for r in missing] or [para(w("no_absent", lang), st.body)]
    title = w("title", lang)
    return render(story, school=school, title=f"{title} · {exam}", lang=lang,
                  subject=exam, footer=exam)
