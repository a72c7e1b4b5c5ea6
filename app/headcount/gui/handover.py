"""What a feed thread shares with other threads: its latest frame (for live enrolment)
and the count of results the GUI thread has not painted yet. Both are changed from two
threads, so each guards its state with a lock (docs/ARCHITECTURE.md, "Threads")."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from headcount.errors import SourceError


class FrameTap:
    """The latest frame of a running feed, for a second reader (live enrolment).

    The feed worker ``put``s every frame it reads; ``tap()`` (or iterating ``frames()``)
    yields each new frame as it arrives, waiting on a condition, never polling. So the
    enrolment screen uses the camera that is already open instead of opening it twice.
    """

    def __init__(self, timeout_s: float = 5.0) -> None:
        self._cond = threading.Condition()
        self._frame: Any = None
        self._seq = 0
        self.timeout_s = timeout_s

    def put(self, frame: Any) -> None:
        with self._cond:
            self._frame = frame
            self._seq += 1
            self._cond.notify_all()

    def frames(self) -> Iterator[Any]:
        """New frames as they come; ends when none arrives within ``timeout_s``."""
        seen = [0]
        while True:
            with self._cond:
                if not self._cond.wait_for(lambda: self._seq != seen[0], self.timeout_s):
                    raise SourceError("The camera sends no frames.", "摄像头没有画面。")
                frame, seen[0] = self._frame, self._seq
            yield frame

    def __call__(self) -> Iterator[Any]:
        return self.frames()


class InFlight:
    """Results handed to the GUI thread and not yet painted, at most ``limit``.

    The feed thread takes a slot and the GUI thread gives it back, so two threads change
    one count: a lock makes each change whole (``n = max(0, n - 1)`` read on one thread
    and written after the other thread's ``n += 1`` would lose that increment, and the
    feed would then hand over more frames than the screen paints)."""

    def __init__(self, limit: int = 3) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._n = 0

    def take(self) -> bool:
        """A slot for one more result, if the GUI is keeping up (the feed thread)."""
        with self._lock:
            if self._n >= self.limit:
                return False
            self._n += 1
            return True

    def give_back(self) -> None:
        """One result painted (the GUI thread)."""
        with self._lock:
            self._n = max(0, self._n - 1)

    @property
    def count(self) -> int:
        with self._lock:
            return self._n
