"""What the station commands do (their parsers are in cli/station.py), and the helpers
every station command shares (open, sign in, run, tables). Roster, people, consent and
enrolment actions are in cli/station_people.py; key, backup and restore in
cli/station_backup.py. Every command goes through ``headcount.station``; a command
returns a dict/list/str to print, or an exit code.

Commands that touch personal data sign in first: ``--user`` (or HEADCOUNT_USER, or the
only user there is) and ``--password`` / HEADCOUNT_PASSWORD / a prompt.
Exit 0 done, 1 refused by a rule, 2 bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from headcount.errors import BadInput
from headcount.i18n import Text, set_fallback_language
from headcount.store.settings import BY_NAME


# --- helpers ------------------------------------------------------------------------
def _data_dir(args: argparse.Namespace) -> Path | None:
    value = args.data_dir or os.environ.get("HEADCOUNT_DATA_DIR")
    return Path(value) if value else None


def _open(args: argparse.Namespace) -> Any:
    from headcount.station import Station

    station = Station.open(_data_dir(args))
    # Messages follow the station's default language when the locale is neither zh nor en.
    set_fallback_language(str(station.settings["default_language"]))
    if station.erasures.warning is not None:  # a damaged or unwritable erasure ledger (C5)
        print(str(station.erasures.warning), file=sys.stderr)
    return station


def _secret(args: argparse.Namespace, attr: str = "password", env: str = "HEADCOUNT_PASSWORD",
            prompt: Text | None = None, confirm: bool = False) -> str:
    value = getattr(args, attr, None) or os.environ.get(env)
    if value:
        return str(value)
    if not sys.stdin.isatty():
        raise BadInput(f"No password: give --{attr.replace('_', '-')} or set {env}.",
                       f"缺少密码：请使用 --{attr.replace('_', '-')} 或设置 {env}。")
    text = str(prompt or Text("Password: ", "密码："))
    value = getpass.getpass(text)
    if confirm and getpass.getpass(str(Text("Again: ", "再次输入："))) != value:
        raise BadInput("The passwords differ.", "两次输入的密码不一致。")
    return value


def _login(args: argparse.Namespace, station: Any) -> Any:
    name = args.user or os.environ.get("HEADCOUNT_USER")
    if not name:
        names = station.users.names()
        if len(names) != 1:
            raise BadInput("Say who you are: --user NAME (or HEADCOUNT_USER).",
                           "请用 --user 用户名（或 HEADCOUNT_USER）指明身份。")
        name = names[0]
    user = station.login(name, _secret(args))
    if user.short_password:
        from headcount.store.users import CHANGE_PASSWORD

        print(CHANGE_PASSWORD.format(n=station.users.min_password()), file=sys.stderr)
    return user


def _run(args: argparse.Namespace, action: Any, *, login: bool = True) -> Any:
    """Open the station, sign in, run ``action(station, user)``, close."""
    station = _open(args)
    try:
        user = _login(args, station) if login else None
        return action(station, user)
    except sqlite3.Error as err:  # a last line: every write path already converts these
        from headcount.store.db import storage_error

        raise storage_error(err, station.data_dir) from err
    finally:
        station.close()


def _write_json(path: str, data: Any) -> None:
    """An export of personal data: owner-only (0600), written whole or not at all."""
    from headcount.store.private_files import write_private

    write_private(Path(path), json.dumps(data, ensure_ascii=False, indent=2,
                                         default=str).encode("utf-8"))


def _table(rows: list[dict[str, Any]], cols: list[str]) -> str:
    if not rows:
        return str(Text("(none)", "（无）"))

    def cell(row: dict[str, Any], col: str) -> str:
        value = row.get(col)
        return "" if value is None else str(value)

    widths = {c: max(len(c), *(len(cell(r, c)) for r in rows)) for c in cols}
    lines = ["  ".join(c.ljust(widths[c]) for c in cols)]
    lines += ["  ".join(cell(r, c).ljust(widths[c]) for c in cols) for r in rows]
    return "\n".join(lines)


def _assignments(items: list[str], form: tuple[str, str]) -> dict[str, str]:
    """``NAME=VALUE`` arguments as a dict (names stripped, values as typed)."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            raise BadInput(f"{item!r} is not {form[0]}.", f"{item!r} 不是 {form[1]} 的形式。")
        out[name.strip()] = value
    return out


def _msg(text: Text | dict[str, str]) -> str:
    return str(text) if isinstance(text, Text) else str(Text(text["en"], text["zh"]))


# --- init, notice, settings, users ----------------------------------------------------
def cmd_init(args: argparse.Namespace) -> Any:
    from headcount.station import Station

    password = _secret(args, confirm=True)
    station = Station.init(_data_dir(args), school=args.school, contact=args.contact,
                           admin=args.admin, password=password, language=args.language)
    try:
        warning = station.key_warning
        if warning and not args.json:
            print(str(warning), file=sys.stderr)
        return {"station": station.station_id, "data_dir": str(station.data_dir),
                "admin": args.admin, "key": station.keys.location,
                "notice_version": station.notice.versions()[-1],
                "warning": warning.both() if warning else None}
    finally:
        station.close()


def cmd_notice_set(args: argparse.Namespace) -> Any:
    changes = _assignments(args.assignments, ("FIELD=VALUE", "字段=内容"))
    return _run(args, lambda st, u: st.notice.update(
        u, changes, minor=getattr(args, "minor", None) or "").as_dict())


def cmd_notice_show(args: argparse.Namespace) -> Any:
    def show(st: Any, _: Any) -> Any:
        n = st.notice.get(args.version) if args.version else st.notice.current()
        if n is None:
            raise BadInput("There is no notice yet.", "尚无告知书。")
        if args.json:
            return n.as_dict()
        from headcount.compliance.notice import FIELDS

        lines = [str(Text(f"Notice version {n.version}", f"告知书第 {n.version} 版"))]
        for name, heading in FIELDS.items():
            lines.append(f"{heading} [{name}]: {n.fields.get(name, '')}")
        if n.missing:
            lines.append(str(Text("EMPTY: ", "空白：")) + ", ".join(n.missing))
        return "\n".join(lines)
    return _run(args, show, login=False)


def cmd_settings_show(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.show_settings(u).as_dict())


def cmd_settings_set(args: argparse.Namespace) -> Any:
    changes: dict[str, Any] = {}
    for key, raw in _assignments(args.assignments, ("KEY=VALUE", "键=值")).items():
        try:
            changes[key] = json.loads(raw)
        except ValueError:
            changes[key] = raw
        known = BY_NAME.get(key)
        if known is not None and isinstance(known.default, str) \
                and known.check(changes[key]) is not None:
            changes[key] = raw  # a text setting stays text ("911100...": not a number)
    return _run(args, lambda st, u: st.set_settings(u, **changes).as_dict())


def cmd_settings_placement(args: argparse.Namespace) -> Any:
    day = None
    if args.on:
        try:
            day = dt.date.fromisoformat(args.on)
        except ValueError as err:
            raise BadInput(f"{args.on!r} is not a date like 2025-09-01.",
                           f"{args.on!r} 不是日期，格式如 2025-09-01。") from err
    return _run(args, lambda st, u: {"camera_placements": st.record_camera_placement(
        u, args.camera, args.location, args.checked_by, day)})


def cmd_user_add(args: argparse.Namespace) -> Any:
    def add(st: Any, u: Any) -> Any:
        pw = _secret(args, "new_password", "HEADCOUNT_NEW_PASSWORD",
                     Text(f"Password for {args.name}: ", f"{args.name} 的密码："), confirm=True)
        new = st.users.add(u, args.name, args.role, pw)
        return {"user": new.name, "role": new.role}
    return _run(args, add)


def cmd_user_passwd(args: argparse.Namespace) -> Any:
    def passwd(st: Any, u: Any) -> Any:
        pw = _secret(args, "new_password", "HEADCOUNT_NEW_PASSWORD",
                     Text(f"New password for {args.name}: ", f"{args.name} 的新密码："),
                     confirm=True)
        st.users.passwd(u, args.name, pw)
        return {"user": args.name, "changed": True}
    return _run(args, passwd)


def cmd_user_list(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: [a.as_dict() for a in st.list_users(u)])


# --- sessions and check-ins ------------------------------------------------------------------
def cmd_session_create(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        candidates = None
        if args.roster:
            from headcount.attendance.candidate_list import import_candidates

            candidates = import_candidates(st.people, u, args.roster)
        elif args.numbers:
            candidates = [(n.strip(), "") for n in args.numbers.split(",") if n.strip()]
        s = st.sessions.create(u, kind=args.kind, name=args.name, room=args.room or "",
                               class_name=args.class_name or "", period=args.period or "",
                               teacher=args.teacher or "", starts_at=args.start,
                               ends_at=args.end, late_minutes=args.late_minutes,
                               candidates=candidates, station=st.settings["station_name"],
                               invigilators=args.invigilators or ())
        if args.json:
            return {"session": s.id, **s.as_dict(),
                    "candidates": len(st.sessions.candidates(s.id))}
        return str(s.id)
    return _run(args, do)


def cmd_session_start(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.sessions.start(u, args.id).as_dict())


def cmd_session_close(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.sessions.close(u, args.id).as_dict())


def cmd_session_list(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        rows = [s.as_dict() for s in st.sessions.all()]
        return {"sessions": rows} if args.json else _table(
            rows, ["id", "kind", "name", "room", "class_name", "status", "legal_basis"])
    return _run(args, do)


def cmd_session_show(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        view = st.view_session(u, args.id)
        s, roll = view.session, [r.as_dict() for r in view.roll]
        data = {"session": s.as_dict(), "summary": st.attendance.summary(s.id), "roll": roll}
        if args.json:
            return data
        head = (f"#{s.id} {s.kind} {s.name} {s.room or s.class_name} [{s.status}] "
                f"basis={s.legal_basis} {s.legal_basis_text}").rstrip()
        summary = ", ".join(f"{k}={v}" for k, v in data["summary"].items())
        return "\n".join([head, summary, _table(
            roll, ["seat", "number", "name", "status", "method", "time", "reason"])])
    return _run(args, do)


def cmd_session_basis(args: argparse.Namespace) -> Any:
    basis = "statutory" if args.statutory else "consent"
    return _run(args, lambda st, u: st.sessions.set_legal_basis(
        u, args.id, basis, args.statutory or "").as_dict())


def cmd_session_correct(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.attendance.correct(
        u, args.id, args.number, status=args.status, reason=args.reason).as_dict())


# ``checkin --image/--video`` is the unattended path: no one confirms its matches. The
# window's roll call and ``--propose`` are the attended one (attendance/roll_call.py).
UNATTENDED_NOTE = Text(
    "Unattended check-in: every confident match was recorded without a person confirming "
    "it. For a roll call a teacher confirms, use --propose or the window's Classroom roll "
    "call (Ctrl+R).",
    "无人值守签到：所有可信比对结果均已直接记录，未经人工确认。需要教师确认的点名，请使用 "
    "--propose 或窗口中的“课堂点名”（Ctrl+R）。")
PROPOSE_NOTE = Text(
    "Proposal only: nothing was recorded. Confirm it in the window's Classroom roll call "
    "(Ctrl+R), or check people in by number.",
    "仅为建议：未记录任何签到。请在窗口的“课堂点名”（Ctrl+R）中确认，或按学号签到。")


def cmd_checkin(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        station_name = st.settings["station_name"]
        if args.manual or args.number:
            if not (args.manual and args.number):
                raise BadInput("A check by number needs --manual --reason R (faces come from "
                               "--image or --video).",
                               "按学号签到需要 --manual --reason 原因"
                               "（人脸用 --image 或 --video）。")
            return st.attendance.check_in(u, args.id, args.number, method="manual",
                                          reason=args.reason or "",
                                          station=station_name).as_dict()
        if not (args.image or args.video):
            raise BadInput("Give NUMBER --manual, --image FILE or --video FILE.",
                           "请提供 学号 --manual、--image 文件 或 --video 文件。")
        from headcount.compliance.enrolment import load_rgb

        if args.propose:
            if not args.image:
                raise BadInput("--propose needs --image FILE (a photo of the class).",
                               "--propose 需要 --image 文件（全班照片）。")
            proposal = st.propose_roll_call(u, args.id, load_rgb(Path(args.image)))
            return {**proposal.as_dict(), "recorded": 0, "note": PROPOSE_NOTE.both()}
        done = (st.check_in_image(u, args.id, load_rgb(Path(args.image))) if args.image
                else st.check_in_video(u, args.id, Path(args.video), args.every))
        return {**done.as_dict(), "unattended": True, "note": UNATTENDED_NOTE.both()}
    return _run(args, do)


# --- retention, audit, filing ------------------------------------------------------------------
def cmd_purge(args: argparse.Namespace) -> Any:
    return _run(args, lambda st, u: st.purge(u).as_dict())


def cmd_audit_verify(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        result = st.verify_audit(u)
        data = result.as_dict()
        if args.json:
            print(json.dumps(data, ensure_ascii=False))
        elif result.ok:
            print(str(Text(f"Audit log intact: {result.rows} rows.",
                           f"审计日志完整：共 {result.rows} 行。")))
            if result.note:  # what could not be checked without the key
                print(str(result.note), file=sys.stderr)
        else:
            print(str(result.problem), file=sys.stderr)
        return 0 if result.ok else 1
    return _run(args, do)


def cmd_audit_show(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        rows = [e.as_dict() for e in st.read_audit(u, limit=args.limit, action=args.action,
                                                   subject=args.subject)]
        return {"entries": rows} if args.json else _table(
            rows, ["id", "ts", "actor", "action", "subject", "details"])
    return _run(args, do)


def cmd_audit_incident(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        report = st.incident_report(u, since=args.since, until=args.until)
        _write_json(args.out, report.as_dict())
        return {"out": args.out, **report.counts()}
    return _run(args, do)


def cmd_filing_status(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        status = st.filing.status()
        out = status.as_dict()
        if getattr(args, "signed_out", None):
            from headcount.cli.law import cmd_filing_signed_out

            out |= cmd_filing_signed_out(st, args.signed_out)
        return out if args.json else _msg(status.message)
    return _run(args, do, login=False)


def cmd_filing_export(args: argparse.Namespace) -> Any:
    def do(st: Any, u: Any) -> Any:
        data = st.filing.export(u)
        _write_json(args.out, data)
        return {"out": args.out, "level": data["volume"]["level"],
                "people_with_facial_data": data["volume"]["people_with_facial_data"]}
    return _run(args, do)
