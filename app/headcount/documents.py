"""The printed documents of a station: one catalogue, one print operation (no Qt).

``headcount print ...`` and the window's print menu both call :func:`print_document`:
the same builders, the same role rules (roles.py) and the same audit row. Documents
without personal data (notice, sign, children's rules, camera placement) need no
sign-in; every other one is recorded in the audit log as ``print``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from headcount.errors import BadInput
from headcount.roles import require

if TYPE_CHECKING:
    from headcount.reports.document import Rendered
    from headcount.station import Station
    from headcount.store.users import User


@dataclass(frozen=True)
class Document:
    params: tuple[str, ...]  # what it needs (keyword arguments of print_document)
    action: str | None  # the role-table action; None: no personal data, no sign-in
    build: Callable[[Station, User | None, str, dict[str, Any]], tuple[Rendered, str]]


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise BadInput(f"{value!r} is not a date like 2025-09-01.",
                       f"{value!r} 不是日期，格式如 2025-09-01。") from err


# --- the builders: (station, actor, lang, params) -> (document, what the audit row names)
def _notice(st: Station, _u: User | None, lang: str, _p: dict[str, Any]) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs

    return reports.notice_slip(fs.notice(st), fs.school(st), lang=lang), "notice"


def _notice_large(st: Station, _u: User | None, lang: str, _p: dict[str, Any]
                  ) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs

    return (reports.notice_slip(fs.notice(st), fs.school(st), lang=lang, large=True),
            "notice-large")


def _sign(st: Station, _u: User | None, lang: str, _p: dict[str, Any]) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs

    return reports.entrance_sign(fs.notice(st), fs.school(st), lang=lang), "sign"


def _children(st: Station, _u: User | None, lang: str, _p: dict[str, Any]
              ) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs

    return (reports.children_rules(fs.children_rules(st), fs.school(st), lang=lang),
            "children-rules")


def _placement(st: Station, _u: User | None, lang: str, _p: dict[str, Any]
               ) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs

    return (reports.camera_placement(fs.school(st), lang=lang, cameras=fs.placements(st)),
            "placement")


def _consent(st: Station, _u: User | None, lang: str, p: dict[str, Any]
             ) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs

    number, klass = p.get("number"), p.get("class_name")
    if not number and not klass:  # consent-renew: whose consent predates a material change
        slips = fs.consent_slips(st, must_renew=True)
        return reports.consent_slips(slips, fs.school(st), lang=lang), "consent:must-renew"
    slips = fs.consent_slips(st, number=number, class_name=klass)
    return reports.consent_slips(slips, fs.school(st), lang=lang), f"consent:{number or klass}"


def _report(st: Station, _u: User | None, lang: str, p: dict[str, Any]) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs

    sid = int(p["session_id"])
    sheet = fs.attendance_sheet(st, sid, lang=lang)
    return reports.attendance_report(sheet, fs.school(st), lang=lang), f"report:session:{sid}"


def _term(st: Station, _u: User | None, lang: str, p: dict[str, Any]) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs

    start, end = _date(p["start"]), _date(p["end"])
    klass = p["class_name"]
    return (reports.term_report(fs.term(st, klass, start, end), fs.school(st), lang=lang),
            f"term:{klass}:{start}:{end}")


def _pia(st: Station, _u: User | None, lang: str, _p: dict[str, Any]) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs
    from headcount.reports import from_station_records as records

    return reports.pia_report(records.pia(st), fs.school(st), lang=lang), "pia"


def _filing(st: Station, u: User | None, lang: str, _p: dict[str, Any]) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs
    from headcount.reports import from_station_records as records

    assert u is not None
    exported = st.filing.export(u)  # audited as filing_export
    return reports.filing_report(records.filing(st, exported, lang=lang), fs.school(st),
                                 lang=lang), "filing"


def _receipt(st: Station, _u: User | None, lang: str, p: dict[str, Any]) -> tuple[Rendered, str]:
    from headcount import reports
    from headcount.reports import from_station as fs
    from headcount.reports import from_station_records as records

    rid = int(p["receipt_id"])
    if records.receipt_kind(st, rid) == "purge":
        out = reports.purge_receipt(records.purge_receipt(st, rid, lang=lang), fs.school(st),
                                    lang=lang)
    else:
        out = reports.deletion_receipt(records.deletion_receipt(st, rid), fs.school(st), lang=lang)
    return out, f"receipt:{rid}"


DOCUMENTS: dict[str, Document] = {
    "notice": Document((), None, _notice),
    "notice-large": Document((), None, _notice_large),
    "sign": Document((), None, _sign),
    "children-rules": Document((), None, _children),
    "placement": Document((), None, _placement),
    "consent": Document(("number",), "print.personal", _consent),
    "consent-class": Document(("class_name",), "print.personal", _consent),
    "consent-renew": Document((), "print.personal", _consent),
    "report": Document(("session_id",), "print.personal", _report),
    "term": Document(("class_name", "start", "end"), "print.personal", _term),
    "pia": Document((), "print.pia", _pia),
    "filing": Document((), "print.filing", _filing),
    "receipt": Document(("receipt_id",), "print.personal", _receipt),
}


def print_document(station: Station, actor: User | None, document: str, lang: str, *,
                   out: Path | str | None = None, via: str = "cli", **params: Any) -> Rendered:
    """Build one document (and save it to ``out`` if given); a personal one needs the
    role its catalogue entry names and writes one ``print`` audit row."""
    doc = DOCUMENTS.get(document)
    if doc is None:
        raise BadInput(f"Unknown document {document!r}.", f"未知的文件 {document!r}。")
    missing = [k for k in doc.params if params.get(k) in (None, "")]
    if missing:
        raise BadInput("Missing: " + ", ".join(missing) + ".", "缺少：" + "、".join(missing) + "。")
    if doc.action is not None:
        require(actor, doc.action)
    rendered, what = doc.build(station, actor, lang, params)
    details: dict[str, Any] = {"pages": rendered.pages, "via": via}
    if out is not None:
        details["file"] = rendered.save(out).name
    if doc.action is not None and actor is not None:
        station.audit.record(actor.name, "print", what, details)
    return rendered


@dataclass(frozen=True)
class AttendanceExported:
    session: int
    format: str  # "csv" | "xlsx"
    out: str
    rows: int
    lang: str

    def as_dict(self) -> dict[str, Any]:
        return {"session": self.session, "format": self.format, "out": self.out,
                "rows": self.rows, "lang": self.lang}


def export_attendance(station: Station, actor: User, session_id: int, out: Path | str,
                      fmt: str, lang: str) -> AttendanceExported:
    """A session's attendance as CSV or XLSX; audited as ``export_attendance``."""
    from headcount.reports import export_attendance as export
    from headcount.reports import from_station as fs

    require(actor, "print.personal")
    sheet = fs.attendance_sheet(station, session_id, lang=lang)
    path = export(sheet, out, fmt, lang=lang)
    station.audit.record(actor.name, "export_attendance", f"session:{session_id}",
                         {"format": fmt, "rows": len(sheet.rows)})
    return AttendanceExported(session_id, fmt, str(path), len(sheet.rows), lang)
