"""Sessions: an exam room (exam name, room, start/end, candidates with seats, late
threshold, the invigilators who sign its report) or a class period (class, period,
teacher). Each has a legal basis: consent
by default; an administrator may record a statutory basis for an exam (shown on reports).

Matching only ever uses the session's own list of people (C1).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from headcount.errors import BadInput, Refused
from headcount.results import Result
from headcount.roles import require
from headcount.store.audit import AuditLog
from headcount.store.db import atomic, insert
from headcount.store.migrations import now_iso
from headcount.store.people import People
from headcount.store.settings import Settings
from headcount.store.users import User

KINDS = ("exam", "class")
_COLS = ("id", "kind", "name", "room", "class_name", "period", "teacher", "starts_at",
         "ends_at", "late_minutes", "status", "legal_basis", "legal_basis_text",
         "legal_basis_by", "station", "created_by", "created_at", "opened_at", "closed_at",
         "purged_at", "invigilators", "camera_off")
MAX_INVIGILATORS = 12


@dataclass(frozen=True)
class Session(Result):
    id: int
    kind: str
    name: str
    room: str
    class_name: str
    period: str
    teacher: str
    starts_at: str | None
    ends_at: str | None
    late_minutes: int
    status: str
    legal_basis: str
    legal_basis_text: str
    legal_basis_by: str
    station: str
    created_by: str
    created_at: str
    opened_at: str | None
    closed_at: str | None
    purged_at: str | None
    invigilators: tuple[str, ...] = ()  # named people who sign the report (not accounts)
    camera_off: int = 0  # the teacher chose to run it without the camera: manual only

    @classmethod
    def from_row(cls, row: Any) -> Session:
        values = dict(zip(_COLS, row, strict=True))
        values["invigilators"] = tuple(json.loads(values["invigilators"] or "[]"))
        return cls(**values)


    def late_after(self) -> dt.datetime | None:
        start = self.starts_at or self.opened_at
        if not start:
            return None
        return parse_time(start) + dt.timedelta(minutes=self.late_minutes)


def parse_time(value: str) -> dt.datetime:
    """ISO time; naive values are taken as local time and stored with their offset."""
    try:
        t = dt.datetime.fromisoformat(value.strip().replace(" ", "T", 1))
    except ValueError as err:
        raise BadInput(f"{value!r} is not a time like 2025-06-07T09:00.",
                       f"{value!r} 不是时间，格式如 2025-06-07T09:00。") from err
    return t if t.tzinfo else t.astimezone()


def clean_names(names: Sequence[str]) -> tuple[str, ...]:
    """Invigilators' names, trimmed, once each; at most ``MAX_INVIGILATORS``."""
    out = tuple(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    if len(out) > MAX_INVIGILATORS or any(len(n) > 60 for n in out):
        raise BadInput(f"Name at most {MAX_INVIGILATORS} invigilators, each up to 60 "
                       "characters.",
                       f"监考人员最多 {MAX_INVIGILATORS} 名，每个姓名不超过 60 个字符。")
    return out


@dataclass(frozen=True)
class ListEntry:
    """One person on a session's list."""

    person_id: int
    number: str
    name: str
    class_name: str
    seat: str


class Sessions:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog, people: People,
                 settings: Settings) -> None:
        self.db, self.audit, self.people, self.settings = db, audit, people, settings

    def get(self, session_id: int | str) -> Session:
        """The session with this id; BadInput (exit 2) naming it when there is none."""
        try:
            sid = int(session_id)
        except (TypeError, ValueError):
            sid = None
        if sid is not None and not 0 < sid < 1 << 63:  # SQLite's integers: 64-bit
            sid = None
        row = None if sid is None else self.db.execute(
            f"SELECT {', '.join(_COLS)} FROM sessions WHERE id = ?", [sid]).fetchone()
        if not row:
            raise BadInput(f"No session {session_id!s}: `headcount session list` shows the "
                           "sessions of this station.",
                           f"没有编号为 {session_id!s} 的场次：`headcount session list` "
                           "可列出本工作站的场次。")
        return Session.from_row(row)

    def all(self, *, status: str | None = None) -> list[Session]:
        sql = f"SELECT {', '.join(_COLS)} FROM sessions"
        params = []
        if status:
            sql += " WHERE status = ?"
            params.append(status)
        return [Session.from_row(r) for r in self.db.execute(sql + " ORDER BY id", params)]

    def create(self, actor: User, *, kind: str, name: str, room: str = "", class_name: str = "",
               period: str = "", teacher: str = "", starts_at: str | None = None,
               ends_at: str | None = None, late_minutes: int | None = None,
               candidates: list[tuple[str, str]] | None = None, station: str = "",
               invigilators: Sequence[str] = ()) -> Session:
        """A new planned session. ``candidates`` are (number, seat); without them a class
        session takes every active person of ``class_name``. ``invigilators``: the people
        who will sign the report (the signed-in account is not one unless named)."""
        names = clean_names(invigilators)
        if kind not in KINDS:
            raise BadInput("The kind must be exam or class.", "场次类型须为 exam 或 class。")
        if not name.strip():
            raise BadInput("A session needs a name.", "场次需要名称。")
        start = parse_time(starts_at).isoformat() if starts_at else None
        end = parse_time(ends_at).isoformat() if ends_at else None
        if start and end and end <= start:
            raise BadInput("The end is before the start.", "结束时间早于开始时间。")
        if candidates is None:
            if not class_name:
                raise BadInput("Give the candidates (--roster FILE) or a class (--class C).",
                               "请提供考生名单（--roster 文件）或班级（--class 班级）。")
            candidates = [(p.number, "") for p in self.people.all(class_name=class_name,
                                                                   status="active")]
        missing = [n for n, _ in candidates if self.people.find(n) is None]
        if missing:
            raise BadInput("Not on the station's roster: " + ", ".join(missing[:10]),
                           "不在本工作站名单中：" + "、".join(missing[:10]))
        late = int(self.settings["late_minutes"] if late_minutes is None else late_minutes)
        with atomic(self.db):
            sid = insert(self.db, "sessions", {
                "kind": kind, "name": name.strip(), "room": room, "class_name": class_name,
                "period": period, "teacher": teacher, "starts_at": start, "ends_at": end,
                "late_minutes": late, "status": "planned", "legal_basis": "consent",
                "station": station, "created_by": actor.name, "created_at": now_iso(),
                "invigilators": json.dumps(list(names), ensure_ascii=False),
            })
            self.db.table("candidates").insert_all(
                {"session_id": sid, "person_id": self.people.get(n).id, "seat": seat}
                for n, seat in candidates)
            self.audit.record(actor.name, "session_create", f"session:{sid}",
                              {"kind": kind, "name": name, "room": room,
                               "candidates": len(candidates), "invigilators": list(names)})
        return self.get(sid)

    def _set_status(self, actor: User, session_id: int, status: str, stamp: str) -> Session:
        s = self.get(session_id)
        allowed = {"open": ("planned",), "closed": ("planned", "open")}[status]
        if s.status not in allowed:
            raise Refused(f"Session {s.id} is {s.status}; it cannot become {status}.",
                          f"场次 {s.id} 当前为 {s.status}，不能改为 {status}。")
        with atomic(self.db):
            self.db.execute(f"UPDATE sessions SET status = ?, {stamp} = ? WHERE id = ?",
                            [status, now_iso(), s.id])
            self.audit.record(actor.name, f"session_{'start' if status == 'open' else 'close'}",
                              f"session:{s.id}")
        return self.get(s.id)

    def set_camera(self, actor: User, session_id: int, *, on: bool) -> Session:
        """The teacher or invigilator may run a session without the camera (Measures
        art. 10: nobody in the room is then analysed); audited. Any signed-in user."""
        s = self.get(session_id)
        with atomic(self.db):
            self.db.execute("UPDATE sessions SET camera_off = ? WHERE id = ?",
                            [0 if on else 1, s.id])
            self.audit.record(actor.name, "session_camera", f"session:{s.id}", {"on": on})
        return self.get(s.id)

    def start(self, actor: User, session_id: int) -> Session:
        return self._set_status(actor, session_id, "open", "opened_at")

    def close(self, actor: User, session_id: int) -> Session:
        return self._set_status(actor, session_id, "closed", "closed_at")

    def set_legal_basis(self, actor: User, session_id: int, basis: str, text: str = "") -> Session:
        """Consent (default) or, for a state exam, a statutory basis (administrators only)."""
        require(actor, "session.basis")
        s = self.get(session_id)
        if basis not in ("consent", "statutory"):
            raise BadInput("The legal basis is consent or statutory.",
                           "法律依据须为 consent 或 statutory。")
        if basis == "statutory" and (s.kind != "exam" or not text.strip()):
            raise Refused(
                "A statutory basis is only for exam sessions and must name the rule relied on.",
                "法定依据仅适用于考试场次，且须写明所依据的规定。")
        if basis == "statutory":
            statutory_problem(text)
        done = self.db.execute("SELECT count(*) FROM checkins WHERE session_id = ?",
                               [s.id]).fetchone()[0]
        if done and (basis, text.strip()) != (s.legal_basis, s.legal_basis_text):
            raise Refused(
                f"Session {s.id} already has {done} check-ins: its legal basis is chosen "
                "before the first check-in and cannot be switched now.",
                f"场次 {s.id} 已有 {done} 条签到记录：法律依据须在首次签到前确定，现已不能更改。")
        with atomic(self.db):
            self.db.execute("UPDATE sessions SET legal_basis = ?, legal_basis_text = ?,"
                            " legal_basis_by = ? WHERE id = ?",
                            [basis, text.strip(), actor.name, s.id])
            self.audit.record(actor.name, "legal_basis", f"session:{s.id}",
                              {"basis": basis, "text": text.strip()})
        return self.get(s.id)

    def candidates(self, session_id: int) -> list[ListEntry]:
        """The session's list, in seat order (then number)."""
        cur = self.db.execute(
            "SELECT p.id, p.number, p.name, p.class_name, c.seat FROM candidates c"
            " JOIN people p ON p.id = c.person_id WHERE c.session_id = ?"
            " ORDER BY c.seat = '', length(c.seat), c.seat, p.number", [int(session_id)])
        return [ListEntry(*r) for r in cur]


# A statutory basis names a law or regulation (a title in 《》) or the exam authority whose
# rule requires the check; a school's own exam (期末考试, a mid-term) rests on consent.
AUTHORITIES = ("教育部", "教育考试院", "考试院", "招生考试", "考试委员会", "教育厅",
               "人力资源和社会保障", "Ministry of Education", "Examinations Authority",
               "Examination Authority", "Examination Board")
LAW_WORDS = ("法", "条例", "规定", "办法", "规则", "细则")
SCHOOL_EXAM = ("期末", "期中", "月考", "单元测", "校内", "本校", "学校", "final exam",
               "mid-term", "midterm", "school exam", "our school")


def statutory_problem(text: str) -> None:
    """Refused unless ``text`` names a law or an exam authority's rule; a school's own
    exam needs the authority named, not just a rule of its own."""
    t = text.strip()
    titled = any(w in t for w in LAW_WORDS)
    english_law = any(w in t for w in (" Law", "Regulation", "Measures for"))
    authority = any(a.lower() in t.lower() for a in AUTHORITIES)
    school = any(w.lower() in t.lower() for w in SCHOOL_EXAM)
    if (school and not authority) or not (titled or english_law or authority):
        raise Refused(
            f"'{t}' does not name a law or an exam authority's rule. A statutory basis "
            "names one (for example 《国家教育考试违规处理办法》 or the provincial education "
            "examinations authority's rule for the exam); a school's own exam rests on "
            "consent.",
            f"“{t}”未写明法律或考试主管机构的规定。法定依据须写明所依据的规定（例如《国家教育"
            "考试违规处理办法》或省教育考试院关于该考试的规定）；学校自行组织的考试（如期末考试）"
            "以同意为依据。")

