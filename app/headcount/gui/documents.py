"""The printed documents the window offers, rendered from the station (no Qt here).

Same builders and the same rules as ``headcount print`` (cli/printing.py): documents
without personal data (notice, sign, children's rules) need no particular role; the
others are recorded in the audit log as "print"; the impact assessment and the filing
data are for administrators. Rendering runs on the task manager's worker thread and
returns ``headcount.reports.Rendered`` (PDF bytes, pages, font).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from headcount.errors import BadInput

if TYPE_CHECKING:
    from headcount.reports.document import Rendered
    from headcount.station import Station
    from headcount.store.users import User

# Document codes, the parameters each takes, and whether it holds personal data.
DOCUMENTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "notice": ((), False),
    "notice-large": ((), False),
    "sign": ((), False),
    "children-rules": ((), False),
    "consent": (("number",), True),
    "consent-class": (("class_name",), True),
    "consent-renew": ((), True),  # those whose consent predates a material notice change
    "report": (("session_id",), True),
    "term": (("class_name", "start", "end"), True),
    "pia": ((), True),
    "filing": ((), True),
    "receipt": (("receipt_id",), True),
}
ADMIN_ONLY = ("pia", "filing")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise BadInput(f"{value!r} is not a date like 2025-09-01.",
                       f"{value!r} 不是日期，格式如 2025-09-01。") from err


def render(station: Station, document: str, actor: User, lang: str, **p: Any) -> Rendered:
    """Build one document; personal ones are audited as ``print`` like the CLI does."""
    from headcount import reports
    from headcount.reports import from_station as fs
    from headcount.store.users import require_role

    if document not in DOCUMENTS:
        raise BadInput(f"Unknown document {document!r}.", f"未知的文件 {document!r}。")
    needed, personal = DOCUMENTS[document]
    missing = [k for k in needed if p.get(k) in (None, "")]
    if missing:
        raise BadInput("Missing: " + ", ".join(missing) + ".", "缺少：" + "、".join(missing) + "。")
    if document in ADMIN_ONLY:
        require_role(actor, "admin", "print the impact assessment or the filing data")
    school = fs.school(station)
    what = document
    out: Rendered
    if document in ("notice", "notice-large"):
        out = reports.notice_slip(fs.notice(station), school, lang=lang,
                                  large=document == "notice-large")
    elif document == "sign":
        out = reports.entrance_sign(fs.notice(station), school, lang=lang)
    elif document == "children-rules":
        out = reports.children_rules(fs.children_rules(station), school, lang=lang)
    elif document == "consent":
        out = reports.consent_slips(fs.consent_slips(station, number=p["number"]), school,
                                    lang=lang)
        what = f"consent:{p['number']}"
    elif document == "consent-class":
        out = reports.consent_slips(fs.consent_slips(station, class_name=p["class_name"]),
                                    school, lang=lang)
        what = f"consent:{p['class_name']}"
    elif document == "consent-renew":
        out = reports.consent_slips(fs.consent_slips(station, must_renew=True), school,
                                    lang=lang)
        what = "consent:must-renew"
    elif document == "report":
        sheet = fs.attendance_sheet(station, int(p["session_id"]), lang=lang)
        out = reports.attendance_report(sheet, school, lang=lang)
        what = f"report:session:{p['session_id']}"
    elif document == "term":
        start, end = _date(p["start"]), _date(p["end"])
        out = reports.term_report(fs.term(station, p["class_name"], start, end), school,
                                  lang=lang)
        what = f"term:{p['class_name']}:{start}:{end}"
    elif document == "pia":
        out = reports.pia_report(fs.pia(station), school, lang=lang)
    elif document == "filing":
        exported = station.filing.export(actor)  # admins only; audited as filing_export
        out = reports.filing_report(fs.filing(station, exported, lang=lang), school, lang=lang)
    else:  # receipt
        rid = int(p["receipt_id"])
        if fs.receipt_kind(station, rid) == "purge":
            out = reports.purge_receipt(fs.purge_receipt(station, rid, lang=lang), school,
                                        lang=lang)
        else:
            out = reports.deletion_receipt(fs.deletion_receipt(station, rid), school, lang=lang)
        what = f"receipt:{rid}"
    if personal:
        station.audit.record(actor.name, "print", what, {"pages": out.pages, "via": "window"})
    return out
