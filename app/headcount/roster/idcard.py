"""PRC resident ID numbers (GB 11643): 18 characters, ISO 7064 MOD 11-2 check character."""

from __future__ import annotations

import datetime as dt

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def check_char(first17: str) -> str:
    """The 18th character for these 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def normalise(value: str) -> str:
    return value.strip().replace(" ", "").upper()


def problem(value: str) -> tuple[str, str] | None:
    """None if ``value`` is a valid ID number, else the reason (en, zh)."""
    v = normalise(value)
    if len(v) == 15 and v.isdigit():
        return None  # first-generation number: no check character to verify
    if len(v) != 18 or not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        return ("the ID number must be 18 characters (17 digits and a digit or X)",
                "身份证号须为18位（17位数字加1位数字或X）")
    if check_char(v[:17]) != v[17]:
        return ("the ID number's check digit is wrong (typing error?)",
                "身份证号校验位错误（可能输入有误）")
    if birth_date(v) is None:
        return ("the ID number holds no valid date of birth", "身份证号中的出生日期无效")
    return None


def birth_date(value: str) -> dt.date | None:
    """The date of birth in an 18-digit number (digits 7-14), if valid."""
    v = normalise(value)
    if len(v) != 18:
        return None
    try:
        return dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return None
