"""Fill the people and sessions documents from an open Station (``from_station_records``:
the receipts, the impact assessment and the filing).

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
    Incident,
    NoticeData,
    PersonData,
    SchoolData,
    TermClass,
    TermData,
    TermDay,
    TermStudent,
    pick,
)
from headcount.reports.text import status_name

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


def person(p: Any) -> PersonData:
    """A stored person as the documents print them."""
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
    return [ConsentSlipData(person(p), text, on, guardian=station.consent.is_child(p, on))
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
                incidents.append(Incident(when, "duplicate_room", pick(detail, lang), r.name))
        if r.repeats and when:
            detail = Text(f"Checked in again {r.repeats} time(s); the first check-in counts",
                          f"重复签到 {r.repeats} 次；以首次签到为准")
            incidents.append(Incident(when, "double_checkin", pick(detail, lang), r.name))
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


__all__ = [
    "attendance_sheet",
    "children_rules",
    "consent_slips",
    "notice",
    "person",
    "placements",
    "school",
    "term",
]
