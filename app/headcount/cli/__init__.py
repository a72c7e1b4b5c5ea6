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
from typing import Any, NoReturn

from headcount import __version__
from headcount.errors import HeadcountError
from headcount.i18n import language, set_language

# Area modules, imported lazily so `headcount --version` stays fast.
AREAS = (
    "headcount.cli.engine",
    "headcount.cli.station",
    "headcount.cli.law",
    "headcount.cli.printing",
    "headcount.cli.app",
    "headcount.cli.system",
    "headcount.cli.office",
    "headcount.cli.office_window",
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(
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
    _localise_help(parser, language())
    return parser


# --- help and argparse's own words in the user's language ----------------------------------
# Area modules write help in English; help_zh.py holds the Chinese. argparse's own words
# ("usage:", "options", its errors) are translated by these two subclasses rather than by
# replacing argparse's module-wide gettext, so other parsers in the process are untouched.


class _Formatter(argparse.HelpFormatter):
    """argparse's headings and "usage:" in Chinese; Chinese lines wrapped by display width."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None
                  ) -> None:
        if prefix is None and language() == "zh":
            from headcount.cli.help_zh import ARGPARSE_ZH

            prefix = ARGPARSE_ZH["usage: "]
        super().add_usage(usage, actions, groups, prefix)

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None
                      ) -> str:
        # argparse measures the prefix with len(); "用法：" is wider on screen, so wrap
        # narrower and shift the continuation lines by the difference.
        extra = _columns(prefix or "") - len(prefix or "")
        self._width -= extra
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra
        return text.replace("\n ", "\n " + " " * extra) if extra else text

    def start_section(self, heading: str | None) -> None:
        if heading and language() == "zh":
            from headcount.cli.help_zh import ARGPARSE_ZH

            heading = ARGPARSE_ZH.get(heading, heading)
        super().start_section(heading)

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not _has_wide(text):
            return super()._split_lines(text, width)
        return _wrap_wide(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _has_wide(text):
            return super()._fill_text(text, width, indent)
        lines = _wrap_wide(" ".join(text.split()), width - len(indent))
        return "\n".join(indent + line for line in lines)


class _Parser(argparse.ArgumentParser):
    """The headcount parser: sub-parsers share its class, so errors come out translated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        text = super().format_help()
        if language() == "zh":  # "选项:" -> "选项：", as Chinese punctuation goes
            from headcount.cli.help_zh import ARGPARSE_ZH

            for heading in set(ARGPARSE_ZH.values()):
                text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
        return text

    def error(self, message: str) -> NoReturn:
        if language() == "zh":
            from headcount.cli.help_zh import argparse_message

            message = argparse_message(message)
        if _JSON_ERRORS[0]:  # --json: the error as the one JSON object, as for others
            self.print_usage(sys.stderr)
            print(json.dumps({"error": f"{self.prog}: {message}", "exit": 2},
                             ensure_ascii=False))
            self.exit(2)
        if language() != "zh":
            super().error(message)
        from headcount.cli.help_zh import ARGPARSE_ZH

        self.print_usage(sys.stderr)
        text = ARGPARSE_ZH["%(prog)s: error: %(message)s\n"]
        self.exit(2, text % {"prog": self.prog, "message": message})


# Whether `--json` is on the command line (set by main before parsing).
_JSON_ERRORS = [False]


def _localise_help(parser: argparse.ArgumentParser, lang: str) -> None:
    """Every help and description of the tree in `lang` (Chinese from help_zh.py)."""
    from headcount.cli.help_zh import chinese, english

    def text(value: str | None) -> str | None:
        if not value or value == argparse.SUPPRESS:
            return value
        if lang == "zh":
            return chinese(value) or english(value)
        return english(value)

    seen: set[int] = set()

    def walk(p: argparse.ArgumentParser) -> None:
        if id(p) in seen:  # aliases share one parser
            return
        seen.add(id(p))
        p.description = text(p.description)
        p.epilog = text(p.epilog)
        for action in p._actions:
            action.help = text(action.help)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    choice.help = text(choice.help)
                for child in action.choices.values():
                    walk(child)

    walk(parser)


def _has_wide(text: str) -> bool:
    return _columns(text) > len(text)


def _columns(text: str) -> int:
    """Terminal columns of `text`: Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap_wide(text: str, width: int) -> list[str]:
    """Wrap mixed Chinese/English text to `width` terminal columns (Chinese counts 2).

    Breaks between Chinese characters or at spaces; never before closing punctuation.
    """
    import re

    # Words: a run of narrow non-space characters, or one wide character; closing
    # punctuation sticks to the word before it.
    tokens = re.findall(r" |[^\s\u2e80-\uffef]+|[\u2e80-\uffef][，。；：、）」』”！？]*", text)
    lines: list[str] = []
    line = ""
    for tok in tokens:
        if line and _columns(line + tok) > max(width, 10):
            lines.append(line.rstrip())
            line = "" if tok == " " else tok
        else:
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines


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


def _lang_in(argv: Sequence[str]) -> str | None:
    """The value of the last `--lang X` / `--lang=X` before `--`, wherever it stands.

    Needed before parsing: `--help` and argparse's errors print while parsing.
    """
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else (
            arg.partition("=")[2] if arg.startswith("--lang=") else None)
        if value in ("zh", "en"):
            found = value
    return found


def main(argv: Sequence[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    set_language(_lang_in(raw))
    _JSON_ERRORS[0] = "--json" in raw[:raw.index("--")] if "--" in raw else "--json" in raw
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
