"""Correct a person's attendance status: who (the signed-in user) and why (required).

The station keeps the correction beside the original check-in and never overwrites
it; the report lists it under incidents with who and why.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from headcount.gui import dialog_parts as parts
from headcount.gui.backend import STATUSES, RosterEntry


class CorrectionDialog(QDialog):
    def __init__(self, entry: RosterEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correction")
        self.setWindowTitle(self.tr("Correct a status"))
        self.entry = entry
        names = {"present_face": self.tr("Present (face)"),
                 "present_manual": self.tr("Present (manual)"), "late": self.tr("Late"),
                 "absent": self.tr("Absent")}
        self.status = QComboBox()
        for code in STATUSES:
            self.status.addItem(names[code], code)
        self.status.setCurrentIndex(max(0, STATUSES.index(entry.status) + 1)
                                    % len(STATUSES))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (required), e.g. arrived with a pass"))
        self.message = parts.message_label()
        parts.form(self, [
            (self.tr("Person"), QLabel(f"{entry.person.name}  {entry.person.number}")),
            (self.tr("Now"), QLabel(names[entry.status])),
            (self.tr("Correct to"), self.status),
            (self.tr("Reason"), self.reason),
            QLabel(self.tr("The original record is kept; the correction is added "
                           "with your name and the reason."))],
            message=self.message, buttons=parts.button_box(self._accept, self.reject))
        self.reason.setFocus()

    def _accept(self) -> None:
        parts.accept_filled(self, self.reason, self.message,
                            self.tr("A correction needs a reason."))

    def values(self) -> tuple[str, str]:
        return str(self.status.currentData()), self.reason.text().strip()
