"""Names are plain text: no control, format (bidi, zero-width) or line-separator
characters. A right-to-left override (U+202E) makes a name print backwards on a report,
a newline splits an audit line, a NUL cuts a string short in C code."""

from __future__ import annotations

import unicodedata

from headcount.i18n import Text

# Cc control (NUL, newline, ESC, ...), Cf format (U+202E, U+200F, zero-width), Zl/Zp
# line and paragraph separators, Co private use, Cs lone surrogates.
_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs"})


def unsafe_characters(text: str) -> list[str]:
    """The offending characters of ``text`` as U+XXXX, in order, each once."""
    found: list[str] = []
    for ch in text:
        code = f"U+{ord(ch):04X}"
        if unicodedata.category(ch) in _UNSAFE and code not in found:
            found.append(code)
    return found


def unsafe_problem(text: str, what_en: str, what_zh: str) -> Text | None:
    """A bilingual reason when ``text`` holds unsafe characters, else None."""
    bad = unsafe_characters(text)
    if not bad:
        return None
    codes = ", ".join(bad)
    return Text(f"the {what_en} contains a control or invisible character ({codes}); "
                "type it again without it",
                f"{what_zh}含有控制字符或不可见字符（{codes}）；请重新输入")
