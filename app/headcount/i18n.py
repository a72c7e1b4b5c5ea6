"""The language of user-facing text outside the GUI (CLI messages, errors, reports).

Every message exists in Simplified Chinese and English. Chinese is the default when
the system locale is Chinese, English when it is English; ``HEADCOUNT_LANG=zh|en``
overrides. A locale that is neither (``C.UTF-8`` on a server, ``de_DE``) follows the
station's default language once a station is open (``set_fallback_language``), else English.
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass

LANGUAGES = ("zh", "en")
_current: str | None = None
_fallback: str | None = None


def _of_locale(name: str) -> str | None:
    low = name.lower()
    if low.startswith(("zh", "chinese")):
        return "zh"
    if low.startswith(("en", "english")):
        return "en"
    return None


def locale_language() -> str | None:
    """'zh' or 'en' from HEADCOUNT_LANG or the locale; None when it is neither."""
    for var in ("HEADCOUNT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return _of_locale(value)
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return _of_locale(loc)


def system_language() -> str:
    return locale_language() or _fallback or "en"


def set_fallback_language(lang: str | None) -> None:
    """The language for a locale that is neither Chinese nor English: the station's
    default (the CLI sets it when it opens a station)."""
    global _fallback
    _fallback = lang if lang in LANGUAGES else None


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
