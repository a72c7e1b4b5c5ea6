"""The camera list of the settings: each camera's source and its mode (issue 9).

An entrance desk looks at one person at a time (near faces, fast detector); a
classroom camera sees the whole room (every face, for a roll call). The list is
stored in the station's ``cameras`` setting (store/settings.py: ``camera_list``), the
same one `headcount settings set cameras=...` changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from headcount.store.settings import camera_list


class CameraListEdit(QWidget):
    """Rows of (source, mode); ``values()`` gives the ``cameras`` setting's value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraList")
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Source"), self.tr("Mode")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, 250)
        self.hint = QLabel(self.tr(
            "Source: camera number (0, 1, ...), rtsp:// or http:// address, or video file. "
            "Entrance desk: one person at a time, each match confirmed on the card. "
            "Classroom: the whole room, for a roll call (Ctrl+R)."))
        self.hint.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (keyboard use)
        self.table.setFixedHeight(110)
        self.add_button = QPushButton(self.tr("Add camera"))
        self.add_button.clicked.connect(lambda: self.add_camera("", "entrance", edit=True))
        self.remove_button = QPushButton(self.tr("Remove camera"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.table)
        v.addLayout(buttons)
        v.addWidget(self.hint)
        # A form row does not ask a wrapped label for its height: without a floor the
        # settings form squeezed the buttons and the hint over the table.
        lines = self.hint.fontMetrics().lineSpacing() * 3
        self.hint.setMinimumHeight(lines)
        self.setMinimumHeight(self.table.height() + self.add_button.sizeHint().height()
                              + lines + 2 * max(0, v.spacing()))

    def mode_box(self, row: int) -> QComboBox:
        box = self.table.cellWidget(row, 1)
        assert isinstance(box, QComboBox)
        return box

    def add_camera(self, source: Any, mode: str = "entrance", edit: bool = False) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(str(source)))
        box = QComboBox()
        box.addItem(self.tr("Entrance desk (one person at a time)"), "entrance")
        box.addItem(self.tr("Classroom (whole room, roll call)"), "classroom")
        box.setCurrentIndex(max(0, box.findData(mode)))
        self.table.setCellWidget(row, 1, box)
        item = self.table.item(row, 0)
        if edit and item is not None:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(item)
        return row

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def set_cameras(self, cameras: list[Any]) -> None:
        self.table.setRowCount(0)
        for source, mode in camera_list(cameras):
            self.add_camera(source, mode)

    def values(self) -> list[Any]:
        """A plain source for an entrance desk (as older stations stored it), else
        ``{"source": ..., "mode": "classroom"}``; empty rows are left out."""
        out: list[Any] = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            text = item.text().strip() if item is not None else ""
            if not text:
                continue
            source: int | str = int(text) if text.isdigit() else text
            mode = str(self.mode_box(row).currentData())
            out.append(source if mode == "entrance" else {"source": source, "mode": mode})
        return out
