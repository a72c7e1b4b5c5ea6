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
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
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

from headcount.attendance.candidates import CandidateQueue
from headcount.gui.backend import CheckIn, RosterEntry, SessionInfo, User
from headcount.gui.camera_view import Feed, FeedView, Source, source_name
from headcount.gui.candidate_card import Candidate, CandidateCard
from headcount.gui.desk import CandidateDesk
from headcount.gui.link_status import LinkView
from headcount.gui.manual_check import ManualCheckDialog
from headcount.gui.recognise import Recogniser
from headcount.gui.result_banner import ResultBanner
from headcount.gui.roster import RosterPanel
from headcount.gui.tasks import TaskManager
from headcount.store.receipts import PurgeReceipt

if TYPE_CHECKING:
    from headcount.gui.station_backend import StationBackend

log = logging.getLogger(__name__)
TITLE_BAR_ROOM = 60  # px a window manager may add above the window (title bar, borders)


class MainWindow(QMainWindow):
    session_loaded = Signal(int)
    checked_in = Signal(object)  # CheckIn
    language_requested = Signal(str)
    restart_requested = Signal()  # cameras or language changed in the settings
    candidate_shown = Signal(object)  # Candidate
    report_offered = Signal(object)  # DocumentDialog for the closed session's report
    corrected = Signal(object)  # Correction
    purge_done = Signal(object)  # the PurgeReceipt, or None when nothing was due
    cue_shown = Signal()
    roll_call_shown = Signal(object)  # RollCallDialog (gui/roll_call.py)
    roll_call_done = Signal(object)  # the confirmed roll call (RollCallConfirmed)

    PURGE_CHECK_MS = 10 * 60 * 1000  # look every 10 minutes; purge once a day
    LINK_SYNC_S = 5.0  # the exam-office sync's period (gui/link_status.py)
    def __init__(self, backend: StationBackend, user: User, *, feeds: list[Source] | None = None,
                 session_id: int | None = None, mode: str = "entrance",
                 feed_modes: list[str] | None = None,
                 analyser_factory: Callable[[], Any] | None = None, loop: bool = True,
                 max_frames: int | None = None, lang: str = "en") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.backend = backend
        self.user = user
        self.lang = lang
        self.mode = mode
        # Each camera's mode (settings): entrance desk or classroom (roll call).
        self.feed_modes = list(feed_modes or [mode] * len(feeds or []))
        self.tasks = TaskManager(self)
        self.tasks.error.connect(self.show_error)
        backend.hand_over()  # from here on only self.tasks' thread uses the station
        self.recogniser = Recogniser()
        self.session: SessionInfo | None = None
        self.entries: dict[int, RosterEntry] = {}
        self.references: dict[int, np.ndarray] = {}
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
        self.card.setFocus()
        self._cue_timer = QTimer(self)  # ends the visual cue (dies with the window)
        self._cue_timer.setSingleShot(True)
        self._cue_timer.setInterval(700)
        self._cue_timer.timeout.connect(lambda: self.roster.counts.setStyleSheet(""))
        self.purge_timer = QTimer(self)
        self.purge_timer.setInterval(self.PURGE_CHECK_MS)
        self.purge_timer.timeout.connect(self.purge_if_new_day)
        self.purge_timer.start()
        self.link = LinkView(self)  # the exam office: syncs on its own thread
        self.link.start(self.LINK_SYNC_S)
        # 1280x800 where that fits with its title bar; else (150 % on a 1080p screen is
        # 1280x720 logical, less the taskbar) maximised, so the window manager fits the
        # frame to the free area and the status bar is never cut off at the bottom.
        avail = self.screen().availableGeometry()
        self.resize(min(1280, avail.width()), min(800, avail.height()))
        if avail.width() < 1280 + 16 or avail.height() < 800 + TITLE_BAR_ROOM:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

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
            view = FeedView(self.tr("Feed {n}: {source}").format(n=i + 1,
                                                                 source=source_name(spec)),
                            lambda face: self.desk.label_for(face),
                            colour_for=lambda face: self.desk.colour_for(face))
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
        feed_area = QWidget()
        feed_area.setLayout(grid)
        lv.addWidget(feed_area, 1)
        lv.addWidget(self.card)
        self.result_banner = ResultBanner(feed_area)
        # The core's candidate queue behind the card (expiry, closed session, other
        # room, duplicate); the desk only shows what it decides.
        self.desk = CandidateDesk(self.card, self.result_banner, self)
        self.desk.shown.connect(self.candidate_shown)
        self.roster = RosterPanel()
        self.roster.correct_button.clicked.connect(self.open_correction)
        # Esc in the search returns to the card (a key event, not a shortcut: it acts
        # only when the search itself gets the key).
        self.roster.search.installEventFilter(self)
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
        from headcount.gui import empty_state

        self.content_stack, self.empty_state = empty_state.install(self, split)
        cv.addWidget(self.content_stack, 1)
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
        self._action(session, self.tr("Run this session without the camera"),
                     self.run_without_camera)
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
        from headcount.gui.roll_call import RollCall

        self.roll_call = RollCall(self, check)  # classroom roll call (Ctrl+R)
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
        self._action(admin, self.tr("Impact assessment done and signed..."),
                     self.record_assessment)
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
        if "classroom" in self.feed_modes:
            self.toolbar.addAction(self.roll_call.action)

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
        from headcount.gui.empty_state import show_if_empty

        show_if_empty(self, rows)  # a fresh station says what to do next
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
            gallery = b.session_gallery(session_id)  # the core's one path (C1)
            on_list = {e.person.id for e in roster}
            others = {pid: b.person(pid) for pid in
                      set(gallery.other_rooms) | set(gallery.checked_elsewhere)
                      if pid not in on_list}
            return {
                "session": b.session(session_id),
                "roster": roster, "gallery": gallery,
                "other_rooms": dict(gallery.other_rooms),
                "rooms": {s.id: s.room or s.name for s in b.sessions()},
                "others": {pid: (p.name, p.number) for pid, p in others.items()},
                "elsewhere": dict(gallery.checked_elsewhere),
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
        if self.session.camera_off:  # nobody is analysed: feeds stop, manual checks only
            self.stop_feeds()
            for view in self.views:
                view.set_banner(self.tr("No camera in this session (the teacher's choice): "
                                        "use the Manual ID check (F2)."))
        # A session without camera has an empty list to match (the core's rule).
        self.recogniser.configure(data["gallery"])
        self._set_roster(data["roster"])
        # Nothing is proposed unless the session is open (not before its start).
        self.desk.configure(session_open=self.session.status == "open",
                            entries=data["roster"], other_rooms=data["other_rooms"],
                            elsewhere=data["elsewhere"], rooms=data["rooms"],
                            others=data["others"], references=self.references,
                            threshold=self.recogniser.threshold, gap=self.recogniser.gap)
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
        self.desk.update(data[0], data[1])

    def _set_roster(self, entries: list[RosterEntry]) -> None:
        self.entries = {e.person.id: e for e in entries}
        closed = self.session is not None and self.session.status == "closed"
        self.roster.set_entries(entries, closed=closed)
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
            late_minutes=v["late_minutes"], candidate_file=v["candidate_file"],
            invigilators=v["invigilators"]),
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

    def run_without_camera(self) -> None:
        """The teacher's choice (Measures art. 10): no face in the room is analysed."""
        if self.session is not None:
            sid = self.session.id
            self.tasks.run(lambda: self.backend.camera_off(sid, user=self.user),
                           lambda s: self.load_session(s.id))

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

    def focus_card(self) -> None:
        """Esc in the roster search: back to the candidate card (where Enter confirms)."""
        self.card.setFocus()

    def eventFilter(self, watched: QObject, event: Any) -> bool:  # noqa: N802
        if (watched is self.roster.search and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape):
            self.focus_card()
            return True
        return bool(super().eventFilter(watched, event))

    # ------------------------------------------------------------------ daily purge
    def purge_if_new_day(self, force: bool = False) -> None:
        """Once a day the retention purge runs on the worker thread (never here)."""
        today = dt.date.today()
        if not force and self.last_purge == today:
            return
        self.last_purge = today
        self.tasks.run(self.backend.purge_if_due, self._purged)

    def _purged(self, receipt: PurgeReceipt | None) -> None:
        if receipt:
            self.show_info(self.tr("Retention purge: {n} template(s) deleted (receipt {id}).")
                           .format(n=receipt.templates_deleted, id=receipt.receipt))
            self.refresh_roster()
        self.purge_done.emit(receipt)

    # ------------------------------------------------------------------ feeds
    def _start_feeds(self, specs: list[Source], factory: Callable[[], Any] | None, loop: bool,
                     max_frames: int | None) -> None:
        for spec, view, mode in zip(specs, self.views, self.feed_modes, strict=True):
            feed = Feed(spec, self.recogniser, view, mode=mode, analyser_factory=factory,
                        loop=loop, max_frames=max_frames, parent=self)
            if mode != "classroom":  # a classroom camera proposes by roll call (Ctrl+R)
                feed.result.connect(self.desk.on_feed_result)
            self.feeds.append(feed)
            feed.start()

    def stop_feeds(self) -> None:
        for feed in self.feeds:
            feed.stop()

    @property
    def candidates(self) -> CandidateQueue:
        """The core's queue behind the card (what is proposed, what may be confirmed)."""
        return self.desk.queue

    @property
    def proposals_made(self) -> int:
        """Matches offered for a decision so far (headless demo figures)."""
        return self.desk.queue.proposed

    @property
    def awaiting_confirmation(self) -> int:
        """Proposals on the card or waiting that no one has confirmed or dismissed yet."""
        return self.desk.queue.awaiting()

    def confirm_candidate(self, c: Candidate) -> None:
        # The core refuses a stale, other-room or duplicate proposal, whatever the card.
        if self.session is None or c.entry is None or not self.desk.accept(c):
            return
        sid, user, t = self.session.id, self.user, self.recogniser.threshold
        self.tasks.run(lambda: self.backend.check_in(sid, c.person_id, user=user, method="face",
                                                     score=c.distance, threshold=t),
                       self._checked_in)

    def reject_candidate(self, c: Candidate) -> None:
        self.desk.reject(c)
        if c.kind == "confirm":
            self.show_info(self.tr("Not confirmed: use the Manual ID check (F2) for this "
                                   "person."))

    def _checked_in(self, c: CheckIn) -> None:
        entry = self.entries.get(c.person_id)
        name = entry.person.name if entry else str(c.person_id)
        seat = self.tr("Seat {seat}").format(seat=entry.seat) if entry and entry.seat else ""
        how = self.tr("face") if c.method == "face" else self.tr("manual ID check")
        text = self.tr("{name} checked in ({how}).").format(name=name, how=how)
        detail = self.tr("Checked in ({how})").format(how=how)
        tone = "ok"
        if c.repeats:
            text = self.tr("{name} was already checked in.").format(name=name)
            detail = self.tr("Already checked in at {time}: not counted twice").format(
                time=c.ts[11:16])
            tone = "repeat"
        if c.late:
            text += " " + self.tr("Late.")
            detail += " · " + self.tr("Late")
        if c.flag == "elsewhere":
            text += " " + self.tr("Warning: also checked in to another room of this exam.")
            detail += " · " + self.tr("also checked in to another room")
            tone = "repeat"
        self.show_info(text)
        headline = f"{name} · {seat}" if seat else name
        self.result_banner.show_result(headline, detail, tone)
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

        dialog = AuditDialog(self.backend, self.user, self.tasks, self)
        dialog.open()
        return dialog

    def open_filing(self) -> Any:
        from headcount.gui.admin import filing_text

        self.tasks.run(self.backend.filing,
                       lambda f: QMessageBox.information(self, self.tr("Filing counter"),
                                                         filing_text(f)))

    def record_assessment(self) -> None:
        """Measures art. 9: an administrator records the completed, signed assessment."""
        if self.confirm(self.tr("Impact assessment"), self.tr(
                "Record that the printed impact assessment was completed and signed today?")):
            self.tasks.run(lambda: self.backend.record_assessment(user=self.user),
                           lambda r: self.show_info(self.tr(
                               "Impact assessment recorded as done on {day}.").format(
                                   day=r.on.isoformat())))

    def open_self_check(self) -> Any:
        """Help > Self check (`headcount doctor` in a dialog, off the GUI thread)."""
        from headcount.gui.self_check import SelfCheckDialog

        data_dir, key_dir = self.backend.folders()
        dialog = SelfCheckDialog(self, data_dir=data_dir, key_dir=key_dir,
                                 probe_cameras=not self.feeds)
        dialog.show()
        return dialog

    def _tab_order(self) -> None:
        """Keyboard-only operation: session, Manual ID check, card, roster search, table.
        The card starts with the focus (Enter confirms there, nowhere else)."""
        chain = [self.session_box, self.manual_button, self.card,
                 self.roster.search, self.roster.table, self.roster.correct_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # ------------------------------------------------------------------ shutdown
    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.purge_timer.stop()
        self.desk.timer.stop()
        self.stop_feeds()
        self.link.stop()
        self.tasks.shutdown()
        super().closeEvent(event)

