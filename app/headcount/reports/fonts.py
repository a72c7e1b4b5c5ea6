"""Find and register a font that can print Chinese.

An embedded TrueType font renders in any PDF viewer, so one is preferred: the
``HEADCOUNT_CJK_FONT`` override, then the usual system fonts of Linux, Windows and
macOS. Fonts with PostScript outlines (most Noto CJK files) cannot be embedded by
reportlab and are skipped. Without any, reportlab's built-in ``STSong-Light`` CID font
is used: not embedded, so the viewer must supply it (Adobe's Asian font pack, or
poppler's substitutes).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

FALLBACK = "STSong-Light"
_REG_NAME = "HeadcountCJK"

# (path, subfont index); first usable wins.
_LINUX = [
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
]
_WINDOWS = [("msyh.ttc", 0), ("msyh.ttf", 0), ("simhei.ttf", 0), ("simsun.ttc", 0),
            ("simkai.ttf", 0)]
_MAC = [
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ("/System/Library/Fonts/Hiragino Sans GB.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
]


@dataclass(frozen=True)
class FontChoice:
    """The font the documents use: its reportlab name, what it is, and where from."""

    name: str  # registered reportlab font name
    label: str  # human-readable family name
    path: Path | None  # None for the built-in CID font
    embedded: bool

    def describe(self) -> str:
        how = "embedded" if self.embedded else "not embedded, built-in CID font"
        return f"{self.label} ({how})"


_chosen: FontChoice | None = None


def candidates() -> list[tuple[Path, int]]:
    out: list[tuple[Path, int]] = []
    env = os.environ.get("HEADCOUNT_CJK_FONT")
    if env:
        path, _, index = env.partition("#")
        out.append((Path(path), int(index or 0)))
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        out += [(windir / name, i) for name, i in _WINDOWS]
    elif sys.platform == "darwin":
        out += [(Path(p), i) for p, i in _MAC]
    else:
        out += [(Path(p), i) for p, i in _LINUX]
    return out


def _load_ttf(path: Path, index: int) -> TTFont | None:
    if not path.is_file():
        return None
    try:
        font = TTFont(_REG_NAME, str(path), subfontIndex=index)
    except Exception:  # PostScript outlines, damaged file, unknown format
        return None
    # A CJK font must cover common hanzi, not only Latin.
    if not all(ord(ch) in font.face.charToGlyph for ch in "人脸识别考勤"):
        return None
    return font


def cjk_font(*, refresh: bool = False) -> FontChoice:
    """Register (once per process) and return the font for every document."""
    global _chosen
    if _chosen is not None and not refresh:
        return _chosen
    for path, index in candidates():
        font = _load_ttf(path, index)
        if font is None:
            continue
        pdfmetrics.registerFont(font)
        family = font.face.familyName
        label = family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family)
        _chosen = FontChoice(_REG_NAME, label or path.name, path, embedded=True)
        break
    else:
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
        _chosen = FontChoice(FALLBACK, FALLBACK, None, embedded=False)
    # One weight only: <b> in paragraphs maps back to the same face.
    pdfmetrics.registerFontFamily(_chosen.name, normal=_chosen.name, bold=_chosen.name,
                                  italic=_chosen.name, boldItalic=_chosen.name)
    return _chosen


def use_fallback_only() -> FontChoice:
    """Force the built-in CID font (tests, and machines whose TTF misbehaves)."""
    global _chosen
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    _chosen = FontChoice(FALLBACK, FALLBACK, None, embedded=False)
    pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK,
                                  italic=FALLBACK, boldItalic=FALLBACK)
    return _chosen
