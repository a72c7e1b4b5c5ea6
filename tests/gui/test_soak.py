"""The short soak (issue 9): the real main window plays two generated feeds of 2,000
frames each, as fast as they are analysed, and must finish with the reference counts of
None/True/False not fallen and no feed dead. The 30-minute run is
``headcount bench soak --minutes 30`` (docs/BENCHMARKS.md); this is its CI version,
about a minute here."""

from __future__ import annotations

from typing import Any

import pytest

from headcount.gui.demo import DemoFeed
from headcount.gui.latency import LatencyProbe
from headcount.gui.run_meter import RunMeter

FRAMES = 2000


@pytest.mark.slow
def test_window_survives_two_feeds_without_losing_references(
        qtbot: Any, enrolled: Any, make_window: Any) -> None:
    w = make_window(enrolled, feeds=[DemoFeed(FRAMES, realtime=False) for _ in range(2)],
                    loop=False)
    meter = RunMeter(LatencyProbe(parent=w))
    w.feeds[0].result.connect(lambda _r: meter.begin())
    qtbot.waitUntil(lambda: meter.start is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not any(f.running for f in w.feeds), timeout=170_000)
    figures = meter.report(w.feeds)
    assert figures["finished"], figures
    assert figures["frames_read"] == [FRAMES, FRAMES]
    assert min(figures["frames"]) > FRAMES // 2  # analysed, not skipped as late
    assert figures["refcount_falls"] == {}, figures["refcounts"]
    # The faces were seen and decided on the GUI thread (the paths that leaked).
    assert any(f.latencies for f in w.feeds)
