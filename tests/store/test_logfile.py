"""The window's diagnostic log (store/logfile.py): owner-only, rotated, every unhandled
exception of any thread in it, a native crash's stacks in crash.log."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from headcount.store import logfile


@pytest.fixture
def started(tmp_path: Path) -> Iterator[Path]:
    before = (sys.excepthook, threading.excepthook)
    path = logfile.start(tmp_path / "station")
    yield path
    logfile.stop()
    assert (sys.excepthook, threading.excepthook) == before  # put back as they were


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_warnings_go_to_an_owner_only_file(started: Path) -> None:
    logging.getLogger("headcount.office.link").warning("server gone: %s", "room-101")
    logging.getLogger("headcount.office.link").debug("not kept")
    text = started.read_text(encoding="utf-8")
    assert "WARNING" in text and "server gone: room-101" in text and "not kept" not in text
    assert started == logfile.active() and started.name == "headcount.log"
    if os.name != "nt":
        assert _mode(started) == 0o600 and _mode(started.parent) == 0o700
        assert _mode(started.parent / "crash.log") == 0o600
    assert logfile.start(started.parent.parent) == started  # again: nothing changes
    assert len([h for h in logging.getLogger("headcount").handlers
                if isinstance(h, logging.handlers.RotatingFileHandler)]) == 1


# The hooks that were there before still get each exception (pytest's and pytest-qt's
# here, which would otherwise report them as the test's own failure).
@pytest.mark.qt_no_exception_capture
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_unhandled_exceptions_of_any_thread_are_logged_and_told(started: Path) -> None:
    told: list[str] = []
    logfile.listeners.append(told.append)
    try:
        def boom() -> None:
            raise RuntimeError("camera driver exploded")

        t = threading.Thread(target=boom, name="feed-0")
        t.start()
        t.join()
        try:
            raise ValueError("a slot failed")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        logfile.listeners.remove(told.append)
    text = started.read_text(encoding="utf-8")
    assert "unhandled exception in thread feed-0" in text
    assert "RuntimeError: camera driver exploded" in text and "Traceback" in text
    assert "ValueError: a slot failed" in text
    assert told == ["RuntimeError: camera driver exploded", "ValueError: a slot failed"]


def test_the_log_is_rotated_and_stays_small(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logfile, "MAX_BYTES", 2_000)
    path = logfile.start(tmp_path / "station")
    try:
        log = logging.getLogger("headcount.test")
        for i in range(400):
            log.warning("line %d of a long outage", i)
    finally:
        logfile.stop()
    files = sorted(p.name for p in path.parent.glob("headcount.log*"))
    assert files == ["headcount.log", "headcount.log.1", "headcount.log.2", "headcount.log.3"]
    assert all(p.stat().st_size <= 2_200 for p in path.parent.glob("headcount.log*"))
    if os.name != "nt":
        assert all(_mode(p) == 0o600 for p in path.parent.glob("headcount.log*"))
    assert "line 399" in path.read_text(encoding="utf-8")


def test_a_native_crash_leaves_its_stacks_in_crash_log(tmp_path: Path) -> None:
    code = ("import faulthandler; from headcount.store import logfile; "
            f"logfile.start({str(tmp_path / 'station')!r}); faulthandler._sigsegv()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60,
                          cwd=tmp_path, env={**os.environ, "PYTHONFAULTHANDLER": ""})
    assert done.returncode != 0
    crash = (tmp_path / "station" / "logs" / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error" in crash and "Segmentation fault" in crash
