"""One task manager: database work off the GUI thread, results back by signal.

Like Anki's ``aqt/taskman.py``: a single-worker executor runs station operations in
order (one writer, so SQLite never sees two writers from this process); each result
or error is handed back to the GUI thread through a queued signal, and every error
ends up in one place (``error`` signal -> the main window's message area).
The functions run here never touch a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], object]
Failed = Callable[[BaseException], None]


class TaskManager(QObject):
    """``run(fn, on_done=..., on_error=...)``; callbacks run on the GUI thread."""

    # (callback, value) pairs crossing from the worker to the GUI thread.
    _finished = Signal(object)
    error = Signal(object)  # BaseException: shown by the window in one place
    busy_changed = Signal(bool)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="headcount-db")
        self._pending = 0
        self._finished.connect(self._deliver)

    @property
    def pending(self) -> int:
        return self._pending

    def run(self, fn: Callable[[], Any], on_done: Done | None = None,
            on_error: Failed | None = None) -> Future[Any]:
        """Run ``fn()`` on the database worker; ``on_done(result)`` later on this thread.

        Errors go to ``on_error`` if given, else to the ``error`` signal.
        """
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        future = self._pool.submit(fn)
        future.add_done_callback(lambda f: self._finished.emit((f, on_done, on_error)))
        return future

    @Slot(object)
    def _deliver(self, item: tuple[Future[Any], Done | None, Failed | None]) -> None:
        future, on_done, on_error = item
        self._pending -= 1
        try:
            exc = future.exception()
            if exc is not None:
                log.info("task failed: %s", exc)
                if on_error is not None:
                    on_error(exc)
                else:
                    self.error.emit(exc)
            elif on_done is not None:
                try:
                    on_done(future.result())
                except Exception as cb_exc:  # a bug in a callback: still shown, not lost
                    log.exception("task callback failed")
                    self.error.emit(cb_exc)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)
                self.idle.emit()

    def shutdown(self) -> None:
        """Finish queued writes (they are short) and stop the worker."""
        self._pool.shutdown(wait=True)


class GeneratorWorker(QObject):
    """Long model work (photo-folder enrolment) as a generator in its own QThread.

    napari-style: the generator's values come back by ``yielded``; ``errored`` and
    ``finished`` end it; ``quit()`` asks it to stop at its next ``yield``. It does no
    database writes itself: the GUI hands what it yields to the TaskManager.
    """

    yielded = Signal(object)
    errored = Signal(object)
    finished = Signal()

    def __init__(self, make_generator: Callable[[], Any]) -> None:
        super().__init__()
        from PySide6.QtCore import QThread

        self._make = make_generator
        self._quit = False
        self.qthread = QThread()
        self.moveToThread(self.qthread)
        self.qthread.started.connect(self._run)
        self.finished.connect(self.qthread.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        self.qthread.start()

    def quit(self) -> None:
        self._quit = True

    def wait(self, ms: int = 10000) -> bool:
        return self.qthread.wait(ms)

    @Slot()
    def _run(self) -> None:
        try:
            for value in self._make():
                self.yielded.emit(value)
                if self._quit:
                    break
        except Exception as exc:
            self.errored.emit(exc)
        finally:
            self.finished.emit()
