"""What a fresh station shows instead of an empty table: the next step, with a button
that does it (issue 9).

No people yet: import a roster (class list or candidate list). People but no session:
create one (a class period from a class, or an exam room from a candidate list with
seats). The panel replaces the feeds and roster until a session exists.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Steps 1 (roster) and 2 (session); the one still to do is highlighted."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.setObjectName("emptyState")
        self.w = window
        self.people = 0
        self.title = QLabel(self.tr("This station has no session yet"))
        self.title.setObjectName("emptyTitle")
        self.title.setStyleSheet("font-size:20pt;font-weight:bold;")
        self.text = QLabel()
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-size:13pt;")
        self.import_button = QPushButton(self.tr("1. Import a roster (class or candidate list)..."))
        self.import_button.setObjectName("emptyImport")
        self.import_button.clicked.connect(self.import_roster)
        self.session_button = QPushButton(self.tr("2. Create a session..."))
        self.session_button.setObjectName("emptySession")
        self.session_button.clicked.connect(window.new_session)
        for b in (self.import_button, self.session_button):
            b.setMinimumHeight(44)
            b.setStyleSheet("font-size:13pt;padding:6px 18px;text-align:left;")
        self.manual = QLabel(self.tr(
            "The Manual ID check (F2) works as soon as a session is open, with or without "
            "cameras and enrolled faces."))
        self.manual.setWordWrap(True)
        # A column of fixed width in the middle: wrapped text gets its full height.
        column = QWidget()
        column.setFixedWidth(760)
        inner = QVBoxLayout(column)
        inner.setSpacing(14)
        for widget in (self.title, self.text, self.import_button, self.session_button,
                       self.manual):
            inner.addWidget(widget)
        v = QVBoxLayout(self)
        v.addStretch(1)
        v.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        v.addStretch(2)

    def show_for(self, people: int) -> None:
        """``people`` on the station decides which step comes next."""
        self.people = people
        if people == 0:
            self.text.setText(self.tr(
                "No one is on this station yet. First import a roster: a class list "
                "(number, name, class) or an exam's candidate list (number, name, seat)."))
            self.import_button.setDefault(True)
            self.import_button.setFocus()
        else:
            self.text.setText(self.tr(
                "{n} people are on the roster. Next, create a session: a class period for "
                "a class, or an exam room from a candidate list with seats.").format(n=people))
            self.session_button.setDefault(True)
            self.session_button.setFocus()
        self.session_button.setEnabled(people > 0)

    def import_roster(self) -> Any:
        """The roster import page of the enrolment window; the count is read again after."""
        from PySide6.QtWidgets import QTabWidget

        dialog = self.w.open_enrolment()
        tabs = dialog.findChild(QTabWidget)
        if tabs is not None:
            tabs.setCurrentIndex(tabs.count() - 1)  # "Roster import"
        dialog.changed.connect(lambda: self.w.reload_sessions())
        return dialog


def install(window: Any, content: QWidget) -> tuple[QStackedWidget, EmptyState]:
    """``content`` (feeds and roster) in a stack with the empty state beside it."""
    stack = QStackedWidget()
    stack.addWidget(content)
    empty = EmptyState(window)
    stack.addWidget(empty)
    return stack, empty


def show_if_empty(window: Any, sessions: list[Any]) -> None:
    """Called with the station's sessions: the empty state when there are none."""
    if sessions:
        window.content_stack.setCurrentIndex(0)
        return

    def shown(people: list[Any]) -> None:
        window.empty_state.show_for(len(people))
        window.content_stack.setCurrentWidget(window.empty_state)

    window.tasks.run(window.backend.people, shown)
