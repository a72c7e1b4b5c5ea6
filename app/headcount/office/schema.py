"""The school server's schema on PostgreSQL: versioned, events only, enforced by the server.

What may leave a station is fixed here (issue 14, Art. 8 of the Measures): sessions, list
entries, check-ins and corrections, and the numbers of the people a station holds facial
data for. No column can hold a template, descriptor, score, image or a manual-check reason;
tests/office/test_office_boundary.py reads every stored column and fails on anything else.

PostgreSQL does the enforcing: each station logs in with its own role, row-level security
lets it insert and read only its own rows, and a trigger refuses UPDATE and DELETE for
everyone (a correction is a new event).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from headcount.errors import BadInput
from headcount.office import station_views

SCHEMA = "headcount"

# Each entry moves the schema one version up; never edit a released entry, add one.
MIGRATIONS: tuple[str, ...] = (
    # 1: stations, events, the station lookup, the rules.
    """
    CREATE TABLE headcount.stations (
        name text PRIMARY KEY,
        role text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
    );
    -- The station of a role; SECURITY DEFINER so stations need no grant on the table
    -- (called with current_user: inside a definer function current_user is the owner).
    CREATE FUNCTION headcount.station_of(who name) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = headcount, pg_temp
        AS $$ SELECT name FROM headcount.stations WHERE role = who $$;
    CREATE TABLE headcount.events (
        station text NOT NULL DEFAULT headcount.station_of(current_user)
            REFERENCES headcount.stations(name),
        seq bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('session', 'entry', 'checkin', 'correction',
                                           'face_data')),
        session_ref bigint,  -- the station's own session id: names repeat (daily classes)
        session text,
        session_kind text CHECK (session_kind IN ('exam', 'class')),
        room text,
        starts_at timestamptz,
        ends_at timestamptz,
        invigilators text,
        number text,
        name text,
        class text,
        seat text,
        method text CHECK (method IN ('face', 'manual')),
        present boolean,
        held boolean,
        at timestamptz NOT NULL,
        operator text,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (station, seq)
    );
    CREATE FUNCTION headcount.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'events are never changed or deleted; send a correction';
    END $$;
    CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
        ON headcount.events FOR EACH STATEMENT EXECUTE FUNCTION headcount.refuse_change();
    ALTER TABLE headcount.events ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own_rows_read ON headcount.events FOR SELECT TO {group}
        USING (station = headcount.station_of(current_user));
    CREATE POLICY own_rows_insert ON headcount.events FOR INSERT TO {group}
        WITH CHECK (station = headcount.station_of(current_user));
    GRANT USAGE ON SCHEMA headcount TO {group};
    GRANT SELECT, INSERT ON headcount.events TO {group};
    GRANT EXECUTE ON FUNCTION headcount.station_of(name) TO {group};
    """,
    # 2: the exam office's read-only users (office/roles.py): they read every event,
    # write none (no INSERT/UPDATE/DELETE grant; the append-only trigger besides).
    """
    CREATE TABLE headcount.office_users (
        name text PRIMARY KEY,
        role text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE POLICY office_read ON headcount.events FOR SELECT TO {office} USING (true);
    GRANT USAGE ON SCHEMA headcount TO {office};
    GRANT SELECT ON headcount.events, headcount.stations, headcount.meta TO {office};
    """,
    # 3: indexes for the office's reads (status.py, board.py), so an exam's status stays
    # fast when a term of daily classes lies in the same table (docs/BENCHMARKS.md).
    """
    CREATE INDEX events_by_session ON headcount.events (session, kind);
    CREATE INDEX events_by_ref ON headcount.events (station, session_ref, kind);
    CREATE INDEX events_face_data ON headcount.events (station, number, at DESC, seq DESC)
        WHERE kind = 'face_data';
    CREATE INDEX events_exams ON headcount.events (session, starts_at, at)
        WHERE kind = 'session' AND session_kind = 'exam';
    """,
    # 4: what a station reads back: its duplicates, the school's filing count, its last seq.
    station_views.MIGRATION,
)

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def connect(dsn: str, timeout: int = 5, **options: Any) -> psycopg.Connection:
    """A connection, or a clear bilingual error when the server cannot be reached
    (``options``: more libpq parameters, e.g. the station sync's TCP timeouts)."""
    try:
        return psycopg.connect(dsn, connect_timeout=timeout, **options)
    except psycopg.Error as exc:
        raise BadInput(f"cannot reach the school server: {_first_line(exc)}",
                       f"无法连接学校服务器：{_first_line(exc)}") from exc


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _role(conn: psycopg.Connection, suffix: str) -> str:
    """Roles are cluster-wide, so they carry the school's database name (one cluster may
    serve several schools, one database each)."""
    row = conn.execute("SELECT current_database()").fetchone()
    return f"hc_{row[0] if row else ''}_{suffix}"[:63]


def version(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT to_regclass('headcount.meta') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    got = conn.execute("SELECT value FROM headcount.meta WHERE key = 'version'").fetchone()
    return int(got[0]) if got else 0


def init(dsn: str) -> dict:
    """Create or migrate the school schema; returns {"version": n, "applied": k}."""
    with connect(dsn) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(14014)")  # two inits never interleave
        have = version(conn)
        group = _role(conn, "stations")
        if have > len(MIGRATIONS):
            raise BadInput(f"the school server has schema version {have}; this Headcount "
                           f"knows {len(MIGRATIONS)}: update Headcount",
                           f"学校服务器的数据结构版本为 {have}，本程序只支持到 "
                           f"{len(MIGRATIONS)}：请升级 Headcount")
        if have == 0:
            conn.execute("CREATE SCHEMA IF NOT EXISTS headcount")
            conn.execute("CREATE TABLE headcount.meta (key text PRIMARY KEY, value text)")
        office = _role(conn, "office")
        for role in (group, office):  # group roles: stations, office readers
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                  (role,)).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
        for step in MIGRATIONS[have:]:
            conn.execute(step.replace("{group}", sql.Identifier(group).as_string(conn))
                         .replace("{office}", sql.Identifier(office).as_string(conn)))
        conn.execute("INSERT INTO headcount.meta VALUES ('version', %s) ON CONFLICT (key) "
                     "DO UPDATE SET value = excluded.value", (str(len(MIGRATIONS)),))
    return {"version": len(MIGRATIONS), "applied": len(MIGRATIONS) - have}


def add_station(dsn: str, name: str) -> dict:
    """Register a station with its own login role; returns {"station", "dsn"} (shown once)."""
    return {"station": name, "dsn": new_login(
        dsn, name, prefix="s_", group="stations", table="stations",
        bad=("a station name", "工作站名称"),
        taken=(f"station {name!r} is already registered", f"工作站 {name!r} 已登记"))}


def new_login(dsn: str, name: str, *, prefix: str, group: str, table: str,
              bad: tuple[str, str], taken: tuple[str, str], read_only: bool = False) -> str:
    """A new login role in ``group``, recorded in ``headcount.<table>``; returns its DSN
    with the generated password (shown once). The name must be valid (``bad`` names it
    in the error), the schema current and the name (and its role) free; ``read_only``:
    its sessions default to read-only."""
    if not _NAME.match(name):
        raise BadInput(f"{bad[0]} is 1-40 lower-case letters, digits, '-' or '_'",
                       f"{bad[1]}须为 1-40 个小写字母、数字、“-”或“_”")
    with connect(dsn) as conn:
        if version(conn) != len(MIGRATIONS):
            raise BadInput("the school schema is missing or old: run `headcount office init`",
                           "学校服务器的数据结构缺失或过旧：请先运行 headcount office init")
        role, group_role = _role(conn, prefix + name.replace("-", "_")), _role(conn, group)
        listed = sql.SQL("SELECT 1 FROM headcount.{} WHERE name = %s").format(
            sql.Identifier(table))
        if conn.execute(listed, (name,)).fetchone() or conn.execute(
                "SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            raise BadInput(*taken)
        password = secrets.token_urlsafe(24)
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
            sql.Identifier(role), sql.Literal(password), sql.Identifier(group_role)))
        conn.execute(sql.SQL("INSERT INTO headcount.{} (name, role) VALUES (%s, %s)").format(
            sql.Identifier(table)), (name, role))
        if read_only:  # belt and braces: even a mistaken grant later meets a read-only session
            conn.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on")
                         .format(sql.Identifier(role)))
    return make_conninfo(dsn, user=role, password=password)
