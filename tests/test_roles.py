"""One role table (headcount/roles.py), the same answer from both faces.

Every action of the table runs through the command line (in-process) and through the
window's backend (``StationBackend``), as an operator and as an administrator; each
face must allow or refuse exactly as the table says. An action added to the table
without a case here fails ``test_every_action_has_a_case``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import station_fixtures as fx
from headcount.errors import Refused
from headcount.gui.backend import User
from headcount.roles import ROLE_TABLE, allowed

hc = fx.hc
ADMIN, OPERATOR = User("boss", "admin"), User("op", "operator")


class Case:
    """How one action is asked for on the command line and in the window. ``window``
    is None for what the window does not offer (the command line alone decides)."""

    def __init__(self, cli: Callable[[Path], list[str]],
                 window: Callable[[Any, User, Path], Any] | None = None,
                 setup: Callable[[Any, Path], None] | None = None) -> None:
        self.cli, self.window, self.setup = cli, window, setup


def _pid(b: Any, number: str) -> int:
    return next(p.id for p in b.people() if p.number == number)


def _key_file(hc: Any, tmp: Path) -> None:
    assert hc("--user", "boss", "key", "export", "--out", str(tmp / "k.key"))[0] == 0


def _archive(hc: Any, tmp: Path) -> None:
    assert hc("--user", "boss", "backup", "--out", str(tmp / "b.zip"))[0] == 0


def _session(hc: Any, _tmp: Path) -> None:
    assert hc("--user", "boss", "session", "create", "--kind", "exam", "--name", "Final",
              "--room", "301", "--numbers", "2024001,2024002")[0] == 0


def _other_count(hc: Any, tmp: Path) -> None:
    """Another station of the school signs its count (``filing status --signed-out``)."""
    other = tmp / "other"
    assert hc("init", "--school", "测试中学", "--contact", "010-1234", "--admin", "boss",
              data_dir=other)[0] == 0
    assert hc("--user", "boss", "filing", "status", "--signed-out", str(tmp / "count.json"),
              data_dir=other)[0] == 0


def _three_enrolled(hc: Any, tmp: Path) -> None:
    """Calibration needs the templates of three people."""
    import cv2

    assert hc("--user", "boss", "consent", "record", "2024004", "--by", "self")[0] == 0
    assert hc("--user", "boss", "consent", "record", "2024001", "--by", "guardian",
              "--relationship", "mother", "--evidence", "slip 1")[0] == 0
    for number, seed in (("2024002", 7), ("2024004", 8), ("2024001", 9)):
        photo = tmp / f"face{seed}.png"
        cv2.imwrite(str(photo), fx.image_for(seed)[:, :, ::-1])
        assert hc("--user", "boss", "enrol", number, str(photo))[0] == 0


CASES: dict[str, Case] = {
    "settings.show": Case(lambda t: ["settings", "show"],
                          lambda b, u, t: b.settings(user=u)),
    "settings.set": Case(lambda t: ["settings", "set", "late_minutes=10"],
                         lambda b, u, t: b.update_settings({"late_minutes": 10}, user=u)),
    "notice.set": Case(lambda t: ["notice", "set", "purpose=考勤"],
                       lambda b, u, t: b.publish_notice({"purpose": "Attendance"}, user=u)),
    "user.add": Case(lambda t: ["user", "add", "newbie", "--role", "operator"],
                     lambda b, u, t: b.add_user("newbie2", "operator", fx.PW, user=u)),
    "user.list": Case(lambda t: ["user", "list"], lambda b, u, t: b.users(user=u)),
    "user.passwd_other": Case(lambda t: ["user", "passwd", "other"],
                              lambda b, u, t: b.change_password("other", "pw-999999", user=u)),
    "audit.show": Case(lambda t: ["audit", "show"], lambda b, u, t: b.audit(user=u)),
    "audit.verify": Case(lambda t: ["audit", "verify"]),
    "audit.incident": Case(lambda t: ["audit", "incident", "--out", str(t / "i.json")]),
    "purge": Case(lambda t: ["purge"]),
    "filing.import": Case(lambda t: ["filing", "import", str(t / "count.json")],
                          setup=_other_count),
    "calibrate": Case(lambda t: ["calibrate"], setup=_three_enrolled),
    "assessment.record": Case(lambda t: ["assessment", "record"]),
    "filing.export": Case(lambda t: ["filing", "export", "--out", str(t / "f.json")]),
    "key.export": Case(lambda t: ["key", "export", "--out", str(t / "k2.key")]),
    "key.import": Case(lambda t: ["key", "import", str(t / "k.key")], setup=_key_file),
    "backup": Case(lambda t: ["backup", "--out", str(t / "b2.zip")]),
    "restore": Case(lambda t: ["restore", str(t / "b.zip")], setup=_archive),
    "erasures.confirm": Case(lambda t: ["erasures", "confirm"]),
    # linking needs a school server (tests/office); unlinking is the same action
    "office.link": Case(lambda t: ["link", "--off"]),
    "roster.mark_left": Case(lambda t: ["roster", "import", str(t / "class.csv"),
                                        "--mark-missing-left"]),
    "person.export": Case(lambda t: ["people", "export", "2024002", "--out", str(t / "p.json")]),
    "person.delete": Case(lambda t: ["people", "delete", "2024002"],
                          lambda b, u, t: b.delete_person(_pid(b, "2024004"), user=u)),
    "enrol": Case(lambda t: ["enrol", "2024002", str(t / "face.png")],
                  lambda b, u, t: b.enrol_template(_pid(b, "2024002"), fx.template_for(7),
                                                   user=u, source="test")),
    "session.basis": Case(lambda t: ["session", "basis", "1", "--statutory",
                                     "《国家教育考试违规处理办法》"],
                          setup=_session),
    "print.pia": Case(lambda t: ["print", "pia", "--out", str(t / "pia.pdf")],
                      lambda b, u, t: b.render("pia", user=u, lang="en")),
    "print.filing": Case(lambda t: ["print", "filing", "--out", str(t / "filing.pdf")],
                         lambda b, u, t: b.render("filing", user=u, lang="en")),
    "print.personal": Case(lambda t: ["print", "consent", "2024001", "--out", str(t / "c.pdf")],
                           lambda b, u, t: b.render("consent", user=u, lang="en",
                                                    number="2024001")),
}


def test_every_action_has_a_case() -> None:
    assert set(CASES) == set(ROLE_TABLE)


@pytest.fixture
def prepared(hc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
             cli_roster_file: Path) -> Any:
    """A station with an operator "op", another operator "other", the roster, and
    2024002 (an adult) consenting, so the only thing that can refuse is the role."""
    import cv2

    monkeypatch.setenv("HEADCOUNT_NEW_PASSWORD", fx.PW)
    monkeypatch.setenv("HEADCOUNT_PASSPHRASE", "long-passphrase")
    for name in ("op", "other"):
        assert hc("--user", "boss", "user", "add", name, "--role", "operator")[0] == 0
    (tmp_path / "class.csv").write_bytes(cli_roster_file.read_bytes())
    assert hc("--user", "boss", "roster", "import", str(cli_roster_file))[0] == 0
    assert hc("--user", "boss", "consent", "record", "2024002", "--by", "self")[0] == 0
    cv2.imwrite(str(tmp_path / "face.png"), fx.image_for(7)[:, :, ::-1])
    return hc


cli_roster_file = fx.cli_roster_file


@pytest.mark.parametrize("user", [OPERATOR, ADMIN], ids=["operator", "admin"])
@pytest.mark.parametrize("action", sorted(ROLE_TABLE))
def test_both_faces_give_the_table_s_answer(action: str, user: User, prepared: Any,
                                             tmp_path: Path) -> None:
    case = CASES[action]
    if case.setup:
        case.setup(prepared, tmp_path)
    expected = allowed(user, action)
    # The command line: exit 0, or 1 with the table's refusal.
    data_dir = tmp_path / ("restored" if action == "restore" else "st")
    code, out = prepared("--user", user.name, *case.cli(tmp_path), data_dir=data_dir)
    assert code == (0 if expected else 1), (action, user, out)
    if not expected:
        assert "Only an administrator" in str(out.get("error", out) if isinstance(out, dict)
                                             else out), out
    if case.window is None:
        return
    # The window's backend on the same kind of station (fresh: the CLI run changed it).
    from headcount.gui.station_backend import StationBackend
    from headcount.station import Station

    station = Station.open(tmp_path / "st")
    try:
        backend = StationBackend(station)
        if expected:
            case.window(backend, user, tmp_path)
        else:
            with pytest.raises(Refused, match="Only an administrator"):
                case.window(backend, user, tmp_path)
    finally:
        station.close()


def test_settings_show_masks_camera_passwords(prepared: Any, tmp_path: Path) -> None:
    """Both faces read the settings through the station: camera passwords masked; an
    address saved back masked keeps its password."""
    from headcount.gui.station_backend import StationBackend
    from headcount.station import Station

    cams = '["rtsp://cam:s3cr3t@10.0.0.5/stream", 0]'
    assert prepared("--user", "boss", "settings", "set", f"cameras={cams}")[0] == 0
    code, out = prepared("--user", "op", "settings", "show")
    assert code == 0 and out["cameras"] == ["rtsp://cam:***@10.0.0.5/stream", 0]
    assert "s3cr3t" not in str(out)
    station = Station.open(tmp_path / "st")
    try:
        backend = StationBackend(station)
        shown = backend.settings(user=OPERATOR)["cameras"]
        assert shown == ["rtsp://cam:***@10.0.0.5/stream", 0]
        backend.update_settings({"cameras": [*shown, 1]}, user=ADMIN)
        # Stored sealed (hostile-input work): only camera_sources() opens the password.
        assert station.settings["cameras"] == ["rtsp://cam:***@10.0.0.5/stream", 0, 1]
        assert "rtsp://cam:s3cr3t@10.0.0.5/stream" in str(station.settings.camera_sources())
        assert "s3cr3t" not in str(backend.audit(user=ADMIN))
    finally:
        station.close()
    # A camera with its mode is masked and kept the same way, and so is one an older
    # station stored in clear (sealed once it is saved back): one place does both.
    import json

    station = Station.open(tmp_path / "st")
    try:
        admin = station.login("boss", fx.PW)
        cam = {"source": "rtsp://cam:s3cr3t@10.0.0.5/s", "mode": "classroom"}
        station.db.execute("UPDATE settings SET value = ? WHERE key = 'cameras'",
                           [json.dumps([cam, "rtsp://old:pw0ld@10.0.0.6/s"])])
        station.settings.reload()
        shown = station.show_settings(admin)["cameras"]
        assert shown == [{"source": "rtsp://cam:***@10.0.0.5/s", "mode": "classroom"},
                         "rtsp://old:***@10.0.0.6/s"]
        assert station.set_settings(admin, cameras=[*shown, 2])["cameras"] == [*shown, 2]
        assert station.settings.camera_sources() == [cam, "rtsp://old:pw0ld@10.0.0.6/s", 2]
        stored = station.db.execute("SELECT value FROM settings WHERE key = 'cameras'")
        assert "s3cr3t" not in (text := stored.fetchone()[0]) and "pw0ld" not in text
        assert "s3cr3t" not in str(station.audit.entries(limit=5))
    finally:
        station.close()
    # Nobody signed in: refused.
    code, out = prepared("--user", "op", "--password", "wrong", "settings", "show")
    assert code != 0
