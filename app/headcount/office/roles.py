"""The exam office's users: PostgreSQL login roles that read every room and write nothing.

A user is a member of the school's office group role (migration 2 in schema.py), which
holds SELECT on the events and a row-level-security policy that shows every station's
rows; it holds no INSERT, UPDATE or DELETE, and its sessions default to read-only. The
password is generated and shown once, inside the DSN, like a station's.
"""

from __future__ import annotations

from psycopg import sql
from psycopg.conninfo import make_conninfo

from headcount.errors import BadInput
from headcount.office.schema import _NAME, connect, create_login


def add_office_user(dsn: str, name: str) -> dict:
    """Create a read-only office login; returns {"user", "dsn"} (the password shown once)."""
    if not _NAME.match(name):
        raise BadInput("a user name is 1-40 lower-case letters, digits, '-' or '_'",
                       "用户名须为 1-40 个小写字母、数字、“-”或“_”")
    with connect(dsn) as conn:
        role, password = create_login(
            conn, name, prefix="o_", group="office", table="office_users",
            taken=(f"office user {name!r} already exists", f"考务用户 {name!r} 已存在"))
        # belt and braces: even a mistaken grant later meets a read-only session
        conn.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(
            sql.Identifier(role)))
    return {"user": name, "dsn": make_conninfo(dsn, user=role, password=password)}
