"""The candidate card: who the software thinks is at the desk, for the operator to decide.

It shows name, number, seat, the similarity and the live face. The station stores
templates, not pictures (C9), so no enrolled reference photo is shown: the operator
compares the live face with the person or their ID card. (``Candidate.reference`` stays
for a future, separately consented reference option.)

Keys act only when the card has the keyboard focus (a blue frame shows it): Enter or
Space confirms, Esc dismisses. The buttons take no focus, so a disabled Confirm never
pushes the focus elsewhere, and an arriving candidate never takes the focus from a
search box. What a proposal is (expired, another room, a duplicate) is decided by the
core's queue (``headcount.attendance.candidates``); the card only shows it. The
software never turns anyone away: dismissing only sends the person to the Manual ID
check.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from headcount.gui.backend import RosterEntry
from headcount.i18n import language
from headcount.matching.decision import GapRule
from headcount.matching.threshold import ROSTER, match_verdict

PHOTO = 112  # px, square thumbnails
CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


@dataclass
class Candidate:
    entry: RosterEntry | None  # None when the person is not on this roster
    person_id: int
    name: str
    number: str
    distance: float
    threshold: float
    kind: str  # the queue's kind: "confirm", "other_room" or "duplicate"
    track_id: int | None
    live: np.ndarray | None  # RGB crop of the live face
    reference: np.ndarray | None  # RGB enrolled reference (only with consent)
    warning: str = ""
    expired: bool = False
    runner_up: float | None = None  # the next-nearest person: on the list or a competitor
    roster_size: int = ROSTER
    gap: GapRule | None = None  # the station's rule: the card's words follow it

    @property
    def similarity(self) -> float:
        """0-100 for display: 100 at distance 0, 50 at the threshold."""
        return max(0.0, min(100.0, 100.0 * (1 - self.distance / (2 * self.threshold))))

    @property
    def confirmable(self) -> bool:
        return self.kind == "confirm" and self.entry is not None and not self.expired


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
        self.setTitle(self.tr("Candidate (Enter confirms when this card has the focus)"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet("QGroupBox#candidateCard{border:2px solid #bbb;margin-top:12px;"
                           "padding-top:6px;}"
                           "QGroupBox#candidateCard:focus{border:3px solid #1a73e8;}"
                           "QGroupBox#candidateCard::title{subcontrol-origin:margin;left:8px;}")
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
        self.details.setStyleSheet("font-size:12pt;")
        self.warning = QLabel()
        self.warning.setObjectName("candidateWarning")
        self.warning.setWordWrap(True)
        # How sure, in words (core: matching.decision.verdict), under the warning.
        self.verdict = QLabel()
        self.verdict.setObjectName("candidateVerdict")
        self.verdict.setWordWrap(True)
        self.confirm = QPushButton(self.tr("Confirm (Enter)"))
        self.confirm.setObjectName("confirmButton")
        self.reject = QPushButton(self.tr("Dismiss (Esc)"))
        for button in (self.confirm, self.reject):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the card keeps the focus
        self.confirm.clicked.connect(self._confirm)
        self.reject.clicked.connect(self._reject)
        grid = QGridLayout(self)
        grid.addWidget(self.live, 0, 0, 3, 1)
        grid.addWidget(self.reference, 0, 1, 3, 1)
        grid.addWidget(self.name, 0, 2)
        grid.addWidget(self.details, 1, 2)
        grid.addWidget(self.warning, 2, 2)
        grid.addWidget(self.verdict, 3, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm)
        buttons.addWidget(self.reject)
        grid.addLayout(buttons, 4, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self.clear()

    def clear(self) -> None:
        self.candidate = None
        self.name.setText(self.tr("Waiting for a face..."))
        self.details.setText(self.tr("Press F2 for the Manual ID check at any time."))
        self._warn("", "")
        self.verdict.setText("")
        self.live.setPixmap(QPixmap())
        self.live.setText(self.tr("Live"))
        self.reference.setPixmap(QPixmap())
        self.reference.setText(self.tr("Reference"))
        self.confirm.setEnabled(False)
        self.reject.setEnabled(False)

    def _warn(self, text: str, colour: str) -> None:
        self.warning.setText(text)
        self.warning.setStyleSheet(f"color:{colour};font-weight:bold;font-size:13pt;"
                                   if text else "")

    def show_candidate(self, c: Candidate) -> None:
        """Show a proposal. Never moves the keyboard focus (the operator may be typing)."""
        self.candidate = c
        self.name.setText(c.name)
        seat = c.entry.seat if c.entry is not None else ""
        parts = [self.tr("Number: {number}").format(number=c.number)] if c.number else []
        if seat:
            parts.append(self.tr("Seat: {seat}").format(seat=seat))
        parts.append(self.tr("Similarity: {score:.0f}%").format(score=c.similarity))
        self.details.setText("   ".join(parts))
        self.details.setToolTip(self.tr("Distance {distance:.3f}, threshold {threshold:.2f}")
                                .format(distance=c.distance, threshold=c.threshold))
        if c.expired:
            self._warn(self.tr("Left the camera: not confirmed. Ask them back in front of "
                               "the camera, or use the Manual ID check (F2)."), "#666666")
        elif c.kind == "duplicate":
            self._warn(c.warning, "#1a4fa0")
        elif c.kind == "other_room":
            self._warn(c.warning, "#b00020")
        else:
            self._warn(c.warning, "#b36b00")
        self._show_verdict(c)
        self.live.setPixmap(to_pixmap(c.live))
        if c.reference is not None:
            self.reference.setPixmap(to_pixmap(c.reference))
        else:
            self.reference.setPixmap(QPixmap())
            self.reference.setText(self.tr("No reference shown: only templates are stored"))
        self.confirm.setEnabled(c.confirmable)
        self.reject.setEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in CONFIRM_KEYS and not event.isAutoRepeat():
            self._confirm()
        elif event.key() == Qt.Key.Key_Escape:
            self._reject()
        else:
            super().keyPressEvent(event)

    def _show_verdict(self, c: Candidate) -> None:
        v = match_verdict(c.distance, c.runner_up, c.threshold, c.roster_size, gap=c.gap)
        head, detail = (v.headline.zh, v.detail.zh) if language() == "zh" else (
            v.headline.en, v.detail.en)
        colour = {"likely": "#1a7f37", "check": "#8a5a00", "uncertain": "#a01010"}[v.level]
        self.verdict.setText(f"<b style='color:{colour}'>{head}</b><br>{detail}")

    def _confirm(self) -> None:
        if self.candidate is not None and self.confirm.isEnabled():
            self.confirmed.emit(self.candidate)

    def _reject(self) -> None:
        if self.candidate is not None:
            self.rejected.emit(self.candidate)
