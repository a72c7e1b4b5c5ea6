"""The language of user-facing text outside the GUI (CLI messages, errors, reports).

Every message exists in Simplified Chinese and English. Chinese is the default when
the system locale is Chinese; ``HEADCOUNT_LANG=zh|en`` overrides.
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass

LANGUAGES = ("zh", "en")
_current: str | None = None


def system_language() -> str:
    for var in ("HEADCOUNT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "zh" if loc.lower().startswith(("zh", "chinese")) else "en"


def language() -> str:
    return _current or system_language()


def set_language(lang: str | None) -> None:
    """Force a language ('zh' or 'en'); None goes back to the system default."""
    global _current
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
    _current = lang


@dataclass(frozen=True)
class Text:
    """One user-facing message in both languages; format fields with ``.format(**kw)``."""

    en: str
    zh: str

    def __str__(self) -> str:
        return self.zh if language() == "zh" else self.en

    def format(self, **kw: object) -> str:
        return str(self).format(**kw)

    def both(self, **kw: object) -> dict[str, str]:
        return {"en": self.en.format(**kw), "zh": self.zh.format(**kw)}
