"""Measure how responsive the GUI thread is: a timer that notes how late it fires.

A 10 ms timer on the GUI thread should fire every 10 ms; whatever delays it (a slot
that blocks, a long paint) shows up as lateness. The largest lateness is the longest
time the window could not react to a key press or a click.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer


class LatencyProbe(QObject):
    def __init__(self, interval_ms: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval = interval_ms / 1000
        self.samples: list[float] = []
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.samples.append(max(0.0, now - self._last - self.interval))
        self._last = now

    def summary(self) -> dict[str, float]:
        """Lateness of the GUI thread in milliseconds (max, 99th, 95th percentile, mean)."""
        if not self.samples:
            return {"ticks": 0}
        a = np.asarray(self.samples) * 1000
        return {"ticks": len(a), "max_ms": round(float(a.max()), 1),
                "p99_ms": round(float(np.percentile(a, 99)), 1),
                "p95_ms": round(float(np.percentile(a, 95)), 1),
                "mean_ms": round(float(a.mean()), 2)}
