"""The session roster: a table model with live statuses, counts and a search box."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from headcount.attendance.lookup import rank
from headcount.gui.backend import RosterEntry

STATUS_COLOURS = {
    "present_face": QColor(210, 245, 220),
    "present_manual": QColor(215, 230, 250),
    "late": QColor(255, 235, 200),
    "absent": QColor(255, 255, 255),
}
ELSEWHERE_COLOUR = QColor(255, 190, 190)  # also checked in in another room (exam office)

Index = QModelIndex | QPersistentModelIndex


class RosterModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[RosterEntry] = []
        self.closed = False  # an open session's missing people are "not yet arrived"
        self.elsewhere: dict[str, list[str]] = {}  # number -> other rooms (exam office)

    def headers(self) -> list[str]:
        return [self.tr("Seat"), self.tr("Number"), self.tr("Name"), self.tr("Status"),
                self.tr("Time"), self.tr("Face data")]

    def status_text(self, status: str) -> str:
        return {
            "present_face": self.tr("Present (face)"),
            "present_manual": self.tr("Present (manual)"),
            "late": self.tr("Late"),
            "absent": self.tr("Absent") if self.closed else self.tr("Not yet arrived"),
        }[status]

    def consent_text(self, entry: RosterEntry) -> str:
        p = entry.person
        if p.consent == "renew":  # the notice changed materially: manual until renewed
            return self.tr("Must renew consent")
        if p.enrolled:
            return self.tr("Enrolled")
        if p.consent != "none":
            return self.tr("Consent, not enrolled")
        return self.tr("Manual only")

    def set_entries(self, entries: list[RosterEntry], closed: bool = False) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.closed = closed
        self.endResetModel()

    def set_elsewhere(self, elsewhere: dict[str, list[str]]) -> None:
        """Numbers the exam office saw checked in in another room too (gui/link_status.py)."""
        if elsewhere != self.elsewhere:
            self.beginResetModel()
            self.elsewhere = dict(elsewhere)
            self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 6

    def headerData(  # noqa: N802
            self, section: int, orientation: Qt.Orientation,
            role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            c = e.checkin
            status = self.status_text(e.status)
            if e.correction is not None:
                status = self.tr("{status} (corrected)").format(status=status)
            if e.person.number in self.elsewhere:
                status = self.tr("{status}, ALSO IN ROOM {rooms}").format(
                    status=status, rooms=", ".join(self.elsewhere[e.person.number]))
            return [
                e.seat, e.person.number, e.person.name, status,
                (c.ts[11:16] if c else ""), self.consent_text(e),
            ][col]
        if role == Qt.ItemDataRole.ToolTipRole and e.person.number in self.elsewhere:
            return self.tr("Also checked in in room {rooms} for this exam (exam office): "
                           "check the ID.").format(
                               rooms=", ".join(self.elsewhere[e.person.number]))
        if role == Qt.ItemDataRole.ToolTipRole and e.correction is not None:
            k = e.correction
            return self.tr("Recorded: {before}. Corrected by {by}: {reason}").format(
                before=self.status_text(e.recorded_status), by=k.by, reason=k.reason)
        if role == Qt.ItemDataRole.BackgroundRole:
            if e.person.number in self.elsewhere:
                return ELSEWHERE_COLOUR
            return STATUS_COLOURS[e.status]
        return None

    def rank(self, row: int, query: str) -> int | None:
        """How well the search finds this row (the core's rule, shared with F2)."""
        e = self.entries[row]
        p = e.person
        return rank(query, name=p.name, number=p.number, seat=e.seat, id_number=p.id_number)

    def counts(self) -> Counter[str]:
        return Counter(e.status for e in self.entries)


class RosterFilter(QSortFilterProxyModel):
    """The core's person search (``attendance.lookup``): same hits and order as F2.
    While a search is typed, the best hit comes first (a seat before numbers)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_query(self, text: str) -> None:
        self.query = text
        self.invalidate()
        if text.strip():
            self.sort(0, Qt.SortOrder.AscendingOrder)

    def _model(self) -> RosterModel:
        model = self.sourceModel()
        assert isinstance(model, RosterModel)
        return model

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        return self._model().rank(row, self.query) is not None

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        if self.query.strip():
            a = self._model().rank(left.row(), self.query)
            b = self._model().rank(right.row(), self.query)
            if a != b:
                return (a or 0) < (b or 0)
        return bool(super().lessThan(left, right))


class RosterPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RosterModel(self)
        self.proxy = RosterFilter(self)
        self.proxy.setSourceModel(self.model)
        self.counts = QLabel()
        self.counts.setObjectName("rosterCounts")
        self.counts.setWordWrap(True)
        font = self.counts.font()  # readable from a metre away
        font.setPointSizeF(max(13.0, font.pointSizeF() * 1.4))
        font.setBold(True)
        self.counts.setFont(font)
        self.search = QLineEdit()
        self.search.setObjectName("rosterSearch")
        self.search.setPlaceholderText(self.tr("Search name, number, seat or ID number (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.correct_button = QPushButton(self.tr("Correct status... (Ctrl+K)"))
        self.correct_button.setObjectName("correctButton")
        self.search.returnPressed.connect(self.go_to_first_hit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counts)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.correct_button)
        layout.addLayout(row)

    def selected_entry(self) -> RosterEntry | None:
        """The selected row, else the only row left by the search."""
        index = self.table.currentIndex()
        if not index.isValid() and self.proxy.rowCount() == 1:
            index = self.proxy.index(0, 0)
        if not index.isValid():
            return None
        return self.model.entries[self.proxy.mapToSource(index).row()]

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)

    def go_to_first_hit(self) -> None:
        """Enter in the search: select the best hit and move to the table (it searches;
        it never checks anyone in)."""
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
            self.table.selectRow(0)
        self.table.setFocus()

    def set_entries(self, entries: list[RosterEntry], closed: bool = False) -> None:
        self.model.set_entries(entries, closed)
        c = self.model.counts()
        total = len(entries)
        if closed:
            text = self.tr("Present (face): {face}   Present (manual): {manual}   Late: {late}"
                           "   Absent: {absent}   Total: {total}")
        else:
            text = self.tr("Present (face): {face}   Present (manual): {manual}   Late: {late}"
                           "   Not yet arrived: {absent}   Total: {total}")
        text = text.format(face=c["present_face"], manual=c["present_manual"],
                           late=c["late"], absent=c["absent"], total=total)
        # Two short lines (who is here / who is missing) rather than one long line that
        # wraps inside a count ("Total:" above its "6") in a narrow or scaled window.
        parts = text.split("   ")
        self.counts.setText("   ".join(parts[:3]) + "\n" + "   ".join(parts[3:]))
