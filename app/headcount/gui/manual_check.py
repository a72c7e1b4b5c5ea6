"""Manual ID check (F2): the alternative to face recognition, always one key away (C6).

Search by part of the name, the number, the seat or the ID-card number; pick the
reason; check in. It needs nothing but the roster already on screen and the station,
so it works with the camera off, the model missing or the feed frozen; the record it
makes has the same standing as a face check (method "manual").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from headcount.gui.backend import MANUAL_REASONS, RosterEntry


def mask_id(id_number: str) -> str:
    """Show only the last 4 characters of an ID-card number on screen."""
    return ("*" * max(0, len(id_number) - 4) + id_number[-4:]) if id_number else ""


class ManualCheckDialog(QDialog):
    check_in_requested = Signal(int, str)  # person id, reason code

    def __init__(self, entries: list[RosterEntry], parent: QWidget | None = None,
                 on_check_in: Callable[[int, str], None] | None = None,
                 initial_text: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("manualCheck")
        self.setWindowTitle(self.tr("Manual ID check"))
        self.entries = entries
        self._on_check_in = on_check_in
        self.search = QLineEdit(initial_text)
        self.search.setPlaceholderText(self.tr("Name, number, seat or ID-card number"))
        self.search.textChanged.connect(self._refresh)
        self.results = QListWidget()
        self.results.itemDoubleClicked.connect(lambda _item: self.accept_selected())
        self.reason = QComboBox()
        for code in MANUAL_REASONS:
            self.reason.addItem(self.reason_text(code), code)
        self.reason.setCurrentIndex(MANUAL_REASONS.index("declined"))
        self.hint = QLabel(self.tr(
            "Compare the person with the ID card or the roster photo, then check in. "
            "A manual check counts exactly like a face check."))
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("manualMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton(self.tr("Check in"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.check_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept_selected)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Search"), self.search)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.results)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # Down arrow from the search box goes to the list: keyboard-only operation.
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, self.results.setFocus)
        self.resize(520, 440)
        self._refresh(initial_text)

    def reason_text(self, code: str) -> str:
        return {
            "declined": self.tr("Declined face recognition"),
            "not_enrolled": self.tr("Not enrolled"),
            "not_recognised": self.tr("Not recognised"),
            "camera_fault": self.tr("Camera fault"),
            "no_consent": self.tr("No consent"),
        }[code]

    def status_text(self, entry: RosterEntry) -> str:
        if entry.checkin is None:
            return ""
        return self.tr("already checked in {time}").format(time=entry.checkin.ts[11:16])

    def _refresh(self, text: str) -> None:
        words = text.strip().lower().split()
        self.results.clear()
        for e in self.entries:
            p = e.person
            hay = " ".join((p.number, p.name.lower(), p.id_number.lower(), e.seat))
            if words and not all(w in hay for w in words):
                continue
            parts = [p.name, p.number]
            if e.seat:
                parts.append(self.tr("seat {seat}").format(seat=e.seat))
            if p.id_number:
                parts.append(mask_id(p.id_number))
            status = self.status_text(e)
            if status:
                parts.append(f"({status})")
            item = QListWidgetItem("   ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def selected_person(self) -> int | None:
        item = self.results.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def accept_selected(self) -> None:
        pid = self.selected_person()
        if pid is None:
            self.message.setText(self.tr("Nobody on this list matches the search."))
            return
        reason = str(self.reason.currentData())
        self.check_in_requested.emit(pid, reason)
        if self._on_check_in is not None:
            self._on_check_in(pid, reason)
        self.accept()
