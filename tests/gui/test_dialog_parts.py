"""The parts the window's small dialogs are made of (gui/dialog_parts.py): a red
message line, OK/Cancel wired to the dialog, the form ending with them."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel

from headcount.gui import dialog_parts as parts


def _last_rows(form: QFormLayout) -> list[Any]:
    span = QFormLayout.ItemRole.SpanningRole
    return [form.itemAt(r, span).widget() for r in range(form.rowCount())
            if form.itemAt(r, span) is not None]


def test_a_form_dialog_ends_with_its_message_then_ok_and_cancel(qtbot: Any) -> None:
    from headcount.gui.correction import CorrectionDialog

    entry = SimpleNamespace(person=SimpleNamespace(name="Li Lei", number="2024002"),
                            status="absent")
    d = CorrectionDialog(entry)  # type: ignore[arg-type]
    qtbot.addWidget(d)
    form = d.layout()
    assert isinstance(form, QFormLayout)
    *_, note, message, buttons = _last_rows(form)
    assert isinstance(note, QLabel) and message is d.message
    assert parts.ERROR_STYLE in d.message.styleSheet()
    assert isinstance(buttons, QDialogButtonBox)
    assert buttons.standardButtons() == (QDialogButtonBox.StandardButton.Ok
                                         | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # no reason: refused
    assert d.message.text() and d.result() == 0
    d.reason.setText("arrived with a pass")
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert d.result() == 1


def test_a_named_action_is_the_default_beside_close(qtbot: Any) -> None:
    from PySide6.QtWidgets import QDialog

    d = QDialog()
    qtbot.addWidget(d)
    seen: list[str] = []
    box, action = parts.action_box("Check in", lambda: seen.append("ok"), d.reject,
                                   parts.Button.Close)
    assert action.text() == "Check in" and action.isDefault()
    assert box.standardButtons() == QDialogButtonBox.StandardButton.Close
    action.click()
    assert seen == ["ok"]
    label = parts.message_label(wrap=True, name="m", error=False)
    assert label.wordWrap() and label.objectName() == "m" and not label.styleSheet()
