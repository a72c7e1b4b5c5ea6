"""Line breaking for Chinese and mixed text: the usual rules (禁则) on every paragraph.

reportlab breaks a run of hanzi anywhere, so lines began with ）。，、 and "30 / 天"
split across lines. ``Para`` is a Paragraph whose lines break only where ``can_break``
allows: never before closing punctuation, never after opening punctuation, never inside
a Latin word or number, never between a number and its unit ("30 天", "30 / 天",
"100,000 人"). When no allowed break fits on a line, the line is cut where it is full
rather than overflowing the page, and closing punctuation after the cut hangs in the
margin.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import (
    ParaLines,
    _handleBulletWidth,
    cjkU,
    makeCJKParaLine,
)
from reportlab.rl_config import _FUZZ

# Closing punctuation and marks that may not start a line (reportlab's Japanese list
# plus the Chinese marks it lacks), and opening punctuation that may not end one.
CANNOT_START = set(ALL_CANNOT_START) | set(
    "）〕］｝〉》」』】〙〗〟’”｠»、。，．：；！？‼⁇⁈⁉·・…‥—％‰℃°′″〃々"
    ")]},.:;!?%")
CANNOT_END = set(ALL_CANNOT_END) | set("（〔［｛〈《「『【〘〖〝‘“｟«([{¥$£€#·")
UNIT_SYMBOLS = set("%％‰℃°′″")
SLASHES = set("/／")


def _wide(ch: str) -> bool:
    """Hanzi, kana, CJK punctuation and full-width forms (break anywhere around them)."""
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF
            or 0x20000 <= code <= 0x3FFFF)


def _unit(ch: str) -> bool:
    code = ord(ch)
    return (0x3400 <= code <= 0x9FFF or 0x20000 <= code <= 0x3FFFF or ch in UNIT_SYMBOLS)


def _number_before(text: str, i: int) -> bool:
    """True when ``text[:i]`` ends with a number, maybe followed by spaces and a slash
    ("30", "30 ", "30 / ", "100,000")."""
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j >= 0 and text[j] in SLASHES:
        j -= 1
        while j >= 0 and text[j] == " ":
            j -= 1
    return j >= 0 and text[j].isdigit()


def can_break(text: str, i: int) -> bool:
    """May a line end before ``text[i]`` (spaces before it stay on the first line)?"""
    if i <= 0 or i >= len(text):
        return False
    a, b = text[i - 1], text[i]
    if b.isspace():
        return False  # break after the spaces, not before them
    if b in CANNOT_START or a in CANNOT_END:
        return False
    if (_unit(b) or b in SLASHES) and _number_before(text, i):
        return False  # a number keeps its unit: 30 天, 30 / 天, 100,000 人, 95 %
    if a.isspace():
        # A short number or word ending the paragraph stays with the word before it
        # ("children under 14" never leaves "14" alone on the last line).
        return not (len(text) - i <= 3 and text[i:].isalnum())
    return _wide(a) or _wide(b)  # no break inside a Latin word or a number


def _break_points(text: str) -> list[bool]:
    return [can_break(text, i) for i in range(len(text) + 1)]


def split_lines(frags: list[Any], max_widths: list[float], calc_bounds: bool) -> ParaLines:
    """reportlab's ``cjkFragSplit`` with the rules of ``can_break``."""
    glyphs: list[Any] = []
    for f in frags:
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        if text:
            glyphs.extend(cjkU(t, f, "utf8") for t in text)
        else:
            glyphs.append(cjkU(text, f, "utf8"))  # a <br/> or an image
    text = "".join(g if len(g) == 1 else "\ufffc" for g in glyphs)
    allowed = _break_points(text)
    lines = []
    start = i = 0
    used = 0.0
    max_width = max_widths[0]
    n = len(glyphs)

    def width(k: int) -> float:
        w = glyphs[k].width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        return float(w)

    def emit(end: int, line_break: bool) -> None:
        nonlocal start, used, max_width
        # Spaces at the end of a line take no room; at the start of the next they vanish.
        stop = end
        while stop > start and glyphs[stop - 1].isspace():
            stop -= 1
        w = sum(width(k) for k in range(start, stop))
        lines.append(makeCJKParaLine(glyphs[start:stop], max_width, w, max_width - w,
                                     line_break, calc_bounds))
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        start = end
        while start < n and glyphs[start].isspace() and not hasattr(glyphs[start].frag,
                                                                     "lineBreak"):
            start += 1
        used = sum(width(k) for k in range(start, i))

    while i < n:
        g = glyphs[i]
        if hasattr(g.frag, "lineBreak"):
            i += 1
            emit(i, True)
            continue
        w = width(i)
        if used + w > max_width + _FUZZ and i > start and not g.isspace():
            cut = next((k for k in range(i, start, -1) if allowed[k]), None)
            if cut is None:  # one unbreakable run wider than the line: cut it where full,
                cut = i      # letting closing punctuation hang in the margin rather than
                while cut < n and text[cut] in CANNOT_START:  # start the next line
                    i = cut = cut + 1
            emit(cut, False)
            continue
        used += w
        i += 1
    if start < n:
        w = sum(width(k) for k in range(start, n))
        lines.append(makeCJKParaLine(glyphs[start:], max_width, w, max_width - w, False,
                                     calc_bounds))
    return ParaLines(kind=1, lines=lines)


class Para(Paragraph):
    """A paragraph broken by the rules of ``can_break`` (its style must say
    ``wordWrap='CJK'``, which every style of ``document.styles`` does)."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802 (reportlab's names)
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        self.height = 0
        _handleBulletWidth(self.bulletText, self.style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        frags = self.frags
        if not frags:
            style = self.style
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        # A table wraps each cell several times at the same width: break it once.
        key = (tuple(maxWidths), auto not in ("", "off"))
        cache: dict[Any, Any] = self.__dict__.setdefault("_kinsoku", {})
        if key not in cache:
            cache[key] = split_lines(list(frags), list(maxWidths), key[1])
        return cache[key]
