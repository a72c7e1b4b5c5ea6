"""The candidate card: who the software thinks is at the desk, for the operator to decide.

It shows name, number, seat, the score and the live face. The station stores templates,
not pictures (C9), so no enrolled reference photo is shown: the operator compares the
live face with the person or their ID card. (``Candidate.reference`` stays for a
future, separately consented reference option.) **Confirm** (Enter) records a face
check-in; **Reject** (Esc) dismisses the proposal. The software never turns anyone
away: rejecting only sends the person to the Manual ID check.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from headcount.gui.backend import RosterEntry

PHOTO = 112  # px, square thumbnails


@dataclass
class Candidate:
    entry: RosterEntry | None  # None when the person is not on this roster
    person_id: int
    name: str
    number: str
    distance: float
    threshold: float
    kind: str  # "roster" or "elsewhere"
    track_id: int | None
    live: np.ndarray | None  # RGB crop of the live face
    reference: np.ndarray | None  # RGB enrolled reference (only with consent)
    warning: str = ""

    @property
    def similarity(self) -> float:
        """0-100 for display: 100 at distance 0, 50 at the threshold."""
        return max(0.0, min(100.0, 100.0 * (1 - self.distance / (2 * self.threshold))))


def to_pixmap(rgb: np.ndarray | None, size: int = PHOTO) -> QPixmap:
    if rgb is None or rgb.size == 0:
        return QPixmap()
    rgb = np.ascontiguousarray(rgb)
    h, w = rgb.shape[:2]
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    return QPixmap.fromImage(image).scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)


class CandidateCard(QGroupBox):
    confirmed = Signal(object)  # Candidate
    rejected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidateCard")
        self.setTitle(self.tr("Candidate"))
        self.candidate: Candidate | None = None
        self.live = QLabel()
        self.reference = QLabel()
        for label in (self.live, self.reference):
            label.setFixedSize(PHOTO, PHOTO)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background:#222;color:#bbb;")
            label.setWordWrap(True)
        self.name = QLabel()
        self.name.setObjectName("candidateName")
        self.name.setStyleSheet("font-size:18pt;font-weight:bold;")
        self.details = QLabel()
        self.warning = QLabel()
        self.warning.setStyleSheet("color:#b36b00;font-weight:bold;")
        self.warning.setWordWrap(True)
        self.confirm = QPushButton(self.tr("Confirm (Enter)"))
        self.confirm.setShortcut(QKeySequence(Qt.Key.Key_Return))
        self.confirm.setObjectName("confirmButton")
        self.reject = QPushButton(self.tr("Reject (Esc)"))
        self.reject.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.confirm.clicked.connect(self._confirm)
        self.reject.clicked.connect(self._reject)
        grid = QGridLayout(self)
        grid.addWidget(self.live, 0, 0, 3, 1)
        grid.addWidget(self.reference, 0, 1, 3, 1)
        grid.addWidget(self.name, 0, 2)
        grid.addWidget(self.details, 1, 2)
        grid.addWidget(self.warning, 2, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm)
        buttons.addWidget(self.reject)
        grid.addLayout(buttons, 3, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self.clear()

    def clear(self) -> None:
        self.candidate = None
        self.name.setText(self.tr("Waiting for a face..."))
        self.details.setText(self.tr("Press F2 for the Manual ID check at any time."))
        self.warning.setText("")
        self.live.setPixmap(QPixmap())
        self.live.setText(self.tr("Live"))
        self.reference.setPixmap(QPixmap())
        self.reference.setText(self.tr("Reference"))
        self.confirm.setEnabled(False)
        self.reject.setEnabled(False)

    def show_candidate(self, c: Candidate) -> None:
        self.candidate = c
        self.name.setText(c.name)
        seat = c.entry.seat if c.entry is not None else ""
        parts = [self.tr("Number: {number}").format(number=c.number)]
        if seat:
            parts.append(self.tr("Seat: {seat}").format(seat=seat))
        parts.append(self.tr("Score: {score:.0f} (distance {distance:.3f})").format(
            score=c.similarity, distance=c.distance))
        self.details.setText("   ".join(parts))
        self.warning.setText(c.warning)
        self.live.setPixmap(to_pixmap(c.live))
        if c.reference is not None:
            self.reference.setPixmap(to_pixmap(c.reference))
        else:
            self.reference.setPixmap(QPixmap())
            self.reference.setText(self.tr("No reference shown: only templates are stored"))
        self.confirm.setEnabled(c.entry is not None)
        self.reject.setEnabled(True)
        if c.entry is not None:
            self.confirm.setFocus()

    def _confirm(self) -> None:
        if self.candidate is not None and self.confirm.isEnabled():
            self.confirmed.emit(self.candidate)

    def _reject(self) -> None:
        if self.candidate is not None:
            self.rejected.emit(self.candidate)
