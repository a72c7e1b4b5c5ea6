"""Headcount: offline exam-hall entry checks and classroom attendance.

The core (everything but ``headcount.gui``) never imports Qt.
"""

import os

__version__ = "0.1.0"

# One BLAS thread: a 1:N search is a single matrix-vector product, and with two
# threads on a busy 2-core PC it waits for the second core (2.3 ms vs ~8 ms median
# over 100,000 templates, docs/BENCHMARKS.md). Only effective before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# C8, nothing leaves the PC and nothing is recorded about it: onnxruntime otherwise writes
# a device id and a telemetry database to ~/.cache/Microsoft/DeveloperTools/.onnxruntime/
# as soon as it is imported. Forced, not a default; read when onnxruntime loads.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
