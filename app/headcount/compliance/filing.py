"""Filing (C12, Measures Art. 15): count distinct people with stored facial data, warn
before and at 100,000, and export the filing data (processor and its unified social
credit code, purpose, method, volume, safeguards, rules). Filing is with the
provincial-level or higher cyberspace administration (省级以上网信部门) within 30 working
days of reaching 100,000 people; the day the count first reaches it is recorded in the
station, and the deadline is counted from it (Monday to Friday; public holidays are not
known offline and would move it later). Changes to the filed information and the end of
the processing are filed within 30 working days too. The PDF comes from
headcount.reports; this is the data it prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from headcount.compliance.filing_school import SchoolCounts
from headcount.compliance.notice import Notices
from headcount.i18n import Text
from headcount.matching.in_force import rule_in_force
from headcount.roles import require
from headcount.store.audit import AuditLog
from headcount.store.db import atomic
from headcount.store.migrations import now_iso
from headcount.store.settings import Settings
from headcount.store.templates import Templates
from headcount.store.users import User

FILING_LEVEL = 100_000
FILING_WORKING_DAYS = 30
REACHED_KEY = "filing_threshold_reached_on"  # meta: the day the count first reached it
AUTHORITY = Text("the provincial-level or higher cyberspace administration (Measures art. 15)",
                 "省级以上网信部门（《办法》第十五条）")
CHANGE_DUTY = Text(
    "When the filed information changes, or the application ends, the change or "
    "cancellation is filed within 30 working days of it (Measures art. 15).",
    "备案信息发生变化或者终止应用的，应当自变化或终止之日起30个工作日内办理变更或注销手续"
    "（《办法》第十五条）。")


@dataclass(frozen=True)
class FilingStatus:
    """Where the school's count stands against the filing level (``filing status``)."""

    people_with_facial_data: int  # the count used
    warning_level: int
    level: str  # "ok" | "warning" | "filing_required"
    message: Text
    threshold_reached_on: dt.date | None
    deadline: dt.date | None  # for filing, 30 working days after it was reached
    this_station: int  # this station's own distinct people
    other_stations: int  # stations whose signed counts were imported
    count_source: str  # "station" | "school_server"
    count_used: Text  # which count it is, in words

    def as_dict(self) -> dict[str, Any]:
        day = self.threshold_reached_on
        return {"people_with_facial_data": self.people_with_facial_data,
                "warning_level": self.warning_level, "filing_level": FILING_LEVEL,
                "level": self.level, "message": self.message.both(),
                "threshold_reached_on": day.isoformat() if day else None,
                "deadline": self.deadline.isoformat() if self.deadline else None,
                "authority": AUTHORITY.both(), "changes": CHANGE_DUTY.both(),
                "this_station": self.this_station, "other_stations": self.other_stations,
                "count_source": self.count_source, "count_used": self.count_used.both()}


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``days`` working days (Monday to Friday) after ``start``."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day

SAFEGUARDS = (
    Text("Templates only (no photos or camera frames stored); processed on this computer "
         "without network access", "仅保存特征模板（不保存照片和摄像画面）；在本机处理，不联网"),
    Text("Templates encrypted with AES-256-GCM; the key is kept outside the database",
         "模板以 AES-256-GCM 加密；密钥存放在数据库之外"),
    Text("Separate consent per person; guardian consent under 14; withdrawal deletes at once",
         "逐人单独同意；未满14周岁由监护人同意；撤回即删除"),
    Text("Roles with passwords (scrypt) and lockout; hash-chained, append-only audit log",
         "分角色口令（scrypt）与锁定；哈希链式、只追加的审计日志"),
    Text("Matching only against the session's own list; manual check always available",
         "仅与本场次名单比对；始终可人工核验"),
    Text("Automatic retention purges with receipts", "按保存期限自动清除并出具回执"),
)


class Filing:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog, settings: Settings,
                 templates: Templates, notices: Notices,
                 school: SchoolCounts | None = None,
                 school_server: Callable[[], dict[str, Any] | None] | None = None) -> None:
        self.db, self.audit, self.settings = db, audit, settings
        self.templates, self.notices = templates, notices
        self.school = school  # the school's other stations' imported counts
        # The exam office's school-wide count ({"count", "at"} of the last sync) while
        # this station is linked, else None (office/feedback.py, wired by station.py).
        self.school_server = school_server

    def reached_on(self, count: int) -> dt.date | None:
        """The day the count first reached the filing level, recorded the first time it
        is seen there (kept when the count later falls: the filing stays due)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [REACHED_KEY]).fetchone()
        if row:
            return dt.date.fromisoformat(row[0])
        if count < FILING_LEVEL:
            return None
        today = dt.date.today()
        with atomic(self.db):
            self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                            [REACHED_KEY, today.isoformat()])
        self.audit.record("system", "filing_threshold_reached", "",
                          {"people": count, "on": today.isoformat()})
        return today

    def count(self) -> int:
        """People with stored facial data at the school: the school server's count of
        distinct numbers while linked to the exam office; otherwise this station's, plus
        the counts imported from its other stations (compliance/filing_school.py)."""
        return self.counted()[0]

    def counted(self) -> tuple[int, str, Text]:
        """(count, source, which count it is): source "school_server" or "station"."""
        server = self.school_server() if self.school_server else None
        if server is not None:
            n, at = int(server["count"]), str(server.get("at", ""))
            when = at[:16].replace("T", " ")
            return n, "school_server", Text(
                f"the school server's count of distinct people across linked stations "
                f"(as of {when} UTC)",
                f"学校服务器统计的各关联工作站去重人数（截至 UTC {when}）")
        others = self.school.total_others() if self.school else 0
        mine = self.templates.distinct_people()
        if others:
            return mine + others, "station", Text(
                f"this station's count ({mine}) plus the counts imported from "
                f"{len(self.school.others()) if self.school else 0} other stations",
                f"本工作站人数（{mine}）加上从其他 "
                f"{len(self.school.others()) if self.school else 0} 个工作站导入的人数")
        return mine, "station", Text("this station's own count (not linked to an exam "
                                     "office)", "本工作站自身的人数（未关联考务办公室）")

    def status(self) -> FilingStatus:
        count, source, which = self.counted()
        warn = int(self.settings["filing_warning"])
        reached = self.reached_on(count)
        deadline = add_working_days(reached, FILING_WORKING_DAYS) if reached else None
        if reached is not None and deadline is not None:
            level, msg = "filing_required", Text(
                f"{count} people have stored facial data (100,000 reached on {reached}): "
                f"file with {AUTHORITY.en} by {deadline}, 30 working days.",
                f"已存储 {count} 人的人脸信息（{reached} 达到10万人）：须在30个工作日内，"
                f"即 {deadline} 前，向{AUTHORITY.zh}备案。")
        elif count >= warn:
            level, msg = "warning", Text(
                f"{count} people have stored facial data, past the warning level of {warn}; "
                f"filing is required at {FILING_LEVEL}.",
                f"已存储 {count} 人的人脸信息，超过提示值 {warn}；达到 {FILING_LEVEL} 人须备案。")
        else:
            level, msg = "ok", Text(
                f"{count} people have stored facial data (warning at {warn}, filing at "
                f"{FILING_LEVEL}).",
                f"已存储 {count} 人的人脸信息（{warn} 人时提示，{FILING_LEVEL} 人时须备案）。")
        msg = Text(f"{msg.en} Counted: {which.en}.", f"{msg.zh}计数依据：{which.zh}。")
        return FilingStatus(count, warn, level, msg, reached, deadline,
                            self.templates.distinct_people(),
                            len(self.school.others()) if self.school else 0, source, which)

    def export(self, actor: User) -> dict[str, Any]:
        """The filing data as a dict (JSON-ready); audited."""
        require(actor, "filing.export")
        notice = self.notices.current()
        s = self.settings
        q = self.db.execute
        fields = notice.as_dict()["fields"] if notice else {}
        data = {
            "generated_at": now_iso(),
            "processor": {"name": s["school_name"], "contact": s["school_contact"],
                          "credit_code": s["school_credit_code"]},
            "purpose": fields.get("purpose"),
            "method": fields.get("method"),
            "notice_version": notice.version if notice else None,
            "volume": {
                **self.status().as_dict(),
                "people_on_roster": q("SELECT count(*) FROM people").fetchone()[0],
                "active_consents": q("SELECT count(DISTINCT person_id) FROM consents WHERE"
                                     " withdrawn_at IS NULL AND scope = 'face'").fetchone()[0],
                "guardian_consents": q("SELECT count(DISTINCT person_id) FROM consents WHERE"
                                       " withdrawn_at IS NULL AND given_by = 'guardian'"
                                       ).fetchone()[0],
                "templates": self.templates.total(),
                "sessions": q("SELECT count(*) FROM sessions").fetchone()[0],
            },
            "safeguards": [t.both() for t in SAFEGUARDS],
            "rules": {
                "age_of_consent": s["age_of_consent"],
                "retention_days": {"templates_after_leaving": s["retention_left_days"],
                                   "attendance_after_session": s["retention_attendance_days"],
                                   "audit_log": s["retention_audit_days"]},
                "match_threshold": rule_in_force(s).threshold,
                "retention": fields.get("retention"),
                "rights": fields.get("rights"),
                "alternative": fields.get("alternative"),
            },
        }
        self.audit.record(actor.name, "filing_export", "",
                          {"people": self.templates.distinct_people()})
        return data
