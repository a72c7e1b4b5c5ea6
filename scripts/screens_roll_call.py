"""Whole-screen screenshots of the classroom roll call, camera modes and the empty
states (issue 9), for the README. Run on an X display (e.g. Xvfb 1920x1080):

    DISPLAY=:14 QT_QPA_PLATFORM=xcb python scripts/screens_roll_call.py docs/screenshots LANG
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from headcount.gui.app import _save_small
from headcount.gui.backend import User
from headcount.gui.qt import make_app, set_language

ADMIN = User("admin", "admin")


def settle(until: Any = None, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if until is not None and until():
            break
        time.sleep(0.02)
    for _ in range(20):
        QApplication.processEvents()
        time.sleep(0.01)


class Screen:
    """Saves the whole screen (not a widget) as a small PNG."""

    def __init__(self, folder: Path, lang: str) -> None:
        self.folder, self.lang = folder, lang

    def __call__(self, name: str) -> Path:
        settle(seconds=0.5)
        shot = QApplication.primaryScreen().grabWindow(0)
        path = self.folder / f"{name}-{self.lang}.png"

        class _W:
            def grab(self) -> Any:
                return shot

        return _save_small(_W(), path)


def main(folder: Path, lang: str) -> None:
    from headcount.gui.demo import build_demo_backend, enrol_demo_faces
    from headcount.gui.main_window import MainWindow

    make_app(lang=lang)
    set_language(lang)
    shot = Screen(folder, lang)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp())
    # 1. Roll call on a classroom camera, with a label-dense frame.
    backend = build_demo_backend(tmp / "demo", lang)
    backend.sign_in("admin", "admin")
    enrol_demo_faces(backend)
    w = MainWindow(backend, ADMIN, feeds=["demo:classroom"], feed_modes=["classroom"],
                   lang=lang)
    w.confirm = lambda title, text: True  # type: ignore[method-assign]
    w.setGeometry(0, 0, 1920, 1040)
    w.show()
    settle(lambda: w.views[0]._result is not None)
    dialogs: list[Any] = []
    w.roll_call_shown.connect(dialogs.append)
    w.roll_call.start()
    settle(lambda: bool(dialogs))
    d = dialogs[0]
    d.move(120, 140)
    d.resize(1500, 760)
    shot("roll-call")
    d.confirm()
    settle(lambda: any(e.checkin for e in w.entries.values()), 10)
    shot("roll-call-confirmed")
    s = w.open_settings()
    settle(lambda: s.loaded != {}, 10)
    s.cameras.add_camera("demo:classroom", "classroom")
    s.move(600, 120)
    shot("roll-camera-settings")
    s.close()
    w.stop_feeds()
    w.close()
    # 2. Nobody enrolled: a face is a neutral hint, not a red stranger.
    plain = build_demo_backend(tmp / "plain", lang)
    plain.sign_in("admin", "admin")
    w2 = MainWindow(plain, ADMIN, feeds=["demo:"], lang=lang)
    w2.setGeometry(0, 0, 1920, 1040)
    w2.show()
    settle(lambda: w2.views[0]._result is not None and bool(w2.views[0]._result.faces)
           and w2.views[0]._result.faces[0].box[0] > 150)
    shot("empty-no-one-enrolled")
    w2.stop_feeds()
    w2.close()
    # 3. A fresh station: what to do next.
    from headcount.gui.station_backend import StationBackend
    from headcount.station import Station

    st = Station.init(tmp / "fresh", school="实验中学" if lang == "zh" else "Riverside School",
                      contact="010-1234 5678", admin="admin", password="admin-pass-1",
                      use_keyring=False, key_dir=tmp / "fresh-keys", language=lang)
    fresh = StationBackend(st)
    fresh.sign_in("admin", "admin-pass-1")
    w3 = MainWindow(fresh, ADMIN, feeds=[], lang=lang)
    w3.setGeometry(0, 0, 1920, 1040)
    w3.show()
    settle(lambda: w3.content_stack.currentWidget() is w3.empty_state, 10)
    shot("empty-fresh-station")
    w3.close()
    for b in (backend, plain, fresh):
        b.st.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "en")
