"""Find and register a font that can print Chinese.

An embedded TrueType font renders in any PDF viewer, so one is preferred: the
``HEADCOUNT_CJK_FONT`` override, then the usual system fonts of Linux, Windows and
macOS. Fonts with PostScript outlines (most Noto CJK files) cannot be embedded by
reportlab and are skipped. Without any, reportlab's built-in ``STSong-Light`` CID font
is used: not embedded, so the viewer must supply it (Adobe's Asian font pack, or
poppler's substitutes).

Names use rare characters (𠮷, 𪚥: CJK Extension B and beyond) that the everyday fonts
lack. Each character the main font cannot draw is set in the first *fallback* font that
covers it: ``HEADCOUNT_EXTB_FONT``, then Hanazono Mincho B and A on Linux (Debian
``fonts-hanazono``, free licence, installed by scripts/setup.sh), SimSun-ExtB or
MingLiU-ExtB on Windows. A character no font covers is never dropped: ``runs`` marks it,
and the document prints a visible mark in its place (``document.esc``).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond the BMP written as UTF-16
    surrogate pairs as the PDF format requires (reportlab writes <20BB7>, so 𠮷 could
    not be searched or copied, and checks of the printed name failed)."""
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    text = _REPORTLAB_CMAP(fontname, [min(c, 0xFFFF) for c in subset])
    lines = text.split("\n")
    for i, code in enumerate(subset):
        if code > 0xFFFF:
            old = f"<{i:02X}> <FFFF>"
            lines = [f"<{i:02X}> <{utf16(code)}>" if ln == old else ln for ln in lines]
    return "\n".join(lines)


_REPORTLAB_CMAP = getattr(ttfonts.makeToUnicodeCMap, "original", ttfonts.makeToUnicodeCMap)
_to_unicode_cmap.original = _REPORTLAB_CMAP  # type: ignore[attr-defined]
ttfonts.makeToUnicodeCMap = _to_unicode_cmap

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
# Fonts for the characters the main font lacks (Extension B and beyond), in order.
_EXT_LINUX = [
    ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", 0),
    ("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", 0),
    ("/usr/share/fonts/hanazono/HanaMinB.ttf", 0),
    ("/usr/share/fonts/hanazono/HanaMinA.ttf", 0),
]
_EXT_WINDOWS = [("simsunb.ttf", 0), ("mingliub.ttc", 0), ("SimSun-ExtG.ttf", 0)]
_EXT_MAC = [("~/Library/Fonts/HanaMinB.ttf", 0), ("~/Library/Fonts/HanaMinA.ttf", 0),
            ("/Library/Fonts/HanaMinB.ttf", 0), ("/Library/Fonts/HanaMinA.ttf", 0)]
MISSING = ""  # the run "font" of characters no font covers
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
    fallbacks: tuple[str, ...] = ()  # labels of the fallback fonts for rare characters

    def describe(self) -> str:
        how = "embedded" if self.embedded else "not embedded, built-in CID font"
        extra = f"; rare characters: {', '.join(self.fallbacks)}" if self.fallbacks else ""
        return f"{self.label} ({how}{extra})"


_chosen: FontChoice | None = None
# (registered name, character map) of the main font and of each fallback font.
_main_cmap: dict[int, int] | None = None
_fallbacks: list[tuple[str, dict[int, int]]] = []
_fallbacks_loaded = False


def _paths(env_var: str, windows: list[tuple[str, int]], mac: list[tuple[str, int]],
           linux: list[tuple[str, int]]) -> list[tuple[Path, int]]:
    """The override in ``env_var`` ("path#index"), then this system's usual places."""
    out: list[tuple[Path, int]] = []
    env = os.environ.get(env_var)
    if env:
        path, _, index = env.partition("#")
        out.append((Path(path), int(index or 0)))
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        out += [(windir / name, i) for name, i in windows]
    elif sys.platform == "darwin":
        out += [(Path(p).expanduser(), i) for p, i in mac]
    else:
        out += [(Path(p), i) for p, i in linux]
    return out


def candidates() -> list[tuple[Path, int]]:
    """Where the main CJK font may be, best first."""
    return _paths("HEADCOUNT_CJK_FONT", _WINDOWS, _MAC, _LINUX)


def ext_candidates() -> list[tuple[Path, int]]:
    """Where fonts for rare characters may be, best first."""
    return _paths("HEADCOUNT_EXTB_FONT", _EXT_WINDOWS, _EXT_MAC, _EXT_LINUX)


def _load_ttf(path: Path, index: int, name: str = _REG_NAME,
              probe: str = "人脸识别考勤") -> TTFont | None:
    if not path.is_file():
        return None
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except Exception:  # PostScript outlines, damaged file, unknown format
        return None
    # A CJK font must cover common hanzi (a fallback: rare ones), not only Latin.
    if not all(ord(ch) in font.face.charToGlyph for ch in probe):
        return None
    return font


def _fallback_files() -> tuple[str, ...]:
    """Names of the fallback font files present (cheap: they are read only when a
    document has a character the main font lacks)."""
    return tuple(dict.fromkeys(p.stem for p, _ in ext_candidates() if p.is_file()))


def _register_fallbacks() -> None:
    """Register every usable fallback font (once; about half a second)."""
    global _fallbacks_loaded
    if _fallbacks_loaded:
        return
    _fallbacks_loaded = True
    seen: set[Path] = set()
    for path, index in ext_candidates():
        if path in seen:
            continue
        seen.add(path)
        name = f"{_REG_NAME}Ext{len(_fallbacks) + 1}"
        font = _load_ttf(path, index, name, probe="𠀀")
        if font is None:
            continue
        pdfmetrics.registerFont(font)
        _fallbacks.append((name, dict(font.face.charToGlyph)))


def _family(font: TTFont, path: Path) -> str:
    family = font.face.familyName
    label = family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family)
    return label or path.name


@lru_cache(maxsize=4096)
def _font_of(ch: str) -> str | None:
    """None: the main font draws ``ch``; else the fallback font's name, or MISSING."""
    code = ord(ch)
    if code < 0x20 or ch.isspace():
        return None
    if _main_cmap is not None:
        if code in _main_cmap:
            return None
    elif code < 0x10000:
        return None  # the CID font's encoding covers the BMP (``document.safe`` the rest)
    _register_fallbacks()
    for name, cmap in _fallbacks:
        if code in cmap:
            return name
    return MISSING


def runs(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut into runs of one font: (None: the main font | a fallback font's name |
    MISSING, characters). Registers the fonts on first use."""
    cjk_font()
    out: list[tuple[str | None, str]] = []
    for ch in text:
        font = _font_of(ch)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def plain(text: str) -> bool:
    """True when the main font draws every character of ``text``."""
    cjk_font()
    return all(_font_of(ch) is None for ch in text)


def missing(text: str) -> list[str]:
    """The characters of ``text`` that no installed font can draw, once each."""
    return list(dict.fromkeys(ch for font, run in runs(text) if font == MISSING for ch in run))


def cjk_font(*, refresh: bool = False) -> FontChoice:
    """Register (once per process) and return the font for every document."""
    global _chosen, _main_cmap
    if _chosen is not None and not refresh:
        return _chosen
    extra = _fallback_files()
    for path, index in candidates():
        font = _load_ttf(path, index)
        if font is None:
            continue
        pdfmetrics.registerFont(font)
        _main_cmap = dict(font.face.charToGlyph)
        _chosen = FontChoice(_REG_NAME, _family(font, path), path, embedded=True,
                             fallbacks=extra)
        break
    else:
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
        _main_cmap = None
        _chosen = FontChoice(FALLBACK, FALLBACK, None, embedded=False, fallbacks=extra)
    _font_of.cache_clear()
    # One weight only: <b> in paragraphs maps back to the same face.
    pdfmetrics.registerFontFamily(_chosen.name, normal=_chosen.name, bold=_chosen.name,
                                  italic=_chosen.name, boldItalic=_chosen.name)
    return _chosen


def use_fallback_only() -> FontChoice:
    """Force the built-in CID font (tests, and machines whose TTF misbehaves)."""
    global _chosen, _main_cmap
    extra = _fallback_files()
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    _main_cmap = None
    _chosen = FontChoice(FALLBACK, FALLBACK, None, embedded=False, fallbacks=extra)
    _font_of.cache_clear()
    pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK,
                                  italic=FALLBACK, boldItalic=FALLBACK)
    return _chosen
