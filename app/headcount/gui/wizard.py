"""First run: set up a station (WORKFLOWS.md, day 1), then offer the entrance sign.

School and contact (the personal information processor), the administrator's name and
password (twice), the default language and the data folder; then the notice, pre-filled
in Chinese and English, every field required (C2); then the station is created (off the
GUI thread) and the entrance sign and notice slip can be printed at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from headcount.gui import dialog_parts as parts
from headcount.gui.backend import User
from headcount.gui.tasks import TaskManager
from headcount.store.users import MIN_PASSWORD  # the station's own rule


class _Page(QWizardPage):
    """A page of the wizard: its title, and the subtitle that says what it is for."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)


class SchoolPage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("Your school"),
                         self.tr("The school is the personal information processor named on "
                                 "the notice, the consent slips and every report."))
        self.school = QLineEdit()
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("e.g. Academic Office, 010-1234 5678"))
        parts.form(self, [(self.tr("School name"), self.school),
                          (self.tr("Contact for personal information"), self.contact)])
        self.registerField("school*", self.school)
        self.registerField("contact*", self.contact)


class AdminPage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("Administrator"),
                         self.tr("The administrator enrols people, changes settings and "
                                 "adds invigilators and teachers as operators."))
        self.name = QLineEdit("admin")
        self.password = QLineEdit()
        self.again = QLineEdit()
        for e in (self.password, self.again):
            e.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = parts.message_label(wrap=True)
        # The rule beside the fields, before anyone trips over it.
        self.rule = QLabel(self.tr("The password needs at least {n} characters.").format(
            n=MIN_PASSWORD))
        parts.form(self, [(self.tr("Administrator name"), self.name),
                          (self.tr("Password"), self.password),
                          (self.tr("Password again"), self.again), self.rule],
                   message=self.message)
        self.registerField("admin*", self.name)
        self.registerField("password*", self.password)
        self.registerField("again*", self.again)

    def validatePage(self) -> bool:  # noqa: N802
        if len(self.password.text()) < MIN_PASSWORD:
            self.message.setText(self.tr("The password needs at least {n} characters.").format(
                n=MIN_PASSWORD))
            return False
        if self.password.text() != self.again.text():
            self.message.setText(self.tr("The two passwords differ."))
            return False
        self.message.setText("")
        return True


class PlacePage(_Page):
    def __init__(self, data_dir: Path, lang: str) -> None:
        super().__init__(self.tr("Language and data folder"),
                         self.tr("Templates are encrypted in the data folder; the key is "
                                 "kept apart from it. Nothing leaves this computer."))
        self.language = QComboBox()
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if lang == "zh" else 1)
        self.folder = QLineEdit(str(data_dir))
        browse = QPushButton(self.tr("Choose..."))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.message = parts.message_label(wrap=True)
        parts.form(self, [(self.tr("Default language"), self.language),
                          (self.tr("Data folder"), row)], message=self.message)
        self.registerField("folder*", self.folder)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Data folder"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def validatePage(self) -> bool:  # noqa: N802
        from headcount.store.db import DB_NAME, blank_station

        db = Path(self.folder.text()) / DB_NAME
        if db.exists() and not blank_station(db):  # a 0-byte file: init replaces it
            self.message.setText(self.tr("This folder already holds a station: choose "
                                         "another one, or open it with headcount "
                                         "--data-dir FOLDER."))
            return False
        return True


class NoticePage(_Page):
    """The C2 notice in both languages, pre-filled; every field must be filled."""

    def __init__(self) -> None:
        super().__init__(self.tr("The notice"),
                         self.tr("Shown before any face is processed, printed as the "
                                 "notice slip and the entrance sign. Pre-filled: check and "
                                 "adapt it. No field may be empty."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create the station"))
        self.edits: dict[str, tuple[QPlainTextEdit, QPlainTextEdit]] = {}
        self.grid = QGridLayout()
        self.grid.addWidget(QLabel("<b>中文</b>"), 0, 1)
        self.grid.addWidget(QLabel("<b>English</b>"), 0, 2)
        inner = QWidget()
        inner.setLayout(self.grid)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        self.message = parts.message_label(wrap=True)
        v = QVBoxLayout(self)
        v.addWidget(scroll, 1)
        v.addWidget(self.message)

    def initializePage(self) -> None:  # noqa: N802
        from headcount.compliance.notice import FIELDS, default_fields
        from headcount.i18n import language
        from headcount.store.settings import SETTINGS

        defaults = {s.name: s.default for s in SETTINGS}
        fields = default_fields(str(self.field("school")).strip(),
                                str(self.field("contact")).strip(), defaults)
        lang = language()
        for row, (name, heading) in enumerate(FIELDS.items(), start=1):
            if name not in self.edits:
                label = QLabel(heading.zh if lang == "zh" else heading.en)
                label.setWordWrap(True)
                label.setMinimumWidth(140)
                zh, en = QPlainTextEdit(), QPlainTextEdit()
                for e in (zh, en):
                    e.setTabChangesFocus(True)
                    e.setFixedHeight(64)
                    e.textChanged.connect(self.completeChanged)
                self.grid.addWidget(label, row, 0)
                self.grid.addWidget(zh, row, 1)
                self.grid.addWidget(en, row, 2)
                self.edits[name] = (zh, en)
            zh, en = self.edits[name]
            zh.setPlainText(fields[name].zh)
            en.setPlainText(fields[name].en)

    def values(self) -> dict[str, tuple[str, str]]:
        """Field -> (Chinese, English)."""
        return {k: (zh.toPlainText().strip(), en.toPlainText().strip())
                for k, (zh, en) in self.edits.items()}

    def empty(self) -> list[str]:
        return [k for k, (zh, en) in self.values().items() if not zh or not en]

    def isComplete(self) -> bool:  # noqa: N802
        missing = self.empty()
        self.message.setText(self.tr("Fill in every field: {fields}").format(
            fields=", ".join(missing)) if missing else "")
        return not missing

    def validatePage(self) -> bool:  # noqa: N802
        return self.isComplete()


class DonePage(_Page):
    """Creates the station on the worker thread, then offers the entrance sign."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(self.tr("Print the entrance sign"))
        self.wiz = wizard
        self.status = QLabel(self.tr("Creating the station..."))
        self.status.setWordWrap(True)
        self.sign = QPushButton(self.tr("Print entrance sign..."))
        self.sign.setObjectName("printSign")
        self.slip = QPushButton(self.tr("Print notice slip..."))
        for b in (self.sign, self.slip):
            b.setEnabled(False)
        self.sign.clicked.connect(lambda: self.wiz.print_document("sign"))
        self.slip.clicked.connect(lambda: self.wiz.print_document("notice"))
        hint = QLabel(self.tr("Post the sign at the entrance and hand out the notice slip "
                              "before anyone's face is processed. Next you sign in."))
        hint.setWordWrap(True)
        v = QVBoxLayout(self)
        v.addWidget(self.status)
        v.addWidget(hint)
        row = QHBoxLayout()
        row.addWidget(self.sign)
        row.addWidget(self.slip)
        row.addStretch()
        v.addLayout(row)
        v.addStretch()

    def initializePage(self) -> None:  # noqa: N802
        self.wiz.create_station()

    def isComplete(self) -> bool:  # noqa: N802
        return self.wiz.station is not None


class FirstRunWizard(QWizard):
    created = Signal(object)  # the opened Station
    failed = Signal(object)
    document_opened = Signal(object)  # DocumentDialog

    def __init__(self, data_dir: Path, *, lang: str = "zh", use_keyring: bool | None = None,
                 key_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self.setWindowTitle(self.tr("Set up Headcount"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.use_keyring, self.key_dir = use_keyring, key_dir
        self.tasks = TaskManager(self)
        self.station: Any = None
        self.school_page = SchoolPage()
        self.admin_page = AdminPage()
        self.place_page = PlacePage(data_dir, lang)
        self.notice_page = NoticePage()
        self.done_page = DonePage(self)
        for page in (self.school_page, self.admin_page, self.place_page, self.notice_page,
                     self.done_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(820, 620)

    @property
    def data_dir(self) -> Path:
        return Path(self.place_page.folder.text()).expanduser()

    @property
    def language(self) -> str:
        return str(self.place_page.language.currentData())

    @property
    def admin(self) -> User:
        return User(self.admin_page.name.text().strip(), "admin")

    def create_station(self) -> None:
        if self.station is not None:
            return
        from headcount.i18n import Text
        from headcount.station import Station

        school = str(self.field("school")).strip()
        contact = str(self.field("contact")).strip()
        admin, password = self.admin.name, self.admin_page.password.text()
        notice = {k: Text(en, zh) for k, (zh, en) in self.notice_page.values().items()}
        folder, lang, keyring, keys = self.data_dir, self.language, self.use_keyring, \
            self.key_dir

        def make() -> Any:
            st = Station.init(folder, school=school, contact=contact, admin=admin,
                              password=password, use_keyring=keyring, key_dir=keys,
                              language=lang)
            actor = st.login(admin, password)
            current = st.notice.current()
            if current is None or dict(current.fields) != notice:
                st.notice.publish(actor, notice)
            st.set_settings(actor, cameras=[0])  # the PC's first camera; see Settings
            return st

        self.tasks.run(make, self._created, self._failed)

    def _created(self, station: Any) -> None:
        self.station = station
        self.done_page.status.setText(self.tr("The station is ready in {folder}.").format(
            folder=self.data_dir))
        for b in (self.done_page.sign, self.done_page.slip):
            b.setEnabled(True)
        self.done_page.sign.setFocus()
        self.done_page.completeChanged.emit()
        self.created.emit(station)

    def _failed(self, exc: BaseException) -> None:
        self.done_page.status.setText(str(exc))
        self.done_page.status.setStyleSheet(parts.ERROR_STYLE)
        self.failed.emit(exc)

    def print_document(self, document: str) -> Any:
        from headcount.gui.printing import DocumentDialog
        from headcount.gui.station_backend import StationBackend

        titles = {"sign": self.tr("Entrance sign"), "notice": self.tr("Notice slip")}
        dialog = DocumentDialog(StationBackend(self.station), self.admin, self.tasks, document,
                                titles[document], lang=self.language, parent=self)
        dialog.open()
        self.document_opened.emit(dialog)
        return dialog
