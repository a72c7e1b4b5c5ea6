"""How long the printed documents take to build (made-up data, no store).

Run: ``python benchmarks/reports_bench.py`` (add ``--repeat N``). Prints one line per
document: the best and median wall time over the repeats, pages and the font used.
Targets from issue 5: a 45-person exam report under 1 s, a 2,000-student term report
under 10 s.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date

from headcount.reports import (
    attendance_csv,
    attendance_report,
    attendance_xlsx,
    cjk_font,
    consent_slips,
    entrance_sign,
    samples,
    term_report,
)
from headcount.reports.document import Rendered
from headcount.reports.model import ConsentSlipData


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lang", default="zh", choices=["zh", "en"])
    args = parser.parse_args()
    school, lang = samples.SCHOOL, args.lang
    exam45 = samples.attendance_sheet(45)
    # Cold: the first document of a process also finds and registers the font.
    t0 = time.perf_counter()
    attendance_report(exam45, school, lang=lang)
    cold = time.perf_counter() - t0
    print(f"font: {cjk_font().describe()}")
    print(f"{'exam report, 45 candidates, cold':44s} once {cold:6.3f} s"
          f"{' OK' if cold < 1 else ' SLOW'} (target < 1 s)")
    exam400 = samples.attendance_sheet(400)
    class50 = [ConsentSlipData(p, samples.NOTICE, date(2025, 9, 3)) for p in samples.people(50)]
    term1 = samples.term_data(students=2000, classes=1, days=120)
    term40 = samples.term_data(students=2000, classes=40, days=120)
    cases: list[tuple[str, Callable[[], object], float | None]] = [
        ("exam report, 45 candidates", lambda: attendance_report(exam45, school, lang=lang), 1.0),
        ("exam report, 400 candidates", lambda: attendance_report(exam400, school, lang=lang),
         None),
        ("consent slips, class of 50", lambda: consent_slips(class50, school, lang=lang), None),
        ("entrance sign", lambda: entrance_sign(samples.NOTICE, school, lang=lang), None),
        ("term report, 2,000 students in 1 class",
         lambda: term_report(term1, school, lang=lang), 10.0),
        ("term report, 2,000 students in 40 classes",
         lambda: term_report(term40, school, lang=lang), 10.0),
        ("CSV export, 400 rows", lambda: attendance_csv(exam400, lang=lang), None),
        ("XLSX export, 400 rows", lambda: attendance_xlsx(exam400, lang=lang), None),
    ]
    for name, fn, target in cases:
        best, median, result = _time(fn, args.repeat)
        pages = f"{result.pages:3d} pages" if isinstance(result, Rendered) else "         "
        verdict = "" if target is None else (" OK" if median < target else " SLOW") + \
            f" (target < {target:g} s)"
        print(f"{name:44s} best {best:6.3f} s  median {median:6.3f} s  {pages}{verdict}")


if __name__ == "__main__":
    main()
