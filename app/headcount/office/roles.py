"""The exam office's users: PostgreSQL login roles that read every room and write nothing.

A user is a member of the school's office group role (migration 2 in schema.py), which
holds SELECT on the events and a row-level-security policy that shows every station's
rows; it holds no INSERT, UPDATE or DELETE, and its sessions default to read-only. The
password is generated and shown once, inside the DSN, like a station's.
"""

from __future__ import annotations

import secrets

from psycopg import sql
from psycopg.conninfo import make_conninfo

from headcount.errors import BadInput
from headcount.office.schema import _NAME, MIGRATIONS, _role, connect, version


def add_office_user(dsn: str, name: str) -> dict:
    """Create a read-only office login; returns {"user", "dsn"} (the password shown once)."""
    if not _NAME.match(name):
        raise BadInput("a user name is 1-40 lower-case letters, digits, '-' or '_'",
                       "用户名须为 1-40 个小写字母、数字、“-”或“_”")
    password = secrets.token_urlsafe(24)
    with connect(dsn) as conn:
        if version(conn) != len(MIGRATIONS):
            raise BadInput("the school schema is missing or old: run `headcount office init`",
                           "学校服务器的数据结构缺失或过旧：请先运行 headcount office init")
        role, group = _role(conn, "o_" + name.replace("-", "_")), _role(conn, "office")
        taken = conn.execute("SELECT 1 FROM headcount.office_users WHERE name = %s",
                             (name,)).fetchone()
        if taken or conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                 (role,)).fetchone():
            raise BadInput(f"office user {name!r} already exists",
                           f"考务用户 {name!r} 已存在")
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
            sql.Identifier(role), sql.Literal(password), sql.Identifier(group)))
        # belt and braces: even a mistaken grant later meets a read-only session
        conn.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(
            sql.Identifier(role)))
        conn.execute("INSERT INTO headcount.office_users (name, role) VALUES (%s, %s)",
                     (name, role))
    return {"user": name, "dsn": make_conninfo(dsn, user=role, password=password)}
