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
