"""The figures of a headless window run (``headcount demo --frames N``, ``headcount bench
soak``): frames, GUI-thread lateness, capture-to-screen time, resident memory and the
reference counts of None/True/False at the start and the end.

The start is the first frame on screen (models loaded, window laid out), so start-up
does not count as lateness or as a change in memory.
"""

from __future__ import annotations

import time
from typing import Any

from headcount.bench.process import refcount_falls, snapshot
from headcount.gui.latency import LatencyProbe


class RunMeter:
    def __init__(self, probe: LatencyProbe) -> None:
        self.probe = probe
        self.began = time.monotonic()
        self.start: dict[str, Any] | None = None
        self.steady_from = 0.0
        self.rss_samples: list[float] = []

    def begin(self) -> None:
        """The steady state starts now (first frame shown)."""
        if self.start is None:
            self.start = snapshot()
            self.steady_from = time.monotonic()
            self.probe.start()

    def sample_memory(self) -> None:
        """Called now and then during the run (the controller's minute timer)."""
        rss = snapshot()["rss_mb"]
        if isinstance(rss, float):
            self.rss_samples.append(rss)

    def report(self, feeds: list[Any]) -> dict[str, Any]:
        """Stop measuring and return the figures. Finished: every feed's worker ended
        by itself (its frame count or its source's end), none stopped early or died."""
        self.probe.stop()
        end = snapshot()
        start = self.start or end
        lat = [x for f in feeds for x in f.latencies]
        workers = [f.worker for f in feeds]
        failed = [w.failed for w in workers if w.failed]
        finished = not failed and all(w.ended for w in workers)
        rss = [x for x in (start["rss_mb"], *self.rss_samples, end["rss_mb"])
               if isinstance(x, float)]
        falls = refcount_falls(start["refcounts"], end["refcounts"])
        return {
            "finished": finished,
            "failures": failed,
            "feeds": len(feeds),
            "frames": [w.frames_done for w in workers],
            "frames_read": [w.frames_read for w in workers],
            "seconds": round(time.monotonic() - self.began, 2),
            "steady_seconds": round(time.monotonic() - self.steady_from, 2)
            if self.start else 0.0,
            "gui_latency": self.probe.summary(),
            "face_result_latency_ms_p95": (
                round(sorted(lat)[int(0.95 * (len(lat) - 1))] * 1000, 1) if lat else None),
            "rss_mb": {"start": start["rss_mb"], "end": end["rss_mb"],
                       "max": max(rss) if rss else None,
                       "after_1_min": self.rss_samples[0] if self.rss_samples else None},
            "refcounts": {"start": start["refcounts"], "end": end["refcounts"]},
            "refcount_falls": falls,
        }
