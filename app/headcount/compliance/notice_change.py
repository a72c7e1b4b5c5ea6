"""What a change to the notice means (Measures art. 5; PIPL 14, 17).

A change to the purpose, the method (which includes the data kept) or the retention is
material: consent given on an earlier version no longer covers the processing, so those
people are matched no more (manual check instead) until they consent to the new version.
An administrator may mark a change that touches only other fields (a contact phone
number, a typo) as non-material, and that is audited; a change to those three fields is
always material.

Rule C1: the product does no emotion, attention or behaviour analysis, so such a purpose
typed into the notice is refused. A sentence that rules them out ("no emotion, attention
or behaviour analysis", "不进行情绪、注意力或行为分析") is fine: the negation must come
before the term within the same clause.
"""

from __future__ import annotations

import re

from headcount.errors import Refused
from headcount.i18n import Text

MATERIAL_FIELDS = ("purpose", "method", "retention")
CHECKED_FIELDS = ("purpose", "method")
REFUSED_TERMS = ("emotion", "attention", "behaviour", "behavior", "mood", "concentration",
                 "情绪", "注意力", "行为", "专注度", "表情分析", "情感")
_CLAUSE = re.compile(r"[。；;.!?！？:：，\n]")  # the Chinese comma ends a clause, "、" not
_NEGATION = re.compile(r"\b(?:no|not|never|without|nor)\b|不|无|禁止|严禁|未", re.IGNORECASE)


def refused_terms(text: str) -> list[str]:
    """The C1 terms ``text`` asks for (each not ruled out earlier in its clause)."""
    found = []
    for clause in _CLAUSE.split(text):
        low = clause.lower()
        for term in REFUSED_TERMS:
            at = low.find(term)
            if at >= 0 and not _NEGATION.search(clause[:at]):
                found.append(term)
    return found


def check_purpose(fields: dict[str, Text]) -> None:
    """Refused when the purpose or method asks for analysis rule C1 excludes."""
    terms = sorted({t for name in CHECKED_FIELDS if name in fields
                    for text in (fields[name].en, fields[name].zh)
                    for t in refused_terms(text)})
    if terms:
        raise Refused(
            f"The notice asks for {', '.join(terms)} analysis. Headcount does no emotion, "
            "attention or behaviour analysis (rule C1): it only checks identity at entry and "
            "takes attendance. Remove it from the notice.",
            f"告知书中写入了“{'、'.join(terms)}”分析。Headcount 不进行情绪、注意力或行为分析"
            "（规则 C1），只做入场身份核验和考勤。请从告知书中删除。")


def material_change(old: dict[str, Text], new: dict[str, Text]) -> list[str]:
    """The material fields that differ between two versions."""
    blank = Text("", "")
    return [f for f in MATERIAL_FIELDS if old.get(f, blank) != new.get(f, blank)]
