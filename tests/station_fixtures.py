"""Shared fixtures for the station-core tests (store, compliance, roster, attendance, CLI).

A station in ``tmp_path`` with its key in a sibling folder (never the OS keyring), an
administrator, a small roster, and a fake recognition engine that turns an image into a
deterministic template without any model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from headcount.i18n import Text
from headcount.station import Station
from headcount.store.users import User

PASSWORD = "s3cret-pass"
CHILD_YEAR = dt.date.today().year - 10  # under 14 whenever the tests run
ADULT_YEAR = dt.date.today().year - 20
ROSTER_CSV = (
    "number,name,class,birth_date,guardian_name,guardian_phone,id_number\n"
    f"2024001,Wang Xiaoming,7A,{CHILD_YEAR}-03-05,Wang Fang,13800138000,\n"
    f"2024002,Li Lei,7A,{ADULT_YEAR}-01-01,,,\n"
    f"2024003,Han Meimei,7A,{CHILD_YEAR}-09-10,Han Jun,13900139000,\n"
    f"2024004,Zhang Wei,7B,{ADULT_YEAR}-06-06,,,\n"
)


def template_for(seed: int) -> np.ndarray:
    """A dlib-like template: random direction, norm about 1.45 (far from other seeds)."""
    v = np.random.default_rng(seed).normal(size=128).astype(np.float32)
    return (v / np.linalg.norm(v) * 1.45).astype(np.float32)


def image_for(seed: int) -> np.ndarray:
    """A tiny 'photo' whose first pixel carries the seed the fake engine reads."""
    img = np.full((8, 8, 3), 128, np.uint8)
    img[0, 0] = (seed % 256, seed // 256 % 256, 1)
    return img


@dataclass
class FakeResult:
    template: np.ndarray | None
    faces: int
    reasons: list[str] = field(default_factory=list)
    messages: list[Text] = field(default_factory=list)


@dataclass
class FakeFace:
    descriptor: np.ndarray | None
    quality_ok: bool = True
    box: tuple[float, float, float, float] = (0.0, 0.0, 8.0, 8.0)


class FakeEngine:
    """Images from ``image_for(seed)`` have one face with ``template_for(seed)``; an
    all-black image has none; an all-white one has two."""

    model_version = "fake-1"

    def __init__(self) -> None:
        self.calls = 0

    def _seed(self, rgb: np.ndarray) -> int | None:
        if not rgb.any():
            return None
        if (rgb == 255).all():
            return -1
        return int(rgb[0, 0, 0]) + 256 * int(rgb[0, 0, 1])

    def enrol_image(self, rgb: np.ndarray) -> FakeResult:
        self.calls += 1
        seed = self._seed(rgb)
        if seed is None:
            return FakeResult(None, 0, ["no_face"], [Text("No face.", "未找到人脸。")])
        if seed < 0:
            return FakeResult(None, 2, ["many_faces"], [Text("2 faces.", "2 张人脸。")])
        return FakeResult(template_for(seed), 1)

    def analyse(self, rgb: np.ndarray, **_: object) -> list[FakeFace]:
        seed = self._seed(rgb)
        if seed is None:
            return []
        if seed < 0:
            return [FakeFace(template_for(900)), FakeFace(template_for(901))]
        return [FakeFace(template_for(seed))]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HEADCOUNT_KEYRING", "0")
    monkeypatch.delenv("HEADCOUNT_KEY_DIR", raising=False)
    return tmp_path / "station"


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def station(data_dir: Path, engine: FakeEngine):  # type: ignore[no-untyped-def]
    st = Station.init(data_dir, school="Test Middle School", contact="office@test.edu.cn",
                      admin="admin", password=PASSWORD, engine=engine)
    yield st
    st.close()


@pytest.fixture
def admin(station: Station) -> User:
    return station.login("admin", PASSWORD)


@pytest.fixture
def roster(station: Station, admin: User, tmp_path: Path) -> Station:
    """The station with four people imported (2024001 and 2024003 are under 14)."""
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER_CSV, encoding="utf-8")
    station.import_roster(admin, path)
    return station


# --- the CLI, in-process ------------------------------------------------------------------
PW = "pw-123456"


@pytest.fixture
def hc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``headcount --data-dir D --json ARGS`` on a station initialised with admin
    "boss" (password ``PW``); returns (exit code, parsed JSON or text). ``data_dir=``
    runs a command on another folder; ``hc.stderr`` is the last command's stderr."""
    import json

    from headcount.cli import main

    monkeypatch.setenv("HEADCOUNT_KEYRING", "0")
    monkeypatch.setenv("HEADCOUNT_PASSWORD", PW)
    monkeypatch.delenv("HEADCOUNT_USER", raising=False)
    monkeypatch.delenv("HEADCOUNT_KEY_DIR", raising=False)
    monkeypatch.setattr("headcount.station.default_engine",
                        lambda mode="entrance": FakeEngine())
    data = tmp_path / "st"

    def run(*args: str, as_json: bool = True, data_dir: Path | None = None):  # type: ignore[no-untyped-def]
        capsys.readouterr()
        argv = ["--data-dir", str(data_dir or data), *(["--json"] if as_json else []), *args]
        code = main(argv)
        captured = capsys.readouterr()
        run.stderr = captured.err  # type: ignore[attr-defined]  # warnings, for tests
        out = captured.out.strip()
        if as_json and out:
            return code, json.loads(out.splitlines()[-1])
        return code, out

    assert run("init", "--school", "测试中学", "--contact", "010-1234", "--admin", "boss")[0] == 0
    return run


@pytest.fixture
def cli_roster_file(tmp_path: Path) -> Path:
    """ROSTER_CSV with Chinese headers, saved as GBK (as Chinese Excel does)."""
    path = tmp_path / "class.csv"
    path.write_text(ROSTER_CSV.replace("number,name,class,birth_date,guardian_name,"
                                       "guardian_phone,id_number",
                                       "学号,姓名,班级,出生日期,监护人,监护人电话,身份证号"),
                    encoding="gbk")
    return path
