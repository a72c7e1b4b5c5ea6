"""Administration: sign-in with roles, settings, audit log viewer, filing counter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from headcount.gui import dialog_parts as parts
from headcount.gui.backend import User
from headcount.gui.tasks import TaskManager
from headcount.i18n import language

if TYPE_CHECKING:
    from headcount.compliance.filing import FilingStatus
    from headcount.gui.station_backend import StationBackend
    from headcount.store.audit import AuditEntry

FILING_LIMIT = 100_000


def filing_text(f: FilingStatus) -> str:
    n, warn = f.people_with_facial_data, f.warning_level
    text = QCoreApplication.translate(
        "Filing", "People with stored face data at the school: {n}. Filing with the "
        "provincial-level or higher cyberspace administration is required within 30 working "
        "days of reaching {limit}; warning level {warn}.").format(
        n=n, limit=FILING_LIMIT, warn=warn)
    # which count: the school server's while linked, else this station's
    text += "\n" + QCoreApplication.translate("Filing", "Counted: {which}.").format(
        which=str(f.count_used))
    if f.deadline:  # the station recorded the day the threshold was reached
        text += "\n" + QCoreApplication.translate(
            "Filing", "Reached on {day}: file by {deadline}, and export the filing data.").format(
            day=f.threshold_reached_on.isoformat() if f.threshold_reached_on else "",
            deadline=f.deadline.isoformat())
    elif n >= warn:
        text += "\n" + QCoreApplication.translate(
            "Filing", "Warning: the filing threshold is near. Prepare the filing data.")
    return text


class SignInDialog(QDialog):
    signed_in = Signal(object)  # User

    def __init__(self, backend: StationBackend, tasks: TaskManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in"))
        self.backend, self.tasks = backend, tasks
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = parts.message_label()
        parts.form(self, [(self.tr("User"), self.name), (self.tr("Password"), self.password)],
                   message=self.message,
                   buttons=parts.button_box(self.try_sign_in, self.reject))

    def try_sign_in(self) -> None:
        name, password = self.name.text().strip(), self.password.text()
        self.tasks.run(lambda: self.backend.sign_in(name, password), self._done,
                       lambda exc: self.message.setText(str(exc)))

    def _done(self, user: User) -> None:
        self.signed_in.emit(user)
        self.accept()


class SettingsDialog(parts.StationDialog):
    """Station settings (administrators): school, cameras, retention, thresholds,
    language, the check-in cue, and the notice (a change makes a new notice version)."""

    saved = Signal(object)  # set of the names that changed

    def __init__(self, backend: StationBackend, user: User, tasks: TaskManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(backend, user, tasks, name="settings", title=self.tr("Settings"),
                         parent=parent)
        self.loaded: dict[str, Any] = {}
        self.school = QLineEdit()
        self.contact = QLineEdit()
        from headcount.gui.camera_settings import CameraListEdit

        self.cameras = CameraListEdit()  # each camera with its mode (entrance/classroom)
        # The station chooses it from its target after every enrolment batch; an
        # administrator may set it by hand instead (``match_threshold``: a number).
        self.threshold = QLabel()
        self.threshold.setObjectName("thresholdEstimate")
        self.threshold.setWordWrap(True)
        self.threshold_manual = QCheckBox(self.tr("Set by hand instead of the station's "
                                                  "estimate"))
        self.threshold_manual.setObjectName("thresholdManual")
        self.threshold_value = QDoubleSpinBox()
        self.threshold_value.setObjectName("thresholdValue")
        self.threshold_value.setRange(0.1, 1.5)
        self.threshold_value.setDecimals(3)
        self.threshold_value.setSingleStep(0.005)
        self.threshold_value.setEnabled(False)
        self.threshold_manual.toggled.connect(self.threshold_value.setEnabled)
        self.late = QSpinBox()
        self.late.setRange(0, 240)
        self.retention = QSpinBox()
        self.retention.setRange(0, 3650)
        self.attendance_days = QSpinBox()
        self.attendance_days.setRange(1, 3650)
        self.filing = QSpinBox()
        self.filing.setRange(1, FILING_LIMIT)
        self.language = QComboBox()
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.cue = QCheckBox(self.tr("Beep on each check-in"))
        self.cue_visual = QCheckBox(self.tr("Flash the counts on each check-in"))
        self.notice: dict[str, QLineEdit] = {}
        self.message = parts.message_label(wrap=True, error=False)
        form = QFormLayout()
        form.addRow(self.tr("School (processor)"), self.school)
        form.addRow(self.tr("School contact"), self.contact)
        form.addRow(self.tr("Cameras of this station"), self.cameras)
        form.addRow("", self._placement_hint())
        self.placements = QLabel()
        self.placements.setObjectName("placementRecord")
        self.placements.setWordWrap(True)
        form.addRow(self.tr("Camera placements"), self.placements)
        form.addRow(self.tr("Match threshold"), self.threshold)
        by_hand = QHBoxLayout()
        by_hand.addWidget(self.threshold_manual)
        by_hand.addWidget(self.threshold_value)
        by_hand.addStretch(1)
        form.addRow("", by_hand)
        form.addRow(self.tr("Late after (minutes)"), self.late)
        form.addRow(self.tr("Keep face data of leavers (days)"), self.retention)
        form.addRow(self.tr("Keep attendance after a session (days)"), self.attendance_days)
        form.addRow(self.tr("Filing warning level (people)"), self.filing)
        form.addRow(self.tr("Default language"), self.language)
        form.addRow(self.tr("Check-in cue"), self.cue)
        form.addRow("", self.cue_visual)
        labels = {"processor": self.tr("Notice: processor"), "contact": self.tr("Notice: contact"),
                  "purpose": self.tr("Notice: purpose"), "method": self.tr("Notice: method"),
                  "retention": self.tr("Notice: retention"),
                  "necessity": self.tr("Notice: necessity"), "rights": self.tr("Notice: rights"),
                  "alternative": self.tr("Notice: alternative")}
        for key, label in labels.items():
            self.notice[key] = QLineEdit()
            form.addRow(label, self.notice[key])
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        buttons = parts.button_box(self.save, self.reject,
                                   (parts.Button.Save, parts.Button.Cancel))
        v = QVBoxLayout(self)
        if not user.is_admin:
            note = QLabel(self.tr("Only an administrator can change the settings."))
            note.setStyleSheet("color:#8a5a00;")
            v.addWidget(note)
        v.addWidget(scroll, 1)
        v.addWidget(QLabel(self.tr("Changing the notice makes a new notice version; "
                                   "consent records keep the version the person saw.")))
        v.addWidget(self.message)
        v.addWidget(buttons)
        self.resize(760, 700)
        self.tasks.run(lambda: self.backend.settings(user=user), self._fill, self._error)


    def _placement_hint(self) -> QLabel:
        """C13 next to the camera list: the places a camera must never be (core text,
        both languages; `headcount print placement` prints the whole guide)."""
        from headcount.compliance import placement

        zh = language() == "zh"
        pick = (lambda t: t.zh) if zh else (lambda t: t.en)
        places = ("、" if zh else ", ").join(pick(t) for t in placement.FORBIDDEN)
        label = QLabel(f"{pick(placement.FORBIDDEN_TITLE)}{'：' if zh else ': '}{places}")
        label.setObjectName("placementHint")
        label.setWordWrap(True)
        return label
    def _fill(self, s: dict[str, Any]) -> None:
        self.school.setText(str(s.get("school", "")))
        self.contact.setText(str(s.get("contact", "")))
        self.cameras.set_cameras(list(s.get("cameras", [])))
        # C13: where each camera is and who checked it (recorded with
        # `headcount settings placement`; read-only here).
        placed = [self.tr("%1: %2 (checked by %3, %4)").replace("%1", p.get("camera", ""))
                  .replace("%2", p.get("location", "")).replace("%3", p.get("checked_by", ""))
                  .replace("%4", p.get("checked_on", ""))
                  for p in s.get("camera_placements", [])]
        self.placements.setText("\n".join(placed) or self.tr(
            "None recorded: headcount settings placement CAMERA --location ... --checked-by ..."))
        self.threshold.setText(str(s.get("threshold_estimate", "")))
        manual = s.get("match_threshold", "auto") != "auto"
        self.threshold_value.setValue(float(s["match_threshold"]) if manual
                                      else float(s.get("threshold_in_force", 0.5)))
        self.threshold_manual.setChecked(manual)
        self.late.setValue(int(s.get("late_minutes", 15)))
        self.retention.setValue(int(s.get("retention_days", 30)))
        self.attendance_days.setValue(int(s.get("attendance_days", 365)))
        self.filing.setValue(int(s.get("filing_warning", 80_000)))
        self.language.setCurrentIndex(max(0, self.language.findData(s.get("language", "zh"))))
        self.cue.setChecked(bool(s.get("cue_sound", True)))
        self.cue_visual.setChecked(bool(s.get("cue_visual", True)))
        for key, edit in self.notice.items():
            edit.setText(str(s.get("notice", {}).get(key, "")))
            edit.setCursorPosition(0)
        self.loaded = self.values()

    def _error(self, exc: BaseException | str) -> None:
        self.message.setStyleSheet(parts.ERROR_STYLE)
        self.message.setText(str(exc))

    def values(self) -> dict[str, Any]:
        cams = self.cameras.values()
        return {"school": self.school.text().strip(), "contact": self.contact.text().strip(),
                "cameras": cams,
                "late_minutes": self.late.value(), "retention_days": self.retention.value(),
                "attendance_days": self.attendance_days.value(),
                "filing_warning": self.filing.value(),
                "match_threshold": round(self.threshold_value.value(), 3)
                if self.threshold_manual.isChecked() else "auto",
                "language": str(self.language.currentData()),
                "cue_sound": self.cue.isChecked(), "cue_visual": self.cue_visual.isChecked(),
                "notice": {k: e.text().strip() for k, e in self.notice.items()}}

    def changes(self) -> dict[str, Any]:
        now = self.values()
        return {k: v for k, v in now.items() if self.loaded.get(k) != v}

    def save(self) -> None:
        changes = self.changes()
        notice = changes.get("notice")
        if notice is not None and any(not v for v in notice.values()):
            self._error(self.tr("Every notice field must be filled in."))
            return
        if not changes:
            self.accept()
            return
        self.tasks.run(lambda: self.backend.update_settings(changes, user=self.user),
                       lambda _r: self._saved(set(changes)), self._error)

    def _saved(self, changed: set[str]) -> None:
        self.saved.emit(changed)
        self.accept()


class AuditDialog(QDialog):
    def __init__(self, backend: StationBackend, user: User, tasks: TaskManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit log"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("User"), self.tr("Action"),
                                              self.tr("Subject"), self.tr("Details")])
        self.table.horizontalHeader().setStretchLastSection(True)
        v = QVBoxLayout(self)
        v.addWidget(self.table)
        self.resize(760, 480)
        self.message = parts.message_label()
        v.addWidget(self.message)
        tasks.run(lambda: backend.audit(user=user), self._fill, self._error)

    def _error(self, exc: BaseException | str) -> None:
        self.message.setText(str(exc))

    def _fill(self, rows: list[AuditEntry]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            details = str(row.details or "")
            for c, text in enumerate((row.ts, row.actor, row.action, row.subject, details)):
                self.table.setItem(r, c, QTableWidgetItem(text))
