"""An in-memory station with the station core's rules, for the demo and the GUI tests.

It holds no files and no pictures on disk. The rules mirror COMPLIANCE.md so the window
behaves the same on it as on the real station: no template without a consent record
(C3), a guardian for under-14s (C4), withdrawal deletes templates at once (C5), manual
checks with the same standing as face checks (C6), roles (C10), an audit trail.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import threading
from pathlib import Path
from typing import Any

import numpy as np

from headcount.errors import BadInput, Refused
from headcount.gui.backend import (
    MANUAL_REASONS,
    AuditRow,
    CheckIn,
    EnrolOutcome,
    ImportRow,
    Method,
    Person,
    RosterEntry,
    SessionInfo,
    User,
)

NOTICE_FIELDS = ("processor", "contact", "purpose", "method", "retention", "necessity",
                 "rights", "alternative")

_HEADERS = {
    "number": ("number", "学号", "考号"), "name": ("name", "姓名"), "class": ("class", "班级"),
    "birth_date": ("birth_date", "出生日期"), "guardian_name": ("guardian_name", "监护人"),
    "guardian_phone": ("guardian_phone", "监护人电话"), "id_number": ("id_number", "身份证号"),
}


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _hash(password: str) -> str:
    return hashlib.sha256(("headcount-demo:" + password).encode()).hexdigest()


class MemoryBackend:
    """A station in memory. Thread-safe: one lock around every read and write."""

    def __init__(self, *, require_sign_in: bool = False) -> None:
        self._lock = threading.RLock()
        self._people: dict[int, Person] = {}
        self._templates: dict[int, list[np.ndarray]] = {}
        self._references: dict[int, np.ndarray] = {}
        self._sessions: dict[int, SessionInfo] = {}
        self._candidates: dict[int, dict[int, str]] = {}  # session -> person -> seat
        self._checkins: dict[int, dict[int, CheckIn]] = {}
        self._users: dict[str, tuple[str, str]] = {}
        self._audit: list[AuditRow] = []
        self._settings: dict[str, Any] = {
            "school": "", "threshold": 0.6, "late_minutes": 15, "retention_days": 365,
            "filing_warning": 80_000, "cue_sound": True,
        }
        self._notice: dict[str, str] = dict.fromkeys(NOTICE_FIELDS, "")
        self._require_sign_in = require_sign_in
        self._next = 1

    # ------------------------------------------------------------------ helpers
    def _id(self) -> int:
        self._next += 1
        return self._next

    def _log(self, actor: str, action: str, subject: str = "", details: str = "") -> None:
        self._audit.append(AuditRow(_now().isoformat(), actor, action, subject, details))

    @staticmethod
    def _need_admin(user: User, what_en: str, what_zh: str) -> None:
        if not user.is_admin:
            raise Refused(f"Only an administrator may {what_en}. Ask an administrator to sign in.",
                          f"只有管理员可以{what_zh}。请由管理员登录后操作。")

    # ------------------------------------------------------------------ setup (demo, tests)
    def add_user(self, name: str, password: str, role: str) -> None:
        with self._lock:
            self._users[name] = (_hash(password), role)

    def add_person(self, number: str, name: str, *, class_name: str = "",
                   birth_date: str | None = None, id_number: str = "") -> Person:
        with self._lock:
            p = Person(self._id(), number, name, class_name, birth_date, id_number)
            self._people[p.id] = p
            return p

    def set_notice(self, **fields: str) -> None:
        with self._lock:
            self._notice.update(fields)

    def set_reference(self, person_id: int, rgb: np.ndarray) -> None:
        with self._lock:
            self._references[person_id] = rgb

    # ------------------------------------------------------------------ users
    def needs_sign_in(self) -> bool:
        return self._require_sign_in

    def sign_in(self, name: str, password: str) -> User:
        with self._lock:
            stored = self._users.get(name)
            if stored is None or stored[0] != _hash(password):
                self._log(name or "?", "login_failed")
                raise Refused("Wrong user name or password.", "用户名或密码错误。")
            self._log(name, "login")
            return User(name, stored[1])  # type: ignore[arg-type]

    # ------------------------------------------------------------------ sessions
    def sessions(self) -> list[SessionInfo]:
        with self._lock:
            return sorted(self._sessions.values(), key=lambda s: s.id)

    def create_session(self, *, user: User, kind: str, name: str, room: str,
                       class_name: str = "", person_ids: list[int] | None = None,
                       seats: dict[int, str] | None = None,
                       starts_at: str | None = None) -> SessionInfo:
        if kind not in ("exam", "class"):
            raise BadInput(f"Unknown session kind {kind!r}.", f"未知的场次类型 {kind!r}。")
        if not name.strip():
            raise BadInput("Give the session a name.", "请填写场次名称。")
        with self._lock:
            ids = list(person_ids or [])
            if class_name:
                ids += [p.id for p in self._people.values() if p.class_name == class_name]
            s = SessionInfo(self._id(), kind, name.strip(), room.strip(),  # type: ignore[arg-type]
                            starts_at or _now().isoformat(),
                            int(self._settings["late_minutes"]))
            self._sessions[s.id] = s
            seats = seats or {}
            self._candidates[s.id] = {pid: seats.get(pid, f"{i + 1:02d}" if kind == "exam" else "")
                                      for i, pid in enumerate(dict.fromkeys(ids))}
            self._checkins[s.id] = {}
            self._log(user.name, "session_create", s.title)
            return s

    def start_session(self, session_id: int, *, user: User) -> SessionInfo:
        with self._lock:
            s = self._session(session_id)
            if s.status == "closed":
                raise Refused("This session is closed.", "该场次已关闭。")
            s.status = "open"
            self._log(user.name, "session_open", s.title)
            return s

    def close_session(self, session_id: int, *, user: User) -> SessionInfo:
        with self._lock:
            s = self._session(session_id)
            s.status = "closed"
            self._log(user.name, "session_close", s.title)
            return s

    def _session(self, session_id: int) -> SessionInfo:
        try:
            return self._sessions[session_id]
        except KeyError:
            raise BadInput(f"No session {session_id}.", f"没有场次 {session_id}。") from None

    def roster(self, session_id: int) -> list[RosterEntry]:
        with self._lock:
            self._session(session_id)
            checks = self._checkins[session_id]
            return [RosterEntry(self._people[pid], seat, checks.get(pid))
                    for pid, seat in self._candidates[session_id].items() if pid in self._people]

    def classes(self) -> list[str]:
        with self._lock:
            return sorted({p.class_name for p in self._people.values() if p.class_name})

    def people(self) -> list[Person]:
        with self._lock:
            return sorted(self._people.values(), key=lambda p: p.number)

    def person(self, person_id: int) -> Person:
        with self._lock:
            try:
                return self._people[person_id]
            except KeyError:
                raise BadInput(f"No person {person_id}.", f"没有人员 {person_id}。") from None

    # ------------------------------------------------------------------ attendance
    def check_in(self, session_id: int, person_id: int, *, user: User, method: Method,
                 score: float | None = None, threshold: float | None = None,
                 reason: str = "") -> CheckIn:
        if method == "manual" and reason not in MANUAL_REASONS:
            raise BadInput("Pick the reason for the manual check.", "请选择人工核验的原因。")
        with self._lock:
            s = self._session(session_id)
            if s.status == "closed":
                raise Refused("This session is closed; no more check-ins.",
                              "该场次已关闭，不能再签到。")
            if person_id not in self._candidates[session_id]:
                raise Refused("This person is not on this session's list.",
                              "此人不在本场次名单上。")
            existing = self._checkins[session_id].get(person_id)
            if existing is not None:
                existing.repeats += 1  # one check-in per person and session; repeats counted
                return existing
            now = _now()
            late = bool(s.starts_at) and now > dt.datetime.fromisoformat(
                s.starts_at) + dt.timedelta(minutes=s.late_minutes)  # type: ignore[arg-type]
            flag = "elsewhere" if person_id in self.exam_checkins(session_id) else ""
            c = CheckIn(person_id, session_id, method, now.isoformat(), user.name,
                        score, reason, late, flag)
            self._checkins[session_id][person_id] = c
            self._log(user.name, f"checkin_{method}", self._people[person_id].number,
                      reason or (f"{score:.3f}" if score is not None else ""))
            return c

    def _same_exam(self, session_id: int) -> list[int]:
        s = self._session(session_id)
        if s.kind != "exam":
            return []
        return [o.id for o in self._sessions.values()
                if o.id != session_id and o.kind == "exam" and o.name == s.name]

    def exam_checkins(self, session_id: int) -> dict[int, int]:
        """People already checked in to another room of the same exam -> that session."""
        with self._lock:
            return {pid: sid for sid in self._same_exam(session_id) for pid in self._checkins[sid]}

    def exam_people(self, session_id: int) -> dict[int, int]:
        """People on another room's list of the same exam -> that session."""
        with self._lock:
            return {pid: sid for sid in self._same_exam(session_id)
                    for pid in self._candidates[sid]}

    # ------------------------------------------------------------------ recognition data
    def gallery_arrays(self) -> tuple[np.ndarray, list[int]]:
        with self._lock:
            rows = [(pid, t) for pid, ts in self._templates.items() for t in ts]
            if not rows:
                return np.zeros((0, 128), np.float32), []
            return np.stack([t for _, t in rows]).astype(np.float32), [pid for pid, _ in rows]

    def reference_image(self, person_id: int) -> np.ndarray | None:
        with self._lock:
            p = self._people.get(person_id)
            if p is None or p.consent == "none" or not p.reference_ok:
                return None
            return self._references.get(person_id)

    def threshold(self) -> float:
        return float(self._settings["threshold"])

    # ------------------------------------------------------------------ notice, consent
    def notice(self) -> dict[str, str]:
        with self._lock:
            return dict(self._notice)

    def record_consent(self, person_id: int, *, user: User, given_by: str,
                       guardian_name: str = "", relationship: str = "",
                       method: str = "screen", notice_shown: bool = False) -> None:
        self._need_admin(user, "record consent", "登记同意")
        with self._lock:
            p = self.person(person_id)
            self._check_notice()
            if not notice_shown:
                raise Refused("Show the notice to the person before recording consent.",
                              "登记同意前，请先向本人出示告知书。")
            if given_by not in ("self", "guardian"):
                raise BadInput("Say who gives consent.", "请选择由谁表示同意。")
            if p.needs_guardian and given_by != "guardian":
                raise Refused(f"{p.name} is under 14: a guardian must give consent.",
                              f"{p.name}未满14周岁，须由监护人同意。")
            if given_by == "guardian" and not (guardian_name.strip() and relationship.strip()):
                raise BadInput("Give the guardian's name and relationship.",
                               "请填写监护人姓名及与本人的关系。")
            p.consent = given_by  # type: ignore[assignment]
            p.reference_ok = True
            self._log(user.name, "consent_record", p.number, f"{given_by} {method}")

    def _check_notice(self) -> None:
        empty = [k for k in NOTICE_FIELDS if not self._notice.get(k, "").strip()]
        if empty:
            raise Refused("The notice is incomplete (" + ", ".join(empty) + "): "
                          "fill it in Settings before enrolling anyone.",
                          "告知书不完整（" + "、".join(empty) + "）：请先在设置中填写，"
                          "再进行录入。")

    def withdraw_consent(self, person_id: int, *, user: User) -> dict[str, Any]:
        with self._lock:
            p = self.person(person_id)
            removed = len(self._templates.pop(person_id, []))
            self._references.pop(person_id, None)
            p.consent, p.enrolled, p.reference_ok = "none", False, False
            self._log(user.name, "consent_withdraw", p.number, f"templates={removed}")
            return {"kind": "deletion", "number": p.number, "name": p.name,
                    "templates_deleted": removed, "at": _now().isoformat(), "by": user.name}

    def delete_person(self, person_id: int, *, user: User) -> dict[str, Any]:
        self._need_admin(user, "delete a person", "删除人员")
        with self._lock:
            receipt = self.withdraw_consent(person_id, user=user)
            del self._people[person_id]
            for cands in self._candidates.values():
                cands.pop(person_id, None)
            self._log(user.name, "person_delete", receipt["number"])
            return receipt | {"kind": "person_deletion"}

    def enrol_template(self, person_id: int, template: np.ndarray, *, user: User,
                       source: str) -> EnrolOutcome:
        self._need_admin(user, "enrol faces", "录入人脸")
        with self._lock:
            p = self.person(person_id)
            self._check_notice()
            if p.consent == "none":
                raise Refused(f"{p.name} has no consent record: record separate consent first.",
                              f"{p.name}没有同意记录：请先单独登记同意。")
            if p.needs_guardian and p.consent != "guardian":
                raise Refused(f"{p.name} is under 14: a guardian must give consent.",
                              f"{p.name}未满14周岁，须由监护人同意。")
            t = np.asarray(template, np.float32).reshape(128)
            for other, ts in self._templates.items():
                if other != person_id and any(np.linalg.norm(x - t) < 0.4 for x in ts):
                    return EnrolOutcome(person_id, False, ["duplicate"],
                                        self._people[other].number, source)
            self._templates.setdefault(person_id, []).append(t)
            p.enrolled = True
            self._log(user.name, "enrol", p.number, source)
            return EnrolOutcome(person_id, True, [], "", source)

    # ------------------------------------------------------------------ roster import
    def preview_roster(self, path: str) -> list[ImportRow]:
        return parse_roster(path)

    def import_roster(self, path: str, *, user: User) -> dict[str, int]:
        self._need_admin(user, "import a roster", "导入名单")
        rows = parse_roster(path)
        added = updated = 0
        with self._lock:
            by_number = {p.number: p for p in self._people.values()}
            for r in rows:
                if r.error:
                    continue
                v = r.values
                p = by_number.get(v["number"])
                if p is None:
                    self.add_person(v["number"], v["name"], class_name=v.get("class", ""),
                                    birth_date=v.get("birth_date") or None,
                                    id_number=v.get("id_number", ""))
                    added += 1
                else:
                    p.name, p.class_name = v["name"], v.get("class", p.class_name)
                    updated += 1
            self._log(user.name, "roster_import", Path(path).name, f"+{added} ~{updated}")
        return {"added": added, "updated": updated,
                "errors": sum(1 for r in rows if r.error)}

    # ------------------------------------------------------------------ administration
    def settings(self) -> dict[str, Any]:
        with self._lock:
            return dict(self._settings) | {"notice": dict(self._notice)}

    def update_settings(self, values: dict[str, Any], *, user: User) -> None:
        self._need_admin(user, "change settings", "修改设置")
        with self._lock:
            notice = values.pop("notice", None)
            if notice:
                self._notice.update(notice)
            for key, value in values.items():
                if key not in self._settings:
                    raise BadInput(f"Unknown setting {key!r}.", f"未知设置 {key!r}。")
                self._settings[key] = type(self._settings[key])(value)
            self._log(user.name, "settings", ",".join(sorted(values)))

    def audit(self, limit: int = 500) -> list[AuditRow]:
        with self._lock:
            return list(reversed(self._audit[-limit:]))

    def filing(self) -> dict[str, int]:
        with self._lock:
            return {"people_with_faces": sum(1 for ts in self._templates.values() if ts),
                    "warning_level": int(self._settings["filing_warning"]),
                    "threshold": 100_000}


# ---------------------------------------------------------------------- roster files
def parse_roster(path: str) -> list[ImportRow]:
    """Rows of a CSV (UTF-8 or GBK/GB18030) or XLSX roster, each with its error if any."""
    p = Path(path)
    if not p.is_file():
        raise BadInput(f"File not found: {p}.", f"找不到文件：{p}。")
    if p.suffix.lower() == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
        table = [["" if c is None else str(c) for c in row]
                 for row in wb.active.iter_rows(values_only=True)]
    else:
        raw = p.read_bytes()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise BadInput("The roster is neither UTF-8 nor GBK text.",
                           "名单文件既不是 UTF-8 也不是 GBK 编码。")
        table = list(csv.reader(io.StringIO(text)))
    if not table:
        raise BadInput("The roster file is empty.", "名单文件为空。")
    header = [h.strip().lower() for h in table[0]]
    cols: dict[str, int] = {}
    for key, names in _HEADERS.items():
        for i, h in enumerate(header):
            if h in names:
                cols[key] = i
    if "number" not in cols or "name" not in cols:
        raise BadInput("The roster needs a number column and a name column "
                       "(number/name or 学号/姓名).",
                       "名单须包含学号列和姓名列（学号/姓名 或 number/name）。")
    rows = []
    seen: set[str] = set()
    for n, line in enumerate(table[1:], start=2):
        if not any(c.strip() for c in line):
            continue
        v = {k: (line[i].strip() if i < len(line) else "") for k, i in cols.items()}
        error = ""
        if not v["number"]:
            error = "missing number / 缺少学号"
        elif not v["name"]:
            error = "missing name / 缺少姓名"
        elif v["number"] in seen:
            error = "duplicate number / 学号重复"
        elif v.get("birth_date"):
            try:
                dt.date.fromisoformat(v["birth_date"])
            except ValueError:
                error = "bad birth date (YYYY-MM-DD) / 出生日期格式错误"
        seen.add(v["number"])
        rows.append(ImportRow(n, v, error))
    return rows
