"""The feed thread and the GUI thread share the count of results not yet painted
(gui/handover.py): a lost update there lets the feed hand over more frames than the
screen paints, or stops the feed showing anything at all."""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from headcount.gui.handover import InFlight


@pytest.fixture
def eager_switching() -> Iterator[None]:
    """Threads switch as often as CPython allows, so an unguarded read-modify-write
    is interrupted many times over the run."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(old)


def hand_over(gate: InFlight, results: int) -> tuple[int, int]:
    """A feed thread takes slots and hands ``results`` over (it gives up after 30 s of
    finding no free slot); a GUI thread paints each and gives its slot back. Returns the
    most results ever out at once, and how many were handed over."""
    handed: queue.Queue[bool] = queue.Queue()
    out = [0, 0, 0]  # out now, most out at once, handed in all
    lock = threading.Lock()

    def feed() -> None:
        deadline = time.monotonic() + 30
        while out[2] < results and time.monotonic() < deadline:
            if gate.take():
                with lock:
                    out[0] += 1
                    out[1] = max(out[1], out[0])
                    out[2] += 1
                handed.put(True)
        handed.put(False)

    def gui() -> None:
        while handed.get(timeout=30):
            with lock:
                out[0] -= 1
            gate.give_back()

    threads = [threading.Thread(target=feed), threading.Thread(target=gui)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    return out[1], out[2]


def test_no_more_results_out_than_the_limit_and_every_slot_comes_back(
        eager_switching: None) -> None:
    gate = InFlight(3)
    most, handed = hand_over(gate, 5000)
    assert most <= 3
    assert handed == 5000  # no slot was lost: the feed never stalled
    assert gate.count == 0  # every result painted gave its slot back


def test_every_change_of_the_count_is_made_holding_the_lock() -> None:
    """Deterministic: the count's own arithmetic reports whether the lock is held."""
    gate = InFlight(3)
    held: list[bool] = []

    class Watched(int):
        def __add__(self, other: int) -> Watched:  # type: ignore[override]
            held.append(gate._lock.locked())
            return Watched(int(self) + other)

        def __sub__(self, other: int) -> Watched:  # type: ignore[override]
            held.append(gate._lock.locked())
            return Watched(int(self) - other)

    gate._n = Watched(0)
    assert gate.take() and gate.take()
    gate.give_back()
    assert held == [True, True, True] and gate.count == 1


def test_the_feed_worker_counts_with_the_guarded_gate() -> None:
    from headcount.gui.camera_view import FeedWorker

    worker = FeedWorker("demo:", recogniser=None, analyser_factory=lambda: None)  # type: ignore[arg-type]
    assert isinstance(worker.in_flight, InFlight) and worker.in_flight.limit == 3
    assert [worker.in_flight.take() for _ in range(4)] == [True, True, True, False]
    worker.painted()
    assert worker.in_flight.count == 2 and worker.in_flight.take()
