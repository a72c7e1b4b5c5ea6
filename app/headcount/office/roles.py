"""The exam office's users: PostgreSQL login roles that read every room and write nothing.

A user is a member of the school's office group role (migration 2 in schema.py), which
holds SELECT on the events and a row-level-security policy that shows every station's
rows; it holds no INSERT, UPDATE or DELETE, and its sessions default to read-only. The
password is generated and shown once, inside the DSN, like a station's.
"""

from __future__ import annotations

from headcount.office.schema import new_login


def add_office_user(dsn: str, name: str) -> dict:
    """Create a read-only office login; returns {"user", "dsn"} (the password shown once)."""
    return {"user": name, "dsn": new_login(
        dsn, name, prefix="o_", group="office", table="office_users",
        bad=("a user name", "用户名"),
        taken=(f"office user {name!r} already exists", f"考务用户 {name!r} 已存在"),
        read_only=True)}
