"""The window's one way to the station (``headcount.station.Station``).

A thin translation layer: the facade speaks in person *numbers* and its own records;
the window speaks in person ids and the small dataclasses of gui/backend.py. Every
rule (consent, guardian, roles, audit) stays in the station; nothing is re-checked
here. The facade is only called from the task manager's single worker thread: the
station's connection checks it (store/db.py ``WrongThread``).

Window preferences that the station has no setting for (the sound and visual cue;
the cameras too on a station from before its ``cameras`` setting) are kept in
``window.json`` beside the database: per station, never personal data.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import numpy as np

from headcount.attendance.roll_call import RollCallConfirmed, RollCallProposal
from headcount.compliance.assessment import AssessmentDone
from headcount.compliance.filing import FilingStatus
from headcount.gui.backend import (
    CheckIn,
    Correction,
    EnrolOutcome,
    ImportRow,
    Method,
    Person,
    RosterEntry,
    SessionInfo,
    User,
)
from headcount.models import MODEL_VERSION
from headcount.store.audit import AuditEntry
from headcount.store.people import ImportResult
from headcount.store.receipts import (
    ConsentWithdrawn,
    PersonDeleted,
    PurgeReceipt,
    ReceiptLine,
)

log = logging.getLogger(__name__)

# Window name -> station setting name.
_SETTING_NAMES = {"school": "school_name", "contact": "school_contact",
                  "late_minutes": "late_minutes",
                  "retention_days": "retention_left_days",
                  "attendance_days": "retention_attendance_days",
                  "filing_warning": "filing_warning", "language": "default_language",
                  "cameras": "cameras", "school_logo": "school_logo",
                  "camera_placements": "camera_placements",
                  "match_threshold": "match_threshold"}
# Window preferences and their defaults (kept in window.json when the station lacks them).
PREFERENCES: dict[str, Any] = {"cue_sound": True, "cue_visual": True, "cameras": []}
PREFS_FACE = "window"  # kept in window.json beside the database
# The window's notice keys -> the station's C2 field names.
NOTICE_KEYS = {"processor": "processor_name", "contact": "processor_contact",
               "purpose": "purpose", "method": "method", "retention": "retention",
               "necessity": "necessity", "rights": "rights", "alternative": "alternative"}
# Station roll status -> window status ("expected" is not yet here: shown as absent).
_STATUS = {"expected": "absent", "absent": "absent", "late": "late",
           "present_face": "present_face", "present_manual": "present_manual"}


class StationBackend:
    def __init__(self, station: Any) -> None:
        self.st = station
        # Reads of personal data are audited by the station (C10) as who opened which
        # view: the signed-in user, and the session whose roll the window shows (its
        # periodic refreshes and the re-reads after a check-in add no rows).
        self._reader: User | None = None
        self._viewing: tuple[str, int] | None = None
        self.password_notice: str | None = None  # set by sign_in, shown by the window

    def folders(self) -> tuple[Path, Path | None]:
        """The station's data folder and the key folder (None: the OS keyring); plain
        paths fixed at opening, safe to read from the GUI thread (Help > Self check)."""
        return Path(self.st.data_dir), getattr(self.st.keys, "key_dir", None)

    def _reader_user(self) -> Any:
        from headcount.store.users import User as StationUser

        u = self._reader
        return StationUser(u.name, u.role) if u else StationUser("(window)", "operator")

    # ------------------------------------------------------------------ conversions
    def _person(self, p: Any) -> Person:
        active = self.st.consent.active(p.id)
        by = "none" if active is None else "renew" if self.st.consent.stale(p.id) else (
            "guardian" if active.given_by == "guardian" else "self")
        return Person(p.id, p.number, p.name, p.class_name,
                      str(p.birth_date) if p.birth_date else None, p.id_number or "",
                      by, self.st.templates.count(p.id) > 0,  # type: ignore[arg-type]
                      withdrew=active is None and self.st.consent.withdrawn(p.id),
                      evidence=active.evidence if active else "",
                      needs_guardian=self.st.consent.is_child(p, dt.date.today()),
                      age_of_consent=int(self.st.settings["age_of_consent"]))

    @staticmethod
    def _session(s: Any) -> SessionInfo:
        late = s.late_after()
        return SessionInfo(s.id, s.kind, s.name, s.room or s.class_name, _local(s.starts_at)
                           or None, s.late_minutes, s.status, _local(s.opened_at) or None,
                           bool(s.camera_off),
                           dt.datetime.fromisoformat(_local(late.isoformat())) if late else None)

    def _number(self, person_id: int) -> str:
        return str(self.st.people.by_id(person_id).number)

    @staticmethod
    def _user(user: User) -> Any:
        from headcount.store.users import User as StationUser

        return StationUser(user.name, user.role)

    def hand_over(self) -> None:
        """The thread that opened the station lets go of it; the window's task thread
        takes it at its first call."""
        from headcount.store.db import hand_over

        hand_over(self.st.db)

    # ------------------------------------------------------------------ users
    def needs_sign_in(self) -> bool:
        return True

    def sign_in(self, name: str, password: str) -> User:
        u = self.st.login(name, password)
        self._reader, self._viewing = User(u.name, u.role), None
        if u.short_password:  # shown by the window once it opens
            from headcount.store.users import CHANGE_PASSWORD

            self.password_notice = CHANGE_PASSWORD.format(n=self.st.users.min_password())
        return self._reader

    def users(self, *, user: User) -> list[User]:
        """The station's users and roles, for administrators (the users dialog)."""
        return [User(a.name, a.role) for a in self.st.list_users(self._user(user))]

    def password_rules(self) -> dict[str, int]:
        """What the station accepts (shown beside the password fields)."""
        return {"min_password": self.st.users.min_password(), "max_name": 64}

    def add_user(self, name: str, role: str, password: str, *, user: User) -> User:
        """A new operator or administrator (the station checks role, rules, duplicates
        and audits it)."""
        u = self.st.users.add(self._user(user), name, role, password)
        return User(u.name, u.role)

    def change_password(self, name: str, password: str, *, user: User,
                        current: str | None = None) -> None:
        """One's own password (``current`` is checked by signing in again: a wrong one
        counts towards the lockout) or, for an administrator, anyone's."""
        from headcount.errors import BadInput

        if current is not None:
            if name != user.name:
                raise BadInput("The current password is only asked for one's own account.",
                               "只有修改自己的密码时才需要当前密码。")
            self.st.login(user.name, current)
        self.st.users.passwd(self._user(user), name, password)

    # ------------------------------------------------------------------ sessions
    def sessions(self) -> list[SessionInfo]:
        return [self._session(s) for s in self.st.sessions.all()]

    def session(self, session_id: int) -> SessionInfo:
        return self._session(self.st.sessions.get(session_id))

    def create_session(self, *, user: User, kind: str, name: str, room: str,
                       class_name: str = "", person_ids: list[int] | None = None,
                       starts_at: str | None = None,
                       late_minutes: int | None = None,
                       candidate_file: str = "",
                       invigilators: list[str] | None = None) -> SessionInfo:
        """A session; an exam's ``candidate_file`` (number, name, seat, ...) gives its
        list with seats (its people are imported), else ``person_ids`` or the class.
        ``invigilators``: the people who sign its report."""
        cands = [(self._number(i), f"{n:02d}") for n, i in enumerate(person_ids, 1)] \
            if person_ids else None
        if candidate_file:
            from headcount.attendance.candidate_list import import_candidates

            cands = import_candidates(self.st.people, self._user(user), candidate_file)
        return self._session(self.st.sessions.create(
            self._user(user), kind=kind, name=name, room=room, class_name=class_name,
            candidates=cands, starts_at=starts_at, late_minutes=late_minutes,
            invigilators=invigilators or ()))

    def start_session(self, session_id: int, *, user: User) -> SessionInfo:
        return self._session(self.st.sessions.start(self._user(user), session_id))

    def camera_off(self, session_id: int, *, user: User) -> SessionInfo:
        return self._session(self.st.sessions.set_camera(self._user(user), session_id, on=False))

    def record_assessment(self, *, user: User) -> AssessmentDone:
        n = self.st.notice.current()
        return self.st.assessment.record(self._user(user),
                                         notice_version=n.version if n else None)

    def close_session(self, session_id: int, *, user: User) -> SessionInfo:
        return self._session(self.st.sessions.close(self._user(user), session_id))

    def roster(self, session_id: int) -> list[RosterEntry]:
        reader = self._reader_user()
        if self._viewing != (reader.name, session_id):  # a newly opened session view
            rows = list(self.st.view_session(reader, session_id, via="window").roll)
            self._viewing = (reader.name, session_id)
        else:
            rows = self.st.attendance.roll(session_id)
        out = []
        for row in rows:
            p = self._person(self.st.people.by_id(row.person_id))
            c = None
            if row.method:
                c = CheckIn(p.id, session_id, row.method, _local(row.time),
                            row.operator or "", row.score, row.reason or "", row.late,
                            "elsewhere" if row.elsewhere else "", row.repeats)
            fix = row.correction
            corr = Correction(_STATUS.get(fix.status, fix.status), fix.by, fix.reason,
                              _local(fix.at)) if fix else None
            out.append(RosterEntry(p, row.seat, c, corr,
                                   _STATUS.get(row.recorded_status, row.recorded_status),
                                   _STATUS.get(row.status, row.status)))
        return out

    def classes(self) -> list[str]:
        return sorted({p.class_name for p in self.st.people.all() if p.class_name})

    def people(self) -> list[Person]:
        """The whole roster (the enrolment page): one audited read per listing."""
        return [self._person(p) for p in self.st.list_people(self._reader_user(),
                                                             via="window")]

    def person(self, person_id: int) -> Person:
        return self._person(self.st.people.by_id(person_id))

    # ------------------------------------------------------------------ attendance
    def check_in(self, session_id: int, person_id: int, *, user: User, method: Method,
                 score: float | None = None, threshold: float | None = None,
                 reason: str = "") -> CheckIn:
        r = self.st.attendance.check_in(
            self._user(user), session_id, self._number(person_id), method=method,
            reason=reason, score=score, threshold=threshold)
        entry = next(e for e in self.roster(session_id) if e.person.id == person_id)
        c = entry.checkin
        assert c is not None
        c.repeats = 1 if r.outcome == "repeat" else 0
        return c

    def correct(self, session_id: int, person_id: int, *, user: User, status: str,
                reason: str) -> Correction:
        """A correction row (who, why); the check-in itself is never changed."""
        self.st.attendance.correct(self._user(user), session_id, self._number(person_id),
                                   status=status, reason=reason)
        entry = next(e for e in self.roster(session_id) if e.person.id == person_id)
        assert entry.correction is not None
        return entry.correction

    def roll_call(self, session_id: int, rgb: np.ndarray, *, user: User) -> RollCallProposal:
        """Every face of a classroom frame proposed against the session's list."""
        return self.st.propose_roll_call(self._user(user), session_id, rgb)

    def confirm_roll_call(self, proposal: RollCallProposal, numbers: list[str], *,
                          user: User) -> RollCallConfirmed:
        return self.st.confirm_roll_call(self._user(user), proposal, numbers)

    def exam_checkins(self, session_id: int) -> dict[int, int]:
        return dict(self.st.attendance.other_rooms(session_id)["checked_in"])

    def session_gallery(self, session_id: int) -> Any:
        """What this session's feeds may match (``SessionGallery``, built by the core)."""
        from headcount.attendance.recognition import session_gallery

        return session_gallery(self.st.attendance, session_id)

    def reference_image(self, person_id: int) -> np.ndarray | None:
        return None  # the station stores templates, not pictures (C9)

    # ------------------------------------------------------------------ consent, enrolment
    def notice(self) -> dict[str, str]:
        """The current notice in the interface language, by the window's keys."""
        from headcount.i18n import Text, language

        n = self.st.notice.current()
        if n is None:
            return {}
        out = {}
        for key, field in NOTICE_KEYS.items():
            t = n.fields.get(field, Text("", ""))
            out[key] = t.zh if language() == "zh" else t.en
        return out

    def publish_notice(self, changes: dict[str, str], *, user: User) -> int:
        """A new notice version where ``changes`` (window keys, interface language)
        differ from the current one; returns the version in force."""
        from headcount.i18n import language

        current = self.notice()
        lang = language()
        diff = {f"{NOTICE_KEYS[k]}.{lang}": v for k, v in changes.items()
                if k in NOTICE_KEYS and v != current.get(k, "")}
        if not diff:
            n = self.st.notice.current()
            return int(n.version) if n else 0
        return int(self.st.notice.update(self._user(user), diff).version)

    def record_consent(self, person_id: int, *, user: User, given_by: str,
                       guardian_name: str = "", relationship: str = "",
                       method: str = "screen", notice_shown: bool = False,
                       evidence: str = "") -> None:
        from headcount.errors import Refused

        if not notice_shown:
            raise Refused("Show the notice to the person before recording consent.",
                          "登记同意前，请先向本人出示告知书。")
        self.st.consent.record(self._user(user), self._number(person_id), by=given_by,
                               method=method, guardian_name=guardian_name,
                               relationship=relationship, evidence=evidence)

    def withdraw_consent(self, person_id: int, *, user: User) -> ConsentWithdrawn:
        return self.st.consent.withdraw(self._user(user), self._number(person_id))

    def delete_person(self, person_id: int, *, user: User) -> PersonDeleted:
        return self.st.delete_person(self._user(user), self._number(person_id))

    def enrol_template(self, person_id: int, template: np.ndarray, *, user: User,
                       source: str, model: str = MODEL_VERSION) -> EnrolOutcome:
        """``model``: what the template records (``EnrolResult.version``)."""
        return self.enrol_number(self._number(person_id), template, user=user, source=source,
                                 model=model)

    def enrol_number(self, number: str, template: np.ndarray, *, user: User, source: str,
                     model: str = MODEL_VERSION) -> EnrolOutcome:
        """A photo named by number (the photo folder): the station finds the person, so
        the window need not have its list loaded yet; no such number: BadInput."""
        o = self.st.enrolment.enrol_template(self._user(user), number, template,
                                             source=source, model=model)
        person_id = int(self.st.people.get(o.number).id)
        return EnrolOutcome(person_id, bool(o.stored), list(o.reasons), o.duplicate_of or "",
                            source, " ".join(str(w) for w in o.warnings))

    def preview_roster(self, path: str) -> list[ImportRow]:
        from headcount.roster.reader import parse_roster

        result = parse_roster(path)
        rows = [ImportRow(r.row, {"number": r.number, "name": r.name, "class": r.class_name,
                                  "birth_date": str(r.birth_date or "")}) for r in result.rows]
        rows += [ImportRow(e.row, {}, str(getattr(e, "message", e))) for e in result.errors]
        return sorted(rows, key=lambda r: r.row)

    def import_roster(self, path: str, *, user: User) -> ImportResult:
        return self.st.import_roster(self._user(user), path)

    # ------------------------------------------------------------------ administration
    def _prefs(self) -> dict[str, Any]:
        return PREFERENCES | self.st.preferences(PREFS_FACE).as_dict()

    def _station_has(self, setting: str) -> bool:
        from headcount.store.settings import BY_NAME

        return setting in BY_NAME

    def settings(self, *, user: User | None = None) -> dict[str, Any]:
        """The window's configuration; with ``user``, the settings as that person may
        read them (the settings dialog: camera passwords masked by the station)."""
        s = self.st.settings.as_dict() if user is None else \
            self.st.show_settings(self._user(user))
        out: dict[str, Any] = self._prefs()
        out |= {k: s[v] for k, v in _SETTING_NAMES.items() if v in s}
        if "cameras" in s:  # shown redacted; opened with their passwords
            out["camera_sources"] = self.st.settings.camera_sources()
        return out | {"notice": self.notice(), "threshold_estimate": self._estimate_line(),
                      "threshold_in_force": self.st.rule_in_force().threshold}

    def _estimate_line(self) -> str:
        from headcount.i18n import language

        text = self.st.rule_in_force().describe()
        return text.zh if language() == "zh" else text.en

    def estimate_threshold(self, *, user: User) -> str:
        """After an enrolment batch: the station chooses its threshold again."""
        self.st.estimate_threshold(self._user(user))
        return self._estimate_line()

    def update_settings(self, values: dict[str, Any], *, user: User) -> None:
        """Station settings through the station (admins; audited); the rest in
        window.json. A changed notice becomes a new notice version."""
        values = dict(values)
        notice = values.pop("notice", None)
        station = {_SETTING_NAMES[k]: v for k, v in values.items()
                   if k in _SETTING_NAMES and self._station_has(_SETTING_NAMES[k])}
        prefs = {k: v for k, v in values.items() if k in PREFERENCES
                 and not (k in _SETTING_NAMES and self._station_has(_SETTING_NAMES[k]))}
        if station or not prefs:
            self.st.set_settings(self._user(user), **station)
        if prefs:
            self.st.set_preferences(self._user(user), PREFS_FACE, prefs)
        if notice:
            self.publish_notice(notice, user=user)

    def purge_if_due(self) -> PurgeReceipt | None:
        """The daily retention purge (the station decides what is due)."""
        return self.st.purge_if_due()

    def render(self, document: str, *, user: User, lang: str, **params: Any) -> Any:
        from headcount.documents import print_document

        return print_document(self.st, self._user(user), document, lang, via="window",
                              **params)

    def receipts(self) -> list[ReceiptLine]:
        return self.st.receipts.lines()

    def audit(self, *, user: User, limit: int = 500) -> list[AuditEntry]:
        return self.st.read_audit(self._user(user), limit=limit)

    def filing(self) -> FilingStatus:
        return self.st.filing.status()

    def link_loop(self, period: float) -> Any:
        """The exam-office sync loop (office/link.py), or None without a template key."""
        from headcount.errors import HeadcountError

        try:
            return self.st.office_link_loop(period=period)
        except HeadcountError:
            return None


def _local(ts: str | None) -> str:
    """Station times are UTC ISO; the window shows local time."""
    if not ts:
        return ""
    t = dt.datetime.fromisoformat(ts)
    if t.tzinfo is not None:
        t = t.astimezone()
    return t.replace(tzinfo=None).isoformat(timespec="seconds")
