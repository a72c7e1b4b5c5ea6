"""Create a session (exam room or class period) from a class list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)


class NewSessionDialog(QDialog):
    def __init__(self, classes: list[str], parent: QWidget | None = None) -> None:
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Room"), self.room)
        form.addRow(self.tr("Class list"), self.class_name)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        return {"kind": str(self.kind.currentData()), "name": self.name.text(),
                "room": self.room.text(), "class_name": self.class_name.currentText()}
