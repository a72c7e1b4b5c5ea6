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
    p.set_defaults(func=lambda _a: p.print_help() or 2)
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


def _link(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.cli.station_actions import _run

    if getattr(args, "off", False):
        return dict(_run(args, lambda st, user: st.unlink_office(user)))
    if not getattr(args, "dsn", None):
        raise BadInput("give the station's credential with --dsn (or --off to stop)",
                       "请用 --dsn 指定工作站凭据（或用 --off 停止）")
    return dict(_run(args, lambda st, user: st.link_office(user, args.dsn)))


def _sync(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.cli.station_actions import _run

    return dict(_run(args, lambda st, _user: st.sync_office(), login=False))
