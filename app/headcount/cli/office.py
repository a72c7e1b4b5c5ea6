"""The exam office's commands: ``headcount office init|add-station|status --dsn DSN``,
and on a station ``headcount link --dsn DSN`` / ``link --off`` and ``headcount sync``.

The office commands speak to the school server (PostgreSQL) only.
The logic lives in :mod:`headcount.office`.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from headcount.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("office", help="the exam office's school server (考务办公室)")
    osub = p.add_subparsers(dest="office_command", metavar="ACTION")
    init = osub.add_parser("init", help="create or migrate the school schema")
    _dsn(init)
    init.set_defaults(func=_init)
    add = osub.add_parser("add-station",
                          help="register a station and print its credential once")
    add.add_argument("name", help="station name")
    _dsn(add)
    add.set_defaults(func=_add_station)
    st = osub.add_parser("status", help="every room's counts, duplicates, the filing count")
    _dsn(st)
    st.add_argument("--exam", help="only this exam (session name)")
    st.set_defaults(func=_status)
    rep = osub.add_parser("report", help="the school-wide exam report (PDF)")
    _dsn(rep)
    rep.add_argument("--exam", help="only this exam (session name)")
    rep.add_argument("--out", required=True, metavar="FILE", help="where to write the PDF")
    rep.add_argument("--school", default="", help="school name printed in the header")
    rep.set_defaults(func=_report)
    usr = osub.add_parser("add-user", help="create an exam-office login that can only read")
    usr.add_argument("name", help="user name")
    _dsn(usr)
    usr.set_defaults(func=_add_user)
    p.set_defaults(func=lambda _a: p.print_help() or 2)
    _register_bench(sub)
    ln = sub.add_parser("link", help="send this station's events to the exam office (关联考务)")
    ln.add_argument("--dsn", help="the station's credential from `office add-station`")
    ln.add_argument("--off", action="store_true", help="stop sending events")
    ln.set_defaults(func=_link)
    sy = sub.add_parser("sync", help="send the waiting events to the exam office (同步考务)")
    sy.set_defaults(func=_sync)


def _dsn(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dsn", help="school server connection (or HEADCOUNT_OFFICE_DSN)")


def _need_dsn(args: argparse.Namespace) -> str:
    dsn = getattr(args, "dsn", None) or os.environ.get("HEADCOUNT_OFFICE_DSN")
    if not dsn:
        raise BadInput("give the school server with --dsn (or HEADCOUNT_OFFICE_DSN)",
                       "请用 --dsn（或 HEADCOUNT_OFFICE_DSN）指定学校服务器")
    return dsn


def _init(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.office.schema import init

    return init(_need_dsn(args))


def _add_station(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.office.schema import add_station

    return add_station(_need_dsn(args), args.name)


def _status(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.office.status import status

    return status(_need_dsn(args), getattr(args, "exam", None))


def _report(args: argparse.Namespace) -> dict[str, Any]:
    from pathlib import Path

    from headcount.office.board import read_board
    from headcount.reports.exam_office import exam_office_report
    from headcount.reports.model import SchoolData

    out = Path(args.out)
    if out.is_dir() or out.suffix.lower() != ".pdf":
        raise BadInput(f"--out must name a .pdf file: {out}", f"--out 须为 .pdf 文件：{out}")
    board = read_board(_need_dsn(args), getattr(args, "exam", None))
    rendered = exam_office_report(board, SchoolData(name=args.school))
    rendered.save(out)
    return {"document": "exam-office-report", "out": str(out), "pages": rendered.pages,
            "lang": rendered.lang, "rooms": len(board.rooms),
            "duplicates": len(board.duplicates), **board.totals()}


def _add_user(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.office.roles import add_office_user

    return add_office_user(_need_dsn(args), args.name)


def _register_bench(sub: argparse._SubParsersAction) -> None:
    bench = sub.choices["bench"]
    group = next(a for a in bench._actions if isinstance(a, argparse._SubParsersAction))
    b = group.add_parser("office", help="load on the school server: stations checking in "
                         "at once, time until the office sees it")
    b.add_argument("--stations", type=int, default=60, help="simulated stations")
    b.add_argument("--candidates", type=int, default=45, help="candidates per station")
    b.add_argument("--minutes", type=float, default=5.0,
                   help="minutes over which everyone checks in")
    b.add_argument("--poll", type=float, default=0.25,
                   help="seconds between two reads of the office status")
    b.add_argument("--dsn", help="an empty school database to use (administrator); "
                   "default: a throwaway cluster")
    b.add_argument("--outage", type=float, default=0.0, metavar="SECONDS",
                   help="kill the throwaway server halfway and restart it after SECONDS")
    b.set_defaults(func=_bench)


def _bench(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.bench.office_load import run

    return run(stations=args.stations, candidates=args.candidates, minutes=args.minutes,
               dsn=getattr(args, "dsn", None), poll=args.poll,
               outage=getattr(args, "outage", 0.0))


def _link(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.cli.station_actions import _run

    if getattr(args, "off", False):
        return dict(_run(args, lambda st, user: st.unlink_office(user).as_dict()))
    if not getattr(args, "dsn", None):
        raise BadInput("give the station's credential with --dsn (or --off to stop)",
                       "请用 --dsn 指定工作站凭据（或用 --off 停止）")
    return dict(_run(args, lambda st, user: st.link_office(user, args.dsn).as_dict()))


def _sync(args: argparse.Namespace) -> dict[str, Any] | str:
    from headcount.cli.station_actions import _run
    from headcount.i18n import Text

    result = _run(args, lambda st, _user: st.sync_office(), login=False)
    if getattr(args, "json", False):
        return dict(result.as_dict())
    head = Text("Sent {sent}, waiting {waiting}. People with facial data at the school: "
                "{people}.", "已发送 {sent} 条，待发送 {waiting} 条。全校存有人脸信息的人数："
                "{people}。")
    lines = [str(head).format(sent=result.sent, waiting=result.waiting,
                              people=result.people_with_face_data)]
    for d in result.duplicates:
        lines.append(str(Text(
            f"DUPLICATE: {d.number} ({d.session}) is also checked in in room "
            f"{', '.join(d.other_rooms)}: check the ID.",
            f"重复签到：{d.number}（{d.session}）在考场 {'、'.join(d.other_rooms)} "
            "也已签到：请核验证件。")))
    return "\n".join(lines)
