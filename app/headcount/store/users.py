"""Users and roles (C10): administrators and operators (invigilators, teachers).

Passwords are hashed with scrypt (memory-hard; parameters and salt stored with the
hash). Repeated failures lock the account for a while. Every sign-in, success or
failure, is audited.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

import sqlite_utils

from headcount.errors import BadInput, Refused
from headcount.i18n import Text
from headcount.plain_text import unsafe_problem
from headcount.roles import ROLES, require
from headcount.store.audit import AuditLog
from headcount.store.db import atomic
from headcount.store.migrations import now_iso
from headcount.store.settings import Settings

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # 16 MiB per hash
# An 8-character minimum (C10: "password or PIN"; an 8-digit PIN is allowed). One guess
# costs ~40 ms of scrypt, and the database is owner-only, but a 4-character password
# falls to a few hours of guessing once a copy of the file is out. The demo station
# (made-up people, meta demo=1) keeps its shown admin/admin and teacher/teacher.
MIN_PASSWORD = 8
DEMO_MIN_PASSWORD = 4
CHANGE_PASSWORD = Text(
    "Your password is shorter than this station's minimum of {n} characters: signed in, "
    "but please change it now (`headcount user passwd NAME`, or Administration > Change "
    "my password in the window).",
    "您的密码短于本工作站要求的 {n} 个字符：已登录，但请立即修改密码"
    "（`headcount user passwd 用户名`，或窗口中的“管理 > 修改我的密码”）。")


@dataclass(frozen=True)
class User:
    """A signed-in user; pass it as ``actor`` to every action on personal data."""

    name: str
    role: str
    # Signed in with a password shorter than today's minimum: asked to change it.
    short_password: bool = field(default=False, compare=False)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Account:
    """A user as ``user list`` shows them: not signed in, so never an ``actor``."""

    name: str
    role: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role}


SYSTEM = User("system", "admin")  # automatic purges at start-up


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if kind != "scrypt":
        return False
    want = base64.b64decode(digest)
    got = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                         p=int(p), dklen=len(want))
    return hmac.compare_digest(got, want)


def _check_new(name: str, role: str, password: str, min_password: int) -> None:
    problems = []
    if not name.strip() or len(name) > 64:
        problems.append(("the user name must be 1-64 characters", "用户名须为 1-64 个字符"))
    unsafe = unsafe_problem(name, "user name", "用户名")
    if unsafe:
        problems.append((unsafe.en, unsafe.zh))
    if role not in ROLES:
        problems.append(("the role must be admin or operator", "角色须为 admin 或 operator"))
    if len(password) < min_password:
        problems.append((f"the password needs at least {min_password} characters",
                         f"密码至少 {min_password} 个字符"))
    if problems:
        raise BadInput("; ".join(p[0] for p in problems).capitalize() + ".",
                       "；".join(p[1] for p in problems) + "。")


class Users:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog, settings: Settings) -> None:
        self.db, self.audit, self.settings = db, audit, settings

    def min_password(self) -> int:
        """The shortest password this station accepts (the demo station's is shorter)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
        return DEMO_MIN_PASSWORD if row and row[0] == "1" else MIN_PASSWORD

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM users").fetchone()[0])

    def names(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM users ORDER BY name")]

    def list(self) -> list[Account]:
        return [Account(r[0], r[1])
                for r in self.db.execute("SELECT name, role FROM users ORDER BY name")]

    def add(self, actor: User | None, name: str, role: str, password: str) -> User:
        """Add a user. ``actor`` is None only for the first administrator (``init``)."""
        if actor is None:
            if self.count():
                raise Refused("Only an administrator may add users.", "只有管理员可以添加用户。")
        else:
            require(actor, "user.add")
        _check_new(name, role, password, self.min_password())
        if self.db.execute("SELECT 1 FROM users WHERE name = ?", [name]).fetchone():
            raise BadInput(f"A user named {name} already exists.", f"用户 {name} 已存在。")
        with atomic(self.db):
            self.db.table("users").insert({"name": name, "role": role, "failed": 0,
                                     "password": hash_password(password),
                                     "created_at": now_iso()})
            self.audit.record(actor.name if actor else name, "user_add", name, {"role": role})
        return User(name, role)

    def passwd(self, actor: User, name: str, password: str) -> None:
        """Change a password: one's own, or anyone's as an administrator (unlocks too)."""
        if actor.name != name:
            require(actor, "user.passwd_other")
        if not self.db.execute("SELECT 1 FROM users WHERE name = ?", [name]).fetchone():
            raise BadInput(f"No user named {name}.", f"没有名为 {name} 的用户。")
        least = self.min_password()
        if len(password) < least:
            raise BadInput(f"The password needs at least {least} characters.",
                           f"密码至少 {least} 个字符。")
        with atomic(self.db):
            self.db.execute(
                "UPDATE users SET password = ?, failed = 0, locked_until = NULL WHERE name = ?",
                [hash_password(password), name],
            )
            self.audit.record(actor.name, "user_passwd", name)

    def login(self, name: str, password: str, *, now: dt.datetime | None = None) -> User:
        """Check a password; wrong ones count towards a lockout. Refused on failure."""
        now = now or dt.datetime.now(dt.UTC)
        row = self.db.execute(
            "SELECT role, password, failed, locked_until FROM users WHERE name = ?", [name]
        ).fetchone()
        wrong = Refused("Wrong user name or password. Nothing was changed.",
                        "用户名或密码错误。未做任何更改。")
        if row is None:
            check_password(password, hash_password("x"))  # same time as a real check
            self.audit.record(name, "login_failed", name, {"reason": "unknown user"})
            raise wrong
        role, stored, failed, locked_until = row
        if locked_until and dt.datetime.fromisoformat(locked_until) > now:
            minutes = max(1, int((dt.datetime.fromisoformat(locked_until) - now).total_seconds()
                                 // 60) + 1)
            self.audit.record(name, "login_failed", name, {"reason": "locked"})
            raise Refused(
                f"The account {name} is locked after repeated wrong passwords; "
                f"try again in {minutes} minutes or ask an administrator.",
                f"账号 {name} 因多次密码错误已锁定；请 {minutes} 分钟后再试或联系管理员。",
            )
        if not check_password(password, stored):
            failed += 1
            limit = int(self.settings["lockout_attempts"])
            lock = None
            if failed >= limit:
                lock = (now + dt.timedelta(minutes=int(self.settings["lockout_minutes"])))
                failed = 0
            with atomic(self.db):
                self.db.execute("UPDATE users SET failed = ?, locked_until = ? WHERE name = ?",
                                [failed, lock.isoformat() if lock else None, name])
                self.audit.record(name, "login_failed", name,
                                  {"reason": "wrong password", "locked": bool(lock)})
            raise wrong
        with atomic(self.db):
            self.db.execute("UPDATE users SET failed = 0, locked_until = NULL WHERE name = ?",
                            [name])
            self.audit.record(name, "login", name)
        return User(name, role, short_password=len(password) < self.min_password())
