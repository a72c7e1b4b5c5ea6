"""The parts every small dialog of the window is made of: the red message line, the
OK/Cancel buttons and the form they end, a required field, and the dialog that acts for
the signed-in user. One place, so the dialogs look and behave alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

if TYPE_CHECKING:
    from headcount.gui.backend import User
    from headcount.gui.station_backend import StationBackend
    from headcount.gui.tasks import TaskManager

ERROR_STYLE, OK_STYLE = "color:#a01010;", "color:#106010;"
Button = QDialogButtonBox.StandardButton
OK_CANCEL = (Button.Ok, Button.Cancel)
# A form row: a widget across the whole row, or a label with its field.
Row = QWidget | QLayout | tuple[str, QWidget | QLayout]


def message_label(*, wrap: bool = False, name: str = "", error: bool = True) -> QLabel:
    """The line where a dialog says what went wrong (red unless ``error`` is False)."""
    label = QLabel()
    if error:
        label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def button_box(on_accept: Callable[[], object] | None, on_reject: Callable[[], object],
               buttons: Sequence[QDialogButtonBox.StandardButton] = OK_CANCEL
               ) -> QDialogButtonBox:
    box = QDialogButtonBox()
    for b in buttons:
        box.addButton(b)
    if on_accept is not None:
        box.accepted.connect(on_accept)
    box.rejected.connect(on_reject)
    return box


def action_box(text: str, on_accept: Callable[[], object], on_reject: Callable[[], object],
               reject: QDialogButtonBox.StandardButton = Button.Cancel
               ) -> tuple[QDialogButtonBox, QPushButton]:
    """A named action (the default button) beside Cancel or Close; returns the box and
    the action's button."""
    box = QDialogButtonBox()
    action = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    action.setDefault(True)
    box.addButton(reject)
    box.accepted.connect(on_accept)
    box.rejected.connect(on_reject)
    return box, action


def form(parent: QWidget, rows: Sequence[Row], *, message: QLabel | None = None,
         buttons: QDialogButtonBox | None = None) -> QFormLayout:
    """A form on ``parent``: the rows, then the message line, then the buttons."""
    layout = QFormLayout(parent)
    for row in rows:
        if isinstance(row, tuple):
            label, field = row
            if isinstance(field, QWidget):  # two overloads of addRow, one per branch
                layout.addRow(label, field)
            else:
                layout.addRow(label, field)
        elif isinstance(row, QWidget):
            layout.addRow(row)
        else:
            layout.addRow(row)
    for last in (message, buttons):
        if last is not None:
            layout.addRow(last)
    return layout


def accept_filled(dialog: QDialog, field: QLineEdit, message: QLabel, why: str) -> None:
    """OK of a dialog with a required field: accepted once ``field`` holds text; until
    then the message line says ``why`` and the cursor goes to the field."""
    if field.text().strip():
        dialog.accept()
        return
    message.setText(why)
    field.setFocus()


class StationDialog(QDialog):
    """A dialog acting for the signed-in ``user``: it calls the station through
    ``backend`` on the window's task thread (``tasks``), never on the GUI thread."""

    def __init__(self, backend: StationBackend, user: User, tasks: TaskManager, *, name: str,
                 title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.backend, self.user, self.tasks = backend, user, tasks
