"""Run by test_scaling.py in a fresh process (the scale factor is read at start):
open the window on the demo station and print where its status bar is, as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def main(folder: str, lang: str) -> None:
    app = QApplication(["headcount-scaled"])
    from headcount.gui.backend import User
    from headcount.gui.demo import build_demo_backend
    from headcount.gui.main_window import MainWindow
    from headcount.gui.qt import ensure_cjk_font, set_language

    ensure_cjk_font(app)
    set_language(lang)
    backend = build_demo_backend(Path(folder), lang)
    w = MainWindow(backend, User("admin", "admin"), feeds=[], lang=lang)
    w.show()

    def report() -> None:
        w.show_info(w.tr("{name} checked in ({how}).").format(name="林晓雯", how="人脸"))
        app.processEvents()
        bar, screen = w.statusBar(), w.screen()
        top = bar.mapToGlobal(bar.rect().topLeft())
        avail = screen.availableGeometry()
        print(json.dumps({
            "scale": screen.devicePixelRatio(),
            "available": [avail.x(), avail.y(), avail.width(), avail.height()],
            "frame": [w.frameGeometry().x(), w.frameGeometry().y(),
                      w.frameGeometry().width(), w.frameGeometry().height()],
            "status_bar": [top.x(), top.y(), bar.width(), bar.height()],
            "status_visible": bar.isVisible(), "message": bar.currentMessage(),
            "text_height": bar.fontMetrics().height(),
            "manual_visible": w.manual_button.isVisible(),
        }))
        w.close()
        backend.st.close()
        app.quit()

    QTimer.singleShot(800, report)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
