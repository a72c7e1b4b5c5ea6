"""The exam office's window (``headcount office --dsn DSN``): every room live.

Thin: the figures come from ``headcount.office.board.read_board`` (Qt-free), read every
few seconds on the task manager's worker thread, never on the GUI thread. The window
shows each room's counts, the absent names of the selected room, duplicates across rooms
(a red banner and red rows the moment a refresh finds a new one), and the school-wide
filing count. When the server cannot be reached it keeps the last figures and says since
when.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from headcount.gui.tasks import TaskManager
from headcount.office.board import Board, Duplicate, Room, read_board

DUPLICATE_BG = QColor("#F8D0D0")
NEW_BG = QColor("#E53935")
ABSENT_FG = QColor("#B00020")


def _clock(when: datetime) -> str:
    return when.astimezone().strftime("%H:%M:%S")


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class OfficeWindow(QMainWindow):
    """Reads the board every ``every`` seconds; ``refreshed`` fires after each read
    (ok or not), so tests and the screenshot option wait on it."""

    refreshed = Signal(bool)

    def __init__(self, dsn: str, *, exam: str | None = None, every: float = 3.0,
                 reader: Any = read_board) -> None:
        super().__init__()
        self.dsn, self.exam, self._read = dsn, exam, reader
        self._pick_latest = exam is None  # no exam given: the latest one, once known
        self.tasks = TaskManager(self)
        self.board: Board | None = None
        self.down_since: datetime | None = None
        self.error_text = ""
        self._reading = False
        self._known: set[tuple[str, str]] | None = None  # duplicate keys already shown
        self.new_duplicates: list[Duplicate] = []
        self.setWindowTitle(self.tr("Headcount: exam office"))
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(int(every * 1000))
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        QTimer.singleShot(0, self.refresh)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        root = QWidget()
        col = QVBoxLayout(root)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Exam:")))
        self.exam_box = QComboBox()
        self.exam_box.setMinimumWidth(260)
        self.exam_box.addItem(self.tr("All sessions"), None)
        if self.exam:
            self.exam_box.addItem(self.exam, self.exam)
            self.exam_box.setCurrentIndex(1)
        self.exam_box.currentIndexChanged.connect(self._exam_chosen)
        top.addWidget(self.exam_box)
        self.refresh_button = QPushButton(self.tr("Refresh now"))
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        self.link_label = QLabel(self.tr("Connecting to the school server…"))
        top.addWidget(self.link_label)
        col.addLayout(top)

        self.totals_label = QLabel()
        big = QFont(self.totals_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.totals_label.setFont(big)
        self.filing_label = QLabel()
        self.filing_label.setWordWrap(True)
        col.addWidget(self.totals_label)
        col.addWidget(self.filing_label)

        self.duplicate_banner = QLabel()
        self.duplicate_banner.setWordWrap(True)
        self.duplicate_banner.setVisible(False)
        self.duplicate_banner.setTextFormat(Qt.TextFormat.PlainText)
        col.addWidget(self.duplicate_banner)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.rooms = _table([self.tr("Room"), self.tr("Station"), self.tr("Exam"),
                             self.tr("Expected"), self.tr("Present"), self.tr("Absent"),
                             self.tr("Checked in in another room too")])
        self.rooms.itemSelectionChanged.connect(self._show_absent)
        left = QWidget()
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.addWidget(QLabel(self.tr("Rooms")))
        lcol.addWidget(self.rooms)
        right = QWidget()
        rcol = QVBoxLayout(right)
        rcol.setContentsMargins(0, 0, 0, 0)
        self.absent_title = QLabel(self.tr("Absent: choose a room"))
        rcol.addWidget(self.absent_title)
        self.absent = _table([self.tr("Seat"), self.tr("Number"), self.tr("Name")])
        rcol.addWidget(self.absent)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        col.addWidget(split, 1)
        self.setCentralWidget(root)
        self.resize(1280, 800)

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        """Start a read unless one is under way (a slow server never piles reads up)."""
        if self._reading:
            return
        self._reading = True
        dsn, exam, read = self.dsn, self.exam, self._read
        self.tasks.run(lambda: read(dsn, exam), on_done=self._got, on_error=self._lost)

    def _exam_chosen(self, _index: int) -> None:
        self._pick_latest = False
        self.exam = self.exam_box.currentData()
        self._known = None  # duplicates of another exam are not "new"
        self.refresh()

    def _got(self, board: Board) -> None:
        self._reading = False
        if self._pick_latest and board.exams:
            self._pick_latest = False
            self.exam = board.exams[0]  # this morning's exam, not every session ever
            self.refresh()
            return
        self.down_since, self.error_text = None, ""
        keys = {d.key for d in board.duplicates}
        fresh = [] if self._known is None else [d for d in board.duplicates
                                                if d.key not in self._known]
        self._known = keys if self._known is None else self._known | keys
        if fresh:
            self.new_duplicates = fresh
            QApplication.alert(self)  # the taskbar flashes: someone may be in two rooms
        elif not board.duplicates:
            self.new_duplicates = []
        self.board = board
        self._show(board)
        self.link_label.setText(self.tr("Connected. Updated {time}").format(
            time=_clock(board.read_at)))
        self.link_label.setStyleSheet("color: #1B5E20;")
        self.refreshed.emit(True)

    def _lost(self, exc: BaseException) -> None:
        self._reading = False
        self.down_since = self.down_since or datetime.now().astimezone()
        self.error_text = str(exc)
        if self.board is None:
            text = self.tr("School server unreachable since {since}; nothing read yet."
                           ).format(since=_clock(self.down_since))
        else:
            text = self.tr("School server unreachable since {since}; showing what was read "
                           "at {read}.").format(since=_clock(self.down_since),
                                                read=_clock(self.board.read_at))
        self.link_label.setText(text)
        self.link_label.setToolTip(self.error_text)
        self.link_label.setStyleSheet("color: white; background: #B00020; padding: 3px;")
        self.refreshed.emit(False)

    # ------------------------------------------------------------------ showing
    def _show(self, board: Board) -> None:
        self._update_exams(board.exams)
        t = board.totals()
        self.totals_label.setText(self.tr(
            "{rooms} rooms   Expected {expected}   Present {present}   Absent {absent}")
            .format(rooms=len(board.rooms), **t))
        n = board.people_with_face_data
        if board.filing_required:
            self.filing_label.setText(self.tr(
                "People whose facial data the school holds (all stations): {n}. Filing "
                "with the authority IS REQUIRED (Art. 15: 100,000 or more).").format(n=n))
            self.filing_label.setStyleSheet("color: #B00020; font-weight: bold;")
        else:
            self.filing_label.setText(self.tr(
                "People whose facial data the school holds (all stations): {n}. Filing "
                "not required (below 100,000, Art. 15).").format(n=n))
            self.filing_label.setStyleSheet("")
        self._show_duplicates(board)
        self._show_rooms(board.rooms)

    def _update_exams(self, exams: tuple[str, ...]) -> None:
        have = [self.exam_box.itemData(i) for i in range(1, self.exam_box.count())]
        wanted = list(exams)
        if self.exam and self.exam not in wanted:
            wanted.append(self.exam)
        if have == wanted:
            return
        self.exam_box.blockSignals(True)
        while self.exam_box.count() > 1:
            self.exam_box.removeItem(1)
        for name in wanted:
            self.exam_box.addItem(name, name)
        self.exam_box.setCurrentIndex(max(0, self.exam_box.findData(self.exam))
                                      if self.exam else 0)
        self.exam_box.blockSignals(False)

    def _show_duplicates(self, board: Board) -> None:
        if not board.duplicates:
            self.duplicate_banner.setVisible(False)
            return
        new = {d.key for d in self.new_duplicates}
        lines = []
        for d in board.duplicates:
            mark = self.tr("NEW") + " " if d.key in new else ""
            lines.append(mark + self.tr(
                "Checked in in {n} rooms: {number} {name} ({exam}), rooms {rooms}").format(
                n=len(d.rooms), number=d.number, name=d.name, exam=d.session,
                rooms=", ".join(d.rooms)))
        self.duplicate_banner.setText("\n".join(lines))
        bg = "#E53935" if new else "#F8D0D0"
        fg = "white" if new else "#7F0000"
        self.duplicate_banner.setStyleSheet(
            f"background: {bg}; color: {fg}; font-weight: bold; padding: 6px;")
        self.duplicate_banner.setVisible(True)

    def _show_rooms(self, rooms: tuple[Room, ...]) -> None:
        chosen = self._chosen_key()
        self.rooms.blockSignals(True)
        self.rooms.setRowCount(len(rooms))
        new = {d.number for d in self.new_duplicates}
        for row, r in enumerate(rooms):
            cells = [r.room, r.station, r.session, str(r.expected), str(r.present),
                     str(r.absent), ", ".join(r.duplicates)]
            for colno, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (r.station, r.session, r.room))
                if 3 <= colno <= 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if colno == 5 and r.absent:
                    item.setForeground(QBrush(ABSENT_FG))
                if r.duplicates and new & set(r.duplicates):
                    item.setBackground(QBrush(NEW_BG))
                    item.setForeground(QBrush(QColor("white")))  # readable on the red
                elif r.duplicates:
                    item.setBackground(QBrush(DUPLICATE_BG))
                self.rooms.setItem(row, colno, item)
        self.rooms.blockSignals(False)
        self.rooms.setColumnHidden(2, self.exam is not None)  # one exam: its name is above
        keys = [(r.station, r.session, r.room) for r in rooms]
        if keys:
            self.rooms.selectRow(keys.index(chosen) if chosen in keys else 0)
        self._show_absent()

    def _chosen_key(self) -> tuple[str, str, str] | None:
        items = self.rooms.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def selected_room(self) -> Room | None:
        key = self._chosen_key()
        if self.board is None or key is None:
            return None
        return next((r for r in self.board.rooms if (r.station, r.session, r.room) == key),
                    None)

    def _show_absent(self) -> None:
        room = self.selected_room()
        people = room.absent_people if room else ()
        if room is not None:
            self.absent_title.setText(self.tr("Absent in room {room} ({station}): {n}").format(
                room=room.room, station=room.station, n=room.absent))
        self.absent.setRowCount(len(people))
        for row, p in enumerate(people):
            for colno, text in enumerate((p.seat, p.number, p.name)):
                self.absent.setItem(row, colno, QTableWidgetItem(text))

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self.timer.stop()
        self.tasks.shutdown()
        super().closeEvent(event)
