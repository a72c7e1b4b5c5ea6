"""Commands for the rules of issue 12 (the Measures read article by article): the impact
assessment record (art. 9), the school-wide filing count (art. 15) and running a
session without the camera (art. 10). Parsers for ``filing`` and ``session`` actions
are added to the groups cli/station.py makes; every rule is in the station's core."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from headcount.cli.station import group
from headcount.cli.station_actions import _run, _write_json
from headcount.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    asub = group(sub, "assessment", "the impact assessment record (影响评估记录)")
    p = asub.add_parser("record", help="record that the impact assessment was completed and "
                        "signed (admin)")
    p.add_argument("--date", help="the day it was done, YYYY-MM-DD (default: today)")
    p.set_defaults(func=cmd_assessment_record)
    p = asub.add_parser("show", help="when the impact assessment was done, and the last "
                        "measured false-match rate")
    p.set_defaults(func=cmd_assessment_show)

    filing = _group(sub, "filing")
    p = filing.add_parser("import", help="add another station's signed count to the "
                          "school's total (admin)")
    p.add_argument("file", help="a file written by `filing status --signed-out`")
    p.set_defaults(func=cmd_filing_import)

    session = _group(sub, "session")
    p = session.add_parser("camera", help="run a session with or without the camera (without: "
                           "nobody is analysed, manual checks only)")
    p.add_argument("id", type=int)
    p.add_argument("--off", action="store_true", help="without the camera")
    p.add_argument("--on", action="store_true", help="with the camera again")
    p.set_defaults(func=cmd_session_camera)


def _group(sub: argparse._SubParsersAction, name: str) -> argparse._SubParsersAction:
    """The ACTION sub-parsers of a command cli/station.py registered."""
    parser = sub.choices[name]
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def cmd_assessment_record(args: argparse.Namespace) -> Any:
    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError as err:
        raise BadInput(f"{args.date!r} is not a date (YYYY-MM-DD).",
                       f"{args.date!r} 不是日期（YYYY-MM-DD）。") from err

    def do(st: Any, u: Any) -> Any:
        n = st.notice.current()
        return st.assessment.record(u, done_on=day,
                                    notice_version=n.version if n else None).as_dict()
    return _run(args, do)


def cmd_assessment_show(args: argparse.Namespace) -> Any:
    def show(st: Any, u: Any) -> Any:
        done = st.assessment.last()
        return {"done": done.as_dict() if done else None,
                "calibration": st.assessment.calibration()}
    return _run(args, show, login=False)


def cmd_filing_import(args: argparse.Namespace) -> Any:
    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise BadInput(f"Cannot read {args.file} as a signed filing count.",
                       f"无法将 {args.file} 读取为已签名的备案人数文件。") from err

    def do(st: Any, u: Any) -> Any:
        result = st.import_filing_count(u, data)
        return {**result.as_dict(), "status": st.filing.status().message.both()}
    return _run(args, do)


def cmd_filing_signed_out(st: Any, path: str) -> dict[str, Any]:
    """``filing status --signed-out FILE``: this station's own count, signed."""
    signed = st.signed_filing_count()
    _write_json(path, signed.as_dict())
    return {"signed_out": path, "people_with_facial_data": signed.people_with_facial_data}


def cmd_session_camera(args: argparse.Namespace) -> Any:
    if args.off == args.on:
        raise BadInput("Give --off or --on.", "请给出 --off 或 --on。")
    return _run(args, lambda st, u: st.sessions.set_camera(u, args.id, on=args.on).as_dict())
