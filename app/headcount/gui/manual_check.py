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
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from headcount.attendance.lookup import search
from headcount.attendance.reasons import default_reason
from headcount.gui import dialog_parts as parts
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
        # The reason follows the selected person's state until the operator picks one.
        self._reason_chosen = False
        self.reason.activated.connect(lambda _i: setattr(self, "_reason_chosen", True))
        self.results.currentItemChanged.connect(lambda _a, _b: self._default_reason())
        self.hint = QLabel(self.tr(
            "Compare the person with the ID card or the roster photo, then check in. "
            "A manual check counts exactly like a face check."))
        self.hint.setWordWrap(True)
        self.message = parts.message_label(wrap=True, name="manualMessage", error=False)
        buttons, self.check_button = parts.action_box(
            self.tr("Check in"), self.accept_selected, self.reject, parts.Button.Close)
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
        self.results.clear()
        first_to_check = -1
        # The core's search, shared with the roster: a seat first, any spacing or case.
        for e in search(self.entries, text, lambda e: (e.person.name, e.person.number,
                                                       e.seat, e.person.id_number)):
            p = e.person
            if first_to_check < 0 and e.checkin is None:
                first_to_check = self.results.count()
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
            if e.checkin is not None:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.results.addItem(item)
        # Preselect the first person still to check, never someone already checked in.
        self.results.setCurrentRow(first_to_check)
        self._default_reason()

    def _default_reason(self) -> None:
        pid = self.selected_person()
        entry = next((e for e in self.entries if e.person.id == pid), None)
        if entry is None or self._reason_chosen:
            return
        p = entry.person
        code = default_reason(consent=p.consent != "none", enrolled=p.enrolled,
                              withdrawn=p.withdrew)
        self.reason.setCurrentIndex(self.reason.findData(code))

    def selected_person(self) -> int | None:
        item = self.results.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def accept_selected(self) -> None:
        pid = self.selected_person()
        if pid is None:
            self.message.setText(
                self.tr("Everyone found is already checked in: select the person to "
                        "record it again.") if self.results.count()
                else self.tr("Nobody on this list matches the search."))
            return
        reason = str(self.reason.currentData())
        self.check_in_requested.emit(pid, reason)
        if self._on_check_in is not None:
            self._on_check_in(pid, reason)
        self.accept()
