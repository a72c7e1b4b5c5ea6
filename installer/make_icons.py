"""Render resources/icons/headcount.svg to the PNG and ICO files the installers use.

Run once after changing the SVG (the outputs are committed):
    .venv/bin/python installer/make_icons.py
Needs QtSvg (PySide6-Essentials) and Pillow (for the multi-size .ico).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


def main() -> None:
    _app = QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / "headcount.svg"))
    for size in (256, 48):
        (ICONS / f"headcount-{size}.png").write_bytes(render(renderer, size))
    big = Image.open(io.BytesIO(render(renderer, 256)))
    big.save(ICONS / "headcount.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48),
                                            (64, 64), (128, 128), (256, 256)])
    print("wrote", sorted(p.name for p in ICONS.iterdir()))


if __name__ == "__main__":
    main()
