"""Printing commands: ``headcount print ...`` (PDF, A4) and ``headcount export attendance``.

Documents without personal data (notice, sign, children's rules) need no sign-in; the
others sign in like every station command (``--user``, HEADCOUNT_USER or the only user;
``--password``, HEADCOUNT_PASSWORD or a prompt) and are recorded in the audit log.
The language is ``--lang``, else the station's default.
"""

from __future__ import annotations

import argparse
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


def _result(rendered: Rendered, out: str, what: str) -> dict[str, Any]:
    result: dict[str, Any] = {"document": what, "out": str(Path(out)), "pages": rendered.pages,
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


def _print(args: argparse.Namespace, document: str, *, personal: bool = True,
           **params: Any) -> dict[str, Any]:
    """Open, sign in for a personal document, print through the core, close."""
    from headcount.documents import print_document

    station = _open(args)
    try:
        user = _login(station, args) if personal else None
        rendered = print_document(station, user, document, _lang(args, station),
                                  out=args.out, **params)
        return _result(rendered, args.out, document)
    finally:
        station.close()


# --- the documents -----------------------------------------------------------------------
def _public(document: str) -> Callable[[argparse.Namespace], dict[str, Any]]:
    return lambda args: _print(args, document, personal=False)


def _notice(args: argparse.Namespace) -> dict[str, Any]:
    large = bool(getattr(args, "large", False))
    return _print(args, "notice-large" if large else "notice", personal=False)


def _consent(args: argparse.Namespace) -> dict[str, Any]:
    if sum(map(bool, (args.number, args.klass, args.must_renew))) != 1:
        raise BadInput("Give a NUMBER, --class C or --must-renew (one of them).",
                       "请给出学号/考号、--class 班级或 --must-renew（三选一）。")
    if args.number:
        return _print(args, "consent", number=args.number)
    if args.must_renew:
        return _print(args, "consent-renew")
    return _print(args, "consent-class", class_name=args.klass)


def _report(args: argparse.Namespace) -> dict[str, Any]:
    return _print(args, "report", session_id=args.session)


def _term(args: argparse.Namespace) -> dict[str, Any]:
    return _print(args, "term", class_name=args.klass, start=args.start, end=args.end)


def _receipt(args: argparse.Namespace) -> dict[str, Any]:
    return _print(args, "receipt", receipt_id=args.receipt)


def _export_attendance(args: argparse.Namespace) -> dict[str, Any]:
    from headcount.documents import export_attendance

    station = _open(args)
    try:
        user = _login(station, args)
        return export_attendance(station, user, args.session, args.out, args.format,
                                 _lang(args, station)).as_dict()
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
    _out(doc("sign", _public("sign"), "the A4 entrance sign (入口告示)"))
    _out(doc("children-rules", _public("children-rules"),
             "rules for children's facial information, PIPL 28 and 31, Measures Art. 7 "
             "(未成年人人脸信息处理规则)"))
    _out(doc("placement", _public("placement"),
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
    _out(doc("pia", lambda a: _print(a, "pia"),
             "the pre-filled impact assessment, administrators only (个人信息保护影响评估)"))
    _out(doc("filing", lambda a: _print(a, "filing"),
             "the filing data, administrators only (备案材料)"))
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
