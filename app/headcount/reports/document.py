"""What every printed document shares: A4 page, school header, page numbers, styles.

A builder makes a list of flowables and calls ``render``; the result carries the PDF
bytes, the page count and the font that was used (also written into the PDF's
metadata, so a printed file says how its Chinese was set).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import HRFlowable

from headcount import __version__
from headcount.errors import BadInput
from headcount.i18n import language
from headcount.reports import fonts
from headcount.reports.fonts import FontChoice, cjk_font
from headcount.reports.model import SchoolData, pick
from headcount.reports.text import tr
from headcount.reports.wrap import Para

PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
FRAME_W = PAGE_W - 2 * MARGIN
GREY = colors.HexColor("#555555")
LIGHT = colors.HexColor("#E8E8E8")


def columns(*fixed: float) -> list[float]:
    """Column widths: the ``fixed`` ones, then a last column taking the rest of the frame."""
    return [*fixed, FRAME_W - sum(fixed)]


def resolve_lang(lang: str | None) -> str:
    lang = lang or language()
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}")
    return lang


def prepare(lang: str | None) -> tuple[str, Styles]:
    """What every document starts from: the language it prints in and the styles in the
    font chosen for this machine."""
    lang = resolve_lang(lang)
    return lang, styles(cjk_font().name)


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    font: FontChoice
    lang: str
    missing: tuple[str, ...] = ()  # characters no font could draw (marked on the page)

    def save(self, path: str | Path) -> Path:
        from headcount.store.private_files import write_private

        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_private(out, self.pdf)  # lists of names: owner-only (0600)
        return out


@dataclass(frozen=True)
class Styles:
    font: str
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    head_cell: ParagraphStyle
    title: ParagraphStyle
    h2: ParagraphStyle
    label: ParagraphStyle
    right: ParagraphStyle


@lru_cache(maxsize=4)
def styles(font: str) -> Styles:
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=15, spaceAfter=3,
                          wordWrap="CJK")  # line breaking by wrap.can_break
    return Styles(
        font=font,
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11.5, textColor=GREY),
        cell=ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        head_cell=ParagraphStyle("head", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        title=ParagraphStyle("title", parent=body, fontSize=18, leading=24, alignment=TA_CENTER,
                             spaceAfter=8),
        h2=ParagraphStyle("h2", parent=body, fontSize=12.5, leading=17, spaceBefore=8,
                          spaceAfter=4),
        label=ParagraphStyle("label", parent=body, textColor=GREY, spaceAfter=0),
        right=ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
    )


# Characters the built-in STSong-Light CID font cannot show (its GB encoding has no
# U+00B7, the dot in names like 阿依古丽·买买提): drawn as the katakana middle dot.
_CID_SAFE = str.maketrans({"·": "・", "•": "・"})


def safe(text: str) -> str:
    """``text`` with the characters the fallback font lacks replaced (no-op with a TTF)."""
    return text if cjk_font().embedded else text.translate(_CID_SAFE)


# Characters no installed font can draw, seen while building the current document
# (per thread: the window may print in a worker); ``render`` hands them to the result.
_seen = threading.local()


def missing_mark(ch: str) -> str:
    """What a page shows in place of a character no font can draw: visible, bilingual."""
    return f"[缺字 no glyph U+{ord(ch):04X}]"


def _markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc(text: object) -> str:
    """Text made safe for reportlab's paragraph markup (and for the fallback font); rare
    characters the main font lacks are set in a fallback font (``fonts.runs``), and a
    character no font has is marked, never left blank."""
    out = []
    for font, run in fonts.runs(safe(str(text))):
        if font is None:
            out.append(_markup(run))
        elif font == fonts.MISSING:
            _note_missing(run)
            marks = "".join(missing_mark(ch) for ch in run)
            out.append(f'<font color="#C00000">{_markup(marks)}</font>')
        else:
            out.append(f'<font name="{font}">{_markup(run)}</font>')
    return "".join(out).replace("\n", "<br/>")


def _note_missing(run: str) -> None:
    if not hasattr(_seen, "chars"):
        _seen.chars = {}
    _seen.chars.update(dict.fromkeys(run))


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, *,
              right: bool = False) -> None:
    """One line on the canvas in the document font, rare characters in their fallback
    font and characters no font has marked (as ``esc`` does for paragraphs)."""
    main = cjk_font().name
    parts: list[tuple[str, str]] = []
    for font, run in fonts.runs(text):
        if font == fonts.MISSING:
            _note_missing(run)
            parts.append((main, "".join(missing_mark(ch) for ch in run)))
        else:
            parts.append((font or main, run))
    if right:
        x -= sum(stringWidth(run, font, size) for font, run in parts)
    for font, run in parts:
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)


def take_missing() -> tuple[str, ...]:
    """The characters marked as missing since the last call (this thread)."""
    chars = tuple(getattr(_seen, "chars", {}))
    _seen.chars = {}
    return chars


def fmt_time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def fmt_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def para(text: object, style: ParagraphStyle) -> Paragraph:
    return Para(esc(text), style)


def fit_cell(text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
    """A plain string when it fits on one line in the main font (fast), else a
    wrapping paragraph (which also sets rare characters in a fallback font)."""
    if (stringWidth(text, style.fontName, style.fontSize) <= width - 6 and "\n" not in text
            and fonts.plain(text)):
        return safe(text)
    return para(text, style)


def fit_row(texts: Sequence[str], widths: Sequence[float], st: Styles) -> list[Any]:
    """A table row: each text fit to its column (``fit_cell``); an empty one stays empty."""
    return [fit_cell(t, st.cell, w) if t else "" for t, w in zip(texts, widths, strict=True)]


def field_table(rows: Sequence[tuple[str, object]], st: Styles,
                label_width: float = 42 * mm, width: float = FRAME_W) -> Table:
    """Label / value pairs, values wrapping."""
    data = [[para(label, st.label), v if isinstance(v, Flowable) else para(v, st.body)]
            for label, v in rows]
    table = Table(data, colWidths=[label_width, width - label_width])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def grid(data: list[list[Any]], widths: Sequence[float], st: Styles, *,
         repeat: int = 1, long: bool = False, font_size: float = 9) -> Table:
    """A ruled table whose header row repeats on every page it spans."""
    cls = LongTable if long else Table
    table = cls(data, colWidths=list(widths), repeatRows=repeat)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st.font),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), font_size + 2.5),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, repeat - 1), LIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def signature_lines(labels: Sequence[str], st: Styles, *, per_row: int = 2) -> Table:
    """Blank lines to sign on: label above, a long rule for the ink."""
    cells: list[list[Any]] = []
    row: list[Any] = []
    for label in labels:
        row.append([Spacer(1, 9 * mm), HRFlowable(width="92%", thickness=0.7, color=colors.black,
                                                  spaceAfter=2, hAlign="LEFT"),
                    para(label, st.small)])
        if len(row) == per_row:
            cells.append(row)
            row = []
    if row:
        cells.append(row + [""] * (per_row - len(row)))
    table = Table(cells, colWidths=[FRAME_W / per_row] * per_row)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def dated_signatures(signers: Sequence[str], lang: str, st: Styles) -> Table:
    """A line to sign for each of ``signers``, with a line for the date beside it."""
    return signature_lines([x for who in signers for x in (who, tr("date", lang))], st)


class CheckBox(Flowable):
    """An empty square to tick by hand. There is deliberately no way to pre-tick it (C3)."""

    def __init__(self, size: float = 4.2 * mm) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def tick_line(text: str, st: Styles, style: ParagraphStyle | None = None,
              width: float = FRAME_W) -> Table:
    box = CheckBox()
    table = Table([[box, para(text, style or st.body)]], colWidths=[9 * mm, width - 9 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (0, 0), 4)]))
    return table


def _numbered_canvas(footer_left: str, font: str, page_word: str) -> type[Canvas]:
    """A canvas that writes "page n / N" once it knows N (holds pages until save)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **kw)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.setFillColor(GREY)
                draw_text(self, MARGIN, 9 * mm, footer_left, 8)
                self.setFont(font, 8)
                self.drawRightString(PAGE_W - MARGIN, 9 * mm,
                                     page_word.format(n=self._pageNumber, total=total))
                super().showPage()
            super().save()

    return NumberedCanvas


def render(story: list[Flowable], *, school: SchoolData, title: str, lang: str,
           subject: str = "", footer: str = "", header: bool = True,
           top_margin: float | None = None) -> Rendered:
    """Lay out ``story`` on A4 pages with the school's header and numbered footers."""
    font = cjk_font()
    school_name = pick(school.name, lang)
    buf = io.BytesIO()
    head_h = 16 * mm if header else 0
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=top_margin if top_margin is not None else MARGIN + head_h,
        bottomMargin=MARGIN + 2 * mm,
        title=title, author=school_name, subject=subject,
        creator=f"Headcount {__version__}; font: {font.describe()}",
        keywords=f"lang={lang}; font={font.label}; embedded={font.embedded}",
        lang="zh-CN" if lang == "zh" else "en",
    )
    logo = _logo(school.logo)

    def on_page(canvas: Canvas, _doc: Any) -> None:
        if not header:
            return
        canvas.saveState()
        y = PAGE_H - MARGIN - 8 * mm
        x = MARGIN
        if logo is not None:
            logo.drawOn(canvas, x, y - 1 * mm)
            x += logo.drawWidth + 3 * mm
        # Long names and titles are clipped rather than drawn over each other.
        room = PAGE_W - MARGIN - x
        name = clip(school_name, font.name, 11, room * 0.6)
        draw_text(canvas, x, y + 1 * mm, name, 11)
        canvas.setFillColor(GREY)
        rest = room - stringWidth(name, font.name, 11) - 8 * mm
        draw_text(canvas, PAGE_W - MARGIN, y + 1 * mm, clip(title, font.name, 9, rest), 9,
                  right=True)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, y - 3 * mm, PAGE_W - MARGIN, y - 3 * mm)
        canvas.restoreState()

    printed = tr("printed_on", lang, when=datetime.now().strftime("%Y-%m-%d %H:%M"))
    left = safe("  ·  ".join(p for p in (footer, printed) if p))
    title, school_name = safe(title), safe(school_name)
    try:
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page,
                  canvasmaker=_numbered_canvas(left, font.name, tr("page_n_of", lang)))
    except LayoutError as err:  # a text too long for a page (a hand-edited database)
        raise BadInput(f"{title}: a text is too long to fit on a page; shorten it. "
                       "Nothing was written.",
                       f"{title}：有一段文字过长，无法排入一页；请缩短。未写入任何文件。") from err
    return Rendered(buf.getvalue(), doc.page, font, lang, take_missing())


def clip(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut to ``width`` points, with an ellipsis when cut."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _logo(path: Path | None) -> Image | None:
    if path is None or not Path(path).is_file():
        return None
    try:
        img = Image(str(path))
    except Exception:  # unreadable image: print without the logo rather than fail
        return None
    h = 10 * mm
    w = img.imageWidth * h / max(img.imageHeight, 1)
    img.drawHeight, img.drawWidth = h, min(w, 40 * mm)
    return img
