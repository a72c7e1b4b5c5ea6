"""The station facade: one object opens a station's data folder and carries its parts.

    station = Station.open(data_dir)              # or Station.init(...) the first time
    admin = station.login("admin", password)      # a User; pass it as ``actor``
    station.people.import_rows(admin, parse_roster("class.csv"))
    station.consent.record(admin, "2024001", by="guardian", guardian_name="王芳",
                           relationship="mother")
    station.enrolment.enrol_image(admin, "2024001", rgb)
    sid = station.sessions.create(admin, kind="class", name="Maths", class_name="7A").id
    station.sessions.start(admin, sid)
    station.attendance.check_in(admin, sid, "2024002", method="manual", reason="declined")
    station.attendance.roll(sid)                  # statuses for reports

Parts (each documented in its module):

- ``settings`` (store/settings.py), ``users`` (store/users.py), ``audit``
  (store/audit.py), ``receipts`` (store/receipts.py)
- ``notice`` (compliance/notice.py): current()/update()/require_complete()
- ``people`` (store/people.py), ``consent`` (compliance/consent.py),
  ``templates`` (store/templates.py: encrypted storage) and ``enrolment``
  (compliance/enrolment.py: the rules and the engine)
- ``sessions`` (attendance/sessions.py), ``attendance`` (attendance/checkin.py)
- ``retention`` (compliance/retention.py), ``filing`` (compliance/filing.py)
- ``erasures`` (compliance/erasures.py): the erasure ledger beside the key; withdrawals,
  deletions and purges made after a backup are applied again on restore and open (C5)
- key backup, station backup and restore: :meth:`export_key`, :meth:`import_key`,
  :meth:`backup`, :meth:`restore` (compliance/backups.py; the files: store/backup.py)

Every action on personal data takes the acting ``User`` and writes an audit row. The CLI
and the GUI use only this object. Nothing here touches the network.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from headcount.attendance.checkin import (
    Attendance,
    FaceCheckins,
    VideoCheckins,
    check_in_frames,
    face_templates,
)
from headcount.attendance.sessions import Sessions
from headcount.compliance.assessment import Assessment
from headcount.compliance.consent import Consents
from headcount.compliance.enrolment import Enrolment, FaceEngine, default_engine, model_version
from headcount.compliance.erasures import Erasures
from headcount.compliance.filing import Filing
from headcount.compliance.filing_school import ImportedCount, SchoolCounts, SignedCount
from headcount.compliance.notice import Notices, default_fields
from headcount.compliance.retention import Retention
from headcount.errors import BadInput
from headcount.i18n import Text
from headcount.office import feedback as office_feedback
from headcount.roles import require
from headcount.roster.reader import parse_roster
from headcount.station_admin import Administration
from headcount.station_office import OfficeLink
from headcount.station_reads import Reads
from headcount.store import migrations
from headcount.store.audit import AuditLog
from headcount.store.crypto import (
    KeyStore,
    TemplateCipher,
    audit_key,
    default_key_dir,
    key_check,
    missing_key_error,
    usable_keyring,
    wrong_key_error,
)
from headcount.store.db import (
    DB_NAME,
    StorageError,
    atomic,
    blank_station,
    checkpoint,
    default_data_dir,
    fold_if_pending,
    on_commit,
    open_db,
    remove_blank,
)
from headcount.store.erasure_ledger import ledger_path
from headcount.store.people import ImportResult, People
from headcount.store.receipts import PersonDeleted, PurgeReceipt, Receipts
from headcount.store.settings import Settings
from headcount.store.templates import Templates
from headcount.store.users import SYSTEM, User, Users
from headcount.vision.frames import video_frames

if TYPE_CHECKING:  # results of operations that import their module when first used
    import numpy as np

    from headcount.attendance.roll_call import RollCallConfirmed, RollCallProposal
    from headcount.compliance.backups import BackupMade, KeyExported, KeyImported
    from headcount.compliance.erasure_hold import Released
    from headcount.compliance.incident import IncidentReport

class Station(Reads, Administration, OfficeLink):
    """An open station. Use :meth:`open` or :meth:`init`; close with :meth:`close`."""

    def __init__(self, db: sqlite_utils.Database, data_dir: Path, *,
                 engine: FaceEngine | None = None, key_dir: Path | None = None) -> None:
        self.db = db
        self.data_dir = Path(data_dir)
        self._engine = engine
        self._engines: dict[str, FaceEngine] = {}
        self._cipher: TemplateCipher | None = None
        self.restore_warning: Text | None = None  # set by restore for an old-format backup
        self.station_id = self._meta("station_id") or ""
        self.keys = KeyStore(self.station_id, Path(key_dir) if key_dir else
                             default_key_dir(self.data_dir),
                             self._meta("key_store") == "keyring")
        self._audit_mac: bytes | None = None
        self._audit_mac_missing = False  # looked once: no key here (reset by key_changed)
        self.audit = AuditLog(db, self.keys.key_dir / f"{self.station_id}.audit-head"
                              if self.station_id else None, self._audit_key)
        self.settings = Settings(db)
        self.settings.key = self._key_bytes
        self.receipts = Receipts(db)
        self.users = Users(db, self.audit, self.settings)
        self.notice = Notices(db, self.audit)
        self.people = People(db, self.audit)
        self.templates = Templates(db, self.cipher)
        # Withdrawals, deletions and purges, also written beside the key (C5).
        self.erasures = Erasures(db, self.audit, ledger_path(self.keys.key_dir, self.station_id)
                                 if self.station_id else None, self.station_id)
        self.erasures.on_delete(self.templates.forget_cache)
        # An erasure's checkpoint a reader blocked is finished at the next chance (C5).
        on_commit(db, lambda: fold_if_pending(db))
        self.consent = Consents(db, self.audit, self.settings, self.people, self.notice,
                                self.templates, self.receipts, self.erasures)
        self.assessment = Assessment(db, self.audit)  # impact assessment (Art. 9)
        self.enrolment = Enrolment(self.audit, self.settings, self.people, self.notice,
                                   self.consent, self.templates, self.engine,
                                   self.assessment.warning, self._note_filing_threshold)
        self.sessions = Sessions(db, self.audit, self.people, self.settings)
        self.attendance = Attendance(db, self.audit, self.people, self.sessions,
                                     self.templates, self.settings,
                                     lambda pid: not self.consent.manual_only(pid),
                                     self.consent.current_ids)
        self.retention = Retention(db, self.audit, self.settings, self.receipts, self.erasures)
        self.school_counts = SchoolCounts(db, self.audit, self.station_id)
        self.filing = Filing(db, self.audit, self.settings, self.templates, self.notice,
                             self.school_counts, lambda: office_feedback.known_count(db))

    def _note_filing_threshold(self) -> None:
        """Record the day the school's count first reaches 100,000 (Measures art. 15)."""
        self.filing.reached_on(self.filing.count())

    def import_filing_count(self, actor: User, data: Any) -> ImportedCount:
        """Another station's signed count joins the school's total (admin; audited)."""
        result = self.school_counts.import_count(actor, data)
        self._note_filing_threshold()
        return result

    # --- opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path | str | None = None, *, engine: FaceEngine | None = None,
             key_dir: Path | None = None, purge: bool = True,
             busy_ms: int = 5000) -> Station:
        """Open an initialised station; runs pending migrations, re-applies erasures the
        database has not seen (erasure ledger, C5) and due purges."""
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        db = open_db(data_dir, busy_ms=busy_ms)
        if migrations.applied(db) != sorted(migrations.MIGRATIONS):
            migrations.apply(db)
        station = cls(db, data_dir, engine=engine, key_dir=key_dir)
        if not station.station_id:
            db.close()
            raise BadInput(f"{data_dir} holds no initialised station; run `headcount init`.",
                           f"{data_dir} 中没有已初始化的工作站；请运行 `headcount init`。")
        fold_if_pending(db)
        try:
            with contextlib.suppress(StorageError):  # read-only: verify still works
                station.audit.ensure_keyed()  # an older plain chain is keyed from here
            station.erasures.reconcile(SYSTEM)
        except BaseException:
            db.close()
            raise
        if purge:
            station.purge_if_due()
        return station

    @classmethod
    def init(cls, data_dir: Path | str | None = None, *, school: str, contact: str, admin: str,
             password: str, engine: FaceEngine | None = None, key_dir: Path | None = None,
             use_keyring: bool | None = None, language: str = "zh",
             demo: bool = False) -> Station:
        """Create a station: database, template key, first administrator, first notice
        (pre-filled in Chinese and English from ``school`` and ``contact``). ``demo``
        marks the built-in demo station (made-up people; its users' short passwords)."""
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        if not school.strip() or not contact.strip():
            raise BadInput("init needs the school's name and contact.",
                           "初始化需要学校名称和联系方式。")
        if (data_dir / DB_NAME).exists():
            if not blank_station(data_dir / DB_NAME):
                raise BadInput(f"{data_dir} already holds a station.",
                               f"{data_dir} 中已有工作站。")
            remove_blank(data_dir / DB_NAME)  # 0 bytes, or an init that stopped half-way
        db = open_db(data_dir, create=True)
        migrations.apply(db)
        station_id = uuid.uuid4().hex
        keyring_ok = usable_keyring() if use_keyring is None else use_keyring
        store = KeyStore(station_id, Path(key_dir) if key_dir else default_key_dir(data_dir),
                         keyring_ok)
        key = store.load() or store.create()
        with atomic(db):
            for k, v in (("station_id", station_id), ("key_check", key_check(key)),
                         ("key_store", "keyring" if keyring_ok else "file"),
                         ("created_at", migrations.now_iso()), *([("demo", "1")] if demo else [])):
                db.table("meta").insert({"key": k, "value": v})
        station = cls(db, data_dir, engine=engine, key_dir=key_dir)
        station.settings.write({"school_name": school.strip(),
                                "school_contact": contact.strip(),
                                "default_language": language})
        user = station.users.add(None, admin, "admin", password)
        station.notice.publish(user, default_fields(school.strip(), contact.strip(),
                                                    station.settings.as_dict()))
        station.audit.record(user.name, "station_init", station_id,
                             {"key_store": store.location})
        return station

    def close(self) -> None:
        for engine in self._engines.values():  # the models' native tasks, not left to GC
            with contextlib.suppress(Exception):
                getattr(engine, "close", lambda: None)()
        self._engines.clear()
        # Read-only or busy: the WAL is folded in by the next writer instead.
        with contextlib.suppress(Exception):
            fold_if_pending(self.db)
            checkpoint(self.db, "PASSIVE")  # never waits for another window's readers
        self.db.close()

    def __enter__(self) -> Station:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    # --- key and engine ----------------------------------------------------------------
    def cipher(self) -> TemplateCipher:
        """The template cipher; KeyMissing (clear message) if the key is absent or wrong."""
        if self._cipher is None:
            key = self.keys.load()
            if key is None:
                raise missing_key_error(self.keys.location)
            if key_check(key) != self._meta("key_check"):
                raise wrong_key_error(self.keys.location)
            self._cipher = TemplateCipher(key)
        return self._cipher

    def _audit_key(self) -> bytes | None:
        """The audit chain key (store/audit.py), or None while the template key is
        missing or wrong here."""
        if self._audit_mac is None and not self._audit_mac_missing:
            try:
                key = self.keys.load()
            except OSError:  # another user's key file: the station says so elsewhere
                key = None
            if key is None or key_check(key) != self._meta("key_check"):
                self._audit_mac_missing = True  # not asked again on every audit row
                return None
            self._audit_mac = audit_key(key)
        return self._audit_mac

    def key_changed(self) -> None:
        """The key was stored or imported: look for it again, and key the audit chain."""
        self._cipher, self._audit_mac, self._audit_mac_missing = None, None, False
        self.cipher()
        self.audit.ensure_keyed()

    @property
    def key_warning(self) -> Text | None:
        """Shown by the CLI and GUI when the key sits in a file rather than the keyring."""
        w = self.keys.warning()
        return Text(w.en.format(path=self.keys.key_file), w.zh.format(path=self.keys.key_file)) \
            if w else None

    def engine(self, mode: str = "entrance") -> FaceEngine:
        """The recognition engine, created on first use (heavy imports stay lazy).

        ``mode``: "entrance" (enrolment, exam entry) or "classroom" (every face of a
        room). An engine injected with ``engine=`` serves every mode."""
        if self._engine is not None:
            return self._engine
        if mode not in self._engines:
            self._engines[mode] = default_engine(mode)
        return self._engines[mode]

    # --- cross-part actions -----------------------------------------------------------
    def purge_if_due(self, actor: User = SYSTEM) -> PurgeReceipt | None:
        """Run the retention purge when anything is past its period (at start-up, and
        daily from a long-running GUI). Returns the receipt, or None if nothing was due.
        A read-only station skips it (the check only reads)."""
        if not any(self.retention.due().values()):
            return None
        return self.retention.purge(actor)

    def signed_filing_count(self) -> SignedCount:
        """This station's own filing count, signed for the school's other stations to
        import (compliance/filing_school.py); needs the template key."""
        from headcount.compliance.filing_school import sign_count

        self.cipher()  # the right key is present, or a clear KeyMissing
        key = self.keys.load()
        assert key is not None
        return sign_count(key, station_id=self.station_id,
                          school=str(self.settings["school_name"]),
                          credit_code=str(self.settings["school_credit_code"]),
                          count=self.templates.distinct_people())

    def incident_report(self, actor: User, *, since: str | None = None,
                        until: str | None = None) -> IncidentReport:
        """C14: who and what data may be affected (admin; audited)."""
        from headcount.compliance.incident import incident_report

        return incident_report(self.db, self.audit, actor, since=since, until=until)

    # --- classroom roll call (attendance/roll_call.py) ----------------------------------
    def propose_roll_call(self, actor: User, session_id: int,
                          rgb: np.ndarray) -> RollCallProposal:
        """Every face of one classroom frame matched against the session's own list (C1);
        a ``RollCallProposal`` for a person to confirm. Records no check-in; the
        proposal itself is audited (who ran recognition on which session, how many)."""
        from headcount.attendance import roll_call
        from headcount.compliance.enrolment import model_version
        from headcount.vision.pipeline import check_rgb

        rgb = check_rgb(rgb)
        engine = self.engine("classroom")
        analyse = getattr(engine, "analyse", None)
        if analyse is None:
            raise BadInput("This recognition engine cannot find several faces in a frame.",
                           "当前识别引擎无法在一帧中查找多张人脸。")
        proposal = roll_call.propose(self.attendance, session_id, analyse(rgb),
                                     model_version=model_version(engine),
                                     frame_size=(int(rgb.shape[1]), int(rgb.shape[0])))
        self.audit.record(actor.name, "roll_call_propose", f"session:{session_id}",
                          {"faces": proposal.faces, "proposed": len(proposal.matches)})
        return proposal

    def check_in_image(self, actor: User, session_id: int, rgb: np.ndarray) -> FaceCheckins:
        """Unattended: every confident face of one photo checked in (``checkin --image``;
        the attended roll call is ``propose_roll_call``)."""
        engine = self._checkin_engine(session_id)
        return self.attendance.check_in_templates(
            actor, session_id, face_templates(engine, rgb), model_version=model_version(engine),
            station=self.settings["station_name"])

    def check_in_video(self, actor: User, session_id: int, path: Path,
                       every: int = 1) -> VideoCheckins:
        """Unattended: every ``every``-th frame of a video file, each person checked in
        once (``checkin --video``); ambiguous faces and other rooms' candidates reported."""
        engine = self._checkin_engine(session_id)
        step = max(1, every)
        frames = (face_templates(engine, f.rgb) for f in video_frames(path)
                  if f.index % step == 0)
        return check_in_frames(self.attendance, actor, session_id, frames,
                               model_version=model_version(engine),
                               station=self.settings["station_name"])

    def _checkin_engine(self, session_id: int) -> FaceEngine:
        """A class is a room of seated faces; anything else is an entrance."""
        kind = self.sessions.get(session_id).kind
        return self.engine("classroom" if kind == "class" else "entrance")

    def confirm_roll_call(self, actor: User, proposal: RollCallProposal,
                          numbers: list[str]) -> RollCallConfirmed:
        """Record the matches of ``proposal`` that a person ticked (face check-ins)."""
        from headcount.attendance import roll_call

        return roll_call.confirm(self.attendance, actor, proposal, numbers,
                                 station=self.settings["station_name"])

    # --- key backup, backup and restore (compliance/backups.py) ------------------------
    def export_key(self, actor: User, out: Path | str, passphrase: str) -> KeyExported:
        """Write the template key sealed with ``passphrase`` to a new file (admin)."""
        from headcount.compliance import backups

        return backups.export_key(self, actor, out, passphrase)

    def import_key(self, actor: User, path: Path | str, passphrase: str) -> KeyImported:
        """Store the key from a key file made by :meth:`export_key` (admin)."""
        from headcount.compliance import backups

        return backups.import_key(self, actor, path, passphrase)

    def backup(self, actor: User, out: Path | str, passphrase: str) -> BackupMade:
        """One archive: a consistent database copy, the sealed key, a manifest (admin)."""
        from headcount.compliance import backups

        return backups.backup(self, actor, out, passphrase)

    @classmethod
    def restore(cls, archive: Path | str, data_dir: Path | str, passphrase: str, *,
                user: str, password: str, key_dir: Path | None = None,
                use_keyring: bool | None = None, engine: FaceEngine | None = None,
                ledgers: list[Path] | None = None) -> Station:
        """Restore a backup into an empty folder; an administrator of the backed-up
        station signs in. Returns the open station. Erasures recorded after the backup
        and reachable on this PC (``ledgers`` too) are applied again; when none can be
        found, people are held from matching (compliance/erasure_hold.py)."""
        from headcount.compliance import backups

        return backups.restore(archive, data_dir, passphrase, user=user, password=password,
                              key_dir=key_dir, use_keyring=use_keyring, engine=engine,
                              ledgers=ledgers, station_class=cls)

    def confirm_erasures(self, actor: User) -> Released:
        """An administrator confirms nobody held after a restore was erased later: their
        faces are matched again (audited)."""
        from headcount.compliance import erasure_hold

        result = erasure_hold.release(self, actor)
        self.erasures.warning = None
        return result

    def login(self, name: str, password: str) -> User:
        return self.users.login(name, password)

    def _key_bytes(self) -> bytes:
        self.cipher()  # KeyMissing, clearly worded, when absent or wrong
        key = self.keys.load()
        assert key is not None
        return key

    # --- people ---------------------------------------------------------------------------
    def import_roster(self, actor: User, path: Path | str, *, mark_missing_left: bool = False,
                      classes_only: bool = False) -> ImportResult:
        """Parse and import a roster file; bad rows are reported, good rows imported.
        ``mark_missing_left``: see ``People.import_rows`` (the file is the whole roster)."""
        result = parse_roster(path)
        done = self.people.import_rows(actor, result, source=Path(path).name,
                                       mark_missing_left=mark_missing_left,
                                       classes_only=classes_only)
        # A changed date of birth re-checks the consent rule (C3): a self-consent that
        # no longer fits is withdrawn with its templates.
        return dataclasses.replace(done, consents_invalidated=[
            n for n in done.birth_date_changed if self.consent.recheck_age(actor, n)])

    def delete_person(self, actor: User, number: str) -> PersonDeleted:
        """Erase a person entirely (templates, consents, check-ins); returns a receipt."""
        require(actor, "person.delete")
        p = self.people.get(number)
        # The ledger line first (write-ahead, C5): a crash before the commit is finished
        # by the next open.
        with self.erasures.erasing(actor, "person_delete", [(p.number, p.id)]):
            templates = self.templates.delete_for_person(p.id)
            checkins = self.db.execute("SELECT count(*) FROM checkins WHERE person_id = ?",
                                       [p.id]).fetchone()[0]
            self.db.execute("DELETE FROM people WHERE id = ?", [p.id])  # cascades
            stored = self.receipts.write("deletion", actor.name, {
                "person": p.number, "name": p.name, "templates_deleted": templates,
                "checkins_deleted": checkins, "person_deleted": True})
            receipt = PersonDeleted(**vars(stored), person=p.number, name=p.name,
                                    templates_deleted=templates, checkins_deleted=checkins)
            self.audit.record(actor.name, "person_delete", p.number,
                              {"templates_deleted": templates, "receipt": stored.receipt})
        checkpoint(self.db)
        return receipt
