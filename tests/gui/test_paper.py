"""Printed paper from the window: the report offered at close, the Print menu, printing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from gui_threads import on_task_thread

from headcount.gui.backend import User

OPERATOR = User("teacher", "operator")
ADMIN = User("admin", "admin")


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def person(backend: Any, number: str) -> Any:
    return next(p for p in backend.people() if p.number == number)


def test_closing_asks_then_offers_the_report_saved_as_pdf(make_window: Any, backend: Any,
                                                          qtbot: Any, tmp_path: Path) -> None:
    w = make_window(backend, feeds=[])
    b = on_task_thread(w, backend)
    with qtbot.waitSignal(w.checked_in, timeout=5000):
        w.manual_check_in(person(b, "2025002").id, "declined")
    asked: list[str] = []
    w.confirm = lambda title, text: asked.append(text) or False  # type: ignore[method-assign]
    w.close_session()
    assert asked and w.session.status == "open"  # "no" keeps it open
    w.confirm = lambda title, text: True  # type: ignore[method-assign]
    with qtbot.waitSignal(w.report_offered, timeout=5000) as offered:
        w.close_session()
    dialog = offered.args[0]
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.save_button.isEnabled() and dialog.preview_button.isEnabled()
    out = tmp_path / "report.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_pdf(out)
    text = pdf_text(out)
    for e in b.roster(w.session.id):  # every name of room 301, present or not
        assert e.person.name in text
    assert "Mid-term Maths" in text
    qtbot.waitUntil(lambda: w.session.status == "closed", timeout=5000)
    # Printed for the record: the audit log has it.
    assert any(r.action == "print" and "report" in r.subject for r in b.audit(user=ADMIN))
    dialog.close()


def test_print_preview_draws_every_page(make_window: Any, backend: Any, qtbot: Any,
                                        tmp_path: Path) -> None:
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from headcount.gui.printing import a4_printer

    w = make_window(backend, feeds=[])
    dialog = w.open_document("consent-class", "Consent slips", class_name="高一(3)班")
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.pages == 8  # one slip per person of the class
    printer = a4_printer(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == 8  # what the preview and the printer get
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == 8
    preview = dialog.preview()
    assert preview is not None
    import gc

    from PySide6.QtPrintSupport import QPrintPreviewWidget

    gc.collect()  # the preview's printer must outlive preview(): it used to crash here
    pages = preview.findChild(QPrintPreviewWidget)
    pages.updatePreview()  # paints again on the preview's own printer
    assert pages.pageCount() == 8
    preview.close()
    dialog.close()


@pytest.mark.parametrize("document, params, expect", [
    ("notice", {}, "Notice"),
    ("notice-large", {}, "large print"),
    ("sign", {}, "Demo Secondary School"),
    ("children-rules", {}, "14"),
    ("consent", {"number": "2025009"}, "Huang Shiqi"),
    ("pia", {}, "Demo Secondary School"),
])
def test_print_menu_documents(make_window: Any, backend: Any, qtbot: Any, document: str,
                              params: dict[str, Any], expect: str) -> None:
    w = make_window(backend, feeds=[])
    dialog = w.open_document(document, document, **params)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(
        dialog.result.pdf)).pages)
    assert expect in text
    dialog.close()


def test_operator_cannot_print_the_impact_assessment(make_window: Any, backend: Any,
                                                     qtbot: Any) -> None:
    w = make_window(backend, user=OPERATOR, feeds=[])
    assert not w.print_menu.act_pia.isEnabled() and not w.print_menu.act_filing.isEnabled()
    dialog = w.open_document("pia", "PIA")
    with qtbot.waitSignal(dialog.failed, timeout=5000):
        pass
    assert "Only an administrator" in dialog.status.text()
    assert not dialog.save_button.isEnabled()
    dialog.close()
