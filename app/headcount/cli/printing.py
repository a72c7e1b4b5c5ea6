"""Printing commands: ``headcount print ...`` (PDF, A4) and ``headcount export attendance``.

Documents without personal data (notice, sign, children's rules) need no sign-in; the
others sign in like every station command (``--user``, HEADCOUNT_USER or the only user;
``--password``, HEADCOUNT_PASSWORD or a prompt) and are recorded in the audit log.
The language is ``--lang``, else the station's default.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from headcount.cli import station_actions
from headcount.errors import BadInput

if TYPE_CHECKING:
    from headcount.reports.document import Rendered
    from headcount.station import Station
    from headcount.store.users import User


def _open(args: argparse.Namespace) -> Station:
    return station_actions._open(args)


def _login(station: Station, args: argparse.Namespace) -> User:
    """The same sign-in as every station command (--user, HEADCOUNT_USER or the only
    user; --password, HEADCOUNT_PASSWORD or a prompt)."""
    return station_actions._login(args, station)


def _lang(args: argparse.Namespace, station: Station) -> str:
    return getattr(args, "lang", None) or str(station.settings["default_language"])


def _done(rendered: Rendered, out: str, what: str) -> dict[str, Any]:
    path = rendered.save(out)
    result: dict[str, Any] = {"document": what, "out": str(path), "pages": rendered.pages,
                              "font": rendered.font.describe(), "lang": rendered.lang}
    if rendered.missing:  # marked on the page; said here too, so nobody signs it unread
        chars = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in rendered.missing)
        result["warning"] = {
            "en": f"No installed font has {chars}: the document marks each as a missing "
                  "glyph. Install a font that covers it (fonts-hanazono, SimSun-ExtB) and "
                  "print again.",
            "zh": f"已安装的字体中没有 {chars}：文件中已将其标为缺字。请安装包含该字的字体"
                  "（fonts-hanazono、SimSun-ExtB）后重新打印。"}
    return result


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise BadInput(f"{value!r} is not a date like 2025-09-01.",
                       f"{value!r} 不是日期，格式如 2025-09-01。") from err


def _run(args: argparse.Namespace, build: Callable[[Station, str, User | None], Rendered],
         what: str, *, personal: bool) -> dict[str, Any]:
    station = _open(args)
    try:
        user = _login(station, args) if personal else None
        lang = _lang(args, station)
        result = _done(build(station, lang, user), args.out, what)
        if user is not None:
            station.audit.record(user.name, "print", what,
                                 {"file": Path(args.out).name, "pages": result["pages"]})
        return result
    finally:
        station.close()


# --- the documents -----------------------------------------------------------------------

def _notice(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import from_station as fs
    from headcount.reports import notice_slip

    large = bool(getattr(args, "large", False))
    return _run(args, lambda st, lang, _u: notice_slip(fs.notice(st), fs.school(st), lang=lang,
                                                       large=large),
                "notice-large" if large else "notice", personal=False)


def _sign(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import entrance_sign
    from headcount.reports import from_station as fs

    return _run(args, lambda st, lang, _u: entrance_sign(fs.notice(st), fs.school(st), lang=lang),
                "sign", personal=False)


def _children(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import children_rules
    from headcount.reports import from_station as fs

    return _run(args, lambda st, lang, _u: children_rules(fs.children_rules(st), fs.school(st),
                                                          lang=lang),
                "children-rules", personal=False)


def _placement(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import camera_placement
    from headcount.reports import from_station as fs

    return _run(args, lambda st, lang, _u: camera_placement(fs.school(st), lang=lang,
                                                            cameras=fs.placements(st)),
                "placement", personal=False)


def _consent(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import consent_slips
    from headcount.reports import from_station as fs

    if sum(map(bool, (args.number, args.klass, args.must_renew))) != 1:
        raise BadInput("Give a NUMBER, --class C or --must-renew (one of them).",
                       "请给出学号/考号、--class 班级或 --must-renew（三选一）。")

    def build(st: Station, lang: str, _u: User | None) -> Rendered:
        slips = fs.consent_slips(st, number=args.number, class_name=args.klass,
                                 must_renew=args.must_renew)
        return consent_slips(slips, fs.school(st), lang=lang)

    what = args.number or args.klass or "must-renew"
    return _run(args, build, f"consent:{what}", personal=True)


def _report(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import attendance_report
    from headcount.reports import from_station as fs

    def build(st: Station, lang: str, _u: User | None) -> Rendered:
        sheet = fs.attendance_sheet(st, args.session, lang=lang)
        return attendance_report(sheet, fs.school(st), lang=lang)

    return _run(args, build, f"report:session:{args.session}", personal=True)


def _term(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import from_station as fs
    from headcount.reports import term_report

    start, end = _date(args.start), _date(args.end)
    return _run(args, lambda st, lang, _u: term_report(fs.term(st, args.klass, start, end),
                                                       fs.school(st), lang=lang),
                f"term:{args.klass}:{start}:{end}", personal=True)


def _pia(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import from_station as fs
    from headcount.reports import pia_report

    return _run(args, lambda st, lang, _u: pia_report(fs.pia(st), fs.school(st), lang=lang),
                "pia", personal=True)


def _filing(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import filing_report
    from headcount.reports import from_station as fs

    def build(st: Station, lang: str, user: User | None) -> Rendered:
        assert user is not None
        exported = st.filing.export(user)  # admins only; audited as filing_export
        return filing_report(fs.filing(st, exported, lang=lang), fs.school(st), lang=lang)

    return _run(args, build, "filing", personal=True)


def _receipt(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import deletion_receipt, purge_receipt
    from headcount.reports import from_station as fs

    def build(st: Station, lang: str, _u: User | None) -> Rendered:
        if fs.receipt_kind(st, args.receipt) == "purge":
            return purge_receipt(fs.purge_receipt(st, args.receipt, lang=lang), fs.school(st),
                                 lang=lang)
        return deletion_receipt(fs.deletion_receipt(st, args.receipt), fs.school(st), lang=lang)

    return _run(args, build, f"receipt:{args.receipt}", personal=True)


def _export_attendance(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.reports import export_attendance
    from headcount.reports import from_station as fs

    station = _open(args)
    try:
        user = _login(station, args)
        lang = _lang(args, station)
        sheet = fs.attendance_sheet(station, args.session, lang=lang)
        path = export_attendance(sheet, args.out, args.format, lang=lang)
        station.audit.record(user.name, "export_attendance", f"session:{args.session}",
                             {"format": args.format, "rows": len(sheet.rows)})
        return {"session": args.session, "format": args.format, "out": str(path),
                "rows": len(sheet.rows), "lang": lang}
    finally:
        station.close()


# --- the parsers ---------------------------------------------------------------------------

def _out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE", help="where to write (PDF)")


def register(sub: argparse._SubParsersAction) -> None:
    printing = sub.add_parser(
        "print", help="print a document to PDF (打印文件为 PDF)",
        description="Print a document (A4 PDF, Chinese or English with --lang).")
    what = printing.add_subparsers(dest="document", metavar="DOCUMENT", required=True)

    def doc(name: str, func: Callable[[argparse.Namespace], Any], help_: str
            ) -> argparse.ArgumentParser:
        p = what.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = doc("notice", _notice, "the notice slip, every field and its version (告知书)")
    p.add_argument("--large", action="store_true",
                   help="large print (18 pt body) for people with poor sight (大字版)")
    _out(p)
    _out(doc("sign", _sign, "the A4 entrance sign (入口告示)"))
    _out(doc("children-rules", _children,
             "rules for children's facial information, PIPL 28 and 31, Measures Art. 7 "
             "(未成年人人脸信息处理规则)"))
    _out(doc("placement", _placement,
             "where cameras may and may not be installed, C13 (摄像头安装位置指引)"))
    p = doc("consent", _consent, "consent slips: one person, or a class one per page (同意书)")
    p.add_argument("number", nargs="?", metavar="NUMBER", help="student or candidate number")
    p.add_argument("--class", dest="klass", metavar="C", help="every active person of class C")
    p.add_argument("--must-renew", action="store_true",
                   help="everyone whose consent predates a material notice change")
    _out(p)
    p = doc("report", _report, "the attendance report of a session, to sign (签到报告)")
    p.add_argument("session", type=int, metavar="SESSION_ID")
    _out(p)
    p = doc("term", _term, "a class's attendance over a date range, with a chart (学期考勤)")
    p.add_argument("--class", dest="klass", required=True, metavar="C")
    p.add_argument("--from", dest="start", required=True, metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="DATE", help="YYYY-MM-DD")
    _out(p)
    _out(doc("pia", _pia, "the pre-filled impact assessment (个人信息保护影响评估)"))
    _out(doc("filing", _filing, "the filing data, administrators only (备案材料)"))
    p = doc("receipt", _receipt, "a deletion or purge receipt (删除回执)")
    p.add_argument("receipt", type=int, metavar="RECEIPT_ID")
    _out(p)

    export = sub.choices.get("export")
    if export is None:
        export = sub.add_parser("export", help="export data to a file (导出数据)")
        export.add_subparsers(dest="what", metavar="WHAT", required=True)
    targets = next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))
    p = targets.add_parser("attendance", help="a session's attendance as CSV or XLSX (导出考勤)",
                           description="A session's attendance as CSV (UTF-8 with BOM, opens in "
                           "Excel) or XLSX.")
    p.add_argument("session", type=int, metavar="SESSION_ID")
    p.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=_export_attendance)
