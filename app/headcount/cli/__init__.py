"""The ``headcount`` command: one parser, sub-commands registered by area modules.

Each area module (``cli/engine.py``, ``cli/station.py``, ...) exposes
``register(subparsers)`` and sets ``func`` on its parsers; ``func(args)`` returns an
exit code, or a dict/list which is printed (as JSON with ``--json``).
Exit codes: 0 done, 1 refused by a rule, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from headcount import __version__
from headcount.errors import HeadcountError
from headcount.i18n import set_language

# Area modules, imported lazily so `headcount --version` stays fast.
AREAS = (
    "headcount.cli.engine",
    "headcount.cli.station",
    "headcount.cli.printing",
    "headcount.cli.app",
    "headcount.cli.system",
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="headcount",
        description="Headcount: exam-hall entry checks and classroom attendance "
        "(Headcount：考场入场核验与课堂考勤)",
    )
    parser.add_argument("--version", action="version", version=f"headcount {__version__}")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--lang", choices=["zh", "en"], help="language of messages")
    parser.add_argument("--data-dir", help="station data folder (default: per-user data folder)")
    parser.add_argument("--user", help="user name for actions that need one")
    parser.add_argument("--password", help="password (or HEADCOUNT_PASSWORD; else a prompt)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in AREAS:
        importlib.import_module(name).register(sub)
    _accept_global_options_everywhere(parser)
    return parser


_GLOBAL_OPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("--json", {"action": "store_true", "help": "print one JSON object"}),
    ("--lang", {"choices": ["zh", "en"], "help": "language of messages"}),
    ("--data-dir", {"help": "station data folder"}),
    ("--user", {"help": "user name"}),
    ("--password", {"help": "password"}),
)


def _accept_global_options_everywhere(parser: argparse.ArgumentParser) -> None:
    """Let `headcount faces X --json` work as well as `headcount --json faces X`.

    Sub-command copies default to SUPPRESS so they never overwrite a value given
    before the sub-command.
    """
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for child in set(action.choices.values()):
            present = {opt for a in child._actions for opt in a.option_strings}
            for flag, kw in _GLOBAL_OPTIONS:
                if flag not in present:
                    child.add_argument(flag, default=argparse.SUPPRESS, **kw)
            _accept_global_options_everywhere(child)


def emit(result: Any, as_json: bool) -> None:
    """Print a command's result: JSON with --json, else readable lines."""
    if result is None:
        return
    if as_json:
        print(json.dumps(result, ensure_ascii=False, default=_json_default))
    elif isinstance(result, str):
        print(result)
    elif isinstance(result, dict):
        for key, value in result.items():
            print(f"{key}: {_in_language(value)}")
    elif isinstance(result, list):
        for item in result:
            print(item)
    else:
        print(result)


def _in_language(value: Any) -> Any:
    """A {"en": ..., "zh": ...} message printed in the user's language, not as a dict."""
    if isinstance(value, dict) and set(value) == {"en", "zh"}:
        from headcount.i18n import language

        return value[language()]
    return value


def _json_default(obj: Any) -> Any:
    import numpy as np

    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, np.generic):
        return obj.item()
    return str(obj)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang)
    func: Callable[[argparse.Namespace], Any] | None = getattr(args, "func", None)
    if func is None:
        # No command: open the window (headcount.cli.app decides how).
        from headcount.cli.app import open_window

        func = open_window
    try:
        result = func(args)
    except HeadcountError as err:
        if args.json:
            print(json.dumps({"error": str(err), "exit": err.exit_code}, ensure_ascii=False))
        else:
            print(f"headcount: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _closed_pipe()
    if isinstance(result, int):
        return result
    try:
        emit(result, args.json)
        sys.stdout.flush()
    except BrokenPipeError:
        return _closed_pipe()
    return 0


def _closed_pipe() -> int:
    """`headcount ... | head` closed our output: stop quietly, as Unix tools do."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0
