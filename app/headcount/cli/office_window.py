"""``headcount office --dsn DSN``: the exam-office window (gui/office_window.py).

Kept apart from cli/office.py, which may not import Qt (the import contract); the
window is imported only when it is opened.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    office = sub.choices["office"]
    office.add_argument("--dsn", default=argparse.SUPPRESS,
                        help="school server connection (or HEADCOUNT_OFFICE_DSN)")
    office.add_argument("--exam", default=argparse.SUPPRESS,
                        help="only this exam (session name)")
    office.add_argument("--every", type=float, default=3.0, metavar="SECONDS",
                        help="seconds between two reads of the server")
    office.add_argument("--screenshot", metavar="FILE",
                        help="save a picture of the whole screen after the first read, "
                        "then quit")
    office.set_defaults(func=lambda args: open_office(args, office))


def open_office(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Any:
    dsn = getattr(args, "dsn", None) or os.environ.get("HEADCOUNT_OFFICE_DSN")
    if not dsn:
        parser.print_help()
        return 2
    from headcount.cli.app import require_display

    require_display()
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    from headcount.gui.office_window import OfficeWindow
    from headcount.gui.qt import make_app
    from headcount.i18n import language

    app = make_app(lang=language())
    window = OfficeWindow(dsn, exam=getattr(args, "exam", None),
                          every=max(0.5, float(getattr(args, "every", 3.0))))
    shot = getattr(args, "screenshot", None)
    result: dict[str, Any] = {}
    if shot:
        def grab(_ok: bool) -> None:
            window.refreshed.disconnect(grab)

            def save() -> None:
                screen = QGuiApplication.primaryScreen()
                Path(shot).parent.mkdir(parents=True, exist_ok=True)
                result.update(screenshot=shot, saved=screen.grabWindow(0).save(shot))
                window.close()
                app.quit()
            QTimer.singleShot(800, save)  # let the window finish painting
        window.refreshed.connect(grab)
        window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())
    window.show()
    code = app.exec()
    return result or code
