"""The window's diagnostic log: what went wrong, kept for the school's IT staff (no Qt).

A window runs unattended through an exam morning; when something fails, the person who
looks later needs more than the moment's status line. From ``start``: warnings, errors
and every unhandled exception of any thread go to ``DATA/logs/headcount.log`` (rotated
at 1 MB, three old files kept: never an ever-growing file), and a native crash (a fault
in Qt, OpenCV or onnxruntime) leaves every thread's Python stack in ``DATA/logs/crash.log``
(``faulthandler``). The files are owner-only inside the owner-only data folder. No face,
photo or template ever reaches a log; people appear only as the station's own messages
name them (by number).

Unhandled exceptions are still handed to the hooks that were there before (Python's
default prints them), and to ``listeners`` (the window shows a line in its status bar).
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from headcount.store.private_files import make_private, private_folder

LOG_NAME = "headcount.log"
CRASH_NAME = "crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
LOGGER = "headcount"

listeners: list[Callable[[str], None]] = []  # told the one-line cause of each unhandled one


class _PrivateRotatingFile(RotatingFileHandler):
    """Every file it opens, the rotated ones too, is owner-only from the start."""

    def _open(self) -> Any:
        stream = super()._open()
        make_private(Path(self.baseFilename))
        return stream


class _Active:
    path: Path | None = None
    handler: logging.Handler | None = None
    crash: IO[str] | None = None
    hooks: tuple[Any, Any] | None = None


_active = _Active()


def start(data_dir: Path | str) -> Path:
    """Log to ``DATA/logs`` from now on; returns the log file. Starting again on the same
    folder changes nothing; on another folder, the first stops."""
    folder = private_folder(Path(data_dir) / "logs")
    path = folder / LOG_NAME
    if _active.path == path:
        return path
    stop()
    handler = _PrivateRotatingFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                   encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"))
    root = logging.getLogger(LOGGER)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    crash = open(folder / CRASH_NAME, "a", encoding="utf-8")  # noqa: SIM115 - held open
    make_private(folder / CRASH_NAME)
    faulthandler.enable(file=crash, all_threads=True)
    _active.hooks = (sys.excepthook, threading.excepthook)
    sys.excepthook = _on_unhandled
    threading.excepthook = _on_thread_unhandled
    _active.path, _active.handler, _active.crash = path, handler, crash
    logging.getLogger(LOGGER).info("log started (%s)", path.parent)
    return path


def stop() -> None:
    """Back to how it was before ``start`` (tests; a window opening another station)."""
    if _active.handler is not None:
        logging.getLogger(LOGGER).removeHandler(_active.handler)
        _active.handler.close()
    if _active.crash is not None:
        faulthandler.disable()
        _active.crash.close()
    if _active.hooks is not None:  # put back only what is still ours (others may have
        if sys.excepthook is _on_unhandled:  # put theirs in since)
            sys.excepthook = _active.hooks[0]
        if threading.excepthook is _on_thread_unhandled:
            threading.excepthook = _active.hooks[1]
    _active.path = _active.handler = _active.crash = _active.hooks = None


def active() -> Path | None:
    """The log file being written, if any."""
    return _active.path


def _tell(exc: BaseException | None) -> None:
    line = f"{type(exc).__name__}: {exc}" if exc is not None else "unknown error"
    for listener in list(listeners):
        try:
            listener(line)
        except Exception:  # a listener must never turn one error into two
            logging.getLogger(LOGGER).exception("error listener failed")


def _on_unhandled(kind: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> None:
    logging.getLogger(LOGGER).error("unhandled exception", exc_info=(kind, exc, tb))
    _tell(exc)
    if _active.hooks is not None:
        _active.hooks[0](kind, exc, tb)


def _on_thread_unhandled(args: threading.ExceptHookArgs) -> None:
    name = args.thread.name if args.thread is not None else "?"
    if args.exc_value is not None:
        logging.getLogger(LOGGER).error(
            "unhandled exception in thread %s", name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
    _tell(args.exc_value)
    if _active.hooks is not None:
        _active.hooks[1](args)


@dataclass(frozen=True)
class LogSummary:
    """What the logs of a data folder hold, for ``headcount doctor``."""

    folder: Path
    unhandled: int  # unhandled exceptions written (all kept files)
    last_unhandled: str | None  # its time, as written
    crashes: int  # native crashes in crash.log


def summary(data_dir: Path | str) -> LogSummary:
    """Count what went wrong, from the files (nothing is opened for writing)."""
    folder = Path(data_dir) / "logs"
    unhandled, last = 0, None
    for path in sorted(folder.glob(LOG_NAME + "*"), reverse=True):  # oldest first
        with contextlib.suppress(OSError), open(path, encoding="utf-8",
                                                 errors="replace") as f:
            for line in f:
                if " ERROR " in line and "unhandled exception" in line:
                    unhandled, last = unhandled + 1, line[:19]
    crashes = 0
    with contextlib.suppress(OSError):
        crashes = (folder / CRASH_NAME).read_text(encoding="utf-8", errors="replace").count(
            "Fatal Python error")
    return LogSummary(folder, unhandled, last, crashes)
