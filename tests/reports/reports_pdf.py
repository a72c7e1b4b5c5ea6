"""Helpers for reading back the PDFs the report builders make."""

from __future__ import annotations

import io
import re

import pypdf

from headcount.reports.document import Rendered


def pages_text(rendered: Rendered) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Text without whitespace: wrapped lines join up again."""
    return re.sub(r"\s+", "", text)


def assert_contains(rendered_text: str, *values: str) -> None:
    hay = flat(rendered_text)
    missing = [v for v in values if flat(v) not in hay]
    assert not missing, f"not in the PDF text: {missing}"


def text_sizes(rendered: Rendered) -> list[tuple[int, float, float, str]]:
    """Every piece of text drawn: (page, y in points from the bottom, type size, text)."""
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    out: list[tuple[int, float, float, str]] = []
    for number, page in enumerate(reader.pages, 1):
        def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float,
                  number: int = number) -> None:
            if text.strip():
                scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
                out.append((number, tm[5] * cm[3] + cm[5], size * scale, text.strip()))
        page.extract_text(visitor_text=visit)
    return out
