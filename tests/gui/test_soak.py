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


@pytest.mark.slow
def test_headless_demo_and_bench_soak_print_their_figures(tmp_path: Any) -> None:
    """`headcount demo --offscreen --frames N` and `headcount bench soak` exit 0 and print
    one JSON object with the run's health figures."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    app = Path(__file__).resolve().parents[2] / "app"
    env = {**os.environ, "PYTHONPATH": str(app), "QT_QPA_PLATFORM": "offscreen"}
    runs = {
        "demo": ["demo", "--offscreen", "--frames", "30", "--demo-dir", str(tmp_path / "d")],
        "soak": ["--json", "bench", "soak", "--minutes", "0.05", "--fast", "--feeds", "2",
                 "--demo-dir", str(tmp_path / "s")],
    }
    for name, argv in runs.items():
        done = subprocess.run([sys.executable, "-m", "headcount", "--lang", "en", *argv],
                              capture_output=True, text=True, env=env, timeout=170)
        assert done.returncode == 0, (name, done.stderr[-2000:])
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        assert figures["finished"] is True and figures["refcount_falls"] == {}, figures
        assert set(figures["refcounts"]["start"]) == {"None", "True", "False"}
        assert figures["rss_mb"]["end"] > 50 and figures["gui_latency"]["ticks"] > 0
    assert figures["frames_read"] == [45, 45] and figures["realtime"] is False
