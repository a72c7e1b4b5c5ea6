"""The Qt binding keeps the reference counts of None, True and False (issue 9).

PySide6-Essentials 6.12.0 on CPython 3.11 dropped one reference to ``None`` on every Qt
method that returns nothing and one to ``True``/``False`` on every signal emit; the
window died with "Fatal Python error: none_dealloc" after 4-11 minutes of live feed.
Each case below calls, a couple of thousand times, what the window's widgets call per
frame (camera_view.py's paint, candidate_card.py, main_window.py's labels and signals)
and fails when a count falls. It stops a leaking case early, before the count could
reach zero and abort the whole test run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from headcount.gui.camera_view import FeedView
from headcount.gui.candidate_card import Candidate, CandidateCard
from headcount.gui.recognise import FaceOutcome, FeedResult

CALLS = 2000
CHUNK = 100
NOISE = 20  # a count may wobble by a few (a cache entry); a leak loses one per call


def counts() -> dict[str, int]:
    return {"None": sys.getrefcount(None), "True": sys.getrefcount(True),
            "False": sys.getrefcount(False)}


def assert_no_fall(step: Callable[[], Any]) -> None:
    step()  # first call may create caches (a font, a style) that hold references
    start = counts()
    for done in range(0, CALLS, CHUNK):
        for _ in range(CHUNK):
            step()
        falls = {k: start[k] - v for k, v in counts().items() if start[k] - v > NOISE}
        assert not falls, f"reference counts fell after {done + CHUNK} calls: {falls}"


class Emitter(QObject):
    flag = Signal(bool)
    item = Signal(object)
    bare = Signal()


class Slots(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def returns_none(self, value: Any = None) -> None:
        self.seen += 1

    def returns_bool(self, value: Any = None) -> bool:
        self.seen += 1
        return True


def frame_result() -> FeedResult:
    rgb = np.full((480, 640, 3), 90, np.uint8)
    faces = [FaceOutcome((100, 80, 260, 280), "roster", person_id=1, distance=0.3),
             FaceOutcome((380, 90, 520, 260), "unknown")]
    return FeedResult(rgb, faces, 1, 0.0, 0.0, fps=14.8)


def test_labels_and_buttons(qtbot: Any) -> None:
    label, button = QLabel(), QPushButton("Confirm")
    qtbot.addWidget(label)
    qtbot.addWidget(button)
    pixmap = QPixmap(16, 16)
    flip = [True]

    def step() -> None:
        flip[0] = not flip[0]
        label.setText("陈思远 2025003" if flip[0] else "Waiting for a face...")
        label.setPixmap(pixmap)
        label.setStyleSheet("color:#b36b00;")
        label.setVisible(flip[0])
        label.setWordWrap(flip[0])
        button.setEnabled(flip[0])
        button.setFocus()
        label.update()

    assert_no_fall(step)


def test_painter_calls(qtbot: Any) -> None:
    target = QImage(320, 240, QImage.Format.Format_RGB32)
    rgb = np.full((48, 64, 3), 120, np.uint8)
    image = QImage(rgb.data, 64, 48, 3 * 64, QImage.Format.Format_RGB888)
    font = QFont()

    def step() -> None:
        p = QPainter(target)
        p.fillRect(QRectF(0, 0, 320, 240), QColor(30, 30, 30))
        p.drawImage(QRectF(0, 0, 320, 240), image)
        p.setFont(font)
        p.setPen(QPen(QColor(0, 170, 80), 3))
        p.drawRect(QRectF(10, 10, 100, 100))
        p.setPen(QColor(255, 255, 255))
        p.drawText(QRectF(8, 4, 300, 20), Qt.AlignmentFlag.AlignRight, "14.8 FPS")
        p.end()

    assert_no_fall(step)


def test_feed_view_paints(qtbot: Any) -> None:
    """The window's own paintEvent, where the 6.12.0 crash was raised."""
    view = FeedView("Feed 1: demo:", lambda face: "Lin Xiaowen" if face.person_id else "")
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    qtbot.waitExposed(view)
    result = frame_result()

    def step() -> None:
        view.show_result(result)
        view.repaint()  # paintEvent now, on this thread

    assert_no_fall(step)


def test_candidate_card(qtbot: Any) -> None:
    card = CandidateCard()
    qtbot.addWidget(card)
    live = np.full((120, 100, 3), 150, np.uint8)
    c = Candidate(None, 1, "林晓雯", "2025001", 0.31, 0.6, "elsewhere", 3, live, None,
                  warning="Room 302")

    def step() -> None:
        card.show_candidate(c)
        card.clear()

    assert_no_fall(step)


@pytest.mark.parametrize("connection", [Qt.ConnectionType.DirectConnection,
                                        Qt.ConnectionType.QueuedConnection])
def test_signal_emits(qtbot: Any, qapp: Any, connection: Qt.ConnectionType) -> None:
    emitter, slots = Emitter(), Slots()
    emitter.flag.connect(slots.returns_bool, connection)
    emitter.flag.connect(slots.returns_none, connection)
    emitter.item.connect(slots.returns_none, connection)
    emitter.item.connect(slots.returns_bool, connection)
    emitter.bare.connect(slots.returns_none, connection)
    flip = [True]

    def step() -> None:
        flip[0] = not flip[0]
        emitter.flag.emit(flip[0])
        emitter.item.emit(None)
        emitter.bare.emit()
        if connection == Qt.ConnectionType.QueuedConnection:
            qapp.processEvents()

    assert_no_fall(step)
    assert slots.seen >= 5 * CALLS


def test_widget_update(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()

    def step() -> None:
        widget.update()
        widget.setMinimumWidth(100)
        widget.setObjectName("feed")

    assert_no_fall(step)
