"""The invigilator window: session, live feeds, candidate card, roster, Manual ID check.

Every station call goes through the task manager (never on the GUI thread; the
station's connection refuses any other thread); every feed runs in its own worker
thread and never touches the station. The window only arranges what they report.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from headcount.gui.backend import Backend, CheckIn, RosterEntry, SessionInfo, User
from headcount.gui.camera_view import Feed, FeedView, Source
from headcount.gui.candidate_card import Candidate, CandidateCard
from headcount.gui.manual_check import ManualCheckDialog
from headcount.gui.recognise import FaceOutcome, FeedResult, Recogniser
from headcount.gui.roster import RosterPanel
from headcount.gui.tasks import TaskManager

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    session_loaded = Signal(int)
    checked_in = Signal(object)  # CheckIn
    language_requested = Signal(str)
    restart_requested = Signal()  # cameras or language changed in the settings
    candidate_shown = Signal(object)  # Candidate
    report_offered = Signal(object)  # DocumentDialog for the closed session's report
    corrected = Signal(object)  # Correction
    purge_done = Signal(object)  # purge receipt (dict) or None when nothing was due
    cue_shown = Signal()

    PURGE_CHECK_MS = 10 * 60 * 1000  # look every 10 minutes; purge once a day
    def __init__(self, backend: Backend, user: User, *, feeds: list[Source] | None = None,
                 session_id: int | None = None, mode: str = "entrance",
                 analyser_factory: Callable[[], Any] | None = None, loop: bool = True,
                 max_frames: int | None = None, lang: str = "en") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.backend = backend
        self.user = user
        self.lang = lang
        self.mode = mode
        self.tasks = TaskManager(self)
        self.tasks.error.connect(self.show_error)
        backend.hand_over()  # from here on only self.tasks' thread uses the station
        self.recogniser = Recogniser()
        self.session: SessionInfo | None = None
        self.entries: dict[int, RosterEntry] = {}
        self.references: dict[int, np.ndarray] = {}
        self.rejected: set[tuple[int | None, int]] = set()
        self.queue: list[Candidate] = []
        self.last_error: BaseException | None = None
        self.feeds: list[Feed] = []
        self._manual: ManualCheckDialog | None = None
        self.cue_sound = True
        self.cue_visual = True
        self.last_purge: dt.date | None = dt.date.today()  # the station purges at opening
        self.setWindowTitle(self.tr("Headcount - exam entry and attendance"))
        self._build(feeds or [])
        self._build_menus()
        self._start_feeds(feeds or [], analyser_factory, loop, max_frames)
        self.reload_sessions(select=session_id)
        self._tab_order()
        self._cue_timer = QTimer(self)  # ends the visual cue (dies with the window)
        self._cue_timer.setSingleShot(True)
        self._cue_timer.setInterval(700)
        self._cue_timer.timeout.connect(lambda: self.roster.counts.setStyleSheet(""))
        self.purge_timer = QTimer(self)
        self.purge_timer.setInterval(self.PURGE_CHECK_MS)
        self.purge_timer.timeout.connect(self.purge_if_new_day)
        self.purge_timer.start()
        # 1280x800, but never larger than the screen: at 150% on a 1080p screen that
        # would be 1920x1200 physical pixels, its bottom (roster buttons, status) cut off.
        avail = self.screen().availableGeometry()
        self.resize(min(1280, avail.width()), min(800, avail.height()))

    # ------------------------------------------------------------------ layout
    def _build(self, feeds: list[Source]) -> None:
        self.message_bar = QLabel()
        self.message_bar.setObjectName("messageBar")
        self.message_bar.setWordWrap(True)
        self.message_bar.setVisible(False)
        self.message_bar.setStyleSheet("background:#fde2e2;color:#8a1010;padding:6px;")
        self.session_box = QComboBox()
        self.session_box.setMinimumWidth(260)
        self.session_box.activated.connect(self._session_picked)
        self.manual_button = QPushButton(self.tr("Manual ID check (F2)"))
        self.manual_button.setObjectName("manualButton")
        self.manual_button.setStyleSheet("font-weight:bold;padding:6px 14px;")
        self.manual_button.clicked.connect(self.open_manual_check)
        self.views: list[FeedView] = []
        grid = QGridLayout()
        for i, spec in enumerate(feeds):
            view = FeedView(self.tr("Feed {n}: {source}").format(n=i + 1, source=spec),
                            self._label_for)
            self.views.append(view)
            grid.addWidget(view, i // 2, i % 2)
        if not feeds:
            none = QLabel(self.tr("No camera. Check-ins work with the Manual ID check (F2)."))
            none.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(none, 0, 0)
        self.card = CandidateCard()
        self.card.confirmed.connect(self.confirm_candidate)
        self.card.rejected.connect(self.reject_candidate)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addLayout(grid, 1)
        lv.addWidget(self.card)
        self.roster = RosterPanel()
        self.roster.correct_button.clicked.connect(self.open_correction)
        self.roster.table.doubleClicked.connect(lambda _i: self.open_correction())
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.roster)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([800, 480])  # the roster's columns fit without scrolling
        central = QWidget()
        cv = QVBoxLayout(central)
        cv.addWidget(self.message_bar)
        cv.addWidget(split, 1)
        self.setCentralWidget(central)
        bar = QToolBar(self.tr("Session"))
        bar.setObjectName("sessionToolbar")
        bar.setMovable(False)
        # The Manual ID check comes first: a narrow window (small screen, 150 % scaling)
        # folds a toolbar's last items into its overflow menu, and this one must stay
        # visible (C6: always one click away).
        bar.addWidget(self.manual_button)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr("Session:") + " "))
        bar.addWidget(self.session_box)
        self.session_info = QLabel()
        self.session_info.setObjectName("sessionInfo")
        self.session_info.setContentsMargins(8, 0, 8, 0)
        bar.addWidget(self.session_info)
        self.addToolBar(bar)
        self.toolbar = bar
        self.user_label = QLabel()
        self.statusBar().addPermanentWidget(self.user_label)
        self._show_user()

    def _build_menus(self) -> None:
        m = self.menuBar()
        session = m.addMenu(self.tr("&Session"))
        self.act_new = self._action(session, self.tr("New session..."), self.new_session)
        self.act_start = self._action(session, self.tr("Start session"), self.start_session)
        self.act_close = self._action(session, self.tr("Close session..."), self.close_session)
        self.act_export = self._action(session, self.tr("Attendance report..."),
                                       self.offer_report, QKeySequence.StandardKey.Print)
        self.act_correct = self._action(session, self.tr("Correct a status..."),
                                        self.open_correction, QKeySequence("Ctrl+K"))
        self._action(session, self.tr("Search the roster"), self.focus_search,
                     QKeySequence.StandardKey.Find)
        session.addSeparator()
        self._action(session, self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        check = m.addMenu(self.tr("&Check"))
        self.act_manual = self._action(check, self.tr("Manual ID check"), self.open_manual_check,
                                       QKeySequence(Qt.Key.Key_F2))
        people = m.addMenu(self.tr("&People"))
        self.act_enrol = self._action(people, self.tr("Enrolment and consent..."),
                                      self.open_enrolment, QKeySequence("Ctrl+E"))
        self._build_print_menu(m.addMenu(self.tr("&Print")))
        admin = m.addMenu(self.tr("&Administration"))
        self._action(admin, self.tr("Sign in as another user..."), self.open_sign_in)
        self._action(admin, self.tr("Users..."), self.open_users)
        self._action(admin, self.tr("Change my password..."), self.open_change_password)
        self._action(admin, self.tr("Settings..."), self.open_settings)
        self._action(admin, self.tr("Audit log..."), self.open_audit)
        self._action(admin, self.tr("Filing counter..."), self.open_filing)
        help_menu = m.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("Self check..."), self.open_self_check)
        lang = m.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, label in (("zh", "中文"), ("en", "English")):
            act = QAction(label, self, checkable=True)
            act.setChecked(code == self.lang)
            act.triggered.connect(lambda _=False, c=code: self.language_requested.emit(c))
            group.addAction(act)
            lang.addAction(act)
        for act in (self.act_new, self.act_start, self.act_close):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_enrol)

    def _action(self, menu: Any, text: str, slot: Callable[[], Any],
                shortcut: Any = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(shortcut)
            act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        act.triggered.connect(lambda _=False: slot())
        menu.addAction(act)
        return act

    def _show_user(self) -> None:
        role = self.tr("Administrator") if self.user.is_admin else self.tr("Operator")
        self.user_label.setText(self.tr("Signed in: {name} ({role})").format(
            name=self.user.name, role=role))

    # ------------------------------------------------------------------ messages
    def show_error(self, exc: BaseException) -> None:
        """The one place errors are shown: a bar above the window's content."""
        self.last_error = exc
        self.message_bar.setText(str(exc))
        self.message_bar.setVisible(True)
        log.info("shown error: %s", exc)

    def show_info(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def confirm(self, title: str, text: str) -> bool:
        """Ask yes/no (tests replace this to avoid a modal box)."""
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------ sessions
    def reload_sessions(self, select: int | None = None) -> None:
        self.tasks.run(self.backend.sessions, lambda rows: self._fill_sessions(rows, select))

    def _fill_sessions(self, rows: list[SessionInfo], select: int | None) -> None:
        self.session_box.clear()
        status = {"planned": self.tr("planned"), "open": self.tr("open"),
                  "closed": self.tr("closed")}
        for s in rows:
            kind = self.tr("Exam") if s.kind == "exam" else self.tr("Class")
            self.session_box.addItem(f"{kind}: {s.title} [{status[s.status]}]", s.id)
        if not rows:
            return
        wanted = select
        if wanted is None:
            opened = [s.id for s in rows if s.status == "open"]
            wanted = opened[0] if opened else rows[0].id
        i = self.session_box.findData(wanted)
        self.session_box.setCurrentIndex(max(0, i))
        self.load_session(int(self.session_box.currentData()))

    def _session_picked(self, index: int) -> None:
        self.load_session(int(self.session_box.itemData(index)))

    def load_session(self, session_id: int) -> None:
        b = self.backend

        def fetch() -> dict[str, Any]:
            roster = b.roster(session_id)
            templates, ids = b.gallery_arrays()
            return {
                "session": b.session(session_id),
                "roster": roster, "templates": templates, "ids": ids,
                "other_rooms": b.exam_people(session_id),
                "elsewhere": b.exam_checkins(session_id), "threshold": b.threshold(),
                "settings": b.settings(),
                "references": {e.person.id: ref for e in roster
                               if (ref := b.reference_image(e.person.id)) is not None},
            }

        self.tasks.run(fetch, self._session_ready)

    def _session_ready(self, data: dict[str, Any]) -> None:
        self.session = data["session"]
        self.references = data["references"]
        self.cue_sound = bool(data["settings"].get("cue_sound", True))
        self.cue_visual = bool(data["settings"].get("cue_visual", True))
        self._show_session_info()
        self.recogniser.configure(templates=data["templates"], person_ids=data["ids"],
                                  roster={e.person.id for e in data["roster"]},
                                  other_rooms=data["other_rooms"],
                                  checked_elsewhere=data["elsewhere"],
                                  threshold=data["threshold"])
        self._set_roster(data["roster"])
        self.queue.clear()
        self.card.clear()
        self.session_loaded.emit(self.session.id)

    def _show_session_info(self) -> None:
        s = self.session
        late = s.late_after if s is not None else None
        if s is None or late is None:
            self.session_info.setText("")
            return
        start = s.starts_at or s.opened_at or ""
        self.session_info.setText(self.tr("Start {start}, late after {late}").format(
            start=start[11:16], late=late.strftime("%H:%M")))

    def refresh_roster(self) -> None:
        if self.session is None:
            return
        sid = self.session.id
        b = self.backend
        self.tasks.run(lambda: (b.roster(sid), b.exam_checkins(sid)), self._roster_fetched)

    def _roster_fetched(self, data: tuple[list[RosterEntry], dict[int, int]]) -> None:
        self._set_roster(data[0])
        self.recogniser.mark_elsewhere(data[1])

    def _set_roster(self, entries: list[RosterEntry]) -> None:
        self.entries = {e.person.id: e for e in entries}
        self.roster.set_entries(entries)
        if self._manual is not None:
            self._manual.entries = entries

    def new_session(self) -> None:
        self.tasks.run(self.backend.classes, self._new_session_dialog)

    def _new_session_dialog(self, classes: list[str]) -> None:
        from headcount.gui.sessions import NewSessionDialog

        dialog = NewSessionDialog(classes, self)
        if dialog.exec() != NewSessionDialog.DialogCode.Accepted:
            return
        v = dialog.values()
        self.tasks.run(lambda: self.backend.create_session(
            user=self.user, kind=v["kind"], name=v["name"], room=v["room"],
            class_name=v["class_name"], starts_at=v["starts_at"],
            late_minutes=v["late_minutes"]),
                       lambda s: self.reload_sessions(select=s.id))

    def start_session(self) -> None:
        if self.session is not None:
            sid = self.session.id
            self.tasks.run(lambda: self.backend.start_session(sid, user=self.user),
                           lambda s: self.reload_sessions(select=s.id))

    def close_session(self) -> None:
        if self.session is None:
            return
        if not self.confirm(self.tr("Close session"), self.tr(
                "Close {title}? No more check-ins will be accepted.").format(
                    title=self.session.title)):
            return
        sid = self.session.id
        self.tasks.run(lambda: self.backend.close_session(sid, user=self.user),
                       self._session_closed)

    def _session_closed(self, s: SessionInfo) -> None:
        self.reload_sessions(select=s.id)
        self.offer_report(s.id)

    def offer_report(self, session_id: int | None = None) -> Any:
        """The attendance report of a session: preview, print or save as PDF."""
        sid = session_id if session_id is not None else (
            self.session.id if self.session is not None else None)
        if sid is None:
            return None
        dialog = self.open_document("report", self.tr("Attendance report"), session_id=sid)
        self.report_offered.emit(dialog)
        return dialog

    def open_document(self, document: str, title: str, **params: Any) -> Any:
        from headcount.gui.printing import DocumentDialog

        dialog = DocumentDialog(self.backend, self.user, self.tasks, document, title,
                                lang=self.lang, parent=self, **params)
        dialog.open()
        return dialog

    def _build_print_menu(self, menu: Any) -> None:
        from headcount.gui.printing import PrintMenu

        self.print_menu = PrintMenu(self, menu)

    # ------------------------------------------------------------------ corrections
    def selected_entry(self) -> RosterEntry | None:
        return self.roster.selected_entry()

    def open_correction(self) -> Any:
        """Correct the selected person's status: who and why, kept beside the original."""
        from headcount.gui.correction import CorrectionDialog

        entry = self.selected_entry()
        if self.session is None or entry is None:
            self.show_info(self.tr("Select a person in the roster first."))
            return None
        dialog = CorrectionDialog(entry, self)
        dialog.accepted.connect(lambda: self.correct(entry.person.id, *dialog.values()))
        dialog.open()
        return dialog

    def correct(self, person_id: int, status: str, reason: str) -> None:
        if self.session is None:
            return
        sid, user = self.session.id, self.user
        self.tasks.run(lambda: self.backend.correct(sid, person_id, user=user, status=status,
                                                    reason=reason), self._corrected)

    def _corrected(self, c: Any) -> None:
        self.show_info(self.tr("Correction recorded by {by}: {reason}").format(
            by=c.by, reason=c.reason))
        self.corrected.emit(c)
        self.refresh_roster()

    def focus_search(self) -> None:
        self.roster.search.setFocus()
        self.roster.search.selectAll()

    # ------------------------------------------------------------------ daily purge
    def purge_if_new_day(self, force: bool = False) -> None:
        """Once a day the retention purge runs on the worker thread (never here)."""
        today = dt.date.today()
        if not force and self.last_purge == today:
            return
        self.last_purge = today
        self.tasks.run(self.backend.purge_if_due, self._purged)

    def _purged(self, receipt: dict[str, Any] | None) -> None:
        if receipt:
            self.show_info(self.tr("Retention purge: {n} template(s) deleted (receipt {id}).")
                           .format(n=receipt.get("templates_deleted", 0),
                                   id=receipt.get("receipt", "")))
            self.refresh_roster()
        self.purge_done.emit(receipt)

    # ------------------------------------------------------------------ feeds
    def _start_feeds(self, specs: list[Source], factory: Callable[[], Any] | None, loop: bool,
                     max_frames: int | None) -> None:
        for spec, view in zip(specs, self.views, strict=True):
            feed = Feed(spec, self.recogniser, view, mode=self.mode, analyser_factory=factory,
                        loop=loop, max_frames=max_frames, parent=self)
            feed.result.connect(self._on_feed_result)
            self.feeds.append(feed)
            feed.start()

    def stop_feeds(self) -> None:
        for feed in self.feeds:
            feed.stop()

    def _label_for(self, face: FaceOutcome) -> str:
        if face.kind == "unknown":
            return self.tr("Unknown")
        if face.kind == "unmatchable":
            return self.tr("Manual check")
        entry = self.entries.get(face.person_id) if face.person_id is not None else None
        if entry is not None:
            return entry.person.name
        return self.tr("Other room")

    def _on_feed_result(self, result: FeedResult) -> None:
        for face in result.faces:
            if face.person_id is None or face.kind not in ("roster", "elsewhere"):
                continue
            entry = self.entries.get(face.person_id)
            if entry is not None and entry.checkin is not None:
                continue  # already here: nothing to confirm
            if (face.track_id, face.person_id) in self.rejected:
                continue
            current = self.card.candidate
            if current is not None and current.person_id == face.person_id:
                continue
            if any(c.person_id == face.person_id for c in self.queue):
                continue
            self._propose(face, result, entry)

    def _propose(self, face: FaceOutcome, result: FeedResult, entry: RosterEntry | None) -> None:
        x1, y1, x2, y2 = (int(v) for v in face.box)
        h, w = result.rgb.shape[:2]
        mx, my = (x2 - x1) // 4, (y2 - y1) // 4
        crop = result.rgb[max(0, y1 - my):min(h, y2 + my), max(0, x1 - mx):min(w, x2 + mx)]
        pid = int(face.person_id)  # type: ignore[arg-type]
        warning = ""
        if entry is None:
            warning = self.tr("Not on this room's list (listed for another room of this exam). "
                              "Send the candidate to the right room.")
            name, number = self.tr("Person on another list"), ""
        else:
            name, number = entry.person.name, entry.person.number
            if face.kind == "elsewhere":
                warning = self.tr("Already checked in to another room of this exam.")
        c = Candidate(entry, pid, name, number, float(face.distance or 0.0),
                      self.recogniser.threshold, face.kind, face.track_id,
                      np.ascontiguousarray(crop), self.references.get(pid), warning)
        if self.card.candidate is None:
            self.card.show_candidate(c)
            self.candidate_shown.emit(c)
        else:
            self.queue.append(c)

    def _next_candidate(self) -> None:
        self.card.clear()
        while self.queue:
            c = self.queue.pop(0)
            e = self.entries.get(c.person_id)
            if e is None or e.checkin is None:
                self.card.show_candidate(c)
                self.candidate_shown.emit(c)
                return

    def confirm_candidate(self, c: Candidate) -> None:
        if self.session is None or c.entry is None:
            return
        sid, user, t = self.session.id, self.user, self.recogniser.threshold
        self.tasks.run(lambda: self.backend.check_in(sid, c.person_id, user=user, method="face",
                                                     score=c.distance, threshold=t),
                       self._checked_in)
        self._next_candidate()

    def reject_candidate(self, c: Candidate) -> None:
        self.rejected.add((c.track_id, c.person_id))
        self.show_info(self.tr("Not confirmed: use the Manual ID check (F2) for this person."))
        self._next_candidate()

    def _checked_in(self, c: CheckIn) -> None:
        entry = self.entries.get(c.person_id)
        name = entry.person.name if entry else str(c.person_id)
        how = self.tr("face") if c.method == "face" else self.tr("manual ID check")
        text = self.tr("{name} checked in ({how}).").format(name=name, how=how)
        if c.repeats:
            text = self.tr("{name} was already checked in.").format(name=name)
        if c.late:
            text += " " + self.tr("Late.")
        if c.flag == "elsewhere":
            text += " " + self.tr("Warning: also checked in to another room of this exam.")
        self.show_info(text)
        self.cue(c)
        self.message_bar.setVisible(False)
        self.checked_in.emit(c)
        self.refresh_roster()

    def cue(self, c: CheckIn) -> None:
        """The configured check-in cue: a beep and/or a short green flash."""
        if c.repeats:
            return
        if self.cue_sound:
            QApplication.beep()
        if self.cue_visual:
            self.roster.counts.setStyleSheet("background:#b8f0c8;")
            self._cue_timer.start()
        self.cue_shown.emit()

    # ------------------------------------------------------------------ manual ID check
    def open_manual_check(self) -> ManualCheckDialog:
        if self._manual is not None and self._manual.isVisible():
            self._manual.raise_()
            self._manual.search.setFocus()
            return self._manual
        dialog = ManualCheckDialog(list(self.entries.values()), self,
                                   on_check_in=self.manual_check_in)
        dialog.finished.connect(self._manual_closed)
        self._manual = dialog
        dialog.open()
        dialog.activateWindow()
        dialog.search.setFocus()
        return dialog

    def _manual_closed(self, _result: int) -> None:
        self._manual = None
        self.activateWindow()  # keys go back to the window: F2, Enter, Esc again

    def manual_check_in(self, person_id: int, reason: str) -> None:
        if self.session is None:
            return
        sid, user = self.session.id, self.user
        self.tasks.run(lambda: self.backend.check_in(sid, person_id, user=user,
                                                     method="manual", reason=reason),
                       self._checked_in)

    # ------------------------------------------------------------------ other screens
    def open_enrolment(self) -> Any:
        from headcount.gui.enrolment import EnrolmentDialog

        # Live enrolment takes frames from the running feed: the camera is never
        # opened a second time.
        dialog = EnrolmentDialog(self.backend, self.user, self.tasks, self,
                                 camera=self.feeds[0].tap if self.feeds else None)
        dialog.changed.connect(lambda: self.load_session(self.session.id)
                               if self.session else None)
        dialog.open()
        return dialog

    def open_sign_in(self) -> Any:
        from headcount.gui.admin import SignInDialog

        dialog = SignInDialog(self.backend, self.tasks, self)
        dialog.signed_in.connect(self.set_user)
        dialog.open()
        return dialog

    def open_users(self) -> Any:
        from headcount.gui.users import open_users

        return open_users(self)

    def open_change_password(self) -> Any:
        from headcount.gui.users import open_change_password

        return open_change_password(self)

    def set_user(self, user: User) -> None:
        self.user = user
        self._show_user()

    def open_settings(self) -> Any:
        from headcount.gui.admin import SettingsDialog

        dialog = SettingsDialog(self.backend, self.user, self.tasks, self)
        dialog.saved.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _settings_saved(self, changed: set[str]) -> None:
        self.show_info(self.tr("Settings saved."))
        if "language" in changed or "cameras" in changed:
            self.restart_requested.emit()
        elif self.session is not None:
            self.load_session(self.session.id)

    def open_audit(self) -> Any:
        from headcount.gui.admin import AuditDialog

        dialog = AuditDialog(self.backend, self.tasks, self)
        dialog.open()
        return dialog

    def open_filing(self) -> Any:
        from headcount.gui.admin import filing_text

        self.tasks.run(self.backend.filing,
                       lambda f: QMessageBox.information(self, self.tr("Filing counter"),
                                                         filing_text(f)))

    def open_self_check(self) -> Any:
        """Help > Self check (`headcount doctor` in a dialog, off the GUI thread)."""
        from headcount.gui.self_check import SelfCheckDialog

        station = getattr(self.backend, "st", None)
        keys = getattr(station, "keys", None)
        dialog = SelfCheckDialog(self, data_dir=getattr(station, "data_dir", None),
                                 key_dir=getattr(keys, "key_dir", None),
                                 probe_cameras=not self.feeds)
        dialog.show()
        return dialog

    def _tab_order(self) -> None:
        """Keyboard-only operation: session, Manual ID check, card, roster search, table."""
        chain = [self.session_box, self.manual_button, self.card.confirm, self.card.reject,
                 self.roster.search, self.roster.table, self.roster.correct_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # ------------------------------------------------------------------ shutdown
    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.purge_timer.stop()
        self.stop_feeds()
        self.tasks.shutdown()
        super().closeEvent(event)

