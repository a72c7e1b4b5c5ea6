"""The window: ``headcount`` with no command, and ``headcount demo``.

The GUI lives in ``headcount.gui`` (the only package that imports Qt); it is imported
lazily here so the rest of the CLI never loads Qt.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="open Headcount on a built-in demo station")
    p.set_defaults(func=open_demo)


def open_window(args: argparse.Namespace) -> int:
    print("The Headcount window is not built yet; see `headcount --help` for the CLI.")
    return 0


def open_demo(args: argparse.Namespace) -> int:
    return open_window(args)
