"""Versioned schema migrations: decorated functions, each recorded in ``migrations``.

Add a change by writing a new function with the next version number; never edit an
applied one. ``apply(db)`` runs the missing ones in order, each in its own transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlite_utils

from headcount.store.db import atomic

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: dict[int, tuple[str, Migration]] = {}


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        if version in MIGRATIONS:
            raise ValueError(f"migration {version} defined twice")
        MIGRATIONS[version] = (name, fn)
        return fn

    return register


def applied(db: sqlite_utils.Database) -> list[int]:
    if not db["migrations"].exists():
        return []
    return [r[0] for r in db.execute("SELECT version FROM migrations ORDER BY version")]


def apply(db: sqlite_utils.Database) -> list[int]:
    """Run every migration not yet recorded; returns the versions applied now."""
    if not db["migrations"].exists():
        with atomic(db):
            db.execute(
                "CREATE TABLE IF NOT EXISTS migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
    done = set(applied(db))
    ran = []
    for version in sorted(MIGRATIONS):
        if version in done:
            continue
        name, fn = MIGRATIONS[version]
        with atomic(db):
            fn(db)
            db.table("migrations").insert(
                {"version": version, "name": name, "applied_at": now_iso()}
            )
        ran.append(version)
    return ran


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _run(db: sqlite_utils.Database, statements: list[str]) -> None:
    for sql in statements:
        db.execute(sql)


@migration(1, "station core")
def _core(db: sqlite_utils.Database) -> None:
    _run(db, [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('admin', 'operator')),
            password TEXT NOT NULL, failed INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT, created_at TEXT NOT NULL)""",
        # Append-only, hash-chained audit log (see store/audit.py).
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY, ts TEXT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, subject TEXT NOT NULL DEFAULT '',
            details TEXT NOT NULL DEFAULT '{}', prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""",
        "CREATE TABLE audit_gate (open INTEGER NOT NULL)",
        """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
        """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            WHEN (SELECT count(*) FROM audit_gate WHERE open = 1) = 0
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
        """CREATE TABLE notices (
            version INTEGER PRIMARY KEY, created_at TEXT NOT NULL,
            created_by TEXT NOT NULL, fields TEXT NOT NULL)""",
        """CREATE TABLE people (
            id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
            class_name TEXT NOT NULL DEFAULT '', birth_date TEXT,
            guardian_name TEXT NOT NULL DEFAULT '', guardian_phone TEXT NOT NULL DEFAULT '',
            id_number TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
            left_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
        "CREATE INDEX people_class ON people (class_name)",
        """CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            scope TEXT NOT NULL DEFAULT 'face' CHECK (scope IN ('face', 'template_export')),
            given_by TEXT NOT NULL CHECK (given_by IN ('self', 'guardian')),
            guardian_name TEXT NOT NULL DEFAULT '', relationship TEXT NOT NULL DEFAULT '',
            method TEXT NOT NULL CHECK (method IN ('slip', 'screen')),
            notice_version INTEGER NOT NULL REFERENCES notices (version),
            age_years INTEGER, given_at TEXT NOT NULL, operator TEXT NOT NULL,
            withdrawn_at TEXT, withdrawn_by TEXT)""",
        "CREATE INDEX consents_person ON consents (person_id)",
        """CREATE TABLE templates (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            ciphertext BLOB NOT NULL, model_version TEXT NOT NULL, source TEXT NOT NULL,
            created_at TEXT NOT NULL, duplicate_of INTEGER)""",
        "CREATE INDEX templates_person ON templates (person_id)",
        """CREATE TABLE receipts (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, created_at TEXT NOT NULL,
            actor TEXT NOT NULL, data TEXT NOT NULL)""",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('exam', 'class')),
            name TEXT NOT NULL, room TEXT NOT NULL DEFAULT '',
            class_name TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '',
            teacher TEXT NOT NULL DEFAULT '', starts_at TEXT, ends_at TEXT,
            late_minutes INTEGER NOT NULL DEFAULT 15,
            status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'open', 'closed')),
            legal_basis TEXT NOT NULL DEFAULT 'consent'
                CHECK (legal_basis IN ('consent', 'statutory')),
            legal_basis_text TEXT NOT NULL DEFAULT '', legal_basis_by TEXT NOT NULL DEFAULT '',
            station TEXT NOT NULL DEFAULT '', created_by TEXT NOT NULL,
            created_at TEXT NOT NULL, opened_at TEXT, closed_at TEXT, purged_at TEXT)""",
        """CREATE TABLE candidates (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            seat TEXT NOT NULL DEFAULT '', PRIMARY KEY (session_id, person_id))""",
        """CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            ts TEXT NOT NULL, method TEXT NOT NULL CHECK (method IN ('face', 'manual')),
            score REAL, threshold REAL, model_version TEXT NOT NULL DEFAULT '',
            operator TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
            station TEXT NOT NULL DEFAULT '', repeats INTEGER NOT NULL DEFAULT 0,
            flag TEXT NOT NULL DEFAULT '', UNIQUE (session_id, person_id))""",
        "CREATE INDEX checkins_person ON checkins (person_id)",
        """CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            ts TEXT NOT NULL, operator TEXT NOT NULL, status TEXT NOT NULL,
            reason TEXT NOT NULL)""",
    ])


@migration(2, "erasure ledger: applied entries and restore holds")
def _erasure_tables(db: sqlite_utils.Database) -> None:
    _run(db, [
        # Ledger entries whose erasure committed in this database (written in the same
        # transaction as the erasure: the ledger line is written first, C5).
        "CREATE TABLE erasures_applied (id TEXT PRIMARY KEY, at TEXT NOT NULL)",
        # People a restore could not prove were not erased later: never matched until
        # an administrator confirms (compliance/erasures.py).
        """CREATE TABLE erasure_hold (
            person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
            since TEXT NOT NULL)""",
    ])


@migration(3, "sessions name their invigilators")
def _invigilators(db: sqlite_utils.Database) -> None:
    # The people who sign an exam report: a JSON list of names (issue 12).
    db.execute("ALTER TABLE sessions ADD COLUMN invigilators TEXT NOT NULL DEFAULT '[]'")


@migration(4, "consent evidence, material notice changes, sessions without camera")
def _evidence_and_material(db: sqlite_utils.Database) -> None:
    _run(db, [
        # The slip number or scan file name behind a consent (guardians: in writing).
        "ALTER TABLE consents ADD COLUMN evidence TEXT NOT NULL DEFAULT ''",
        # 1: consents given on earlier versions must be renewed (purpose, method, data
        # kept, retention changed); 0: a minor edit an administrator marked non-material.
        "ALTER TABLE notices ADD COLUMN material INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE notices ADD COLUMN material_note TEXT NOT NULL DEFAULT ''",
        # 1: the teacher runs this session without the camera (manual checks only).
        "ALTER TABLE sessions ADD COLUMN camera_off INTEGER NOT NULL DEFAULT 0",
    ])


# The gallery's change sequence: a counter that only grows, bumped in the same
# transaction as every template insert or delete, every consent change and every
# restore hold (people held are never matched) and every notice change (a material
# one makes older consents stale), however it
# is made (enrolment, withdrawal, purge, a deleted person's cascade, another process).
# A long-running window compares it to decide whether its decrypted gallery is stale;
# (row count, newest id) could not tell "A withdrawn, B enrolled" from "no change",
# since SQLite gives B the id A had.
GALLERY_SEQ = "gallery_seq"
_BUMP = (f"UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
         f"WHERE key = '{GALLERY_SEQ}';")


@migration(5, "gallery change sequence")
def _gallery_seq(db: sqlite_utils.Database) -> None:
    _run(db, [f"INSERT OR IGNORE INTO meta (key, value) VALUES ('{GALLERY_SEQ}', '0')"] + [
        f"CREATE TRIGGER gallery_seq_{table}_{event} AFTER {event} ON {table} "
        f"BEGIN {_BUMP} END"
        for table, event in (("templates", "INSERT"), ("templates", "DELETE"),
                             ("consents", "INSERT"), ("consents", "UPDATE"),
                             ("consents", "DELETE"), ("erasure_hold", "INSERT"),
                             ("erasure_hold", "DELETE"),
                             # A material notice change makes older consents stale.
                             ("notices", "INSERT"), ("notices", "UPDATE"))])


def gallery_seq(db: sqlite_utils.Database) -> int:
    """The gallery's change sequence (see migration 5)."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", [GALLERY_SEQ]).fetchone()
    return int(row[0]) if row else 0


@migration(6, "one model-version spelling")
def _model_version(db: sqlite_utils.Database) -> None:
    # The window wrote "dlib-resnet-v1", the core "dlib_resnet_v1" (models.MODEL_VERSION).
    for table in ("templates", "checkins"):
        db.execute(f"UPDATE {table} SET model_version = 'dlib_resnet_v1'"
                   " WHERE model_version = 'dlib-resnet-v1'")


# The exam office's outbox (issue 14): filled by triggers, so every mirrored event is
# written in the same transaction as the station's own row, and only while the station is
# linked (meta 'office_link'). The triggers pick the columns that may leave the station:
# never templates, scores, thresholds or reasons.
_LINKED = "EXISTS (SELECT 1 FROM meta WHERE key = 'office_link')"
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
_SESSION_EVENT = f"""INSERT INTO office_outbox (event) SELECT json_object(
    'kind', 'session', 'session_ref', NEW.id, 'session', NEW.name,
    'session_kind', NEW.kind, 'room', NEW.room,
    'starts_at', coalesce(NEW.opened_at, NEW.starts_at), 'ends_at',
    coalesce(NEW.closed_at, NEW.ends_at), 'invigilators', NEW.invigilators, 'at', {_NOW})
    WHERE {_LINKED};"""
_FACE_EVENT = f"""INSERT INTO office_outbox (event) SELECT json_object(
    'kind', 'face_data', 'number', p.number, 'at', {_NOW}, 'held',
    json(CASE WHEN EXISTS (SELECT 1 FROM templates t WHERE t.person_id = p.id)
         THEN 'true' ELSE 'false' END))
    FROM people p WHERE p.id = {{pid}} AND {_LINKED};"""


@migration(7, "exam office outbox")
def _office_outbox(db: sqlite_utils.Database) -> None:
    _run(db, [
        """CREATE TABLE office_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT NULL)""",
        f"""CREATE TRIGGER office_session_new AFTER INSERT ON sessions
            BEGIN {_SESSION_EVENT} END""",
        f"""CREATE TRIGGER office_session_change AFTER UPDATE OF name, kind, room, starts_at,
            ends_at, opened_at, closed_at, invigilators ON sessions
            BEGIN {_SESSION_EVENT} END""",
        f"""CREATE TRIGGER office_entry AFTER INSERT ON candidates BEGIN
            INSERT INTO office_outbox (event) SELECT json_object(
                'kind', 'entry', 'session_ref', s.id, 'session', s.name,
                'number', p.number, 'name', p.name,
                'class', p.class_name, 'seat', NEW.seat, 'at', {_NOW})
            FROM sessions s, people p
            WHERE s.id = NEW.session_id AND p.id = NEW.person_id AND {_LINKED}; END""",
        f"""CREATE TRIGGER office_checkin AFTER INSERT ON checkins BEGIN
            INSERT INTO office_outbox (event) SELECT json_object(
                'kind', 'checkin', 'session_ref', s.id, 'session', s.name, 'number', p.number,
                'method', NEW.method, 'present', json('true'), 'operator', NEW.operator,
                'at', NEW.ts)
            FROM sessions s, people p
            WHERE s.id = NEW.session_id AND p.id = NEW.person_id AND {_LINKED}; END""",
        f"""CREATE TRIGGER office_correction AFTER INSERT ON corrections BEGIN
            INSERT INTO office_outbox (event) SELECT json_object(
                'kind', 'correction', 'session_ref', s.id, 'session', s.name, 'number', p.number,
                'method', 'manual', 'operator', NEW.operator, 'at', NEW.ts, 'present',
                json(CASE WHEN NEW.status IN ('present_face', 'present_manual', 'late')
                     THEN 'true' ELSE 'false' END))
            FROM sessions s, people p
            WHERE s.id = NEW.session_id AND p.id = NEW.person_id AND {_LINKED}; END""",
        f"""CREATE TRIGGER office_face_new AFTER INSERT ON templates
            BEGIN {_FACE_EVENT.format(pid="NEW.person_id")} END""",
        f"""CREATE TRIGGER office_face_gone AFTER DELETE ON templates
            BEGIN {_FACE_EVENT.format(pid="OLD.person_id")} END""",
        # A deleted person's templates go by cascade after the person row: say so first.
        f"""CREATE TRIGGER office_person_gone BEFORE DELETE ON people
            WHEN EXISTS (SELECT 1 FROM templates WHERE person_id = OLD.id) BEGIN
            INSERT INTO office_outbox (event) SELECT json_object(
                'kind', 'face_data', 'number', OLD.number, 'held', json('false'),
                'at', {_NOW}) WHERE {_LINKED}; END""",
    ])


@migration(8, "one match threshold setting")
def _one_threshold(db: sqlite_utils.Database) -> None:
    """``match_threshold`` becomes "auto" or an administrator's override of the rule in
    force (matching/in_force.py, ``migrate_value``)."""
    import json

    from headcount.matching.in_force import migrate_value

    if not db["settings"].exists():
        return
    stored = {r[0]: json.loads(r[1]) for r in db.execute(
        "SELECT key, value FROM settings WHERE key IN ('match_threshold', "
        "'match_threshold_estimate', 'match_rule')")}
    if "match_threshold" not in stored:
        return
    estimate = stored.get("match_threshold_estimate")
    value = migrate_value(stored["match_threshold"],
                          estimate if isinstance(estimate, dict) else {},
                          str(stored.get("match_rule", "gap")))
    db.execute("UPDATE settings SET value = ? WHERE key = 'match_threshold'",
               [json.dumps(value)])
