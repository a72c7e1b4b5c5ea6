"""Owner-only data folder, database, WAL/SHM, backups and exports whatever the umask
(issue 11), and `doctor` checking the modes it claims."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import station_fixtures as fx
from headcount import doctor
from headcount.station import Station
from station_fixtures import PASSWORD

hc = fx.hc
pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes (Windows: icacls ACL)")


@pytest.fixture(autouse=True)
def umask_022():  # type: ignore[no-untyped-def]
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_station_files_are_owner_only(hc, tmp_path: Path,  # type: ignore[no-untyped-def]
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "st"
    assert hc("roster", "import", str(_roster(tmp_path)))[0] == 0
    assert mode(data) == 0o700
    files = [p for p in data.iterdir() if p.name.startswith("headcount.db")]
    assert files and all(mode(p) == 0o600 for p in files), [(p, oct(mode(p))) for p in files]
    assert mode(tmp_path / "st-keys") == 0o700
    assert all(mode(p) == 0o600 for p in (tmp_path / "st-keys").iterdir())
    monkeypatch.setenv("HEADCOUNT_PASSPHRASE", "a long passphrase")
    assert hc("backup", "--out", str(tmp_path / "b.zip"))[0] == 0
    assert mode(tmp_path / "b.zip") == 0o600
    assert hc("people", "export", "2024002", "--out", str(tmp_path / "p.json"))[0] == 0
    assert mode(tmp_path / "p.json") == 0o600
    assert hc("filing", "export", "--out", str(tmp_path / "f.json"))[0] == 0
    assert mode(tmp_path / "f.json") == 0o600


def _roster(tmp_path: Path) -> Path:
    path = tmp_path / "r.csv"
    path.write_text(fx.ROSTER_CSV, encoding="utf-8")
    return path


def test_a_station_made_with_loose_modes_is_tightened_at_open(station: Station,
                                                              data_dir: Path) -> None:
    station.close()
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "headcount.db", 0o644)
    Station.open(data_dir).close()
    assert mode(data_dir) == 0o700 and mode(data_dir / "headcount.db") == 0o600


def test_doctor_checks_the_modes_it_claims(station: Station, data_dir: Path) -> None:
    station.login("admin", PASSWORD)
    station.close()
    check = doctor.check_permissions(data_dir)
    assert check.ok, check.detail
    key = next((data_dir.parent / "station-keys").glob("*.key"))
    os.chmod(key, 0o644)
    os.chmod(data_dir, 0o755)
    check = doctor.check_permissions(data_dir)
    assert check.status == doctor.FAIL
    assert str(key) in check.detail.en and "0644" in check.detail.en
    assert f"{data_dir} (0755)" in check.detail.en
    assert check.fix is not None and "chmod 600" in check.fix.en and "chmod 600" in check.fix.zh
    names = {c.name for c in doctor.run_checks(data_dir, cameras=False,
                                               load_models=False).checks}
    assert "permissions" in names
