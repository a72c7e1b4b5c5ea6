"""Fill the receipts and the assessment and filing records from an open Station.

Only reads, like ``from_station`` (the people and sessions documents); the callers audit
what they print. Times in the store are UTC; documents show local time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from headcount.errors import BadInput
from headcount.i18n import Text
from headcount.reports.from_station import local, notice, person
from headcount.reports.model import (
    DeletionReceiptData,
    FilingData,
    PersonData,
    PiaCounts,
    PiaData,
    PurgedItem,
    PurgeReceiptData,
    pick,
)
from headcount.reports.text import count

if TYPE_CHECKING:
    from headcount.station import Station


def deletion_receipt(station: Station, receipt_id: int) -> DeletionReceiptData:
    r = _receipt(station, receipt_id, "deletion")
    found = station.people.find(r.get("person", ""))
    subject = person(found) if found else PersonData(r.get("person", ""), r.get("name", ""))
    requested, relationship = "", ""
    if found and r.get("consent"):
        for c in station.consent.history(found.number):
            if c.id == r["consent"] and c.given_by == "guardian":
                requested, relationship = c.guardian_name, c.relationship
    return DeletionReceiptData(
        receipt_id=str(r["receipt"]), person=subject,
        when=local(r.get("withdrawn_at") or r["created_at"]) or dt.datetime.now(),
        templates_deleted=int(r.get("templates_deleted", 0)), operator=r["actor"],
        requested_by=requested, relationship=relationship,
        consent_withdrawn=bool(r.get("consent")) or bool(r.get("person_deleted")),
        audit_ref=_audit_ref(station, r["receipt"]))


def purge_receipt(station: Station, receipt_id: int, *, lang: str = "zh") -> PurgeReceiptData:
    r = _receipt(station, receipt_id, "purge")
    items = []
    for number in (*r.get("people", []), *r.get("unused_people", [])):
        p = station.people.find(number)
        items.append(PurgedItem(number, p.name if p else ""))
    days = station.settings["retention_left_days"]
    unused = station.settings["retention_unused_days"]
    rule = Text(f"Templates: {count('n_days', days, 'en')} after a person leaves the school, "
                f"or {count('n_days', unused, 'en')} after the last session they were on",
                f"人脸模板：人员离校后 {days} 天删除，或最后一次参加场次后 {unused} 天删除")
    extra = (
        (Text("Sessions whose attendance was deleted", "已删除考勤记录的场次"),
         ", ".join(str(x) for x in r.get("sessions_purged", [])) or "0"),
        (Text("Check-ins deleted", "已删除签到记录"), str(r.get("checkins_deleted", 0))),
        (Text("Audit rows older than the retention period", "超过保存期限的审计记录"),
         str(r.get("audit_rows_deleted", 0))),
    )
    return PurgeReceiptData(
        receipt_id=str(r["receipt"]), when=local(r.get("at") or r["created_at"])
        or dt.datetime.now(), rule=rule, items=tuple(items),
        operator="" if r["actor"] == "system" else r["actor"],
        audit_ref=_audit_ref(station, r["receipt"]),
        templates_deleted=int(r.get("templates_deleted", 0)), extra=extra)


def _receipt(station: Station, receipt_id: int, kind: str | None = None) -> dict[str, Any]:
    try:
        r = station.receipts.get(int(receipt_id))
    except (KeyError, ValueError) as err:
        raise BadInput(f"No receipt {receipt_id}.", f"没有编号为 {receipt_id} 的回执。") from err
    if kind and r["kind"] != kind:
        raise BadInput(f"Receipt {receipt_id} is a {r['kind']} receipt.",
                       f"回执 {receipt_id} 的类型为 {r['kind']}。")
    return r


def receipt_kind(station: Station, receipt_id: int) -> str:
    return str(_receipt(station, receipt_id)["kind"])


def _audit_ref(station: Station, receipt_id: int) -> str:
    for action in ("consent_withdraw", "person_delete", "purge"):
        for e in station.audit.entries(action=action):
            if (e.details or {}).get("receipt") == receipt_id or e.subject == \
                    f"receipt:{receipt_id}":
                return f"#{e.id}"
    return ""


def pia(station: Station) -> PiaData:
    from headcount.compliance.filing import FILING_LEVEL, SAFEGUARDS

    q = station.db.execute

    def one(sql: str) -> int:
        return int(q(sql).fetchone()[0] or 0)

    purged = sum(int(r.get("templates_deleted", 0)) for r in station.receipts.list("purge"))
    counts = PiaCounts(
        people=station.people.count(),
        with_templates=station.templates.distinct_people(),
        consents=one("SELECT count(*) FROM consents WHERE withdrawn_at IS NULL"
                     " AND scope = 'face'"),
        guardian_consents=one("SELECT count(*) FROM consents WHERE withdrawn_at IS NULL"
                              " AND scope = 'face' AND given_by = 'guardian'"),
        withdrawals=one("SELECT count(*) FROM consents WHERE withdrawn_at IS NOT NULL"),
        sessions=one("SELECT count(*) FROM sessions"),
        face_checkins=one("SELECT count(*) FROM checkins WHERE method = 'face'"),
        manual_checkins=one("SELECT count(*) FROM checkins WHERE method = 'manual'"),
        purged=purged)
    created = local(station._meta("created_at"))
    status = station.filing.status()
    return PiaData(notice(station), dt.datetime.now().replace(microsecond=0), counts,
                   safeguards=SAFEGUARDS, period_start=created.date() if created else None,
                   period_end=dt.date.today(), filing_threshold=FILING_LEVEL,
                   filing_warning=int(station.settings["filing_warning"]),
                   credit_code=str(station.settings["school_credit_code"]),
                   done_on=station.assessment.done_on(),
                   false_match=_false_match(station.assessment.calibration()),
                   filing_reached_on=status.threshold_reached_on,
                   filing_deadline=status.deadline)


def _false_match(c: dict[str, Any] | None) -> Text | str:
    """The last ``calibrate`` in words: the chance a stranger is matched to someone."""
    if not c or c.get("search_fmr") is None:
        return ""
    rate, people, thr = float(c["search_fmr"]), c.get("search_people"), c.get("threshold")
    return Text(f"{rate:.2%} of strangers checked against {people} people would match "
                f"someone at threshold {thr} (measured {c.get('on')})",
                f"阈值 {thr} 下，与 {people} 人比对时陌生人被误识的概率为 {rate:.2%}"
                f"（{c.get('on')} 实测）")


def filing(station: Station, exported: dict[str, Any], *, lang: str = "zh") -> FilingData:
    """The filing document from ``station.filing.export(actor)`` (which audits it)."""
    rules = exported.get("rules", {})
    days = rules.get("retention_days", {})
    label = {"age": Text("Age of consent", "可自行同意的年龄"),
             "left": Text("Templates kept after leaving (days)", "离校后模板保留天数"),
             "att": Text("Attendance kept after a session (days)", "场次结束后考勤保留天数"),
             "audit": Text("Audit log kept (days)", "审计日志保留天数"),
             "thr": Text("Match threshold (template distance)", "比对阈值（模板距离）")}
    extra = {
        pick(label["age"], lang): str(rules.get("age_of_consent", "")),
        pick(label["left"], lang): str(days.get("templates_after_leaving", "")),
        pick(label["att"], lang): str(days.get("attendance_after_session", "")),
        pick(label["audit"], lang): str(days.get("audit_log", "")),
        pick(label["thr"], lang): str(rules.get("match_threshold", "")),
    }
    volume = exported.get("volume", {})
    if volume.get("other_stations"):  # imported counts of the school's other stations
        extra[pick(Text("People with facial data, whole school ({n} other stations)",
                         "全校存储人脸信息人数（另含 {n} 台工作站）"), lang).format(
            n=volume["other_stations"])] = str(volume["people_with_facial_data"])
    contact = exported.get("processor", {}).get("contact", "")
    return FilingData(pia(station), responsible=contact, extra=extra)


__all__ = [
    "deletion_receipt",
    "filing",
    "pia",
    "purge_receipt",
    "receipt_kind",
]
