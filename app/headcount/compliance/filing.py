"""Filing (C12): count distinct people with stored facial data, warn before and at
100,000, and export the filing data (processor, purpose, method, volume, safeguards,
rules). The PDF comes from headcount.reports; this is the data it prints."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from headcount.compliance.notice import Notices
from headcount.i18n import Text
from headcount.roles import require
from headcount.store.audit import AuditLog
from headcount.store.migrations import now_iso
from headcount.store.settings import Settings
from headcount.store.templates import Templates
from headcount.store.users import User

FILING_LEVEL = 100_000

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
                 templates: Templates, notices: Notices) -> None:
        self.db, self.audit, self.settings = db, audit, settings
        self.templates, self.notices = templates, notices

    def status(self) -> dict[str, Any]:
        count = self.templates.distinct_people()
        warn = int(self.settings["filing_warning"])
        if count >= FILING_LEVEL:
            level, msg = "filing_required", Text(
                f"{count} people have stored facial data: file with the cyberspace "
                "administration within 30 working days (Measures art. 15).",
                f"已存储 {count} 人的人脸信息：须在30个工作日内向网信部门备案"
                "（《办法》第十五条）。")
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
        return {"people_with_facial_data": count, "warning_level": warn,
                "filing_level": FILING_LEVEL, "level": level, "message": msg.both()}

    def export(self, actor: User) -> dict[str, Any]:
        """The filing data as a dict (JSON-ready); audited."""
        require(actor, "filing.export")
        notice = self.notices.current()
        s = self.settings
        q = self.db.execute
        fields = notice.as_dict()["fields"] if notice else {}
        data = {
            "generated_at": now_iso(),
            "processor": {"name": s["school_name"], "contact": s["school_contact"]},
            "purpose": fields.get("purpose"),
            "method": fields.get("method"),
            "notice_version": notice.version if notice else None,
            "volume": {
                **self.status(),
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
                "match_threshold": s["match_threshold"],
                "retention": fields.get("retention"),
                "rights": fields.get("rights"),
                "alternative": fields.get("alternative"),
            },
        }
        self.audit.record(actor.name, "filing_export", "",
                          {"people": self.templates.distinct_people()})
        return data
