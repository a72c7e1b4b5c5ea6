"""Create a session (exam room or class period) from a class list or, for an exam room,
a candidate list file with seats, with its start time, late threshold (check-ins after
start + threshold are marked late) and the invigilators who sign its report."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from headcount.gui import dialog_parts as parts


class NewSessionDialog(QDialog):
    def __init__(self, classes: list[str], parent: QWidget | None = None,
                 late_minutes: int = 15) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New session"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Exam room"), "exam")
        self.kind.addItem(self.tr("Class period"), "class")
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Mid-term Maths, or Class 1-3 period 2"))
        self.room = QLineEdit()
        self.class_name = QComboBox()
        self.class_name.addItems(classes)
        now = QDateTime.currentDateTime()
        self.starts = QDateTimeEdit(QDateTime(now.date(), QTime(now.time().hour(),
                                                                now.time().minute())))
        self.starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.starts.setCalendarPopup(True)
        self.late = QSpinBox()
        self.late.setRange(0, 600)
        self.late.setValue(late_minutes)
        self.late.setSuffix(self.tr(" min"))
        # An exam room's candidates with their seats, from a file (number, name, seat):
        # the same file `headcount session create --roster FILE` reads.
        self.candidate_file = QLineEdit()
        self.candidate_file.setObjectName("candidateFile")
        self.candidate_file.setPlaceholderText(self.tr(
            "CSV or Excel: number, name, seat (leave empty to use the class list)"))
        self.choose_file = QPushButton(self.tr("Choose..."))
        self.choose_file.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.candidate_file, 1)
        file_row.addWidget(self.choose_file)
        self.invigilators = QLineEdit()
        self.invigilators.setPlaceholderText(
            self.tr("Names of the invigilators who sign the report, separated by commas"))
        self.message = parts.message_label()
        parts.form(self, [
            (self.tr("Kind"), self.kind), (self.tr("Name"), self.name),
            (self.tr("Room"), self.room), (self.tr("Class list"), self.class_name),
            (self.tr("Candidate list with seats"), file_row),
            (self.tr("Starts at"), self.starts), (self.tr("Late after"), self.late),
            (self.tr("Invigilators"), self.invigilators)],
            message=self.message, buttons=parts.button_box(self._accept, self.reject))

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Candidate list"), "",
                                              self.tr("Lists (*.csv *.xlsx)"))
        if path:
            self.candidate_file.setText(path)

    def _accept(self) -> None:
        parts.accept_filled(self, self.name, self.message, self.tr("Give the session a name."))

    def values(self) -> dict[str, Any]:
        return {"kind": str(self.kind.currentData()), "name": self.name.text().strip(),
                "room": self.room.text(), "class_name": self.class_name.currentText(),
                "starts_at": self.starts.dateTime().toString("yyyy-MM-ddTHH:mm:00"),
                "late_minutes": self.late.value(),
                "candidate_file": self.candidate_file.text().strip(),
                "invigilators": [n.strip() for n in re.split(r"[,，、;；]",
                                                             self.invigilators.text())
                                 if n.strip()]}
