"""Administration: sign-in with roles, settings, audit log viewer, filing counter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from headcount.gui.backend import AuditRow, Backend, User
from headcount.gui.tasks import TaskManager

FILING_LIMIT = 100_000


def filing_text(f: dict[str, int]) -> str:
    n, warn = f.get("people_with_faces", 0), f.get("warning_level", 80_000)
    text = QCoreApplication.translate(
        "Filing", "People with stored face data: {n}. Filing with the authorities is "
        "required within 30 working days at {limit}; warning level {warn}.").format(
        n=n, limit=FILING_LIMIT, warn=warn)
    if n >= FILING_LIMIT:
        text += "\n" + QCoreApplication.translate(
            "Filing", "The filing threshold is reached: file now and export the filing data.")
    elif n >= warn:
        text += "\n" + QCoreApplication.translate(
            "Filing", "Warning: the filing threshold is near. Prepare the filing data.")
    return text


class SignInDialog(QDialog):
    signed_in = Signal(object)  # User

    def __init__(self, backend: Backend, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in"))
        self.backend, self.tasks = backend, tasks
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setStyleSheet("color:#a01010;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("User"), self.name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.message)
        form.addRow(buttons)

    def try_sign_in(self) -> None:
        name, password = self.name.text().strip(), self.password.text()
        self.tasks.run(lambda: self.backend.sign_in(name, password), self._done,
                       lambda exc: self.message.setText(str(exc)))

    def _done(self, user: User) -> None:
        self.signed_in.emit(user)
        self.accept()


class SettingsDialog(QDialog):
    def __init__(self, backend: Backend, user: User, tasks: TaskManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.backend, self.user, self.tasks = backend, user, tasks
        self.school = QLineEdit()
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.3, 0.8)
        self.threshold.setSingleStep(0.01)
        self.late = QSpinBox()
        self.late.setRange(0, 240)
        self.retention = QSpinBox()
        self.retention.setRange(1, 3650)
        self.filing = QSpinBox()
        self.filing.setRange(1, FILING_LIMIT)
        self.cue = QCheckBox(self.tr("Beep on each check-in"))
        self.notice: dict[str, QLineEdit] = {}
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("School (processor)"), self.school)
        form.addRow(self.tr("Match threshold (distance)"), self.threshold)
        form.addRow(self.tr("Late after (minutes)"), self.late)
        form.addRow(self.tr("Keep face data of leavers (days)"), self.retention)
        form.addRow(self.tr("Filing warning level (people)"), self.filing)
        form.addRow("", self.cue)
        labels = {"processor": self.tr("Notice: processor"), "contact": self.tr("Notice: contact"),
                  "purpose": self.tr("Notice: purpose"), "method": self.tr("Notice: method"),
                  "retention": self.tr("Notice: retention"),
                  "necessity": self.tr("Notice: necessity"), "rights": self.tr("Notice: rights"),
                  "alternative": self.tr("Notice: alternative")}
        for key, label in labels.items():
            self.notice[key] = QLineEdit()
            form.addRow(label, self.notice[key])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(self.message)
        v.addWidget(buttons)
        self.tasks.run(self.backend.settings, self._fill, self._error)

    def _fill(self, s: dict[str, Any]) -> None:
        self.school.setText(str(s.get("school", "")))
        self.threshold.setValue(float(s.get("threshold", 0.6)))
        self.late.setValue(int(s.get("late_minutes", 15)))
        self.retention.setValue(int(s.get("retention_days", 365)))
        self.filing.setValue(int(s.get("filing_warning", 80_000)))
        self.cue.setChecked(bool(s.get("cue_sound", True)))
        for key, edit in self.notice.items():
            edit.setText(str(s.get("notice", {}).get(key, "")))

    def _error(self, exc: BaseException) -> None:
        self.message.setStyleSheet("color:#a01010;")
        self.message.setText(str(exc))

    def values(self) -> dict[str, Any]:
        return {"school": self.school.text(), "threshold": self.threshold.value(),
                "late_minutes": self.late.value(), "retention_days": self.retention.value(),
                "filing_warning": self.filing.value(), "cue_sound": self.cue.isChecked(),
                "notice": {k: e.text() for k, e in self.notice.items()}}

    def save(self) -> None:
        values = self.values()
        self.tasks.run(lambda: self.backend.update_settings(values, user=self.user),
                       lambda _r: self.accept(), self._error)


class AuditDialog(QDialog):
    def __init__(self, backend: Backend, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit log"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("User"), self.tr("Action"),
                                              self.tr("Subject"), self.tr("Details")])
        self.table.horizontalHeader().setStretchLastSection(True)
        v = QVBoxLayout(self)
        v.addWidget(self.table)
        self.resize(760, 480)
        tasks.run(backend.audit, self._fill)

    def _fill(self, rows: list[AuditRow]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate((row.ts, row.actor, row.action, row.subject, row.details)):
                self.table.setItem(r, c, QTableWidgetItem(text))
