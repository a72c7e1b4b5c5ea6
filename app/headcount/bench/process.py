"""Process health for long runs (the window's soak): resident memory and the reference
counts of ``None``, ``True`` and ``False``.

CPython 3.11 frees ``None`` when its count reaches zero and aborts ("Fatal Python error:
none_dealloc"). A Qt binding that drops one reference per call (PySide6 6.12.0 did, on
every void method and signal emit) therefore kills the window after minutes; a count
that falls over a run is the early sign of that. Qt-free.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# Counts move a little as objects come and go (a dict entry holding True, a cache);
# a binding that leaks loses one per call, thousands in a short run.
REFCOUNT_NOISE = 200


def refcounts() -> dict[str, int]:
    return {"None": sys.getrefcount(None), "True": sys.getrefcount(True),
            "False": sys.getrefcount(False)}


def refcount_falls(start: dict[str, int], end: dict[str, int],
                   noise: int = REFCOUNT_NOISE) -> dict[str, int]:
    """Names whose count fell by more than ``noise``, with the fall (empty: healthy)."""
    return {k: start[k] - end[k] for k in start if start[k] - end[k] > noise}


def rss_mb() -> float | None:
    """Resident memory of this process in MB (Linux /proc; Windows via the API);
    None where neither is available."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    if sys.platform == "win32":
        return _windows_rss_mb()
    return None


def _windows_rss_mb() -> float | None:
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                    ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                    ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                    ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]

    c = Counters()
    c.cb = ctypes.sizeof(c)
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return None
    ok = windll.psapi.GetProcessMemoryInfo(windll.kernel32.GetCurrentProcess(),
                                           ctypes.byref(c), c.cb)
    return round(c.WorkingSetSize / 2**20, 1) if ok else None


def snapshot() -> dict[str, Any]:
    return {"rss_mb": rss_mb(), "refcounts": refcounts()}
