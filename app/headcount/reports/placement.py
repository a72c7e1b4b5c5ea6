"""The camera placement guide (C13; Measures Art. 13) with this station's cameras: where
each one is installed and who checked it against the guide, and when."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from headcount.i18n import Text
from headcount.reports.document import (
    Rendered,
    columns,
    dated_signatures,
    fit_row,
    fmt_date,
    grid,
    para,
    prepare,
    render,
)
from headcount.reports.model import CameraPlacement, SchoolData
from headcount.reports.text import tr

WIDTHS = columns(40 * mm, 66 * mm, 44 * mm)
BLANK_ROWS = 3  # rows to fill by hand when nothing is recorded


def camera_placement(school: SchoolData, *, lang: str | None = None,
                     cameras: Sequence[CameraPlacement] = ()) -> Rendered:
    """Setup guidance for IT staff: where cameras must never go, and the record of where
    this station's cameras are and who checked them."""
    from headcount.compliance import placement as pl

    lang, st = prepare(lang)

    def pick(t: Text) -> str:
        return t.zh if lang == "zh" else t.en

    def bullets(items: tuple[Text, ...]) -> Table:
        table = Table([[para("•", st.body), para(pick(t), st.body)] for t in items],
                      colWidths=columns(6 * mm))
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        return table

    title = pick(pl.TITLE)
    story: list[Flowable] = [para(title, st.title), para(pick(pl.INTRO), st.body)]
    for heading, items in ((pl.FORBIDDEN_TITLE, pl.FORBIDDEN), (pl.ALLOWED_TITLE, pl.ALLOWED),
                           (pl.RULES_TITLE, pl.RULES)):
        story += [Spacer(1, 2 * mm), para(pick(heading), st.h2), bullets(items)]
    heads = ("place_col_camera", "place_col_location", "place_col_checked_by",
             "place_col_checked_on")
    rows: list[list[Any]] = [[tr(h, lang) for h in heads]]
    for c in cameras:
        cells = [c.camera, c.location, c.checked_by, fmt_date(c.checked_on)]
        rows.append(fit_row(cells, WIDTHS, st))
    if not cameras:
        rows += [["", "", "", ""] for _ in range(BLANK_ROWS)]
    table = grid(rows, WIDTHS, st)
    if not cameras:
        table.setStyle(TableStyle([("ROWBACKGROUNDS", (0, 1), (-1, -1), [None]),
                                   ("BOTTOMPADDING", (0, 1), (-1, -1), 5 * mm)]))
    block: list[Flowable] = [para(tr("place_h_cameras", lang), st.h2), table]
    if not cameras:
        block.append(para(tr("place_none", lang), st.small))
    block += [Spacer(1, 2 * mm), dated_signatures([tr("place_signoff", lang)], lang, st)]
    story += [Spacer(1, 2 * mm), KeepTogether(block)]
    return render(story, school=school, title=title, lang=lang, subject=title, footer=title)
