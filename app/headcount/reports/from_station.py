"""Fill the report dataclasses from an open Station.

Only reads; the callers (CLI, GUI) audit what they print. Times in the store are UTC;
documents show local time. C7: the reason a manual check was chosen ("declined", "not
recognised", ...) stays in the store and is never printed; the report's reason column
carries corrections only, so face and manual rows differ only in the method.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from headcount.errors import BadInput, Refused
from headcount.i18n import Text
from headcount.reports.model import (
    AttendanceRow,
    AttendanceSheet,
    CameraPlacement,
    ChildrenRulesData,
    ConsentSlipData,
    DeletionReceiptData,
    FilingData,
    Incident,
    NoticeData,
    PersonData,
    PiaCounts,
    PiaData,
    PurgedItem,
    PurgeReceiptData,
    SchoolData,
    TermClass,
    TermData,
    TermDay,
    TermStudent,
)
from headcount.reports.text import count, status_name

if TYPE_CHECKING:
    from headcount.attendance.roll import RollRow
    from headcount.station import Station

# Station roll statuses -> printed statuses. Face and manual presence print the same.
STATUS = {"present_face": "present", "present_manual": "present", "late": "late",
          "absent": "absent", "expected": "pending"}
LOGO_NAMES = ("logo.png", "logo.jpg", "logo.jpeg")


def local(value: str | None) -> dt.datetime | None:
    """A stored ISO time as naive local time (what a printed page shows)."""
    if not value:
        return None
    t = dt.datetime.fromisoformat(value)
    return (t.astimezone() if t.tzinfo else t).replace(tzinfo=None)


def school(station: Station) -> SchoolData:
    s = station.settings.as_dict()
    name, contact = s.get("school_name", ""), s.get("school_contact", "")
    logo = s.get("school_logo") or next(
        (station.data_dir / n for n in LOGO_NAMES if (station.data_dir / n).is_file()), None)
    return SchoolData(Text(name, name), Text(contact, contact), Path(logo) if logo else None)


def notice(station: Station, version: int | None = None) -> NoticeData:
    """The current (or a given) notice version; refused while any field is empty (C2)."""
    if version is None:
        n = station.notice.require_complete()  # refuses, naming the empty fields
    else:
        n = station.notice.get(version)
        if not n.complete:
            raise Refused(f"Notice version {n.version} has empty fields: "
                          + ", ".join(n.missing) + ".",
                          f"第 {n.version} 版告知书有空白字段：" + "、".join(n.missing) + "。")
    f = n.fields
    contact = station.settings["school_contact"]
    created = local(n.created_at)
    return NoticeData(
        processor=f["processor_name"], contact=f["processor_contact"], purpose=f["purpose"],
        method=f["method"], retention=f["retention"], necessity=f["necessity"],
        rights=f["rights"], alternative=f["alternative"], version=str(n.version),
        questions=Text(contact, contact) if contact else "",
        effective=created.date() if created else None)


def _person(p: Any) -> PersonData:
    birth = dt.date.fromisoformat(p.birth_date) if p.birth_date else None
    return PersonData(p.number, p.name, p.class_name, birth)


def consent_slips(station: Station, *, number: str | None = None,
                  class_name: str | None = None, must_renew: bool = False,
                  on: dt.date | None = None) -> list[ConsentSlipData]:
    """Slips for one person, every active person of a class, or exactly those whose
    consent predates a material notice change (``must_renew``); the guardian version
    for those under the station's age of consent (or without a date of birth)."""
    on = on or dt.date.today()
    text = notice(station)
    if must_renew:
        renew = set(station.consent.needing_renewal())
        people = [p for p in station.people.all(status="active") if p.id in renew]
        if not people:
            raise BadInput("Nobody needs to renew consent.", "没有需要重新同意的人员。")
    elif number is not None:
        people = [station.people.get(number)]
    elif class_name is not None:
        people = station.people.all(class_name=class_name, status="active")
        if not people:
            raise BadInput(f"No active people in class {class_name}.",
                           f"班级 {class_name} 中没有在校人员。")
    else:
        raise BadInput("Give a number or a class.", "请提供学号/考号或班级。")
    return [ConsentSlipData(_person(p), text, on, guardian=station.consent.is_child(p, on))
            for p in people]


def placements(station: Station) -> tuple[CameraPlacement, ...]:
    """The recorded camera placements (C13), as the guide prints them."""
    return tuple(CameraPlacement(p["camera"], p["location"], p.get("checked_by", ""),
                                 dt.date.fromisoformat(p["checked_on"])
                                 if p.get("checked_on") else None)
                 for p in station.settings["camera_placements"])


def children_rules(station: Station) -> ChildrenRulesData:
    return ChildrenRulesData(notice(station))


def _operators(station: Station, s: Any, roll: list[RollRow]) -> tuple[str, ...]:
    names: list[str] = []
    for entry in reversed(station.audit.entries(subject=f"session:{s.id}")):
        if entry.action in ("session_start", "session_close"):
            names.append(entry.actor)
    for row in roll:
        if row.operator:
            names.append(row.operator)
        if row.correction:
            names.append(row.correction.by)
    return tuple(dict.fromkeys(n for n in names if n and n != "system"))


def attendance_sheet(station: Station, session_id: int, *, lang: str = "zh") -> AttendanceSheet:
    s = station.sessions.get(session_id)
    if s.purged_at:
        raise Refused(f"The attendance of session {s.id} was deleted at the end of its "
                      "retention period.",
                      f"场次 {s.id} 的考勤记录已在保存期限届满时删除。")
    roll = station.attendance.roll(s.id)
    rows, incidents = [], []
    for r in roll:
        fix = r.correction
        rows.append(AttendanceRow(
            seat=r.seat or "", number=r.number, name=r.name,
            status=STATUS.get(r.status, r.status), time=local(r.time),
            method=r.method or "", reason=fix.reason if fix else ""))
        when = local(r.time)
        for flag in r.flags:
            if flag.startswith("also_in_session:") and when:
                other = station.sessions.get(int(flag.split(":", 1)[1]))
                detail = Text(
                    f"Also checked in to room {other.room} (session {other.id}) of this exam",
                    f"已在本场考试的 {other.room} 考场（场次 {other.id}）签到")
                incidents.append(Incident(when, "duplicate_room", _pick(detail, lang), r.name))
        if r.repeats and when:
            detail = Text(f"Checked in again {r.repeats} time(s); the first check-in counts",
                          f"重复签到 {r.repeats} 次；以首次签到为准")
            incidents.append(Incident(when, "double_checkin", _pick(detail, lang), r.name))
        if fix:
            before = status_name(STATUS.get(r.recorded_status, r.recorded_status), lang)
            after = status_name(STATUS.get(fix.status, fix.status), lang)
            incidents.append(Incident(local(fix.at) or dt.datetime.now(), "correction",
                                      f"{before} → {after}", r.name, by=fix.by,
                                      why=fix.reason))
    incidents.sort(key=lambda i: i.time)
    title = s.name if s.kind == "exam" else " ".join(x for x in (s.class_name, s.name, s.period)
                                                      if x)
    return AttendanceSheet(
        session_id=str(s.id), kind=s.kind, title=title, room=s.room,
        scheduled_start=local(s.starts_at), scheduled_end=local(s.ends_at),
        opened=local(s.opened_at), closed=local(s.closed_at), legal_basis=s.legal_basis,
        legal_basis_text=s.legal_basis_text, operators=_operators(station, s, roll),
        rows=tuple(rows), incidents=tuple(incidents),
        invigilators=s.invigilators or ((s.teacher,) if s.kind == "class" and s.teacher
                                        else ()))


def _pick(text: Text, lang: str) -> str:
    return text.zh if lang == "zh" else text.en


def term(station: Station, class_name: str, start: dt.date, end: dt.date) -> TermData:
    """Every class session of ``class_name`` that started between ``start`` and ``end``."""
    if end < start:
        raise BadInput("The end date is before the start date.", "结束日期早于开始日期。")
    counts: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {p.number: p.name for p in station.people.all(class_name=class_name)}
    days: dict[dt.date, list[int]] = {}
    for s in station.sessions.all():
        when = local(s.starts_at or s.opened_at)
        if (s.kind != "class" or s.class_name != class_name or s.purged_at or when is None
                or not start <= when.date() <= end):
            continue
        for r in station.attendance.roll(s.id):
            status = STATUS.get(r.status, r.status)
            if status == "pending":
                continue  # a session still open counts once it is closed
            names.setdefault(r.number, r.name)
            c = counts.setdefault(r.number, {"present": 0, "late": 0, "absent": 0})
            c[status] = c.get(status, 0) + 1
            day = days.setdefault(when.date(), [0, 0])
            day[0] += 1
            day[1] += status in ("present", "late")
    students = tuple(TermStudent(number, name, **counts.get(number, {}))
                     for number, name in sorted(names.items()))
    term_days = tuple(TermDay(d, e, a) for d, (e, a) in sorted(days.items()))
    return TermData(start, end, (TermClass(class_name, students, term_days),))


def deletion_receipt(station: Station, receipt_id: int) -> DeletionReceiptData:
    r = _receipt(station, receipt_id, "deletion")
    found = station.people.find(r.get("person", ""))
    person = _person(found) if found else PersonData(r.get("person", ""), r.get("name", ""))
    requested, relationship = "", ""
    if found and r.get("consent"):
        for c in station.consent.history(found.number):
            if c.id == r["consent"] and c.given_by == "guardian":
                requested, relationship = c.guardian_name, c.relationship
    return DeletionReceiptData(
        receipt_id=str(r["receipt"]), person=person,
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
        _pick(label["age"], lang): str(rules.get("age_of_consent", "")),
        _pick(label["left"], lang): str(days.get("templates_after_leaving", "")),
        _pick(label["att"], lang): str(days.get("attendance_after_session", "")),
        _pick(label["audit"], lang): str(days.get("audit_log", "")),
        _pick(label["thr"], lang): str(rules.get("match_threshold", "")),
    }
    volume = exported.get("volume", {})
    if volume.get("other_stations"):  # imported counts of the school's other stations
        extra[_pick(Text("People with facial data, whole school ({n} other stations)",
                         "全校存储人脸信息人数（另含 {n} 台工作站）"), lang).format(
            n=volume["other_stations"])] = str(volume["people_with_facial_data"])
    contact = exported.get("processor", {}).get("contact", "")
    return FilingData(pia(station), responsible=contact, extra=extra)


__all__ = [
    "attendance_sheet",
    "children_rules",
    "consent_slips",
    "deletion_receipt",
    "filing",
    "notice",
    "pia",
    "placements",
    "purge_receipt",
    "receipt_kind",
    "school",
    "term",
]
