"""Administration > Users: the station's users and roles, adding an operator or an
administrator, and passwords (an administrator sets anyone's; everyone changes their own).

Every rule (who may add, the password rules, duplicate names) and the audit record stay
in the station; the dialogs only call the backend on the window's task manager and show
what it answers. The one check made here is that both password fields agree, because
the station never sees the second one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from headcount.gui import dialog_parts as parts
from headcount.gui.backend import User
from headcount.gui.tasks import TaskManager

if TYPE_CHECKING:
    from headcount.gui.station_backend import StationBackend


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class PasswordDialog(parts.StationDialog):
    """A new password typed twice; for one's own account the current one too."""

    changed = Signal(str)  # the user whose password was changed
    failed = Signal(str)  # the message shown; nothing was changed

    def __init__(self, backend: StationBackend, user: User, tasks: TaskManager, name: str, *,
                 own: bool, min_password: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(backend, user, tasks, name="passwordDialog",
                         title=self.tr("Change my password") if own else
                         self.tr("Set the password of {name}").format(name=name),
                         parent=parent)
        self.name, self.own = name, own
        self.done_message = (self.tr("Your password was changed.") if own else
                             self.tr("The password of {name} was changed.").format(name=name))
        self.current = _password_edit()
        self.password = _password_edit()
        self.again = _password_edit()
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.message = parts.message_label(wrap=True, name="passwordMessage", error=False)
        self.buttons = parts.button_box(self.save, self.reject)
        self.current.setVisible(own)
        parts.form(self, [
            (self.tr("User"), QLabel(name)),
            *([(self.tr("Current password"), self.current)] if own else []),
            (self.tr("New password"), self.password),
            (self.tr("New password again"), self.again), self.rules],
            message=self.message, buttons=self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        if min_password is None:
            self.tasks.run(self.backend.password_rules,
                           lambda r: self._show_rules(int(r["min_password"])), self._error)
        else:
            self._show_rules(min_password)

    def _show_rules(self, min_password: int) -> None:
        self.rules.setText(self.tr("At least {n} characters; a PIN of digits is allowed.")
                           .format(n=min_password))

    def _error(self, exc: BaseException | str) -> None:
        self.message.setStyleSheet(parts.ERROR_STYLE)
        self.message.setText(str(exc))
        self.buttons.setEnabled(True)
        self.failed.emit(str(exc))

    def save(self) -> None:
        password = self.password.text()
        if password != self.again.text():
            self._error(self.tr("The two new passwords differ. Nothing was changed."))
            return
        current = self.current.text() if self.own else None
        name, user = self.name, self.user
        self.buttons.setEnabled(False)  # one change at a time
        self.tasks.run(lambda: self.backend.change_password(name, password, user=user,
                                                            current=current),
                       lambda _r: self._done(), self._error)

    def _done(self) -> None:
        self.changed.emit(self.name)
        self.accept()


class UsersDialog(parts.StationDialog):
    """The users and their roles, adding one, and setting a password (administrators).

    Built hidden: ``load(show=True)`` asks the station for the list and shows the
    dialog only when it comes; a refusal (an operator) is emitted by ``refused``."""

    added = Signal(object)  # User
    password_changed = Signal(str)
    failed = Signal(str)  # a message shown in the dialog; nothing was changed
    refused = Signal(object)  # the station refused the list: the dialog is not shown
    loaded = Signal()

    def __init__(self, backend: StationBackend, user: User, tasks: TaskManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(backend, user, tasks, name="usersDialog", title=self.tr("Users"),
                         parent=parent)
        self.users: list[User] = []
        self.min_password: int | None = None
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("User"), self.tr("Role")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # roles never cramped
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.set_password = QPushButton(self.tr("Set password..."))
        self.set_password.setEnabled(False)
        self.set_password.clicked.connect(self.open_set_password)
        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItem(self.tr("Operator"), "operator")
        self.role.addItem(self.tr("Administrator"), "admin")
        self.password = _password_edit()
        self.again = _password_edit()
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add user"))
        self.add_button.clicked.connect(self.add_user)
        self.message = parts.message_label(wrap=True, name="usersMessage", error=False)
        group = QGroupBox(self.tr("Add a user"))
        form = QFormLayout(group)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.again)
        form.addRow("", self.rules)
        form.addRow("", self.add_button)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Operators check people in; administrators also enrol, "
                                     "export, delete and change settings.")), 1)
        row.addWidget(self.set_password)
        buttons = parts.button_box(None, self.reject, (parts.Button.Close,))
        v = QVBoxLayout(self)
        v.addWidget(self.table, 1)
        v.addLayout(row)
        v.addWidget(group)
        v.addWidget(self.message)
        v.addWidget(buttons)
        for label in self.findChildren(QLabel):
            label.setWordWrap(True)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 80, self.fontMetrics().height() * 34)

    # ------------------------------------------------------------------ list
    def load(self, show: bool = False) -> None:
        b, user = self.backend, self.user
        self.tasks.run(lambda: (b.users(user=user), b.password_rules()),
                       lambda data: self._fill(*data, show=show),
                       self.refused.emit if show else self.show_message)

    def _fill(self, users: list[User], rules: dict[str, int], *, show: bool) -> None:
        self.users = users
        self.min_password = int(rules["min_password"])
        self.name.setMaxLength(int(rules["max_name"]))
        self.rules.setText(self.tr("At least {n} characters; a PIN of digits is allowed. "
                                   "User names are 1-{m} characters.").format(
            n=self.min_password, m=int(rules["max_name"])))
        selected = self.selected_name()
        self.table.setRowCount(len(users))
        for r, u in enumerate(users):
            name = u.name if u.name != self.user.name else self.tr("{name} (you)").format(
                name=u.name)
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(
                self.tr("Administrator") if u.is_admin else self.tr("Operator")))
            if u.name == selected:
                self.table.selectRow(r)
        self._selection_changed()
        if show and not self.isVisible():
            self.open()
        self.loaded.emit()

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.users):
            return None
        return self.users[rows[0].row()].name

    def select_user(self, name: str) -> None:
        for r, u in enumerate(self.users):
            if u.name == name:
                self.table.selectRow(r)

    def _selection_changed(self) -> None:
        self.set_password.setEnabled(self.selected_name() is not None)

    # ------------------------------------------------------------------ messages
    def show_message(self, exc_or_text: Any, ok: bool = False) -> None:
        self.message.setStyleSheet(parts.OK_STYLE if ok else parts.ERROR_STYLE)
        self.message.setText(str(exc_or_text))
        if not ok:
            self.failed.emit(str(exc_or_text))

    # ------------------------------------------------------------------ add
    def add_user(self) -> None:
        name, role = self.name.text().strip(), str(self.role.currentData())
        password = self.password.text()
        if password != self.again.text():
            self.show_message(self.tr("The two passwords differ. Nothing was changed."))
            return
        self.add_button.setEnabled(False)
        user = self.user
        self.tasks.run(lambda: self.backend.add_user(name, role, password, user=user),
                       self._added, self._add_failed)

    def _add_failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        self.show_message(exc)

    def _added(self, new: User) -> None:
        self.add_button.setEnabled(True)
        for edit in (self.name, self.password, self.again):
            edit.clear()
        role = self.tr("Administrator") if new.is_admin else self.tr("Operator")
        self.show_message(self.tr("{name} can now sign in as {role}.").format(
            name=new.name, role=role), ok=True)
        self.added.emit(new)
        self.load()

    # ------------------------------------------------------------------ passwords
    def open_set_password(self) -> PasswordDialog | None:
        name = self.selected_name()
        if name is None:
            return None
        dialog = PasswordDialog(self.backend, self.user, self.tasks, name, own=False,
                                min_password=self.min_password, parent=self)
        dialog.changed.connect(lambda n: self._password_set(n, dialog.done_message))
        dialog.open()
        return dialog

    def _password_set(self, name: str, message: str) -> None:
        self.show_message(message, ok=True)
        self.password_changed.emit(name)


def open_users(window: Any) -> UsersDialog:
    """Administration > Users on the window: shown once the station lists the users; an
    operator's refusal goes to the window's message bar like every other refusal."""
    dialog = UsersDialog(window.backend, window.user, window.tasks, window)
    dialog.refused.connect(window.show_error)
    dialog.refused.connect(lambda _exc: dialog.deleteLater())
    dialog.load(show=True)
    return dialog


def open_change_password(window: Any) -> PasswordDialog:
    """Administration > Change my password: any signed-in user, current password first."""
    dialog = PasswordDialog(window.backend, window.user, window.tasks, window.user.name,
                            own=True, parent=window)
    dialog.changed.connect(lambda _name: window.show_info(dialog.done_message))
    dialog.open()
    return dialog
