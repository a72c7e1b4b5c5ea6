"""headcount doctor: every check on this checkout, damaged models, a station, JSON shape."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from headcount import doctor
from headcount.cli import main
from headcount.i18n import set_language
from headcount.models import DLIB_ONNX, LANDMARKER, MODELS, SHORT_RANGE
from headcount.resources import models_dir

PASSWORD = "correct horse 42"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HEADCOUNT_KEYRING", "0")
    monkeypatch.delenv("HEADCOUNT_KEY_DIR", raising=False)
    return tmp_path / "station"


@pytest.fixture
def broken_models(tmp_path: Path) -> Path:
    """A models folder with the landmarker missing and the short-range detector damaged."""
    folder = tmp_path / "resources" / "models"
    folder.mkdir(parents=True)
    for name in MODELS:
        if name == LANDMARKER:
            continue
        if name == SHORT_RANGE:
            data = bytearray((models_dir() / name).read_bytes())
            data[1000] ^= 0xFF
            (folder / name).write_bytes(bytes(data))
        else:
            (folder / name).symlink_to(models_dir() / name)
    return folder


def by_name(report: doctor.Report) -> dict[str, doctor.Check]:
    return {c.name: c for c in report.checks}


def test_every_check_passes_on_this_checkout(data_dir: Path) -> None:
    report = doctor.run_checks(data_dir, cameras=False)
    checks = by_name(report)
    assert report.ok
    bad = [(c.name, str(c.detail)) for c in report.checks if not c.ok]
    assert bad == []
    for name in MODELS:
        assert MODELS[name].sha256 in str(checks[f"model-file:{name}"].detail)
    for name in ("model-load:embedder", "model-load:detector-entrance",
                 "model-load:detector-classroom", "model-load:landmarker", "font",
                 "data-folder", "database", "key-storage", "disk", "package:PySide6"):
        assert name in checks
    assert "offscreen" in str(checks["package:PySide6"].detail)


def test_missing_and_damaged_models_say_what_to_do(broken_models: Path, data_dir: Path) -> None:
    report = doctor.run_checks(data_dir, models_dir=broken_models, cameras=False)
    checks = by_name(report)
    assert not report.ok
    missing, damaged = checks[f"model-file:{LANDMARKER}"], checks[f"model-file:{SHORT_RANGE}"]
    assert missing.status == damaged.status == doctor.FAIL
    assert "missing" in missing.detail.en and "缺失" in missing.detail.zh
    assert "damaged" in damaged.detail.en and "SHA-256" in damaged.detail.en
    for check in (missing, damaged):
        assert check.fix is not None
        assert "Reinstall" in check.fix.en and "重新安装" in check.fix.zh
    assert checks[f"model-file:{DLIB_ONNX}"].ok
    # The models are not loaded from a folder that failed its check.
    assert checks["model-load"].status == doctor.FAIL


def test_cli_exit_code_and_json_shape(broken_models: Path, data_dir: Path,
                                      monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HEADCOUNT_RESOURCES", str(broken_models.parent))
    code = main(["doctor", "--json", "--no-cameras", "--data-dir", str(data_dir)])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert set(out) == {"ok", "version", "bundle", "counts", "checks"}
    assert out["ok"] is False and out["bundle"] is False
    assert out["counts"]["fail"] == sum(c["status"] == "fail" for c in out["checks"]) >= 2
    names = [c["name"] for c in out["checks"]]
    assert len(names) == len(set(names))
    for c in out["checks"]:
        assert set(c) == {"name", "status", "ok", "title", "detail", "fix"}
        assert c["status"] in ("ok", "warn", "fail") and c["ok"] == (c["status"] == "ok")
        assert set(c["title"]) == set(c["detail"]) == {"en", "zh"}
        if c["status"] == "fail":
            assert set(c["fix"]) == {"en", "zh"}


def test_cli_passes_with_good_models(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["doctor", "--no-cameras", "--no-load", "--lang", "zh",
                 "--data-dir", str(data_dir)])
    text = capsys.readouterr().out
    set_language(None)
    assert code == 0
    assert "所有必需检查均已通过" in text and "[FAIL]" not in text


def test_no_camera_is_a_warning_not_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor, "find_cameras", lambda: {})
    check = doctor.check_cameras()
    assert check.status == doctor.WARN and check.fix is not None
    assert doctor.Report([check]).ok
    monkeypatch.setattr(doctor, "find_cameras", lambda: {0: (640, 480)})
    assert doctor.check_cameras().ok and "640x480" in doctor.check_cameras().detail.en


def test_low_disk_is_a_warning(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Usage:
        free = 200 << 20

    monkeypatch.setattr(doctor.shutil, "disk_usage", lambda _path: Usage())
    check = doctor.check_disk(data_dir)
    assert check.status == doctor.WARN and "0.2 GB" in check.detail.en


def test_station_read_only_and_missing_key(data_dir: Path) -> None:
    from headcount.station import Station

    st = Station.init(data_dir, school="Test Middle School", contact="office@test.edu.cn",
                      admin="admin", password=PASSWORD)
    key_file = st.keys.key_file
    st.close()
    db_file = data_dir / "headcount.db"
    before = hashlib.sha256(db_file.read_bytes()).hexdigest()

    checks = {c.name: c for c in doctor.check_station(data_dir)}
    assert checks["database"].ok and "0 people" in checks["database"].detail.en
    assert checks["key-storage"].ok and str(key_file) in checks["key-storage"].detail.en
    assert checks["key-storage"].fix is not None  # the key-file warning
    # The match threshold, its target and where the estimate comes from (issue 13).
    line = checks["threshold"].detail
    assert "1%" in line.en and "45" in line.en and "LFW" in line.en and "LFW" in line.zh
    assert hashlib.sha256(db_file.read_bytes()).hexdigest() == before  # nothing written

    key_file.unlink()
    missing = {c.name: c for c in doctor.check_station(data_dir)}["key-storage"]
    assert missing.status == doctor.FAIL and missing.fix is not None
    assert "missing" in missing.detail.en


def test_a_check_that_raises_becomes_a_failure() -> None:
    def boom() -> doctor.Check:
        raise RuntimeError("driver exploded")

    check = doctor._guard("x", doctor.Text("X", "X"), boom)
    assert check.status == doctor.FAIL and "driver exploded" in check.detail.en


def test_templates_count_people_with_one_photo_and_old_templates(data_dir: Path) -> None:
    """Doctor says how many people have a single enrolment photo (and what a second one
    buys) and how many templates predate the jittered enrolment (issue 13)."""
    import station_fixtures as fx
    from headcount.models import MODEL_VERSION, TEMPLATE_VERSION
    from headcount.station import Station

    st = Station.init(data_dir, school="Test Middle School", contact="office@test.edu.cn",
                      admin="admin", password=PASSWORD)
    admin = st.login("admin", PASSWORD)
    csv = data_dir.parent / "roster.csv"
    csv.write_text(fx.ROSTER_CSV, encoding="utf-8")
    st.import_roster(admin, csv)
    ids = [st.people.get(n).id for n in ("2024001", "2024002", "2024003")]
    st.templates.add(ids[0], fx.template_for(1), source="t", model_version=TEMPLATE_VERSION)
    st.templates.add(ids[1], fx.template_for(2), source="t", model_version=TEMPLATE_VERSION)
    st.templates.add(ids[1], fx.template_for(3), source="t", model_version=MODEL_VERSION)
    st.templates.add(ids[2], fx.template_for(4), source="t", model_version=MODEL_VERSION)
    st.close()

    check = {c.name: c for c in doctor.check_station(data_dir)}["templates"]
    assert check.ok
    assert "3 people enrolled: 2 with one photo, 1 with two or more" in check.detail.en
    assert "2 templates from before jittered enrolment" in check.detail.en
    assert "已登记 3 人" in check.detail.zh and "2 个模板" in check.detail.zh
    assert check.fix is not None and "_2.jpg" in check.fix.en and "第二张照片" in check.fix.zh

    # Everyone with a second photo: nothing to suggest.
    st = Station.open(data_dir)
    for pid, seed in ((ids[0], 5), (ids[2], 6)):
        st.templates.add(pid, fx.template_for(seed), source="t", model_version=TEMPLATE_VERSION)
    st.close()
    check = {c.name: c for c in doctor.check_station(data_dir)}["templates"]
    assert "0 with one photo, 3 with two or more" in check.detail.en and check.fix is None


@pytest.mark.qt_no_exception_capture
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_the_diagnostic_log_is_summed_up(data_dir: Path) -> None:
    """Doctor reads the window's log: nothing yet, then clean, then the unhandled errors
    and native crashes it holds (a warning for the IT staff, not a failure)."""
    import logging
    import threading

    from headcount.store import logfile

    assert doctor.check_log(data_dir).ok and "none yet" in doctor.check_log(data_dir).detail.en
    logfile.start(data_dir)
    try:
        logging.getLogger("headcount.office.link").info("office sync failed (1 in a row)")
        check = doctor.check_log(data_dir)
        assert check.ok and "no unhandled error, no crash" in check.detail.en

        def boom() -> None:
            raise RuntimeError("feed worker bug")

        for _ in range(2):
            t = threading.Thread(target=boom)
            t.start()
            t.join()
    finally:
        logfile.stop()
    (data_dir / "logs" / "crash.log").write_text("Fatal Python error: Segmentation fault\n",
                                                 encoding="utf-8")
    check = doctor.check_log(data_dir)
    assert check.status == doctor.WARN and doctor.Report([check]).ok
    assert "2 unhandled error(s), the last at 20" in check.detail.en
    assert "1 crash(es)" in check.detail.en and "2 个未处理错误" in check.detail.zh
    assert check.fix is not None and "logs" in check.fix.en
