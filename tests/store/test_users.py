import datetime as dt

import pytest

from headcount.errors import BadInput, Refused
from headcount.station import Station
from headcount.store.users import User
from station_fixtures import PASSWORD


def test_password_is_hashed_with_scrypt(station: Station) -> None:
    stored = station.db.execute("SELECT password FROM users WHERE name='admin'").fetchone()[0]
    assert stored.startswith("scrypt$16384$8$1$") and PASSWORD not in stored


def test_login_and_audit(station: Station) -> None:
    user = station.login("admin", PASSWORD)
    assert user == User("admin", "admin")
    with pytest.raises(Refused, match="Wrong user name or password"):
        station.login("admin", "nope")
    actions = [e.action for e in station.audit.entries(limit=2)]
    assert actions == ["login_failed", "login"]


def test_lockout_after_repeated_failures(station: Station) -> None:
    now = dt.datetime.now(dt.UTC)
    for _ in range(station.settings["lockout_attempts"]):
        with pytest.raises(Refused):
            station.users.login("admin", "wrong", now=now)
    with pytest.raises(Refused, match="locked"):
        station.users.login("admin", PASSWORD, now=now)  # even the right password
    later = now + dt.timedelta(minutes=station.settings["lockout_minutes"] + 1)
    assert station.users.login("admin", PASSWORD, now=later).name == "admin"


def test_roles(station: Station, admin: User) -> None:
    station.users.add(admin, "teacher", "operator", "1234")
    op = station.login("teacher", "1234")
    with pytest.raises(Refused, match="administrator"):
        station.users.add(op, "x", "operator", "1234")
    with pytest.raises(Refused):
        station.notice.update(op, {"purpose": "x"})
    with pytest.raises(Refused):
        station.users.passwd(op, "admin", "hijack")
    station.users.passwd(op, "teacher", "5678")  # one's own is fine
    assert station.login("teacher", "5678") == op
    with pytest.raises(BadInput):
        station.users.add(admin, "teacher", "operator", "1234")  # duplicate
    with pytest.raises(BadInput):
        station.users.add(admin, "y", "boss", "1")


def test_every_role_check_names_an_action_of_the_table() -> None:
    """Each action a role check names is in the one role table (roles.py), which has
    its Chinese, so no English leaks into 中文; no module keeps a role check of its own."""
    import ast
    from pathlib import Path

    from headcount.roles import ROLE_TABLE

    root = Path(__file__).resolve().parents[2] / "app" / "headcount"
    named = set()
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "require_role" not in text, path
        for node in ast.walk(ast.parse(text)):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "require"
                    and len(node.args) == 2 and isinstance(node.args[1], ast.Constant)):
                named.add(node.args[1].value)
    assert named, "no role checks found"
    assert named <= set(ROLE_TABLE), sorted(named - set(ROLE_TABLE))
    assert all(rule.zh and rule.en for rule in ROLE_TABLE.values())
