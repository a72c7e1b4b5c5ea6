"""The window's ``Backend`` on the real station (``headcount.station.Station``, issue 3).

A thin translation layer: the facade speaks in person *numbers* and its own records;
the window speaks in person ids and the small dataclasses of gui/backend.py. Every
rule (consent, guardian, roles, audit) stays in the station; nothing is re-checked
here. The facade is only called from the task manager's single worker thread.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from headcount.gui.backend import (
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

_SETTING_NAMES = {"school": "school_name", "threshold": "match_threshold",
                  "late_minutes": "late_minutes", "retention_days": "retention_left_days",
                  "filing_warning": "filing_warning"}


class StationBackend:
    def __init__(self, station: Any) -> None:
        self.st = station
        self._cue = True

    # ------------------------------------------------------------------ conversions
    def _person(self, p: Any) -> Person:
        active = self.st.consent.active(p.id)
        by = "none" if active is None else ("guardian" if active.given_by == "guardian"
                                            else "self")
        return Person(p.id, p.number, p.name, p.class_name,
                      str(p.birth_date) if p.birth_date else None, p.id_number or "",
                      by, self.st.templates.count(p.id) > 0, False)  # type: ignore[arg-type]

    @staticmethod
    def _session(s: Any) -> SessionInfo:
        return SessionInfo(s.id, s.kind, s.name, s.room or s.class_name, s.starts_at,
                           s.late_minutes, s.status)

    def _number(self, person_id: int) -> str:
        return str(self.st.people.by_id(person_id).number)

    @staticmethod
    def _user(user: User) -> Any:
        from headcount.store.users import User as StationUser

        return StationUser(user.name, user.role)

    # ------------------------------------------------------------------ users
    def needs_sign_in(self) -> bool:
        return True

    def sign_in(self, name: str, password: str) -> User:
        u = self.st.login(name, password)
        return User(u.name, u.role)

    # ------------------------------------------------------------------ sessions
    def sessions(self) -> list[SessionInfo]:
        return [self._session(s) for s in self.st.sessions.all()]

    def create_session(self, *, user: User, kind: str, name: str, room: str,
                       class_name: str = "", person_ids: list[int] | None = None) -> SessionInfo:
        cands = [(self._number(i), "") for i in person_ids] if person_ids else None
        return self._session(self.st.sessions.create(
            self._user(user), kind=kind, name=name, room=room, class_name=class_name,
            candidates=cands))

    def start_session(self, session_id: int, *, user: User) -> SessionInfo:
        return self._session(self.st.sessions.start(self._user(user), session_id))

    def close_session(self, session_id: int, *, user: User) -> SessionInfo:
        return self._session(self.st.sessions.close(self._user(user), session_id))

    def roster(self, session_id: int) -> list[RosterEntry]:
        out = []
        for row in self.st.attendance.roll(session_id):
            p = self._person(self.st.people.by_id(row["person_id"]))
            c = None
            if row["method"]:
                c = CheckIn(p.id, session_id, row["method"], _local(row["time"]),
                            row["operator"] or "", row["score"], row["reason"] or "",
                            row["status"] == "late",
                            "elsewhere" if any(f.startswith("also_in_session")
                                               for f in row["flags"]) else "",
                            row["repeats"])
            out.append(RosterEntry(p, row["seat"], c))
        return out

    def classes(self) -> list[str]:
        return sorted({p.class_name for p in self.st.people.all() if p.class_name})

    def people(self) -> list[Person]:
        return [self._person(p) for p in self.st.people.all()]

    def person(self, person_id: int) -> Person:
        return self._person(self.st.people.by_id(person_id))

    # ------------------------------------------------------------------ attendance
    def check_in(self, session_id: int, person_id: int, *, user: User, method: Method,
                 score: float | None = None, threshold: float | None = None,
                 reason: str = "") -> CheckIn:
        r = self.st.attendance.check_in(
            self._user(user), session_id, self._number(person_id), method=method,
            reason=reason, score=score, threshold=threshold,
            model_version="dlib-resnet-v1" if method == "face" else "")
        entry = next(e for e in self.roster(session_id) if e.person.id == person_id)
        c = entry.checkin
        assert c is not None
        c.repeats = 1 if r.outcome == "repeat" else 0
        return c

    def exam_checkins(self, session_id: int) -> dict[int, int]:
        return dict(self.st.attendance.other_rooms(session_id)["checked_in"])

    def exam_people(self, session_id: int) -> dict[int, int]:
        return dict(self.st.attendance.other_rooms(session_id)["on_list"])

    def gallery_arrays(self) -> tuple[np.ndarray, list[int]]:
        """Templates of consenting people (others never enter a gallery)."""
        ids = [p.id for p in self.st.people.all() if self.st.consent.active(p.id)]
        person_ids, templates = self.st.templates.gallery(ids)
        return np.asarray(templates, np.float32).reshape(-1, 128), [int(i) for i in person_ids]

    def reference_image(self, person_id: int) -> np.ndarray | None:
        return None  # the station stores templates, not pictures (C9)

    def threshold(self) -> float:
        return float(self.st.settings["match_threshold"])

    # ------------------------------------------------------------------ consent, enrolment
    def notice(self) -> dict[str, str]:
        from headcount.i18n import language

        n = self.st.notice.current()
        if n is None:
            return {}
        return {k: (t.zh if language() == "zh" else t.en) for k, t in n.fields.items()}

    def record_consent(self, person_id: int, *, user: User, given_by: str,
                       guardian_name: str = "", relationship: str = "",
                       method: str = "screen", notice_shown: bool = False) -> None:
        from headcount.errors import Refused

        if not notice_shown:
            raise Refused("Show the notice to the person before recording consent.",
                          "登记同意前，请先向本人出示告知书。")
        self.st.consent.record(self._user(user), self._number(person_id), by=given_by,
                               method=method, guardian_name=guardian_name,
                               relationship=relationship)

    def withdraw_consent(self, person_id: int, *, user: User) -> dict[str, Any]:
        p = self.st.people.by_id(person_id)
        r = dict(self.st.consent.withdraw(self._user(user), p.number))
        return {"number": p.number, "name": p.name, "by": user.name,
                "at": r.get("created_at", dt.datetime.now().isoformat(timespec="seconds")),
                "templates_deleted": r.get("templates_deleted", r.get("data", {}).get(
                    "templates_deleted", 0)), **r}

    def delete_person(self, person_id: int, *, user: User) -> dict[str, Any]:
        p = self.st.people.by_id(person_id)
        r = dict(self.st.delete_person(self._user(user), p.number))
        return {"number": p.number, "name": p.name, "by": user.name, **r}

    def enrol_template(self, person_id: int, template: np.ndarray, *, user: User,
                       source: str) -> EnrolOutcome:
        o = self.st.enrolment.enrol_template(self._user(user), self._number(person_id),
                                             template, source=source)
        return EnrolOutcome(person_id, bool(o.stored), list(o.reasons), o.duplicate_of or "",
                            source)

    def preview_roster(self, path: str) -> list[ImportRow]:
        from headcount.roster.reader import parse_roster

        result = parse_roster(path)
        rows = [ImportRow(r.row, {"number": r.number, "name": r.name, "class": r.class_name,
                                  "birth_date": str(r.birth_date or "")}) for r in result.rows]
        rows += [ImportRow(e.row, {}, str(getattr(e, "message", e))) for e in result.errors]
        return sorted(rows, key=lambda r: r.row)

    def import_roster(self, path: str, *, user: User) -> dict[str, int]:
        r = self.st.import_roster(self._user(user), path)
        return {"added": int(r.get("added", 0)), "updated": int(r.get("updated", 0)),
                "errors": len(r.get("errors", []))}

    # ------------------------------------------------------------------ administration
    def settings(self) -> dict[str, Any]:
        s = self.st.settings.as_dict()
        out = {k: s[v] for k, v in _SETTING_NAMES.items() if v in s}
        return out | {"cue_sound": self._cue, "notice": self.notice()}

    def update_settings(self, values: dict[str, Any], *, user: User) -> None:
        values = dict(values)
        values.pop("notice", None)  # the notice is versioned: `headcount notice set`
        self._cue = bool(values.pop("cue_sound", self._cue))
        self.st.set_settings(self._user(user), **{_SETTING_NAMES[k]: v
                                                  for k, v in values.items()
                                                  if k in _SETTING_NAMES})

    def audit(self, limit: int = 500) -> list[AuditRow]:
        return [AuditRow(e.ts, e.actor, e.action, e.subject, str(e.details or ""))
                for e in self.st.audit.entries(limit=limit)]

    def filing(self) -> dict[str, int]:
        f = self.st.filing.status()
        return {"people_with_faces": int(f["people_with_facial_data"]),
                "warning_level": int(f["warning_level"]), "threshold": int(f["filing_level"])}


def _local(ts: str | None) -> str:
    """Station times are UTC ISO; the window shows local time."""
    if not ts:
        return ""
    t = dt.datetime.fromisoformat(ts)
    if t.tzinfo is not None:
        t = t.astimezone()
    return t.replace(tzinfo=None).isoformat(timespec="seconds")
