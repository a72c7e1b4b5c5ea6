"""Classroom roll call in the window: one frame, every confident match shown with its
name, confirmed in one step (issue 9).

The station proposes (attendance/roll_call.py: the session's own list only, nothing
recorded); this dialog shows the frame with names placed so they never overlap
(vision/labels.py), a checklist of the matches, all ticked (untick any), and the rest
of the list for the Manual ID check with the likely reason preselected. Confirming
records only the ticked matches.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QImage, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from headcount.attendance.reasons import reason_label
from headcount.attendance.roll_call import RollCallConfirmed, RollCallProposal
from headcount.gui import dialog_parts as parts
from headcount.i18n import language
from headcount.vision.labels import place_labels

GREEN, BLUE, GREY = QColor(0, 150, 70), QColor(40, 100, 200), QColor(140, 140, 140)


class RollCallFrame(QWidget):
    """The frame with a box per face; matched faces carry their name (never overlapping)."""

    def __init__(self, rgb: np.ndarray, proposal: RollCallProposal,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rgb = np.ascontiguousarray(rgb)
        self.proposal = proposal
        self.unticked: set[str] = set()
        self.label_rects: list[QRectF] = []  # where the names were drawn (tests look)
        self.setMinimumSize(480, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(30, 30, 30))
        h, w = self.rgb.shape[:2]
        image = QImage(self.rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
        scale = min(self.width() / w, self.height() / h)
        ox, oy = (self.width() - w * scale) / 2, (self.height() - h * scale) / 2
        p.drawImage(QRectF(ox, oy, w * scale, h * scale), image)

        def rect(b: Any) -> QRectF:
            return QRectF(ox + b[0] * scale, oy + b[1] * scale, (b[2] - b[0]) * scale,
                          (b[3] - b[1]) * scale)

        pr = self.proposal
        for boxes, colour in ((pr.ambiguous, GREY), (pr.unknown, GREY), (pr.poor, GREY)):
            for b in boxes:
                p.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
                p.drawRect(rect(b))
        font = QFont(self.font())
        font.setPointSizeF(max(10.0, font.pointSizeF()))
        font.setBold(True)
        p.setFont(font)
        fm = p.fontMetrics()
        named = [(m, GREEN if m.number not in self.unticked else GREY) for m in pr.matches]
        named += [(m, BLUE) for m in pr.already]
        texts = [m.name if colour is not BLUE else self.tr("{name} (already here)").format(
            name=m.name) for m, colour in named]
        boxes = [(rect(m.box).left(), rect(m.box).top(), rect(m.box).right(),
                  rect(m.box).bottom()) for m, _ in named]
        sizes = [(fm.horizontalAdvance(t) + 10.0, fm.height() + 4.0) for t in texts]
        places = place_labels(boxes, sizes, self.width(), self.height())
        self.label_rects = []
        for (m, colour), text, (x, y, lw, lh) in zip(named, texts, places, strict=True):
            p.setPen(QPen(colour, 3))
            p.drawRect(rect(m.box))
            label = QRectF(x, y, lw, lh)
            p.fillRect(label, colour)
            p.setPen(QColor(255, 255, 255))
            p.drawText(label, Qt.AlignmentFlag.AlignCenter, text)
            self.label_rects.append(label)
        p.end()


class RollCallDialog(QDialog):
    """The proposal; ``confirm_requested`` carries the ticked numbers."""

    confirm_requested = Signal(list)
    manual_requested = Signal(int, str)  # person id, reason code

    def __init__(self, proposal: RollCallProposal, rgb: np.ndarray,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rollCall")
        self.setWindowTitle(self.tr("Classroom roll call"))
        self.proposal = proposal
        self.frame = RollCallFrame(rgb, proposal)
        n = len(proposal.matches)
        self.summary = QLabel(self.tr(
            "{faces} faces in the frame; {n} recognised on this list. Nothing is recorded "
            "until you confirm. Untick anyone who is not here.").format(
                faces=proposal.faces, n=n))
        self.summary.setObjectName("rollCallSummary")
        self.summary.setWordWrap(True)
        if proposal.nobody_enrolled:
            self.summary.setText(self.tr(
                "No one on this list has an enrolled face: nobody can be recognised. "
                "Use the Manual ID check (F2) for everyone."))
        elif proposal.poor:
            # A wide 720p classroom shot gives faces too small to match: say why nobody
            # (or few) were proposed, and what helps, instead of a silent empty list.
            self.summary.setText(self.summary.text() + " " + self.tr(
                "{k} face(s) are too small or blurred to recognise: move the camera "
                "closer or use a higher resolution, and check those people by hand "
                "(F2).").format(k=len(proposal.poor)))
        self.checklist = QListWidget()
        self.checklist.setObjectName("rollCallChecklist")
        for m in proposal.matches:
            seat = self.tr("seat {seat}").format(seat=m.seat) if m.seat else ""
            item = QListWidgetItem(f"{m.name}  {m.number}  {seat}".rstrip())
            item.setData(Qt.ItemDataRole.UserRole, m.number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.checklist.addItem(item)
        self.checklist.itemChanged.connect(self._ticks_changed)
        self.rest = QListWidget()
        self.rest.setObjectName("rollCallRest")
        zh = language() == "zh"
        for r in proposal.remaining:
            why = reason_label(r.reason)
            seat = self.tr("seat {seat}").format(seat=r.seat) if r.seat else ""
            text = f"{r.name}  {r.number}  {seat} — {why.zh if zh else why.en}"
            if r.checked_in_elsewhere is not None:
                text += " — " + self.tr("already checked in in another room of this exam: "
                                        "check their ID")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (r.person_id, r.reason))
            self.rest.addItem(item)
        self.rest.itemDoubleClicked.connect(lambda _i: self.manual_selected())
        self.manual_button = QPushButton(self.tr("Manual ID check (F2) for the selected"))
        self.manual_button.clicked.connect(self.manual_selected)
        buttons, self.confirm_button = parts.action_box("", self.confirm, self.reject)
        self.confirm_button.setObjectName("rollCallConfirm")
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Recognised: confirm in one step")))
        side.addWidget(self.checklist, 2)
        side.addWidget(QLabel(self.tr("Not checked in yet: check by hand")))
        side.addWidget(self.rest, 2)
        side.addWidget(self.manual_button)
        row = QHBoxLayout()
        row.addWidget(self.frame, 3)
        row.addLayout(side, 2)
        v = QVBoxLayout(self)
        v.addWidget(self.summary)
        v.addLayout(row, 1)
        v.addWidget(buttons)
        self._ticks_changed()
        self.resize(1200, 640)

    def ticked(self) -> list[str]:
        return [str(self.checklist.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.checklist.count())
                if self.checklist.item(i).checkState() == Qt.CheckState.Checked]

    def _ticks_changed(self, _item: Any = None) -> None:
        ticked = self.ticked()
        self.frame.unticked = {m.number for m in self.proposal.matches} - set(ticked)
        self.frame.update()
        self.confirm_button.setText(self.tr("Confirm {n} check-in(s)").format(n=len(ticked)))
        self.confirm_button.setEnabled(bool(ticked))

    def confirm(self) -> None:
        ticked = self.ticked()
        if ticked:
            self.confirm_requested.emit(ticked)
        self.accept()

    def manual_selected(self) -> None:
        item = self.rest.currentItem() or (self.rest.item(0) if self.rest.count() else None)
        if item is None:
            return
        pid, reason = item.data(Qt.ItemDataRole.UserRole)
        self.manual_requested.emit(int(pid), str(reason))


class RollCall:
    """The window's roll-call action: latest frame of a classroom camera, else a photo."""

    def __init__(self, window: Any, menu: Any) -> None:
        self.w = window
        self.dialog: RollCallDialog | None = None
        self.action = QAction(
            QCoreApplication.translate("RollCall", "Classroom roll call..."), window)
        self.action.setObjectName("rollCallAction")
        self.action.setShortcut(QKeySequence("Ctrl+R"))
        self.action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action.triggered.connect(lambda _=False: self.start())
        menu.addAction(self.action)
        self.photo_action = QAction(
            QCoreApplication.translate("RollCall", "Roll call from a photo..."), window)
        self.photo_action.triggered.connect(lambda _=False: self.start_from_photo())
        menu.addAction(self.photo_action)

    def classroom_frame(self) -> np.ndarray | None:
        """The newest frame of the first classroom camera that has shown one."""
        w = self.w
        for feed, mode in zip(w.feeds, w.feed_modes, strict=False):
            result = getattr(feed.view, "_result", None)
            if mode == "classroom" and result is not None:
                return np.array(result.rgb, copy=True)
        return None

    def start(self, rgb: np.ndarray | None = None) -> None:
        w = self.w
        if w.session is None:
            w.show_info(QCoreApplication.translate("RollCall", "Open a session first."))
            return
        rgb = rgb if rgb is not None else self.classroom_frame()
        if rgb is None:
            self.start_from_photo()
            return
        sid, user = w.session.id, w.user
        frame = np.ascontiguousarray(rgb)
        w.tasks.run(lambda: w.backend.roll_call(sid, frame, user=user),
                    lambda proposal: self.show(proposal, frame))

    def start_from_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w, QCoreApplication.translate("RollCall", "Photo of the class"), "",
            QCoreApplication.translate("RollCall", "Images (*.jpg *.jpeg *.png *.bmp)"))
        if path:
            self.start_photo_file(path)

    def start_photo_file(self, path: str) -> None:
        from headcount.vision.frames import read_image

        self.w.tasks.run(lambda: read_image(path), self.start)

    def show(self, proposal: RollCallProposal, rgb: np.ndarray) -> RollCallDialog:
        w = self.w
        dialog = RollCallDialog(proposal, rgb, w)
        dialog.confirm_requested.connect(lambda numbers: self.confirm(proposal, numbers))
        dialog.manual_requested.connect(self.manual)
        self.dialog = dialog
        dialog.open()
        w.roll_call_shown.emit(dialog)
        return dialog

    def confirm(self, proposal: RollCallProposal, numbers: list[str]) -> None:
        w = self.w
        user = w.user
        w.tasks.run(lambda: w.backend.confirm_roll_call(proposal, numbers, user=user),
                    self._confirmed)

    def _confirmed(self, result: RollCallConfirmed) -> None:
        w = self.w
        w.show_info(QCoreApplication.translate(
            "RollCall", "Roll call: {n} checked in by face, {u} unticked.").format(
            n=result.confirmed, u=len(result.unticked)))
        w.roll_call_done.emit(result)
        w.refresh_roster()

    def manual(self, person_id: int, reason: str) -> None:
        """F2 for one person of the rest, with the likely reason already chosen."""
        entry = self.w.entries.get(person_id)
        dialog = self.w.open_manual_check()
        if entry is not None:
            dialog.search.setText(entry.person.number)
        i = dialog.reason.findData(reason)
        if i >= 0:
            dialog.reason.setCurrentIndex(i)
