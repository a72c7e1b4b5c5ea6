"""Tests use the station where the window does: on its task thread.

Once a window (or a dialog with its own TaskManager) is open, its task thread owns the
station's connection, and the test's own thread (the GUI thread) may not touch it:
store/db.py raises ``WrongThread``. These helpers run a test's reads and set-up
through the same task manager, waiting for the result. They are for tests only: the
window itself calls ``tasks.run`` and never waits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def _tasks(owner: Any) -> Any:
    return getattr(owner, "tasks", owner)


def on_station(owner: Any, fn: Callable[[], T]) -> T:
    """``fn()`` on the task thread of ``owner`` (a window, a dialog or a TaskManager)."""
    return _tasks(owner).call(fn)  # type: ignore[no-any-return]


class OnTaskThread:
    """``target`` as the test sees it: each method call runs on the task thread.

    Never hand this to a window: the window calls the real backend on its own tasks,
    and a call from its GUI thread must fail, not be quietly moved."""

    def __init__(self, owner: Any, target: Any) -> None:
        self._tasks = _tasks(owner)
        self._target = target

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if not callable(attr):
            return attr
        return lambda *a, **kw: self._tasks.call(lambda: attr(*a, **kw))


def on_task_thread(owner: Any, target: Any) -> Any:
    return OnTaskThread(owner, target)


def shown_candidate(qtbot: Any, window: Any, timeout: int = 20000) -> Any:
    """The candidate on the card: the one shown already, else the next one shown.

    A feed's results cross to the GUI thread by queued signal and are handled whenever
    the test lets events run (while it waits for something else, too), so the card may
    already show someone: waiting for ``candidate_shown`` alone would then miss it.
    Nothing runs between the check and the wait (both on this thread): no race."""
    if window.card.candidate is not None:
        return window.card.candidate
    with qtbot.waitSignal(window.candidate_shown, timeout=timeout) as sig:
        pass
    return sig.args[0]
