"""The window's sync: every few seconds, on a thread of its own, never in the way.

``LinkLoop`` runs on its own thread (gui/link_status.py starts it) with its own SQLite
connection, opened there (one connection per thread: docs/ARCHITECTURE.md, "Threads"):
the window's task thread, which records check-ins, never waits on the network. The
only thing the two share is the database file (WAL: the loop's short delete of sent
events and a check-in's write queue for milliseconds, never for a network round trip).

A server gone costs nothing at the desk: the connect timeout is short and each failure
doubles the wait before the next try (up to ``MAX_DELAY``). Each cycle yields the link's
state for the status bar: not linked / up to date / N waiting / unreachable since T.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from headcount.errors import HeadcountError
from headcount.office.feedback import LINK_KEY

log = logging.getLogger(__name__)

PERIOD = 5.0  # seconds between syncs while the server answers
MAX_DELAY = 60.0  # the longest wait between tries while it does not
CONNECT_TIMEOUT = 2  # seconds (libpq's smallest useful value)


class LinkLoop:
    def __init__(self, data_dir: Path, key: bytes, *, period: float = PERIOD,
                 max_delay: float = MAX_DELAY, timeout: int = CONNECT_TIMEOUT) -> None:
        self.data_dir, self._key = Path(data_dir), key
        self.period, self.max_delay, self.timeout = period, max_delay, timeout
        self.failures = 0
        self.since: dt.datetime | None = None  # the first failed try of this outage
        self.duplicates: list[dict[str, Any]] = []  # the last ones the server gave
        self._db: sqlite_utils.Database | None = None
        self._poke = threading.Event()
        self._stop = threading.Event()

    # --- asked from any thread
    def poke(self) -> None:
        """Sync now (a check-in was just recorded), not at the next period."""
        self._poke.set()

    def stop(self) -> None:
        self._stop.set()
        self._poke.set()

    # --- on the loop's own thread only
    def states(self) -> Iterator[dict[str, Any]]:
        """One state per cycle until ``stop``; the connection closes on this thread."""
        try:
            while not self._stop.is_set():
                state = self.cycle()
                yield state
                self._poke.wait(state["next_in"])
                self._poke.clear()
        finally:
            self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def cycle(self) -> dict[str, Any]:
        from headcount.office import outbox
        from headcount.store.db import open_db

        if self._db is None:
            self._db = open_db(self.data_dir)
        db = self._db
        if not db.execute("SELECT 1 FROM meta WHERE key = ?", (LINK_KEY,)).fetchone():
            self.failures, self.since, self.duplicates = 0, None, []
            return {"state": "not_linked", "waiting": 0, "duplicates": [],
                    "next_in": self.period}
        try:
            result = outbox.sync(db, self._key, timeout=self.timeout)
        except HeadcountError as exc:  # server gone, refused, or the link unreadable
            self.failures += 1
            self.since = self.since or dt.datetime.now().astimezone()
            delay = min(self.max_delay, self.period * 2 ** (self.failures - 1))
            log.info("office sync failed (%d in a row): %s", self.failures, exc)
            return {"state": "unreachable", "since": self.since.strftime("%H:%M"),
                    "waiting": outbox.waiting(db), "duplicates": self.duplicates,
                    "error": str(exc), "next_in": delay}
        self.failures, self.since = 0, None
        self.duplicates = [d.as_dict() for d in result.duplicates]
        return {"state": "up_to_date" if result.waiting == 0 else "waiting",
                "waiting": result.waiting, "sent": result.sent,
                "duplicates": self.duplicates,
                "people_with_face_data": result.people_with_face_data,
                "next_in": self.period}
