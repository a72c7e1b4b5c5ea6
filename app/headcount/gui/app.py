"""Start the window: backend, sign-in, language switching, headless runs, screenshots."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from headcount.gui.backend import User
from headcount.gui.camera_view import Source
from headcount.gui.latency import LatencyProbe
from headcount.gui.main_window import MainWindow
from headcount.gui.qt import make_app, set_language
from headcount.gui.run_meter import RunMeter
from headcount.store import logfile

if TYPE_CHECKING:
    from headcount.gui.station_backend import StationBackend

log = logging.getLogger(__name__)


@dataclass
class WindowOptions:
    feeds: list[Source] = field(default_factory=lambda: ["demo:"])
    mode: str = "entrance"
    feed_modes: list[str] | None = None  # one per feed (the cameras setting); else ``mode``
    frames: int | None = None  # stop after N frames per feed and quit (headless runs)
    headless: bool = False  # quit when every feed has ended, printing figures (soak)
    screenshots: Path | None = None  # save the main screens here, then quit
    loop: bool = True
    lang: str = "zh"
    enrol_demo: bool = False
    cameras_from_settings: bool = False  # take the feeds from the station's settings


class Controller(QObject):
    """Owns the backend and the current window; rebuilds the window to switch language.

    It also starts the station's diagnostic log (store/logfile.py): an unhandled error
    in any thread is written there and said in the window's status bar; the window goes
    on (a slot that raised has only lost its own event)."""

    unhandled = Signal(str)  # from any thread: shown on the GUI thread

    def __init__(self, backend: StationBackend, user: User, options: WindowOptions) -> None:
        super().__init__()
        self.backend, self.user, self.options = backend, user, options
        self.window: MainWindow | None = None
        self.probe = LatencyProbe(parent=self)
        self.meter = RunMeter(self.probe)
        self.stats: dict[str, Any] = {}
        self.log_file = logfile.start(backend.folders()[0])
        self.unhandled.connect(self._show_unhandled)
        self.listener = self.unhandled.emit  # one object: removed when the loop ends
        logfile.listeners.append(self.listener)

    def _show_unhandled(self, line: str) -> None:
        if self.window is not None:
            self.window.show_info(self.tr(
                "An internal error was written to {log}; the window goes on ({line}).").format(
                    log=self.log_file, line=line))

    def show(self, session_id: int | None = None) -> MainWindow:
        o = self.options
        loop = o.loop if o.frames is None else True
        w = MainWindow(self.backend, self.user, feeds=list(o.feeds), session_id=session_id,
                       mode=o.mode, feed_modes=o.feed_modes, loop=loop and not o.headless,
                       max_frames=o.frames, lang=o.lang)
        w.language_requested.connect(self.switch_language)
        w.restart_requested.connect(self.restart)
        w.show()
        self.window = w
        notice = self.backend.password_notice
        if notice:  # signed in with a too-short password: asked to change it now
            self.backend.password_notice = None
            w.show_info(notice)
            w.open_change_password()
        if o.enrol_demo:
            o.enrol_demo = False
            self._enrol_demo(w)
        return w

    def _enrol_demo(self, w: MainWindow) -> None:
        from headcount.gui.demo import enrol_demo_faces

        def done(n: int) -> None:
            w.show_info(self.tr("Demo: {n} faces enrolled.").format(n=n))
            if w.session is not None:
                w.load_session(w.session.id)

        w.tasks.run(lambda: enrol_demo_faces(self.backend), done)

    def restart(self) -> None:
        """Settings changed the cameras or the language: rebuild the window on them."""
        w = self.window
        if w is None:
            return

        def apply(s: dict[str, Any]) -> None:
            from headcount.gui.camera_view import sources_from_settings

            if self.options.cameras_from_settings:
                self.options.feeds, self.options.feed_modes = sources_from_settings(
                    s.get("camera_sources", s.get("cameras", [])))
            self.switch_language(str(s.get("language", self.options.lang)))

        w.tasks.run(self.backend.settings, apply)

    def switch_language(self, lang: str) -> None:
        old = self.window
        sid = old.session.id if old is not None and old.session is not None else None
        self.user = old.user if old is not None else self.user
        if old is not None:
            old.close()
            old.deleteLater()
        self.options.lang = set_language(lang)
        self.show(session_id=sid)

    def _first_result(self, _result: Any) -> None:
        w = self.window
        if w is not None and w.feeds:
            w.feeds[0].result.disconnect(self._first_result)
        self.meter.begin()

    # -- headless: run the feeds to their end, print figures, quit ---------------------
    def run_frames(self, app: QApplication, quiet: bool = False) -> None:
        w = self.window
        assert w is not None
        if w.feeds:
            w.feeds[0].result.connect(self._first_result)
        else:
            self.meter.begin()

        def check() -> None:
            if w.feeds and any(f.running for f in w.feeds):
                return
            timer.stop()
            memory.stop()
            self.stats = self.meter.report(w.feeds)
            self.stats.update({
                "checked_in": sum(1 for e in w.entries.values() if e.checkin is not None),
                # A match is a proposal: nothing is recorded until the operator confirms.
                "proposals": w.proposals_made,
                "awaiting_confirmation": w.awaiting_confirmation,
            })
            frame = w.roll_call.classroom_frame()
            if frame is not None and w.session is not None:
                # A classroom camera proposes by roll call: one proposal on its last frame.
                sid, user = w.session.id, w.user
                w.tasks.run(lambda: w.backend.roll_call(sid, frame, user=user),
                            lambda p: finish(len(p.matches)), lambda exc: finish(0, exc))
            else:
                finish(0)

        def finish(roll_call: int, exc: BaseException | None = None) -> None:
            ok = self.stats["finished"] and not self.stats["refcount_falls"]
            try:
                if exc is not None:
                    print(f"roll call: {exc}", file=sys.stderr)
                self.stats["proposals"] += roll_call
                self.stats["awaiting_confirmation"] += roll_call
                if not quiet:
                    print(json.dumps(self.stats, ensure_ascii=False), flush=True)
                    print(proposals_line(self.stats), file=sys.stderr)
                if self.options.screenshots is not None:
                    save_screenshots(w, self.options.screenshots, self.options.lang)
            except Exception:  # a closed pipe, a full disk: report and still end the run
                log.exception("the headless run could not report")
                ok = False
            finally:
                # However reporting went, the run ends: a headless demo never hangs.
                w.close()
                app.exit(0 if ok else 1)

        timer = QTimer(self)
        timer.timeout.connect(check)
        timer.start(100)
        memory = QTimer(self)
        memory.timeout.connect(self.meter.sample_memory)
        memory.start(60_000)


def proposals_line(stats: dict[str, Any]) -> str:
    """The headless run's one human line (both languages): matches are proposals."""
    n, wait, done = stats["proposals"], stats["awaiting_confirmation"], stats["checked_in"]
    return (f"{n} match proposal(s) made, {wait} awaiting the operator's confirmation, "
            f"{done} checked in (a match is only recorded once a person confirms it).\n"
            f"共提出 {n} 条比对建议，{wait} 条等待操作员确认，已签到 {done} 人"
            "（比对结果须经人工确认后才会记录）。")


def _settle(until: Any = None, seconds: float = 5.0) -> None:
    """Let Qt lay out and paint (screenshots only): events until ``until()`` or timeout."""
    app = QApplication.instance()
    deadline = time.monotonic() + seconds
    for _ in range(5):
        app.processEvents()  # type: ignore[union-attr]
    while until is not None and not until() and time.monotonic() < deadline:
        app.processEvents()  # type: ignore[union-attr]
        time.sleep(0.02)


def _save_small(widget: Any, path: Path) -> Path:
    """A PNG of the widget, reduced to a 256-colour palette (small in the repository).
    Written owner-only from the first byte: a live feed in it shows people's faces."""
    import io

    from PySide6.QtCore import QBuffer, QIODevice

    from headcount.store.private_files import write_private

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    data = bytes(buffer.data().data())
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            small = img.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
        out = io.BytesIO()
        small.save(out, "PNG", optimize=True)
        data = out.getvalue()
    except ImportError:  # Pillow comes with matplotlib (tests); a full PNG is fine too
        pass
    write_private(path, data)
    return path


def save_screenshots(w: MainWindow, folder: Path, lang: str) -> list[Path]:
    """Main window, Manual ID check, enrolment, the attendance report's print preview and
    the first-run wizard's notice page, as small PNGs named ``NAME-LANG.png``."""
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    out = []

    def grab(widget: Any, name: str) -> None:
        _settle()
        out.append(_save_small(widget, folder / f"{name}-{lang}.png"))

    grab(w, "main-window")
    dialog = w.open_manual_check()
    dialog.search.setText(dialog.entries[2].person.name[:1] if len(dialog.entries) > 2 else "")
    grab(dialog, "manual-check")
    dialog.close()
    enrol = w.open_enrolment()
    _settle(lambda: enrol.people)
    enrol.select_person("2025009")
    grab(enrol, "enrolment")
    enrol.close()
    if w.session is not None:
        title = QCoreApplication.translate("MainWindow", "Attendance report")
        doc = w.open_document("report", title, session_id=w.session.id)
        _settle(lambda: doc.result is not None, 20)
        grab(doc, "report-dialog")
        preview = doc.preview()
        if preview is not None:
            preview.resize(900, 700)
            _settle(seconds=1)
            grab(preview, "report-preview")
            preview.close()
        doc.close()
    from headcount.gui.wizard import FirstRunWizard

    with tempfile.TemporaryDirectory() as tmp:
        wizard = FirstRunWizard(Path(tmp) / "station", lang=lang, use_keyring=False)
        wizard.show()
        example = ("实验中学", "教务处 010-1234 5678") if lang == "zh" else (
            "Riverside Middle School", "Academic Office, 010-1234 5678")
        wizard.school_page.school.setText(example[0])
        wizard.school_page.contact.setText(example[1])
        grab(wizard, "first-run-school")
        wizard.next()
        for e in (wizard.admin_page.password, wizard.admin_page.again):
            e.setText("example")
        wizard.next()
        wizard.next()
        grab(wizard, "first-run-notice")
        wizard.close()
        wizard.tasks.shutdown()
    return out


def run(backend: StationBackend, user: User, options: WindowOptions,
        figures: dict[str, Any] | None = None) -> int:
    """The window until it closes; a headless run prints its figures, or puts them in
    ``figures`` when given."""
    app = make_app(lang=options.lang)
    options.lang = set_language(options.lang)
    controller = Controller(backend, user, options)
    controller.show()
    if options.frames is not None or options.headless:
        controller.run_frames(app, quiet=figures is not None)
    code = _exec(app, controller)
    if figures is not None:
        figures.update(controller.stats)
    return code


def _forget(listener: Any) -> None:
    with contextlib.suppress(ValueError):
        logfile.listeners.remove(listener)


def _exec(app: QApplication, controller: Controller) -> int:
    try:
        return int(app.exec())
    finally:
        # However the loop ended: the window's task thread ends (closeEvent joins it)
        # before the caller closes the station on its own thread.
        if controller.window is not None:
            controller.window.close()
        _forget(controller.listener)


def sign_in(backend: StationBackend) -> User | None:
    """Ask for user and password before the window opens (roles decide what it allows)."""
    from headcount.gui.admin import SignInDialog
    from headcount.gui.tasks import TaskManager

    tasks = TaskManager()
    backend.hand_over()  # to the dialog's task thread (ended by shutdown() below)
    dialog = SignInDialog(backend, tasks)
    users: list[User] = []
    dialog.signed_in.connect(users.append)
    dialog.exec()
    tasks.shutdown()
    return users[0] if users else None


def run_station(station: Any, user: User | None, options: WindowOptions) -> int:
    """The window on a station; signs in first unless ``user`` is given. The feeds are
    the station's cameras (settings) unless ``options.feeds`` names some."""
    from headcount.gui.station_backend import StationBackend

    app = make_app(lang=options.lang)
    options.lang = set_language(options.lang)
    backend = StationBackend(station)
    if options.cameras_from_settings:
        from headcount.gui.camera_view import sources_from_settings

        s = backend.settings()  # camera_sources: the addresses with their passwords
        options.feeds, options.feed_modes = sources_from_settings(
            s.get("camera_sources", s.get("cameras", [])))
    if user is None:
        user = sign_in(backend)
        if user is None:
            return 1
    controller = Controller(backend, user, options)
    controller.show()
    if options.frames is not None or options.headless:
        controller.run_frames(app)
    return _exec(app, controller)


def first_run(data_dir: Path, lang: str, *, use_keyring: bool | None = None) -> Any:
    """The first-run wizard; returns the new, open Station (None if cancelled)."""
    from headcount.gui.wizard import FirstRunWizard

    make_app(lang=lang)
    wizard = FirstRunWizard(data_dir, lang=lang, use_keyring=use_keyring)
    wizard.exec()
    wizard.tasks.shutdown()
    if wizard.station is not None:
        remember_data_dir(wizard.data_dir)
        set_language(wizard.language)
    return wizard.station


def remember_data_dir(folder: Path) -> None:
    """The window finds a station in a non-default folder next time (QSettings)."""
    from PySide6.QtCore import QSettings

    QSettings("Headcount", "Headcount").setValue("data_dir", str(folder))


def remembered_data_dir() -> Path | None:
    from PySide6.QtCore import QSettings

    value = QSettings("Headcount", "Headcount").value("data_dir")
    return Path(str(value)) if value else None


def demo_backend(lang: str, folder: Path | None = None) -> Any:
    """The demo station (a real one, in the per-user demo folder unless ``folder``)."""
    from headcount.gui.demo import build_demo_backend, demo_folder

    return build_demo_backend(folder or demo_folder(lang), lang)
