"""Whole-screen screenshots of the invigilator's keys (issue 9), for the README.

Run under a real X display (Xvfb) at 1920x1080, once at 100 % and once at 150 %:

    Xvfb :13 -screen 0 1920x1080x24 &
    DISPLAY=:13 QT_QPA_PLATFORM=xcb python scripts/screenshots_keys.py zh docs/screenshots
    DISPLAY=:13 QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1.5 \\
        python scripts/screenshots_keys.py zh docs/screenshots --only banner --suffix -150

It uses the demo station (made-up people, the two public-domain demo photos walking
through the generated feed) and the real recognition pipeline. Each PNG is the whole
screen (``QScreen.grabWindow(0)``), not a widget.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication


def wait_until(app: QApplication, cond: Callable[[], object], timeout: float = 40.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise TimeoutError("state not reached")
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("lang", choices=["zh", "en"])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--suffix", default="")
    args = ap.parse_args()
    app = QApplication(["headcount"])
    from headcount.gui.backend import User
    from headcount.gui.demo import build_demo_backend, enrol_demo_faces
    from headcount.gui.main_window import MainWindow
    from headcount.gui.qt import ensure_cjk_font, set_language

    ensure_cjk_font(app)
    set_language(args.lang)
    backend = build_demo_backend(Path(tempfile.mkdtemp()) / "demo", args.lang)
    enrol_demo_faces(backend)
    admin = User("admin", "admin")
    w = MainWindow(backend, admin, feeds=["demo:"], lang=args.lang)
    w.confirm = lambda title, text: True  # type: ignore[method-assign]
    # Xvfb has no window manager to maximise it: fill the screen as one would.
    w.setGeometry(app.primaryScreen().availableGeometry())
    w.show()
    w.activateWindow()
    wait_until(app, lambda: w.session is not None)
    args.folder.mkdir(parents=True, exist_ok=True)

    def shot(name: str, settle: float = 0.6) -> None:
        if args.only is not None and name not in args.only:
            return
        end = time.monotonic() + settle
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)
        path = args.folder / f"keys-{name}-{args.lang}{args.suffix}.png"
        app.primaryScreen().grabWindow(0).save(str(path), "PNG")
        print(path)

    def card_is(kind: str, expired: bool = False) -> Callable[[], bool]:
        return lambda: (w.card.candidate is not None and w.card.candidate.kind == kind
                        and w.card.candidate.expired == expired)

    # 1. A candidate on the card (the card has the focus: its blue frame).
    w.card.setFocus()
    wait_until(app, card_is("confirm"))
    shot("candidate")
    # 2. Enter on the card: the large result banner.
    first = w.card.candidate
    w.card.confirm.click()
    wait_until(app, lambda: w.result_banner.isVisible() and w.result_banner.tone == "ok")
    shot("banner", 0.3)
    # 3. Confirm the other person too; the first comes back: a duplicate, marked.
    wait_until(app, lambda: card_is("confirm")() and w.card.candidate is not None
               and w.card.candidate.person_id != first.person_id)  # type: ignore[union-attr]
    w.card.confirm.click()
    def duplicate_in_view() -> bool:
        faces = w.views[0]._result.faces if w.views[0]._result else []
        return card_is("duplicate")() and any(
            w.desk.colour_for(f) == "checked_in" and f.person_id == w.card.candidate.person_id
            for f in faces)  # type: ignore[union-attr]

    wait_until(app, duplicate_in_view)
    shot("duplicate", 0.2)
    # 4. The F2 dialog: already checked-in people are not preselected.
    dialog = w.open_manual_check()
    dialog.search.setText("2025")
    shot("manual-check")
    dialog.close()
    # 5. Room 302 opened on this PC: a room 301 candidate walks in.
    room302 = next(s for s in backend.sessions() if s.room in ("302", "Room 302"))
    backend.start_session(room302.id, user=admin)
    w.reload_sessions(select=room302.id)
    wait_until(app, lambda: w.session is not None and w.session.id == room302.id)
    wait_until(app, lambda: card_is("other_room")() and w.result_banner.isVisible())
    shot("other-room", 0.1)
    w.stop_feeds()
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
