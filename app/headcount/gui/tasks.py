"""One task manager: database work off the GUI thread, results back by signal.

Like Anki's ``aqt/taskman.py``: a single-worker executor runs station operations in
order (one writer, so SQLite never sees two writers from this process); each result
or error is handed back to the GUI thread through a queued signal, and every error
ends up in one place (``error`` signal -> the main window's message area).
The functions run here never touch a widget.

Threads (docs/ARCHITECTURE.md): the station's SQLite connection is used only by this
worker thread (store/db.py raises ``WrongThread`` otherwise); ``run`` is called, and
its callbacks run, on the GUI thread only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, SignalInstance, Slot

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
        self._worker: threading.Thread | None = None  # the one thread that runs tasks
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="headcount-db",
                                        initializer=self._started)
        self._pending = 0
        # Queued even when a task ends before run() returns: callbacks never re-enter.
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return self._pending

    def run(self, fn: Callable[[], Any], on_done: Done | None = None,
            on_error: Failed | None = None) -> Future[Any]:
        """Run ``fn()`` on the database worker; ``on_done(result)`` later on this thread.

        Errors go to ``on_error`` if given, else to the ``error`` signal.
        """
        self._require_gui_thread("run")
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        future = self._pool.submit(fn)
        future.add_done_callback(lambda f: self._finished.emit((f, on_done, on_error)))
        return future

    def call(self, fn: Callable[[], Any], timeout: float = 60.0) -> Any:
        """``fn()`` on the worker, waiting for its result (or error) here.

        For start-up and tests only: it blocks the calling thread. It never waits on
        itself: on the worker it would deadlock, so it refuses there."""
        if self._worker is threading.current_thread():
            raise RuntimeError("TaskManager.call() from its own worker thread")
        return self._pool.submit(fn).result(timeout)

    def _started(self) -> None:
        self._worker = threading.current_thread()

    def _require_gui_thread(self, what: str) -> None:
        # A callback run on another thread would touch widgets there (and race on
        # ``_pending``): a lambda connected to a worker's signal runs in the worker.
        if QThread.currentThread() is not self.thread():
            raise RuntimeError(f"TaskManager.{what}() called from thread "
                               f"'{threading.current_thread().name}', not the GUI thread")

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


def thread_for(worker: QObject, run: Callable[[], None], done: SignalInstance,
               name: str = "") -> QThread:
    """A QThread with ``worker`` moved onto it: once started it calls ``run`` there, and
    the worker's ``done`` signal ends it (directly, from the worker's own thread, so it
    ends even while the GUI thread is busy)."""
    qthread = QThread()
    if name:
        qthread.setObjectName(name)
    worker.moveToThread(qthread)
    qthread.started.connect(run)
    done.connect(qthread.quit, Qt.ConnectionType.DirectConnection)
    return qthread


class _GeneratorRun(QObject):
    """The part of a GeneratorWorker that lives in its QThread."""

    yielded = Signal(object)
    errored = Signal(object)
    finished = Signal()

    def __init__(self, make_generator: Callable[[], Any]) -> None:
        super().__init__()
        self.make = make_generator
        self.stop = False

    @Slot()
    def run(self) -> None:
        try:
            for value in self.make():
                self.yielded.emit(value)
                if self.stop:
                    break
        except Exception as exc:
            self.errored.emit(exc)
        finally:
            self.finished.emit()


class GeneratorWorker(QObject):
    """Long model work (photo-folder enrolment) as a generator in its own QThread.

    napari-style: the generator's values come back by ``yielded``; ``errored`` and
    ``finished`` end it; ``quit()`` asks it to stop at its next ``yield``. It does no
    database writes itself: the GUI hands what it yields to the TaskManager.

    This object stays on the GUI thread and re-emits what its QThread's ``_GeneratorRun``
    sends (queued, in order), so whatever is connected to ``yielded``, ``errored`` or
    ``finished`` - a lambda too - runs on the GUI thread, never in the worker.
    """

    yielded = Signal(object)
    errored = Signal(object)
    finished = Signal()

    def __init__(self, make_generator: Callable[[], Any]) -> None:
        super().__init__()
        self._run = _GeneratorRun(make_generator)
        self.qthread = thread_for(self._run, self._run.run, self._run.finished)
        # Bound methods of an object of the GUI thread: queued connections.
        self._run.yielded.connect(self._yielded)
        self._run.errored.connect(self._errored)
        self._run.finished.connect(self._finished)

    def start(self) -> None:
        self.qthread.start()

    def quit(self) -> None:
        self._run.stop = True

    def wait(self, ms: int = 10000) -> bool:
        return self.qthread.wait(ms)

    @Slot(object)
    def _yielded(self, value: Any) -> None:
        self.yielded.emit(value)

    @Slot(object)
    def _errored(self, exc: Any) -> None:
        self.errored.emit(exc)

    @Slot()
    def _finished(self) -> None:
        self.finished.emit()
