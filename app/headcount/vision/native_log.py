"""Keep MediaPipe's native log lines (LiteRT INFO, XNNPACK, sparsity warnings) off the
user's terminal.

They are written by C++ straight to file descriptor 2, so Python's logging cannot
filter them. Model loading runs with fd 2 pointed at /dev/null; a load that fails
still raises a Python exception, which we turn into a clear ModelError.
Set HEADCOUNT_NATIVE_LOG=1 to see them.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Self, TypeVar

from headcount.errors import ModelError
from headcount.i18n import Text

T = TypeVar("T")

# Re-entrant: a task left unclosed can be collected (``OwnsTask.__del__`` -> close ->
# here) while this same thread is inside a load, which deadlocked with a plain Lock.
_lock = threading.RLock()

# glog-based parts of MediaPipe honour these when set before their first use.
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@contextmanager
def quiet_native_stderr() -> Iterator[None]:
    if os.environ.get("HEADCOUNT_NATIVE_LOG"):
        yield
        return
    with _lock:
        sys.stderr.flush()
        try:
            saved = os.dup(2)
        except OSError:  # no fd 2 (some GUI launchers): nothing to hide
            yield
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(devnull)


def load_task(create: Callable[[], T], warm_up: Callable[[T], object], path: object,
              what: Text) -> T:
    """Create a MediaPipe task quietly and spend its first (noisy) inference on a
    blank image; a load that fails becomes one ModelError naming the file."""
    try:
        with quiet_native_stderr():
            task = create()
            warm_up(task)
            return task
    except (RuntimeError, ValueError) as exc:
        raise ModelError(f"Cannot load the {what.en} {path}: {exc}",
                         f"无法加载{what.zh} {path}：{exc}") from exc


def close_task(task: Any) -> None:
    """Close a MediaPipe task without its native goodbye lines."""
    with quiet_native_stderr():
        task.close()


class OwnsTask:
    """close(), ``with`` and a last-resort close for a class keeping a MediaPipe task
    in ``self._task``. Without close() the interpreter prints an exception at exit."""

    _task: Any = None

    def close(self) -> None:
        task = getattr(self, "_task", None)
        if task is not None:
            self._task = None
            close_task(task)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()
