"""The exam-office link in the window: the sync loop's thread, its state in the status
bar, and duplicates across rooms where the eye is (a banner over the roster, the row).

The loop (office/link.py) runs in a ``GeneratorWorker`` thread with its own SQLite
connection: never on the GUI thread, never on the task thread that records check-ins
(docs/ARCHITECTURE.md, "Threads"). Its states come back by signal to the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from headcount.gui.tasks import GeneratorWorker


class LinkStatus(QLabel):
    """The link's state, in the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkStatus")
        self.setContentsMargins(8, 0, 8, 0)
        self.state: dict[str, Any] = {"state": "not_linked", "waiting": 0}
        self.show_state(self.state)

    def text_for(self, s: dict[str, Any]) -> str:
        n = int(s.get("waiting", 0))
        if s["state"] == "up_to_date":
            return self.tr("Exam office: linked, up to date")
        if s["state"] == "waiting":
            return self.tr("Exam office: linked, {n} waiting").format(n=n)
        if s["state"] == "stopped":
            return self.tr("Exam office: sync stopped: {error}").format(
                error=s.get("error", ""))
        if s["state"] == "unreachable":
            return self.tr("Exam office: server unreachable since {time}, {n} waiting "
                           "(check-ins go on)").format(time=s.get("since", ""), n=n)
        return self.tr("Exam office: not linked")

    def show_state(self, s: dict[str, Any]) -> None:
        self.state = s
        self.setText(self.text_for(s))
        self.setToolTip(str(s.get("error", "")))
        self.setStyleSheet("color:#8a1010;font-weight:bold;"
                           if s["state"] in ("unreachable", "stopped") else "")


class DuplicateBanner(QLabel):
    """Numbers of this session also checked in in another room of the same exam."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateBanner")
        self.setWordWrap(True)
        self.setStyleSheet("background:#b00020;color:white;font-weight:bold;padding:6px;")
        self.setVisible(False)

    def show_numbers(self, elsewhere: dict[str, list[str]]) -> None:
        items = [self.tr("{number} (room {rooms})").format(number=n, rooms=", ".join(r))
                 for n, r in sorted(elsewhere.items())]
        self.setText(self.tr("Also checked in in another room of this exam (possible "
                             "impersonation): {items}. Check their ID.").format(
                                 items="; ".join(items)))
        self.setVisible(bool(items))


def for_session(duplicates: list[dict[str, Any]], session_id: int | None) -> dict[str, list[str]]:
    """number -> the other rooms, for this session's numbers."""
    return {d["number"]: list(d["other_rooms"]) for d in duplicates
            if session_id is not None and d["session_ref"] == session_id}


class LinkSync(QObject):
    """The loop's thread; ``state`` arrives on the GUI thread after each cycle."""

    state = Signal(object)

    def __init__(self, loop: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loop = loop
        self.worker = GeneratorWorker(loop.states)
        self.worker.yielded.connect(self.state.emit)
        self.worker.errored.connect(  # a bug, not the server: said, not hidden
            lambda exc: self.state.emit({"state": "stopped", "error": str(exc)}))

    def start(self) -> None:
        self.worker.start()

    def poke(self) -> None:
        self.loop.poke()

    def stop(self) -> None:
        """Ends the loop; waits at most for a connect timeout in progress. (Not
        ``worker.quit()``: the generator must end by itself, so that its connection is
        closed on its own thread.)"""
        self.loop.stop()
        self.worker.wait(15000)


class LinkView(QObject):
    """The window's part of the link: the status label, the banner over the roster,
    the marked rows; a check-in asks for a sync at once."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.status = LinkStatus()
        window.statusBar().addPermanentWidget(self.status)
        self.banner = DuplicateBanner()
        window.roster.layout().insertWidget(0, self.banner)  # over the counts and rows
        self.duplicates: list[dict[str, Any]] = []
        self.sync: LinkSync | None = None
        self.closed = False
        window.session_loaded.connect(lambda _sid: self.show_duplicates())
        window.checked_in.connect(lambda _c: self.poke())

    def start(self, period: float) -> None:
        backend = self.w.backend
        self.w.tasks.run(lambda: backend.link_loop(period), self._started)

    def _started(self, loop: Any) -> None:
        if loop is None or self.closed:  # no template key, or the window already closed
            return
        self.sync = LinkSync(loop, self)
        self.sync.state.connect(self._state)
        self.sync.start()

    def _state(self, s: dict[str, Any]) -> None:
        self.status.show_state(s)
        self.duplicates = s.get("duplicates", self.duplicates)
        self.show_duplicates()

    def show_duplicates(self) -> None:
        session = self.w.session
        mine = for_session(self.duplicates, session.id if session is not None else None)
        self.banner.show_numbers(mine)
        self.w.roster.model.set_elsewhere(mine)

    def poke(self) -> None:
        if self.sync is not None:
            self.sync.poke()

    def stop(self) -> None:
        self.closed = True
        if self.sync is not None:
            self.sync.stop()
            self.sync = None
