"""Printed paper from the window: render with ``headcount.reports``, then preview and
print through Qt's print dialog, save as PDF, or open the system's PDF viewer.

PySide6-Essentials ships no PDF renderer (QtPdf is in PySide6-Addons), so pages are
drawn for Qt's print preview and printer with pypdfium2 (a small PDFium wheel). Without
it the dialog still saves the PDF and opens it in the system viewer, and says so.
Rendering the PDF runs on the task manager's worker; the pages are rasterised one at a
time while Qt asks for them (preview or printing), so memory stays small.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QMarginsF, QObject, QRectF, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from headcount.gui import dialog_parts as parts
from headcount.gui.backend import User
from headcount.gui.tasks import TaskManager

if TYPE_CHECKING:
    from headcount.gui.station_backend import StationBackend
    from headcount.store.receipts import ReceiptLine

log = logging.getLogger(__name__)
PRINT_DPI = 200  # raster resolution for printing (preview uses the screen's)


def pdf_renderer_available() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def paint_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of ``pdf`` on ``printer`` (one page each); returns the count."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        return 0
    try:
        dpi = min(max(printer.resolution(), 72), PRINT_DPI)
        target = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        target.moveTo(0, 0)
        for i in range(len(doc)):
            if i:
                printer.newPage()
            page = doc[i]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            arr = bitmap.to_numpy()
            h, w = arr.shape[:2]
            fmt = QImage.Format.Format_RGB888 if arr.shape[2] == 3 else \
                QImage.Format.Format_RGBX8888
            # copy(): the preview's paint engine records the image and draws it later,
            # after PDFium's bitmap is gone.
            image = QImage(arr.data, w, h, arr.strides[0], fmt).copy()
            scale = min(target.width() / w, target.height() / h)
            painter.drawImage(QRectF(target.x(), target.y(), w * scale, h * scale), image)
            page.close()
        return len(doc)
    finally:
        painter.end()
        doc.close()


def a4_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    from PySide6.QtGui import QPageSize

    printer = QPrinter(mode)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)  # the PDF carries its own margins
    return printer


class DocumentDialog(parts.StationDialog):
    """One document: rendered off the GUI thread, then preview/print, save or view."""

    rendered = Signal(object)  # headcount.reports.Rendered
    saved = Signal(str)
    failed = Signal(object)

    def __init__(self, backend: StationBackend, user: User, tasks: TaskManager, document: str,
                 title: str, *, lang: str = "zh", parent: QWidget | None = None,
                 **params: Any) -> None:
        super().__init__(backend, user, tasks, name="documentDialog", title=title,
                         parent=parent)
        self.document, self.params, self.lang = document, params, lang
        self.result: Any = None
        self.title = QLabel(f"<b>{title}</b>")
        self.status = QLabel(self.tr("Preparing the document..."))
        self.status.setWordWrap(True)
        self.status.setObjectName("documentStatus")
        self.preview_button = QPushButton(self.tr("Preview and print..."))
        self.preview_button.setObjectName("previewButton")
        self.save_button = QPushButton(self.tr("Save as PDF..."))
        self.view_button = QPushButton(self.tr("Open in PDF viewer"))
        close = QPushButton(self.tr("Close"))
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self._ask_save)
        self.view_button.clicked.connect(self.open_viewer)
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.preview_button, self.save_button, self.view_button):
            b.setEnabled(False)
            row.addWidget(b)
        row.addStretch()
        row.addWidget(close)
        v = QVBoxLayout(self)
        v.addWidget(self.title)
        v.addWidget(self.status)
        if not pdf_renderer_available():
            note = QLabel(self.tr("Print preview needs the pypdfium2 package, which is not "
                                  "installed: save the PDF or open it in the PDF viewer and "
                                  "print from there."))
            note.setWordWrap(True)
            v.addWidget(note)
        v.addLayout(row)
        self.resize(560, 160)
        lang_, doc = self.lang, self.document
        self.tasks.run(lambda: backend.render(doc, user=user, lang=lang_, **params),
                       self._rendered, self._failed)

    def _rendered(self, result: Any) -> None:
        self.result = result
        font = result.font.describe() if hasattr(result.font, "describe") else ""
        self.status.setText(self.tr("{pages} page(s), A4. Font: {font}").format(
            pages=result.pages, font=font))
        self.preview_button.setEnabled(pdf_renderer_available())
        self.save_button.setEnabled(True)
        self.view_button.setEnabled(True)
        (self.preview_button if pdf_renderer_available() else self.save_button).setFocus()
        self.rendered.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet(parts.ERROR_STYLE)
        self.status.setText(str(exc))
        self.failed.emit(exc)

    def default_name(self) -> str:
        suffix = "-".join(str(v) for v in self.params.values())
        return f"{self.document}{'-' + suffix if suffix else ''}-{dt.date.today()}.pdf"

    def _ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"),
                                              self.default_name(), "PDF (*.pdf)")
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: str | Path) -> None:
        """Write the PDF (on the worker thread); ``saved`` carries the path."""
        result = self.result
        if result is None:
            return
        out = Path(path)
        self.tasks.run(lambda: result.save(out), lambda p: self._saved(str(p)), self._failed)

    def _saved(self, path: str) -> None:
        self.status.setText(self.tr("Saved {path}").format(path=path))
        self.saved.emit(path)

    def open_viewer(self) -> Path | None:
        """Hand the PDF to the system viewer (a temporary file)."""
        if self.result is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="headcount-print-"))
        path = self.result.save(folder / self.default_name())
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return Path(path)

    def preview(self) -> QPrintPreviewDialog | None:
        if self.result is None or not pdf_renderer_available():
            return None
        # Kept on self: the preview does not own its printer, and a collected one crashes.
        self._printer = printer = a4_printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(self.windowTitle())
        dialog.paintRequested.connect(self.print_to)
        dialog.resize(900, 760)
        dialog.open()
        return dialog

    def print_to(self, printer: QPrinter) -> int:
        if self.result is None:
            return 0
        return paint_pdf(self.result.pdf, printer)


class TermDialog(QDialog):
    """Class and date range for the term report."""

    def __init__(self, classes: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Term report"))
        self.class_name = QComboBox()
        self.class_name.addItems(classes)
        today = dt.date.today()
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        first = today.replace(month=9 if today.month >= 9 else 2, day=1)
        self.start.setDate(QDate(first.year, first.month, first.day))
        self.end = QDateEdit()
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd")
        self.end.setDate(QDate(today.year, today.month, today.day))
        parts.form(self, [(self.tr("Class"), self.class_name), (self.tr("From"), self.start),
                          (self.tr("To"), self.end)],
                   buttons=parts.button_box(self.accept, self.reject))

    def values(self) -> dict[str, str]:
        return {"class_name": self.class_name.currentText(),
                "start": self.start.date().toString("yyyy-MM-dd"),
                "end": self.end.date().toString("yyyy-MM-dd")}


class PrintMenu(QObject):
    """The window's Print menu: every document of issue 5 that the window can print."""

    def __init__(self, window: Any, menu: Any) -> None:
        super().__init__(window)
        self.w = window
        w = window
        add = w._action
        add(menu, self.tr("Notice slip"),
            lambda: w.open_document("notice", self.tr("Notice slip")))
        add(menu, self.tr("Notice slip, large print"),
            lambda: w.open_document("notice-large", self.tr("Notice slip, large print")))
        add(menu, self.tr("Entrance sign"),
            lambda: w.open_document("sign", self.tr("Entrance sign")))
        add(menu, self.tr("Rules for children's facial information"),
            lambda: w.open_document("children-rules",
                                    self.tr("Rules for children's facial information")))
        menu.addSeparator()
        add(menu, self.tr("Consent slip for one person..."), self.consent_person)
        add(menu, self.tr("Consent slips for a class..."), self.consent_class)
        add(menu, self.tr("Consent slips for those who must renew"),
            lambda: w.open_document("consent-renew", self.tr("Consent slips")))
        menu.addSeparator()
        add(menu, self.tr("Attendance report of this session..."), w.offer_report)
        add(menu, self.tr("Term report..."), self.term)
        add(menu, self.tr("Receipts..."), self.receipt)
        menu.addSeparator()
        self.act_pia = add(menu, self.tr("Impact assessment (administrators)"),
                           lambda: w.open_document("pia", self.tr("Impact assessment")))
        self.act_filing = add(menu, self.tr("Filing data (administrators)"),
                              lambda: w.open_document("filing", self.tr("Filing data")))
        from headcount.roles import allowed

        # Greyed out as the station's role table would refuse them (it still decides).
        self.act_pia.setEnabled(allowed(w.user, "print.pia"))
        self.act_filing.setEnabled(allowed(w.user, "print.filing"))

    def _pick(self, title: str, label: str, items: list[tuple[str, Any]], then: Any) -> None:
        if not items:
            self.w.show_info(self.tr("Nothing to choose from."))
            return
        text, ok = QInputDialog.getItem(self.w, title, label, [t for t, _ in items], 0, False)
        if ok:
            then(dict(items)[text])

    def consent_person(self) -> None:
        entry = self.w.selected_entry()

        def chosen(number: str) -> None:
            self.w.open_document("consent", self.tr("Consent slip"), number=number)

        def got(people: list[Any]) -> None:
            items = [(f"{p.number}  {p.name}", p.number) for p in people]
            if entry is not None:  # the selected roster row first
                items.sort(key=lambda it: it[1] != entry.person.number)
            self._pick(self.tr("Consent slip"), self.tr("Person"), items, chosen)

        self.w.tasks.run(self.w.backend.people, got)

    def consent_class(self) -> None:
        def got(classes: list[str]) -> None:
            self._pick(self.tr("Consent slips for a class"), self.tr("Class"),
                       [(c, c) for c in classes],
                       lambda c: self.w.open_document("consent-class",
                                                      self.tr("Consent slips"), class_name=c))

        self.w.tasks.run(self.w.backend.classes, got)

    def term(self) -> None:
        def got(classes: list[str]) -> None:
            dialog = TermDialog(classes, self.w)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.w.open_document("term", self.tr("Term report"), **dialog.values())

        self.w.tasks.run(self.w.backend.classes, got)

    def receipt(self) -> None:
        kinds = {"deletion": self.tr("deletion"), "purge": self.tr("purge")}

        def got(rows: list[ReceiptLine]) -> None:
            items = [(f"#{r.receipt}  {kinds.get(r.kind, r.kind)}  "
                      f"{r.created_at[:16].replace('T', ' ')}  "
                      f"{r.person} {r.name}".rstrip(), r.receipt)
                     for r in rows]
            self._pick(self.tr("Receipts"), self.tr("Receipt"), items,
                       lambda rid: self.w.open_document("receipt", self.tr("Receipt"),
                                                        receipt_id=rid))

        self.w.tasks.run(self.w.backend.receipts, got)
