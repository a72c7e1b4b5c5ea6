"""System commands: ``doctor`` (self-check: versions, models, cameras, fonts, data, key).

The checks live in :mod:`headcount.doctor` (Qt-free; the GUI shows the same list).
Exit 0 when every required check passes (warnings such as "no camera" allowed), 1 if
any fails; ``--json`` prints one object.
"""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check that this PC can run Headcount (自检)")
    p.add_argument("--no-cameras", action="store_true",
                   help="do not probe cameras (e.g. while the window uses them)")
    p.add_argument("--no-load", action="store_true",
                   help="check the model files only, do not load the models")
    p.set_defaults(func=doctor)


def doctor(args: argparse.Namespace) -> int:
    from headcount.doctor import format_report, run_checks

    report = run_checks(getattr(args, "data_dir", None),
                        load_models=not getattr(args, "no_load", False),
                        cameras=not getattr(args, "no_cameras", False))
    if getattr(args, "json", False):
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(format_report(report))
    return 0 if report.ok else 1
