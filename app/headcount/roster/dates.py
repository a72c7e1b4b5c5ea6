"""Dates as school systems write them: 2012-03-05, 2012/3/5, 2012.3.5, 20120305,
2012年3月5日, with or without a time, and Excel dates (cells or serial numbers)."""

from __future__ import annotations

import datetime as dt
import re

EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (after its 1900 leap-year bug)
_SEP = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^\d{4,5}(?:\.0+)?$")


def parse_date(value: object) -> dt.date | None:
    """A date, or None if ``value`` is not one of the accepted forms."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _serial(float(value))
    text = str(value).strip()
    if not text:
        return None
    for pattern in (_SEP, _COMPACT):
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    if _SERIAL.match(text):
        return _serial(float(text))
    return None


def _serial(days: float) -> dt.date | None:
    # Plausible birth dates only (1900-2100); other numbers are typing errors.
    if not 1 <= days < 73051 or days != int(days):
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(days))


def age_on(birth: dt.date | None, day: dt.date) -> int | None:
    """Whole years on ``day``; None when the date of birth is unknown."""
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_child(birth: dt.date | None, day: dt.date, age_of_consent: int) -> bool:
    """PIPL 31: under the age of consent (the ``age_of_consent`` setting) on ``day``
    needs a guardian's consent; an unknown date of birth counts as a child (safe side)."""
    age = age_on(birth, day)
    return age is None or age < age_of_consent
