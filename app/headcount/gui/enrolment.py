"""Enrolment and consent: roster import, photo-folder enrolment, consent, live capture.

Order matters (COMPLIANCE.md C2-C5): the notice is shown, then separate consent is
recorded (a guardian's for under-14s), and only then can a template be stored. The
consent box is never pre-ticked. Withdrawal deletes the templates at once and shows a
receipt. The station enforces the same rules; the screen just makes them visible.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from headcount.compliance.enrolment import ALREADY_ENROLLED
from headcount.gui import dialog_parts as parts
from headcount.gui.backend import EnrolOutcome, ImportRow, Person, User
from headcount.gui.tasks import GeneratorWorker, TaskManager
from headcount.models import MODEL_VERSION
from headcount.store.people import ImportResult
from headcount.store.receipts import ConsentWithdrawn, PersonDeleted

if TYPE_CHECKING:
    from headcount.gui.station_backend import StationBackend

NOTICE_LABELS = ("processor", "contact", "purpose", "method", "retention", "necessity",
                 "rights", "alternative")


def photo_folder_results(folder: str) -> Iterator[tuple[int, int, str, Any, str, str]]:
    """(done, total, number, template or None, reason, the template's model version) per
    photo; runs in a worker thread."""
    from headcount.errors import HeadcountError
    from headcount.vision.frames import IMAGE_EXTENSIONS, read_image
    from headcount.vision.pipeline import FacePipeline

    files = sorted(p for p in Path(folder).iterdir()
                   if p.is_file() and p.suffix.lower() in IMAGE_EXTENSIONS)
    with FacePipeline(mode="entrance", threads=1) as pipe:
        for i, path in enumerate(files, start=1):
            try:
                result = pipe.enrol_image(read_image(path))
            except HeadcountError as exc:
                yield i, len(files), path.stem, None, str(exc), ""
                continue
            reason = "; ".join(str(m) for m in result.messages)
            yield i, len(files), path.stem, result.template, reason, result.version


def live_capture(spec: Any, tries: int = 60) -> Iterator[tuple[str, Any]]:
    """("hint", text) while the face is not good enough, then ("template", EnrolResult)."""
    from headcount.gui.camera_view import open_feed
    from headcount.vision.pipeline import FacePipeline

    frames = open_feed(spec)
    try:
        with FacePipeline(mode="entrance", threads=1) as pipe:
            for n, frame in enumerate(frames):
                result = pipe.enrol_image(frame.rgb)
                if result.ok:
                    yield "template", result
                    return
                yield "hint", "; ".join(str(m) for m in result.messages)
                if n >= tries:
                    return
    finally:
        close = getattr(frames, "close", None)
        if close:
            close()


class EnrolmentDialog(parts.StationDialog):
    changed = Signal()
    receipt_shown = Signal(object)  # the ConsentWithdrawn or PersonDeleted receipt

    def __init__(self, backend: StationBackend, user: User, tasks: TaskManager,
                 parent: QWidget | None = None, camera: Any = None) -> None:
        super().__init__(backend, user, tasks, name="enrolment",
                         title=self.tr("Enrolment and consent"), parent=parent)
        self.camera = camera
        self.people: list[Person] = []
        self.workers: list[GeneratorWorker] = []
        self.last_receipt: ConsentWithdrawn | PersonDeleted | None = None
        self._already = 0  # photos of a folder run that were enrolled before
        self.message = parts.message_label(wrap=True, name="enrolMessage", error=False)
        tabs = QTabWidget()
        tabs.addTab(self._consent_tab(), self.tr("Consent and enrolment"))
        tabs.addTab(self._folder_tab(), self.tr("Photo folder"))
        tabs.addTab(self._import_tab(), self.tr("Roster import"))
        self.tabs = tabs
        layout = QVBoxLayout(self)
        if not user.is_admin:
            note = QLabel(self.tr("You are signed in as an operator: enrolment, export and "
                                  "deletion need an administrator."))
            note.setStyleSheet("color:#8a5a00;")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        self.resize(760, 620)
        self.reload_people()
        self.tasks.run(self.backend.notice, self._show_notice, self.show_message)

    # ------------------------------------------------------------------ common
    def show_message(self, exc_or_text: Any, ok: bool = False) -> None:
        self.message.setStyleSheet(parts.OK_STYLE if ok else parts.ERROR_STYLE)
        self.message.setText(str(exc_or_text))

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def reload_people(self, select: int | None = None) -> None:
        self.tasks.run(self.backend.people, lambda rows: self._fill_people(rows, select),
                       self.show_message)

    def _fill_people(self, rows: list[Person], select: int | None) -> None:
        current = select if select is not None else self.person.currentData()
        self.people = rows
        self.person.blockSignals(True)
        self.person.clear()
        for p in rows:
            self.person.addItem(f"{p.number}  {p.name}", p.id)
        i = self.person.findData(current) if current is not None else 0
        self.person.setCurrentIndex(max(0, i))
        self.person.blockSignals(False)
        self._person_changed()

    def selected(self) -> Person | None:
        pid = self.person.currentData()
        return next((p for p in self.people if p.id == pid), None)

    def select_person(self, number: str) -> None:
        for i in range(self.person.count()):
            if self.person.itemText(i).startswith(number + " "):
                self.person.setCurrentIndex(i)
                return

    # ------------------------------------------------------------------ consent tab
    def _consent_tab(self) -> QWidget:
        w = QWidget()
        self.person = QComboBox()
        self.person.setObjectName("personBox")
        self.person.currentIndexChanged.connect(lambda _i: self._person_changed())
        self.person_state = QLabel()
        self.person_state.setWordWrap(True)
        self.notice = QTextBrowser()
        self.notice.setObjectName("notice")
        self.notice_shown = QCheckBox(self.tr(
            "I have shown this notice to the person (and their guardian)"))
        self.by_self = QRadioButton(self.tr("The person"))
        self.by_guardian = QRadioButton(self.tr("A guardian"))
        self.given_by = QButtonGroup(w)
        for b in (self.by_self, self.by_guardian):
            self.given_by.addButton(b)
        self.guardian_name = QLineEdit()
        self.relationship = QLineEdit()
        self.relationship.setPlaceholderText(self.tr("e.g. mother, father, legal guardian"))
        self.method = QComboBox()
        self.method.addItem(self.tr("Signed slip"), "slip")
        self.method.addItem(self.tr("On screen"), "screen")
        self.evidence = QLineEdit()  # a guardian's consent is written: which slip or scan
        self.evidence.setPlaceholderText(self.tr("slip number or scan file name"))
        self.record = QPushButton(self.tr("Record consent"))
        self.record.clicked.connect(self.record_consent)
        self.capture = QPushButton(self.tr("Capture from camera"))
        self.capture.clicked.connect(self.capture_live)
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.withdraw = QPushButton(self.tr("Withdraw consent and delete face data..."))
        self.withdraw.clicked.connect(self.withdraw_consent)
        self.delete = QPushButton(self.tr("Delete person..."))
        self.delete.clicked.connect(self.delete_person)
        who = QHBoxLayout()
        who.addWidget(self.by_self)
        who.addWidget(self.by_guardian)
        who.addStretch()
        form = QFormLayout()
        form.addRow(self.tr("Person"), self.person)
        form.addRow("", self.person_state)
        form.addRow(self.tr("Notice"), self.notice)
        form.addRow("", self.notice_shown)
        form.addRow(self.tr("Consent given by"), who)
        form.addRow(self.tr("Guardian name"), self.guardian_name)
        form.addRow(self.tr("Relationship"), self.relationship)
        form.addRow(self.tr("How"), self.method)
        form.addRow(self.tr("Evidence"), self.evidence)
        row = QHBoxLayout()
        for button in (self.record, self.capture, self.withdraw, self.delete):
            row.addWidget(button)
        v = QVBoxLayout(w)
        v.addLayout(form)
        v.addLayout(row)
        v.addWidget(self.guidance)
        return w

    def _show_notice(self, fields: dict[str, str]) -> None:
        names = {
            "processor": self.tr("Processor"), "contact": self.tr("Contact"),
            "purpose": self.tr("Purpose"), "method": self.tr("Method"),
            "retention": self.tr("Retention"), "necessity": self.tr("Why it is necessary"),
            "rights": self.tr("Your rights"), "alternative": self.tr("Alternative"),
        }
        html = "".join(f"<p><b>{names.get(k, k)}:</b> {fields.get(k, '') or '—'}</p>"
                       for k in NOTICE_LABELS)
        self.notice.setHtml(html)

    def _person_changed(self) -> None:
        p = self.selected()
        if p is None:
            self.person_state.setText("")
            return
        age = p.age()
        consent = {"none": self.tr("no consent (manual checks only)"),
                   "self": self.tr("consent given by the person"),
                   "guardian": self.tr("consent given by a guardian"),
                   "renew": self.tr("consent given on an earlier notice: must renew "
                                    "(manual checks until then)")}[p.consent]
        state = self.tr("Age {age}; {consent}; {enrolled}").format(
            age=age if age is not None else "?", consent=consent,
            enrolled=self.tr("face enrolled") if p.enrolled else self.tr("no face data"))
        if p.evidence:
            state += "\n" + self.tr("Written consent: {evidence}").format(evidence=p.evidence)
        if p.needs_guardian:  # the station's rule (age_of_consent; unknown age: a child)
            state += "\n" + self.tr("Under {age} or no date of birth: a guardian must "
                                     "consent.").format(age=p.age_of_consent)
        self.person_state.setText(state)
        self.capture.setEnabled(p.consent not in ("none", "renew") and self.camera is not None)

    def record_consent(self) -> None:
        p = self.selected()
        if p is None:
            return
        by = "self" if self.by_self.isChecked() else "guardian" if self.by_guardian.isChecked() \
            else ""
        guardian, relation = self.guardian_name.text(), self.relationship.text()
        method, shown = str(self.method.currentData()), self.notice_shown.isChecked()
        evidence = self.evidence.text()
        self.tasks.run(lambda: self.backend.record_consent(
            p.id, user=self.user, given_by=by, guardian_name=guardian, relationship=relation,
            method=method, notice_shown=shown, evidence=evidence),
                       lambda _r: self._consent_recorded(p), self.show_message)

    def _consent_recorded(self, p: Person) -> None:
        self.show_message(self.tr("Consent recorded for {name}.").format(name=p.name), ok=True)
        self.changed.emit()
        self.reload_people(select=p.id)

    def enrol(self, person_id: int, template: Any, source: str,
              model: str = MODEL_VERSION) -> None:
        self.tasks.run(lambda: self.backend.enrol_template(person_id, template, user=self.user,
                                                           source=source, model=model),
                       self._enrolled, self.show_message)

    def _estimate(self) -> str:
        """An enrolment batch is over: the station chooses its threshold again."""
        return self.backend.estimate_threshold(user=self.user)

    def _enrolled(self, outcome: EnrolOutcome) -> None:
        if outcome.ok:
            self.tasks.run(self._estimate, lambda _r: None, self.show_message)
        if outcome.ok and outcome.message:
            self.show_message(self.tr("Face enrolled, and flagged for review: it looks like "
                                      "person {number}.").format(number=outcome.message))
            self.changed.emit()
            self.reload_people(select=outcome.person_id)
        elif outcome.ok:
            self.show_message(" ".join((self.tr("Face enrolled."), outcome.warning)).strip(),
                              ok=not outcome.warning)
            self.changed.emit()
            self.reload_people(select=outcome.person_id)
        elif ALREADY_ENROLLED in outcome.reasons:
            self.show_message(self.tr("This photo is already enrolled for this person: "
                                      "nothing added."), ok=True)
        else:
            self.show_message(self.tr("Not enrolled: looks like person {number} already "
                                      "enrolled. Check before enrolling.").format(
                number=outcome.message))

    def capture_live(self) -> None:
        p = self.selected()
        if p is None or self.camera is None:
            return
        if p.consent in ("none", "renew"):
            self.show_message(self.tr("Record consent first."))
            return
        worker = GeneratorWorker(lambda: live_capture(self.camera))

        def on_value(item: tuple[str, Any]) -> None:
            kind, value = item
            if kind == "hint":
                self.guidance.setText(self.tr("Hold still, face the camera: ") + value)
            else:
                self.guidance.setText("")
                self.enrol(p.id, value.template, "camera", value.version)

        worker.yielded.connect(on_value)
        worker.errored.connect(self.show_message)
        self._keep(worker)

    def _keep(self, worker: GeneratorWorker) -> None:
        self.workers.append(worker)
        worker.finished.connect(lambda: self.workers.remove(worker)
                                if worker in self.workers else None)
        worker.start()

    def withdraw_consent(self) -> None:
        p = self.selected()
        if p is None or not self.confirm(self.tr("Withdraw consent"), self.tr(
                "Withdraw consent for {name} and delete their face data now? They will be "
                "checked by the Manual ID check from now on.").format(name=p.name)):
            return
        self.tasks.run(lambda: self.backend.withdraw_consent(p.id, user=self.user),
                       lambda r: self._receipt(r, p.id), self.show_message)

    def delete_person(self) -> None:
        p = self.selected()
        if p is None or not self.confirm(self.tr("Delete person"), self.tr(
                "Delete {name} and all their data from this station?").format(name=p.name)):
            return
        self.tasks.run(lambda: self.backend.delete_person(p.id, user=self.user),
                       lambda r: self._receipt(r, None), self.show_message)

    def _receipt(self, receipt: ConsentWithdrawn | PersonDeleted, select: int | None) -> None:
        self.last_receipt = receipt
        self.show_message(self.tr("Deletion receipt: {number} {name}, {n} template(s) deleted "
                                  "at {at} by {by}.").format(
            number=receipt.person, name=receipt.name, n=receipt.templates_deleted,
            at=receipt.created_at, by=receipt.actor), ok=True)
        self.receipt_shown.emit(receipt)
        self.changed.emit()
        self.reload_people(select=select)

    # ------------------------------------------------------------------ photo folder
    def _folder_tab(self) -> QWidget:
        w = QWidget()
        choose = QPushButton(self.tr("Choose a folder of photos named by number..."))
        choose.clicked.connect(self._choose_folder)
        self.progress = QProgressBar()
        self.refusals = QTableWidget(0, 2)
        self.refusals.setHorizontalHeaderLabels([self.tr("Photo"), self.tr("Why it was refused")])
        self.refusals.horizontalHeader().setStretchLastSection(True)
        v = QVBoxLayout(w)
        v.addWidget(QLabel(self.tr("Each photo's file name is the person's number (e.g. "
                                   "2025001.jpg). Only people with consent are enrolled.")))
        v.addWidget(choose)
        v.addWidget(self.progress)
        v.addWidget(QLabel(self.tr("Review list")))
        v.addWidget(self.refusals)
        return w

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Photo folder"))
        if folder:
            self.enrol_folder(folder)

    def enrol_folder(self, folder: str) -> GeneratorWorker:
        self.refusals.setRowCount(0)
        self._already = 0
        worker = GeneratorWorker(lambda: photo_folder_results(folder))

        def on_value(item: tuple[int, int, str, Any, str, str]) -> None:
            done, total, number, template, reason, model = item
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            if template is None:
                self._refuse(number, reason)
            else:  # the station finds the person (no such number: its own words)
                self.tasks.run(lambda: self.backend.enrol_number(
                    number, template, user=self.user, source=f"photo {number}",
                    model=model),
                    lambda o: self._folder_outcome(number, o),
                    lambda exc: self._refuse(number, str(exc)))

        worker.yielded.connect(on_value)
        worker.errored.connect(self.show_message)
        worker.finished.connect(lambda: self.tasks.run(self._estimate,
                                                       lambda _r: self._folder_done()))
        self._keep(worker)
        return worker

    def _folder_outcome(self, number: str, o: EnrolOutcome) -> None:
        if ALREADY_ENROLLED in o.reasons:  # the folder enrolled again: not a fault
            self._already += 1
        elif not o.ok or o.message:
            self._refuse(number, self.tr("Possible duplicate of {other}").format(
                other=o.message))

    def _refuse(self, photo: str, reason: str) -> None:
        r = self.refusals.rowCount()
        self.refusals.insertRow(r)
        self.refusals.setItem(r, 0, QTableWidgetItem(photo))
        self.refusals.setItem(r, 1, QTableWidgetItem(reason))

    def _folder_done(self) -> None:
        done = self.tr("Photo folder done: {n} photo(s) need review.").format(
            n=self.refusals.rowCount())
        if self._already:
            done += " " + self.tr("{n} photo(s) were already enrolled (nothing added).").format(
                n=self._already)
        self.show_message(done, ok=True)
        self.changed.emit()
        self.reload_people()

    # ------------------------------------------------------------------ roster import
    def _import_tab(self) -> QWidget:
        w = QWidget()
        choose = QPushButton(self.tr("Choose a roster file (CSV or Excel)..."))
        choose.clicked.connect(self._choose_roster)
        self.preview = QTableWidget(0, 6)
        self.preview.setHorizontalHeaderLabels([
            self.tr("Row"), self.tr("Number"), self.tr("Name"), self.tr("Class"),
            self.tr("Birth date"), self.tr("Problem")])
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.import_button = QPushButton(self.tr("Import the good rows"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_roster)
        self.roster_path = ""
        v = QVBoxLayout(w)
        v.addWidget(choose)
        v.addWidget(self.preview)
        v.addWidget(self.import_button)
        return w

    def _choose_roster(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Roster file"), "",
                                              "Roster (*.csv *.xlsx)")
        if path:
            self.preview_roster(path)

    def preview_roster(self, path: str) -> None:
        self.roster_path = path
        self.tasks.run(lambda: self.backend.preview_roster(path), self._fill_preview,
                       self.show_message)

    def _fill_preview(self, rows: list[ImportRow]) -> None:
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            v = row.values
            cells = [str(row.row), v.get("number", ""), v.get("name", ""), v.get("class", ""),
                     v.get("birth_date", ""), row.error]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.error:
                    item.setBackground(QColor(255, 220, 220))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.preview.setItem(r, c, item)
        good = sum(1 for r in rows if not r.error)
        self.import_button.setEnabled(good > 0)
        self.show_message(self.tr("{good} good row(s), {bad} with problems.").format(
            good=good, bad=len(rows) - good), ok=good > 0)

    def import_roster(self) -> None:
        path = self.roster_path
        self.tasks.run(lambda: self.backend.import_roster(path, user=self.user),
                       self._imported, self.show_message)

    def _imported(self, result: ImportResult) -> None:
        self.show_message(self.tr("Imported: {added} added, {updated} updated, {errors} "
                                  "skipped.").format(added=result.inserted,
                                                     updated=result.updated,
                                                     errors=result.rejected), ok=True)
        self.changed.emit()
        self.reload_people()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        for worker in list(self.workers):
            worker.quit()
            worker.wait()
        super().closeEvent(event)
