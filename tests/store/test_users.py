import datetime as dt
from pathlib import Path

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
    station.users.add(admin, "teacher", "operator", "12345678")
    op = station.login("teacher", "12345678")
    with pytest.raises(Refused, match="administrator"):
        station.users.add(op, "x", "operator", "12345678")
    with pytest.raises(Refused):
        station.notice.update(op, {"purpose": "x"})
    with pytest.raises(Refused):
        station.users.passwd(op, "admin", "hijack")
    station.users.passwd(op, "teacher", "56785678")  # one's own is fine
    assert station.login("teacher", "56785678") == op
    with pytest.raises(BadInput):
        station.users.add(admin, "teacher", "operator", "12345678")  # duplicate
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


def test_passwords_need_eight_characters_and_short_ones_are_asked_to_change(
        station: Station, admin: User) -> None:
    from headcount.store.users import MIN_PASSWORD, hash_password

    assert MIN_PASSWORD == 8 and station.users.min_password() == 8
    with pytest.raises(BadInput, match="at least 8 characters"):
        station.users.add(admin, "op", "operator", "1234567")
    station.users.add(admin, "op", "operator", "12345678")
    with pytest.raises(BadInput, match="at least 8"):
        station.users.passwd(admin, "op", "short")
    assert not station.login("op", "12345678").short_password
    # A user from before the rule, with a 4-character password: signs in, is flagged.
    station.db.execute("UPDATE users SET password = ? WHERE name = 'op'",
                       [hash_password("1234")])
    op = station.login("op", "1234")
    assert op.short_password and op == User("op", "operator")
    station.users.passwd(op, "op", "a-longer-one")
    assert not station.login("op", "a-longer-one").short_password


def test_the_demo_station_keeps_its_short_demo_passwords(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEADCOUNT_KEYRING", "0")
    st = Station.init(tmp_path / "demo", school="Demo", contact="x", admin="admin",
                      password="admin", key_dir=tmp_path / "keys", demo=True)
    try:
        assert st.users.min_password() == 4
        assert not st.login("admin", "admin").short_password
    finally:
        st.close()
    with pytest.raises(BadInput, match="at least 8"):
        Station.init(tmp_path / "real", school="S", contact="x", admin="admin",
                     password="admin", key_dir=tmp_path / "keys2")
