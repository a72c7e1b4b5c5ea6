"""Live feeds: one worker thread per feed (frames -> pipeline -> matching), one view each.

The worker owns its frame source, its ``FacePipeline`` (models loaded once, in that
thread) and its ``Tracker``; it never touches a widget. Results reach the GUI thread
by queued signal; the view keeps only the latest frame and paints it, so a slow
screen drops frames instead of queueing them. Stopping is cooperative (an event the
loop checks; no ``terminate()``). A lost camera is reported and reopened with backoff.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from headcount.errors import HeadcountError, SourceError
from headcount.gui.handover import FrameTap, InFlight
from headcount.gui.recognise import FeedResult, Recogniser
from headcount.gui.tasks import thread_for
from headcount.vision.labels import place_labels

log = logging.getLogger(__name__)

# Reconnection delays in seconds (the last one repeats).
BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 8.0)
# Box colours by outcome (colour-blind friendly pairs: green/amber/red/grey + label text).
COLOURS = {
    "roster": QColor(0, 170, 80),
    "elsewhere": QColor(240, 160, 0),
    "unknown": QColor(220, 40, 40),
    "unmatchable": QColor(150, 150, 150),
    "checked_in": QColor(30, 100, 220),  # already checked in here: no action needed
}
Source = str | int | Path | Callable[[], Iterator[Any]]


def parse_source(text: str) -> Source:
    """A camera as typed in the settings: a number (camera index), an rtsp:// or
    http:// address, a video file, ``demo:`` (the generated demo entrance) or
    ``demo:classroom`` (the generated demo classroom)."""
    text = text.strip()
    return int(text) if text.isdigit() else text


def sources_from_settings(cameras: list[Any]) -> tuple[list[Source], list[str]]:
    """The ``cameras`` setting as feeds and the mode each feed's pipeline runs in."""
    from headcount.store.settings import camera_list

    pairs = camera_list(cameras)
    return [parse_source(str(src)) for src, _ in pairs], [mode for _, mode in pairs]


def source_name(spec: Source) -> str:
    """A camera as people call it: "Demo entrance", "Camera 1", an address without
    its user name and password, or a video's file name (never the raw spec)."""
    from urllib.parse import urlsplit

    translate = QCoreApplication.translate
    if callable(spec):
        return translate("FeedView", "Camera")
    text = str(spec)
    if text.isdigit():
        return translate("FeedView", "Camera {n}").format(n=int(text) + 1)
    if text == "demo:":
        return translate("FeedView", "Demo entrance")
    if text == "demo:classroom":
        return translate("FeedView", "Demo classroom")
    if "://" in text:
        host = urlsplit(text).hostname or "?"
        return translate("FeedView", "Network camera {host}").format(host=host)
    return Path(text).name


def open_feed(spec: Source, realtime: bool = True) -> Iterator[Any]:
    """Frames for a feed spec: "demo:", a camera number, a URL, a video file, a callable."""
    if callable(spec):
        return spec()
    if str(spec) == "demo:":
        from headcount.gui.demo import synthetic_frames

        return synthetic_frames()
    if str(spec) == "demo:classroom":
        from headcount.gui.demo import classroom_frames

        return classroom_frames()
    from headcount.vision.frames import open_source

    return open_source(spec, realtime=realtime)


def default_analyser(mode: str) -> Any:
    from headcount.vision.pipeline import FacePipeline

    return FacePipeline(mode=mode, threads=1, live=True)


@dataclass(frozen=True)
class Playback:
    """How a worker plays its source: ``loop`` a video at its end, stop after
    ``max_frames`` analysed frames (None: never), wait ``backoff[n]`` seconds before the
    n-th reconnection (the last delay repeats)."""

    loop: bool = False
    max_frames: int | None = None
    backoff: tuple[float, ...] = BACKOFF_S

    def enough(self, frames_done: int) -> bool:
        return self.max_frames is not None and frames_done >= self.max_frames

    def delay(self, attempt: int) -> float:
        return self.backoff[min(attempt, len(self.backoff) - 1)]


class FeedWorker(QObject):
    """Runs in its own QThread; ``run`` loops until ``request_stop``."""

    result = Signal(object)  # FeedResult
    lost = Signal(str)  # message; reconnection follows automatically
    connected = Signal()
    recognition_off = Signal(str)  # models missing or failing: feed shows, no matching
    stopped = Signal()

    def __init__(self, spec: Source, recogniser: Recogniser, *, mode: str = "entrance",
                 analyser_factory: Callable[[], Any] | None = None,
                 playback: Playback | None = None) -> None:
        super().__init__()
        self.spec = spec
        self.recogniser = recogniser
        self.mode = mode
        self.playback = playback or Playback()
        self._factory = analyser_factory or (lambda: default_analyser(mode))
        self._stop = threading.Event()
        self.in_flight = InFlight(3)
        self.tap = FrameTap()
        self.frames_done = 0  # frames analysed and handed to the window
        self.frames_read = 0  # frames from the source, including those skipped as late
        self.reconnects = 0
        self.failed: str | None = None  # why the worker died, if it did
        self.ended = False  # the source or the frame count ended it (not a stop, no death)

    def request_stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def painted(self) -> None:
        """Called by the view (GUI thread) once it has taken a result."""
        self.in_flight.give_back()

    @Slot()
    def run(self) -> None:
        from headcount.vision.track import Tracker

        analyser = self._make_analyser()
        tracker = Tracker()
        attempt = 0
        try:
            while not self._stop.is_set():
                try:
                    ended = self._play(analyser, tracker, attempt)
                    attempt = 0
                    if ended and not self.playback.loop:
                        break
                except SourceError as exc:
                    self.lost.emit(str(exc))
                    delay = self.playback.delay(attempt)
                    attempt += 1
                    self.reconnects += 1
                    tracker.reset()
                    if self._stop.wait(delay):
                        break
                if self.playback.enough(self.frames_done):
                    break
        except Exception as exc:  # never let a worker die silently
            log.exception("feed worker failed")
            self.failed = f"{type(exc).__name__}: {exc}"
            self.lost.emit(str(exc))
        else:
            self.ended = not self._stop.is_set()
        finally:
            if analyser is not None and hasattr(analyser, "close"):
                analyser.close()
            self.stopped.emit()

    def _make_analyser(self) -> Any:
        try:
            return self._factory()
        except (HeadcountError, ImportError, OSError, RuntimeError) as exc:
            self.recognition_off.emit(str(exc))
            return None

    def _play(self, analyser: Any, tracker: Any, attempt: int) -> bool:
        """Play the source once; True when it ended by itself (a video file)."""
        frames = open_feed(self.spec)
        origin = 0.0  # wall time of timestamp 0, taken at the first frame
        fps = 0.0
        last = time.monotonic()
        try:
            for n, frame in enumerate(frames):
                captured = time.monotonic()
                if n == 0:
                    origin = captured - frame.timestamp
                    self.connected.emit()
                if self._stop.is_set():
                    return False
                self.tap.put(frame)
                self.frames_read += 1
                # A video paced at its own rate: skip frames we are too late for.
                if captured - origin - frame.timestamp > 0.25:
                    continue
                faces: list[Any] = []
                if analyser is not None:
                    try:
                        faces = analyser.analyse(frame.rgb, tracker=tracker)
                    except (HeadcountError, ImportError, OSError, RuntimeError) as exc:
                        self.recognition_off.emit(str(exc))
                        analyser = None
                result = self.recogniser.decide_all(faces, frame.rgb, frame.index, captured)
                now = time.monotonic()
                dt_s = now - last
                last = now
                fps = (0.9 * fps + 0.1 / dt_s) if fps and dt_s > 0 else (1 / dt_s if dt_s else 0)
                result.fps = fps
                self.frames_done += 1
                if self.in_flight.take():  # the GUI is keeping up: hand it over
                    self.result.emit(result)
                if self.playback.enough(self.frames_done):
                    return True
            return True
        finally:
            close = getattr(frames, "close", None)
            if close is not None:
                close()


class FeedView(QWidget):
    """Paints the latest frame of one feed with coloured boxes, labels, FPS and banner."""

    def __init__(self, title: str, label_for: Callable[[Any], str] | None = None,
                 parent: QWidget | None = None,
                 colour_for: Callable[[Any], str] | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.label_for = label_for or (lambda face: "")
        # The colour key of a face (an OUTCOME, or "checked_in"); default its outcome.
        self.colour_for = colour_for or (lambda face: face.kind)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._result: FeedResult | None = None
        self._banner = ""
        self._notice = ""
        self.label_rects: list[QRectF] = []  # where the last paint put the names

    def show_result(self, result: FeedResult) -> None:
        self._result = result
        self._banner = ""
        self.update()

    def set_banner(self, text: str) -> None:
        self._banner = text
        self.update()

    def set_notice(self, text: str) -> None:
        self._notice = text
        self.update()

    @property
    def banner(self) -> str:
        return self._banner

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(30, 30, 30))
        r = self._result
        if r is not None:
            h, w = r.rgb.shape[:2]
            image = QImage(r.rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
            scale = min(self.width() / w, self.height() / h)
            ox, oy = (self.width() - w * scale) / 2, (self.height() - h * scale) / 2
            target = QRectF(ox, oy, w * scale, h * scale)
            p.drawImage(target, image)
            font = QFont(self.font())
            font.setPointSizeF(max(12.0, font.pointSizeF() * 1.3))  # read from a metre
            font.setBold(True)
            p.setFont(font)
            labelled: list[tuple[QRectF, QColor, str]] = []
            for face in r.faces:
                key = self.colour_for(face)
                colour = COLOURS.get(key, COLOURS["unmatchable"])
                x1, y1, x2, y2 = face.box
                box = QRectF(ox + x1 * scale, oy + y1 * scale, (x2 - x1) * scale,
                             (y2 - y1) * scale)
                p.setPen(QPen(colour, 6 if key == "checked_in" else 3))
                p.drawRect(box)
                label = self.label_for(face)
                if label:
                    labelled.append((box, colour, label))
            # A classroom holds many faces close together: names never overlap.
            fm = p.fontMetrics()
            places = place_labels(
                [(b.left(), b.top(), b.right(), b.bottom()) for b, _, _ in labelled],
                [(fm.horizontalAdvance(t) + 8.0, fm.height() + 4.0) for _, _, t in labelled],
                self.width(), self.height())
            self.label_rects = [QRectF(*place) for place in places]
            for (_box, colour, label), bg in zip(labelled, self.label_rects, strict=True):
                p.fillRect(bg, colour)
                p.setPen(QColor(255, 255, 255))
                p.drawText(bg, Qt.AlignmentFlag.AlignCenter, label)
            p.setPen(QColor(255, 255, 255))
            p.drawText(QRectF(8, 4, self.width() - 16, 20),
                       Qt.AlignmentFlag.AlignRight, f"{r.fps:.1f} FPS")
        p.setPen(QColor(230, 230, 230))
        p.drawText(QRectF(8, 4, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title)
        if self._notice:
            p.fillRect(QRectF(0, self.height() - 26, self.width(), 26), QColor(60, 60, 60, 200))
            p.drawText(QRectF(8, self.height() - 26, self.width() - 16, 26),
                       Qt.AlignmentFlag.AlignVCenter, self._notice)
        if self._banner:
            band = QRectF(0, self.height() / 2 - 24, self.width(), 48)
            p.fillRect(band, QColor(190, 20, 20, 230))
            p.setPen(QColor(255, 255, 255))
            p.drawText(band.adjusted(8, 0, -8, 0),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._banner)
        p.end()


class Feed(QObject):
    """One feed: its worker thread and its view, started and stopped together."""

    result = Signal(object)
    lost = Signal(str)
    connected = Signal()
    stopped = Signal()

    def __init__(self, spec: Source, recogniser: Recogniser, view: FeedView, *,
                 mode: str = "entrance", analyser_factory: Callable[[], Any] | None = None,
                 loop: bool = False, max_frames: int | None = None,
                 backoff: tuple[float, ...] = BACKOFF_S, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.spec = spec
        self.worker = FeedWorker(spec, recogniser, mode=mode, analyser_factory=analyser_factory,
                                 playback=Playback(loop, max_frames, backoff))
        self.qthread = thread_for(self.worker, self.worker.run, self.worker.stopped,
                                  f"feed {spec!s}")
        self.worker.result.connect(self._on_result)
        self.worker.lost.connect(self._on_lost)
        self.worker.connected.connect(self._on_connected)
        self.worker.recognition_off.connect(self._on_recognition_off)
        self.qthread.finished.connect(self.stopped)
        self.latencies: list[float] = []  # capture -> shown on the GUI thread, seconds

    def start(self) -> None:
        self.qthread.start()

    @property
    def tap(self) -> FrameTap:
        """Frames of this feed for live enrolment (the camera stays opened once)."""
        return self.worker.tap

    @property
    def running(self) -> bool:
        return self.qthread.isRunning()

    def stop(self, wait_ms: int = 5000) -> bool:
        """Ask the worker to stop and wait for it (cooperative; never terminate())."""
        self.worker.request_stop()
        if not self.qthread.isRunning():
            return True
        return self.qthread.wait(wait_ms)

    @Slot(object)
    def _on_result(self, result: FeedResult) -> None:
        self.worker.painted()
        if self.worker.stopping:  # queued before the stop: the view keeps what it shows now
            return
        if result.faces:
            self.latencies.append(time.monotonic() - result.captured_at)
            del self.latencies[:-500]
        self.view.show_result(result)
        self.result.emit(result)

    @Slot(str)
    def _on_lost(self, message: str) -> None:
        self.view.set_banner(self.tr("Camera lost - reconnecting...") + "\n" + message)
        self.lost.emit(message)

    @Slot()
    def _on_connected(self) -> None:
        self.view.set_banner("")
        self.connected.emit()

    @Slot(str)
    def _on_recognition_off(self, message: str) -> None:
        self.view.set_notice(self.tr("Face recognition is off; use the Manual ID check (F2).")
                             + " " + message.splitlines()[0][:120])
