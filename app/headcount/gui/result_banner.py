"""The result of each check, large over the feeds for a moment: readable from a metre.

Green: checked in (name, seat). Amber: already checked in (with the time). Red: not on
this list (and where they belong). It covers the lower part of the feed area and goes
after ``RESULT_SHOWN_MS``; it takes no focus and no clicks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

RESULT_SHOWN_MS = 4000
TONES = {"ok": "#0b7a3b", "repeat": "#b36b00", "refused": "#b00020", "info": "#1a4fa0"}


class ResultBanner(QLabel):
    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("resultBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tone = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESULT_SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        host.installEventFilter(self)
        self.hide()

    def show_result(self, headline: str, detail: str, tone: str) -> None:
        self.tone = tone
        self.setStyleSheet(f"background:{TONES[tone]};color:white;border-radius:10px;"
                           "padding:10px;")
        big = "font-size:30pt;font-weight:bold;"
        self.setText(f"<div style='{big}'>{_escape(headline)}</div>"
                     f"<div style='font-size:17pt;'>{_escape(detail)}</div>")
        self._place()
        self.show()
        self.raise_()
        self._timer.start()

    def plain_text(self) -> str:
        """What the banner says, without markup (tests, screen readers)."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.text())
        return doc.toPlainText()

    def _place(self) -> None:
        host = self.parentWidget()
        if host is None:
            return
        margin = 12
        width = host.width() - 2 * margin
        height = min(max(self.heightForWidth(width), 90), host.height() - 2 * margin)
        self.setGeometry(margin, host.height() - height - margin, width, height)

    def eventFilter(self, watched: QObject, event: Any) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
