"""Notice versions (C2): every field in Chinese and English, versioned, never edited.

A change makes a new version; consent records point at the version the person saw.
Enrolment is refused while any field of the current notice is empty in either language.
A material change (compliance/notice_change.py) makes older consents stale; a purpose
that rule C1 excludes is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from headcount.compliance.notice_change import check_purpose, material_change
from headcount.errors import BadInput, Refused
from headcount.i18n import Text
from headcount.roles import require
from headcount.store.audit import AuditLog
from headcount.store.db import atomic
from headcount.store.migrations import now_iso
from headcount.store.users import User

# The C2 fields, in the order a slip or sign prints them, with their headings.
FIELDS: dict[str, Text] = {
    "processor_name": Text("Personal information processor", "个人信息处理者"),
    "processor_contact": Text("Contact", "联系方式"),
    "purpose": Text("Purpose", "处理目的"),
    "method": Text("Method", "处理方式"),
    "retention": Text("Retention period", "保存期限"),
    "necessity": Text("Why face recognition is necessary, and its effect on your rights",
                      "处理人脸信息的必要性及对个人权益的影响"),
    "rights": Text("How to exercise your rights (access, deletion, withdrawal)",
                   "行使权利的方式（查阅、删除、撤回同意）"),
    "alternative": Text("The alternative to face recognition", "人脸识别以外的替代方式"),
}

MAX_FIELD = 2000  # characters per notice field and language


def default_fields(school: str, contact: str, settings: dict[str, Any]) -> dict[str, Text]:
    """Sensible first-notice text in both languages, from the station's settings."""
    left = settings["retention_left_days"]
    unused = settings["retention_unused_days"]
    att = settings["retention_attendance_days"]
    return {
        "processor_name": Text(school, school),
        "processor_contact": Text(contact, contact),
        "purpose": Text(
            "To confirm the identity of students and exam candidates at exam entry and to "
            "take classroom attendance. Nothing else: no emotion, attention or behaviour "
            "analysis.",
            "用于考试入场身份核验和课堂考勤，不作他用；不进行情绪、注意力或行为分析。"),
        "method": Text(
            "A camera at the entrance or in the classroom finds faces; a 128-number template "
            "computed from your enrolment photo is compared, on this computer only, with the "
            "people on the session's list. Photos and camera frames are not stored. Templates "
            "are encrypted and never sent over the internet.",
            "入口或教室的摄像头检测人脸；由登记照片计算出的128个数字组成的特征模板仅在本机上"
            "与本场次名单中的人员比对。不保存照片和摄像画面。模板加密保存，不通过互联网传输。"),
        "retention": Text(
            f"Templates: deleted {unused} days after your last session (or enrolment), {left} "
            "days after you leave, or at once on withdrawal, whichever is first. Attendance "
            f"records: {att} days after the session. Processing log: 3 years.",
            f"人脸模板：最后一次参加场次（或登记）后 {unused} 天、离校后 {left} 天"
            f"或撤回同意时删除，以先到者为准。考勤记录：场次结束后 {att} 天。处理记录：3 年。"),
        "necessity": Text(
            "Face recognition speeds up identity checks for large groups and helps prevent "
            "impersonation. Facial data is sensitive personal information; a wrong match or a "
            "leak could affect you, so it is encrypted, kept locally and deleted on request. "
            "If you decline, a manual check has the same standing; a face not matched to "
            "someone who consented is described in memory only and discarded within the same "
            "frame, never stored.",
            "人脸识别可加快大批人员的身份核验并防止冒名顶替。人脸信息属于敏感个人信息，误识或"
            "泄露可能影响您的权益，因此加密本地保存，并可随时要求删除。拒绝的，人工核验效力相同；"
            "未与已同意人员匹配的人脸仅在内存中处理，并在同一帧内丢弃，不予保存。"),
        "rights": Text(
            f"You (or your guardian) may see your data, have it corrected or deleted, and "
            f"withdraw consent at any time by asking the school at {contact}; deletion is "
            f"immediate and a receipt is given.",
            f"您（或您的监护人）可随时通过 {contact} 向学校查阅、更正、删除您的信息或撤回同意；"
            "删除立即生效并提供回执。"),
        "alternative": Text(
            "A manual check of your student card or ID card by the teacher or invigilator, "
            "with the same standing and no delay or penalty.",
            "由教师或监考员人工核验学生证或身份证，效力相同，不会造成延误或任何不利影响。"),
    }


@dataclass(frozen=True)
class Notice:
    """One notice version: ``fields[name]`` is a Text (en, zh) for each C2 field."""

    version: int
    created_at: str
    created_by: str
    fields: dict[str, Text]
    material: bool = True  # consents on earlier versions must be renewed

    @property
    def missing(self) -> list[str]:
        """Fields empty in either language (enrolment is refused while any exist)."""
        return [name for name in FIELDS
                if not (self.fields.get(name) and self.fields[name].en.strip()
                        and self.fields[name].zh.strip())]

    @property
    def complete(self) -> bool:
        return not self.missing

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version, "created_at": self.created_at,
            "created_by": self.created_by, "complete": self.complete, "missing": self.missing,
            "material": self.material,
            "fields": {name: {"en": self.fields[name].en, "zh": self.fields[name].zh}
                       if name in self.fields else {"en": "", "zh": ""} for name in FIELDS},
        }


def _decode(raw: str) -> dict[str, Text]:
    data = json.loads(raw)
    return {k: Text(v.get("en", ""), v.get("zh", "")) for k, v in data.items()}


def _encode(fields: dict[str, Text]) -> str:
    return json.dumps({k: {"en": v.en, "zh": v.zh} for k, v in fields.items()},
                      ensure_ascii=False)


class Notices:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog) -> None:
        self.db, self.audit = db, audit

    def current(self) -> Notice | None:
        row = self.db.execute(
            "SELECT version, created_at, created_by, fields, material FROM notices"
            " ORDER BY version DESC LIMIT 1").fetchone()
        return Notice(row[0], row[1], row[2], _decode(row[3]), bool(row[4])) if row else None

    def get(self, version: int) -> Notice:
        row = self.db.execute(
            "SELECT version, created_at, created_by, fields, material FROM notices"
            " WHERE version = ?", [version]).fetchone()
        if not row:
            raise BadInput(f"No notice version {version}.", f"没有第 {version} 版告知书。")
        return Notice(row[0], row[1], row[2], _decode(row[3]), bool(row[4]))

    def consent_base(self) -> int:
        """The oldest notice version a consent may have been given on and still count:
        the latest material version (0 without any notice)."""
        row = self.db.execute("SELECT max(version) FROM notices WHERE material = 1").fetchone()
        return int(row[0] or 0)

    def versions(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT version FROM notices ORDER BY version")]

    def publish(self, actor: User, fields: dict[str, Text], *, minor: str = "") -> Notice:
        """Store a new version with these fields (admin only). Material unless ``minor``
        gives the reason an administrator judges it a minor edit, which only a change
        outside the purpose, method and retention can be (audited)."""
        require(actor, "notice.set")
        unknown = sorted(set(fields) - set(FIELDS))
        if unknown:
            raise BadInput(
                f"Unknown notice fields: {', '.join(unknown)}. Known: {', '.join(FIELDS)}.",
                f"未知的告知书字段：{'、'.join(unknown)}。可用字段：{'、'.join(FIELDS)}。")
        check_purpose(fields)
        current = self.current()
        changed = material_change(current.fields, fields) if current else []
        if minor.strip() and (changed or current is None):
            raise Refused(
                f"A change to {', '.join(changed) or 'the first notice'} is material: "
                "consent given on earlier versions must be renewed; it cannot be marked minor.",
                f"对{'、'.join(changed) or '首版告知书'}的修改属于重大变更：此前版本上的同意须重新"
                "取得，不能标记为非重大变更。")
        material = not minor.strip()
        with atomic(self.db):
            version = int(self.db.execute(
                "SELECT coalesce(max(version), 0) + 1 FROM notices").fetchone()[0])
            self.db.table("notices").insert({
                "version": version, "created_at": now_iso(), "created_by": actor.name,
                "fields": _encode(fields), "material": int(material),
                "material_note": minor.strip()})
            notice = self.get(version)
            self.audit.record(actor.name, "notice_publish", f"notice:{version}",
                              {"complete": notice.complete, "missing": notice.missing,
                               "material": material, "changed": changed,
                               "minor_reason": minor.strip()})
        return notice

    def update(self, actor: User, changes: dict[str, str], *, minor: str = "") -> Notice:
        """New version from the current one: ``{"purpose": "..."}`` sets both languages,
        ``{"purpose.zh": "..."}`` one of them; ``minor``: see :meth:`publish`."""
        current = self.current()
        fields = dict(current.fields) if current else {}
        for key, value in changes.items():
            name, _, lang = key.partition(".")
            if name not in FIELDS or lang not in ("", "en", "zh"):
                raise BadInput(
                    f"Unknown notice field {key!r}. Use one of {', '.join(FIELDS)}, "
                    "optionally with .en or .zh.",
                    f"未知的告知书字段 {key!r}。可用：{'、'.join(FIELDS)}，可加 .en 或 .zh。")
            if len(value) > MAX_FIELD:  # a notice is read on one printed page or screen
                raise BadInput(f"The notice field {name} is longer than {MAX_FIELD} "
                               "characters; shorten it.",
                               f"告知书字段 {name} 超过 {MAX_FIELD} 个字符；请缩短。")
            old = fields.get(name, Text("", ""))
            if lang == "en":
                fields[name] = Text(value, old.zh)
            elif lang == "zh":
                fields[name] = Text(old.en, value)
            else:
                fields[name] = Text(value, value)
        return self.publish(actor, fields, minor=minor)

    def require_complete(self) -> Notice:
        """The current notice, or Refused naming the empty fields."""
        notice = self.current()
        if notice is None or not notice.complete:
            missing = notice.missing if notice else list(FIELDS)
            raise Refused(
                "The notice is incomplete (empty: " + ", ".join(missing) + "); an "
                "administrator fills it (Administration > Settings; `headcount notice set "
                "FIELD=VALUE`) before recording consent or enrolling.",
                "告知书不完整（空白：" + "、".join(missing) + "）；请管理员先填写（管理 > "
                "设置；`headcount notice set 字段=内容`），再记录同意或登记人脸。")
        return notice
