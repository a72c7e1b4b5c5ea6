"""Check-ins (C6, C7): one per person per session, face or manual with equal standing.

An event records person, time, method, score/threshold/model (face), operator, the
reason for a manual check, and the station. Repeats are ignored and counted; a person
checked in to two rooms of the same exam is flagged. Corrections are separate rows with
who and why: the original event is never overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlite_utils

from headcount.attendance.reasons import REASONS
from headcount.attendance.recognition import session_gallery
from headcount.attendance.roll import RollCorrection, RollRow
from headcount.attendance.sessions import Session, Sessions, parse_time
from headcount.errors import BadInput, Refused
from headcount.i18n import Text
from headcount.models import MODEL_VERSION
from headcount.store.audit import AuditLog
from headcount.store.db import atomic, insert
from headcount.store.people import People
from headcount.store.settings import Settings
from headcount.store.templates import Templates
from headcount.store.users import User

__all__ = ["REASONS", "STATUSES", "Attendance", "CheckinResult", "FaceCheckins",
           "face_templates"]
STATUSES = ("expected", "present_face", "present_manual", "late", "absent")


@dataclass
class CheckinResult:
    session_id: int
    number: str
    outcome: str  # "recorded" | "repeat"
    event_id: int
    method: str
    status: str
    flags: list[str] = field(default_factory=list)
    messages: list[Text] = field(default_factory=list)
    score: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"session": self.session_id, "number": self.number, "outcome": self.outcome,
                "event": self.event_id, "method": self.method, "status": self.status,
                "flags": self.flags, "score": self.score,
                "messages": [m.both() for m in self.messages]}


@dataclass(frozen=True)
class Corrected:
    """A correction recorded beside the check-in (which stays as it was)."""

    correction: int
    session: int
    number: str
    status: str

    def as_dict(self) -> dict[str, Any]:
        return {"correction": self.correction, "session": self.session,
                "number": self.number, "status": self.status}


@dataclass(frozen=True)
class Ambiguous:
    """A face close to two people of the list: a person decides, nothing is recorded."""

    candidates: tuple[str, str]  # the two numbers, the closer first
    distances: tuple[float | None, float | None]


@dataclass(frozen=True)
class Elsewhere:
    """A face of another room's candidate: told, never checked in here."""

    number: str
    session: int | None  # the room (session) they belong to


@dataclass(frozen=True)
class FaceCheckins:
    """What ``check_in_templates`` did with the faces of one frame."""

    session: int
    faces: int
    unknown: int  # faces close to no one of the list
    ambiguous: tuple[Ambiguous, ...]
    elsewhere: tuple[Elsewhere, ...]
    checkins: tuple[CheckinResult, ...]  # recorded (or repeats)

    def as_dict(self) -> dict[str, Any]:
        return {"session": self.session, "faces": self.faces, "unknown": self.unknown,
                "ambiguous": [{"candidates": list(a.candidates),
                               "distances": list(a.distances)} for a in self.ambiguous],
                "elsewhere": [{"number": e.number, "session": e.session}
                              for e in self.elsewhere],
                "checkins": [r.as_dict() for r in self.checkins]}


@dataclass(frozen=True)
class VideoCheckins:
    """What ``check_in_frames`` did with a video's frames: each person checked in once,
    each ambiguous pair and each other room's candidate reported once."""

    session: int
    frames: int  # frames analysed
    faces: int  # faces over all of them (a person seen in ten frames counts ten)
    unknown: int
    ambiguous: tuple[Ambiguous, ...]
    elsewhere: tuple[Elsewhere, ...]
    checkins: tuple[CheckinResult, ...]

    def as_dict(self) -> dict[str, Any]:
        one = FaceCheckins(self.session, self.faces, self.unknown, self.ambiguous,
                           self.elsewhere, self.checkins).as_dict()
        return {"session": self.session, "frames": self.frames, **one}


class Attendance:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog, people: People,
                 sessions: Sessions, templates: Templates, settings: Settings,
                 consent_active: Any, consenting: Any = None) -> None:
        self.db, self.audit, self.people, self.sessions = db, audit, people, sessions
        self.templates, self.settings = templates, settings
        self._consent_active = consent_active  # person_id -> bool
        self._consenting = consenting  # () -> set of person ids with current consent

    def open_session(self, session_id: int) -> Session:
        """The session, if it is open; Refused (with what to do) otherwise."""
        return self._open_session(session_id)

    def _open_session(self, session_id: int) -> Session:
        s = self.sessions.get(session_id)
        if s.status != "open":
            raise Refused(
                f"Session {s.id} is {s.status}: check-ins need an open session"
                + (" (Session > Start session; `headcount session start`)."
                   if s.status == "planned" else "."),
                f"场次 {s.id} 状态为 {s.status}：只有进行中的场次可以签到"
                + ("（场次 > 开始场次；`headcount session start`）。"
                   if s.status == "planned" else "。"))
        return s

    def _on_list(self, s: Session, person_id: int) -> str | None:
        row = self.db.execute("SELECT seat FROM candidates WHERE session_id = ? AND person_id = ?",
                              [s.id, person_id]).fetchone()
        return None if row is None else str(row[0])

    def check_in(self, actor: User, session_id: int, number: str, *, method: str = "manual",
                 reason: str = "", score: float | None = None, threshold: float | None = None,
                 model_version: str = "", station: str = "",
                 at: dt.datetime | None = None) -> CheckinResult:
        """Record that ``number`` is here. Manual checks need a reason from REASONS."""
        s = self._open_session(session_id)
        person = self.people.get(number)
        if self._on_list(s, person.id) is None:
            raise Refused(f"{person.number} is not on the list of session {s.id}.",
                          f"{person.number} 不在场次 {s.id} 的名单中。")
        if method == "manual":
            if reason not in REASONS:
                raise BadInput("A manual check needs --reason " + "|".join(REASONS) + ".",
                               "人工核验需要 --reason " + "|".join(REASONS) + "。")
            score = threshold = None
            model_version = ""
        elif method == "face":
            model_version = model_version or MODEL_VERSION
            if score is None or threshold is None:
                raise BadInput("A face check-in needs its score and threshold.",
                               "人脸签到需要比对分数和阈值。")
            if s.camera_off:
                raise Refused(f"Session {s.id} runs without the camera: check people in "
                              "manually.",
                              f"场次 {s.id} 不使用摄像头：请人工核验签到。")
            if s.legal_basis == "consent" and not self._consent_active(person.id):
                raise Refused(f"{person.number} has no consent to face recognition; "
                              "check them manually.",
                              f"{person.number} 未同意人脸识别，请人工核验。")
        else:
            raise BadInput("The method is face or manual.", "方式须为 face 或 manual。")
        when = (at or dt.datetime.now(dt.UTC)).isoformat(timespec="microseconds")
        with atomic(self.db):
            existing = self.db.execute(
                "SELECT id, method FROM checkins WHERE session_id = ? AND person_id = ?",
                [s.id, person.id]).fetchone()
            if existing:
                self.db.execute("UPDATE checkins SET repeats = repeats + 1 WHERE id = ?",
                                [existing[0]])
                return CheckinResult(s.id, person.number, "repeat", existing[0], existing[1],
                                     self.status_of(s, person.id), ["repeat"], [Text(
                                         f"{person.number} is already checked in.",
                                         f"{person.number} 已签到。")], score)
            flags, messages = self._elsewhere(s, person.id, person.number)
            eid = insert(self.db, "checkins", {
                "session_id": s.id, "person_id": person.id, "ts": when, "method": method,
                "score": score, "threshold": threshold, "model_version": model_version,
                "operator": actor.name, "reason": reason if method == "manual" else "",
                "station": station, "repeats": 0, "flag": ",".join(flags),
            })
            self.audit.record(actor.name, "checkin", person.number,
                              {"session": s.id, "event": eid, "method": method,
                               "reason": reason, "flags": flags})
        return CheckinResult(s.id, person.number, "recorded", eid, method,
                             self.status_of(s, person.id), flags, messages, score)

    def _elsewhere(self, s: Session, person_id: int, number: str) -> tuple[list[str], list[Text]]:
        """Same exam, another room: flag it (the invigilator decides)."""
        if s.kind != "exam":
            return [], []
        rows = self.db.execute(
            "SELECT s.id, s.room FROM checkins c JOIN sessions s ON s.id = c.session_id"
            " WHERE c.person_id = ? AND s.kind = 'exam' AND s.name = ? AND s.id != ?",
            [person_id, s.name, s.id]).fetchall()
        flags = [f"also_in_session:{r[0]}" for r in rows]
        messages = [Text(f"{number} is already checked in to room {r[1]} (session {r[0]}) "
                         "of this exam.",
                         f"{number} 已在本场考试的 {r[1]} 考场（场次 {r[0]}）签到。")
                    for r in rows]
        return flags, messages

    def other_rooms(self, session_id: int) -> dict[str, dict[int, int]]:
        """For an exam room: the people on other rooms' lists of the same exam
        (``on_list``: person id -> session id) and those already checked in elsewhere
        (``checked_in``), so a window can warn "this candidate belongs to room 102"."""
        s = self.sessions.get(session_id)
        if s.kind != "exam":
            return {"on_list": {}, "checked_in": {}}
        q = self.db.execute
        on_list = {r[0]: r[1] for r in q(
            "SELECT c.person_id, c.session_id FROM candidates c JOIN sessions s"
            " ON s.id = c.session_id WHERE s.kind = 'exam' AND s.name = ? AND s.id != ?",
            [s.name, s.id])}
        checked = {r[0]: r[1] for r in q(
            "SELECT c.person_id, c.session_id FROM checkins c JOIN sessions s"
            " ON s.id = c.session_id WHERE s.kind = 'exam' AND s.name = ? AND s.id != ?",
            [s.name, s.id])}
        return {"on_list": on_list, "checked_in": checked}

    def status_of(self, s: Session, person_id: int) -> str:
        return self._status(s, self.db.execute(
            "SELECT ts, method FROM checkins WHERE session_id = ? AND person_id = ?",
            [s.id, person_id]).fetchone())

    def _status(self, s: Session, event: tuple[str, str] | None) -> str:
        if event is None:
            return "absent" if s.status == "closed" else "expected"
        late_after = s.late_after()
        if late_after and parse_time(event[0]) > late_after:
            return "late"
        return "present_face" if event[1] == "face" else "present_manual"

    def correct(self, actor: User, session_id: int, number: str, *, status: str,
                reason: str) -> Corrected:
        """Record a correction (who, why); the original event stays as it was."""
        s = self.sessions.get(session_id)
        person = self.people.get(number)
        if status not in STATUSES:
            raise BadInput("The status is one of " + ", ".join(STATUSES) + ".",
                           "状态须为 " + "、".join(STATUSES) + " 之一。")
        if not reason.strip():
            raise BadInput("A correction needs a reason.", "更正需要填写原因。")
        if self._on_list(s, person.id) is None:
            raise Refused(f"{person.number} is not on the list of session {s.id}.",
                          f"{person.number} 不在场次 {s.id} 的名单中。")
        with atomic(self.db):
            cid = self.db.table("corrections").insert({
                "session_id": s.id, "person_id": person.id,
                "ts": dt.datetime.now(dt.UTC).isoformat(), "operator": actor.name,
                "status": status, "reason": reason.strip()}).last_pk
            self.audit.record(actor.name, "correction", person.number,
                              {"session": s.id, "status": status, "correction": cid})
        return Corrected(int(cid or 0), s.id, person.number, status)

    def roll(self, session_id: int) -> list[RollRow]:
        """Every person on the list with status, method, time, flags and corrections."""
        s = self.sessions.get(session_id)
        events = {r[0]: r[1:] for r in self.db.execute(
            "SELECT person_id, ts, method, score, threshold, model_version, operator, reason,"
            " repeats, flag, id FROM checkins WHERE session_id = ?", [s.id])}
        fixes: dict[int, RollCorrection] = {}
        for pid, status, operator, reason, ts in self.db.execute(
                "SELECT person_id, status, operator, reason, ts FROM corrections"
                " WHERE session_id = ? ORDER BY id", [s.id]):
            fixes[pid] = RollCorrection(status, operator, reason, ts)
        out = []
        for c in self.sessions.candidates(s.id):
            ev = events.get(c.person_id)
            fix = fixes.get(c.person_id)
            recorded = self._status(s, (ev[0], ev[1]) if ev else None)
            status = fix.status if fix else recorded
            if ev is None:
                out.append(RollRow(**vars(c), status=status, recorded_status=recorded,
                                   correction=fix))
                continue
            ts, method, score, threshold, model, operator, reason, repeats, flag, event = ev
            out.append(RollRow(
                **vars(c), status=status, recorded_status=recorded, method=method, time=ts,
                score=score, threshold=threshold, model_version=model, operator=operator,
                reason=reason, repeats=repeats,
                flags=tuple(f for f in (flag or "").split(",") if f), event=event,
                correction=fix))
        return out

    def summary(self, session_id: int) -> dict[str, int]:
        """The counts as the attendance report gives them: ``expected`` is everyone on the
        list (应到), then each status; ``pending``: not checked yet (未核验)."""
        roll = self.roll(session_id)
        counts = {"expected": len(roll)} | dict.fromkeys(
            ("present_face", "present_manual", "late", "absent", "pending"), 0)
        for row in roll:
            counts["pending" if row.status == "expected" else row.status] += 1
        return counts

    # --- face check-in -------------------------------------------------------------
    def allowed_ids(self, s: Session) -> list[int]:
        """Who may be matched in this session: its own list only (C1), and of those only
        people with active consent unless the session rests on a statutory basis."""
        if s.camera_off:  # the teacher chose no camera: nobody is matched
            return []
        return [c.person_id for c in self.sessions.candidates(s.id)
                if self.matchable(s, c.person_id)]

    def competitor_ids(self, exclude: set[int]) -> set[int]:
        """The competitors of a session (attendance/recognition.py): people still at the
        school with current consent to face recognition, not in ``exclude`` (the
        session's list and other rooms). Only their templates' distances are used: never
        a name, a card or a check-in."""
        if self._consenting is None:
            return set()
        active = {r[0] for r in self.db.execute("SELECT id FROM people WHERE status = 'active'")}
        return (set(self._consenting()) & active) - exclude

    def matchable(self, s: Session, person_id: int) -> bool:
        """Consent, unless the session rests on a statutory basis (C1, C3)."""
        return s.legal_basis != "consent" or bool(self._consent_active(person_id))

    def check_in_templates(self, actor: User, session_id: int, templates: list[np.ndarray], *,
                           model_version: str, station: str = "",
                           seen: set[str] | None = None) -> FaceCheckins:
        """Match each face's template against the session's list; check in the matches.

        ``score`` is the Euclidean distance (lower is closer; a match is below
        ``match_threshold``). Two people both close (``ambiguous``) are never recorded
        automatically: they are returned for a person to decide. Numbers in ``seen``
        (already checked in by this video run) are skipped rather than counted as
        repeats; matched numbers are added to it."""
        s = self._open_session(session_id)
        gallery = session_gallery(self, s.id)
        results: list[CheckinResult] = []
        ambiguous: list[Ambiguous] = []
        elsewhere: list[Elsewhere] = []
        unknown = 0
        for m in gallery.decide_all(list(templates)):
            if m.kind in ("unknown", "unmatchable") and not m.ambiguous:
                unknown += 1
                continue
            assert m.person_id is not None
            number = self.people.by_id(m.person_id).number
            if m.ambiguous:
                other = self.people.by_id(int(m.runner_up_id or 0)).number
                ambiguous.append(Ambiguous((number, other),
                                           (m.distance, m.runner_up_distance)))
                continue
            if m.kind == "elsewhere":  # another room's candidate: told, never checked in
                elsewhere.append(Elsewhere(number, m.other_session))
                continue
            if seen is not None:
                if number in seen:
                    continue
                seen.add(number)
            results.append(self.check_in(actor, s.id, number, method="face",
                                         score=float(m.distance or 0.0),
                                         threshold=gallery.threshold,
                                         model_version=model_version, station=station))
        return FaceCheckins(s.id, len(templates), unknown, tuple(ambiguous), tuple(elsewhere),
                            tuple(results))


def check_in_frames(attendance: Attendance, actor: User, session_id: int,
                    frames: Iterable[list[np.ndarray]], *, model_version: str,
                    station: str = "") -> VideoCheckins:
    """Unattended check-in from a run of frames (each a list of face templates): a
    person is checked in at their first confident frame; faces close to two people and
    other rooms' candidates are collected (once each) for a person to deal with."""
    seen: set[str] = set()
    count = faces = unknown = 0
    ambiguous: dict[frozenset[str], Ambiguous] = {}
    elsewhere: dict[str, Elsewhere] = {}
    checkins: list[CheckinResult] = []
    for templates in frames:
        res = attendance.check_in_templates(actor, session_id, templates,
                                            model_version=model_version, station=station,
                                            seen=seen)
        count, faces, unknown = count + 1, faces + res.faces, unknown + res.unknown
        for a in res.ambiguous:
            ambiguous.setdefault(frozenset(a.candidates), a)
        for e in res.elsewhere:
            elsewhere.setdefault(e.number, e)
        checkins += res.checkins
    return VideoCheckins(session_id, count, faces, unknown, tuple(ambiguous.values()),
                         tuple(elsewhere.values()), tuple(checkins))


def face_templates(engine: Any, rgb: np.ndarray) -> list[np.ndarray]:
    """Templates of the usable faces in a frame (``FaceEngine.analyse``: every face).
    The frame itself is never stored (C9)."""
    return [f.descriptor for f in engine.analyse(rgb)
            if f.descriptor is not None and f.quality_ok]
