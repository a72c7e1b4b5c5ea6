"""Help > Self check: what `headcount doctor` reports, shown in the window.

The checks load the models (about a second), so they run in a worker thread; cameras
are not probed while the window's feeds hold them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from headcount.gui.tasks import GeneratorWorker


class SelfCheckDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, data_dir: Path | None,
                 key_dir: Path | None, probe_cameras: bool) -> None:
        super().__init__(parent)
        self.setObjectName("selfCheck")
        self.setWindowTitle(self.tr("Self check"))
        self.text = QPlainTextEdit(self.tr("Checking..."))
        self.text.setReadOnly(True)
        self.text.setMinimumSize(640, 420)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

        def checks() -> Any:
            from headcount.doctor import format_report, run_checks

            yield format_report(run_checks(data_dir, cameras=probe_cameras, key_dir=key_dir))

        self.worker = GeneratorWorker(checks)  # kept alive by the dialog
        self.worker.yielded.connect(self.text.setPlainText)
        self.worker.errored.connect(lambda exc: self.text.setPlainText(str(exc)))
        self.finished.connect(lambda _code: self.worker.wait(30000))
        # Room for the whole report (~30 lines) so the verdict at its end is in view;
        # never larger than the screen (150%/200% scaling on a 1080p screen).
        screen = self.screen() if parent is None else parent.screen()
        avail, fm = screen.availableGeometry(), self.text.fontMetrics()
        self.resize(min(fm.averageCharWidth() * 110, avail.width() - 40),
                    min(fm.lineSpacing() * 38, avail.height() - 60))
        self.worker.start()
