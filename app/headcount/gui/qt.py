"""The QApplication: high-DPI policy, a CJK-capable font, and the interface language.

Translations use Qt's own mechanism: ``tr()`` in the widgets, ``resources/i18n/*.ts``
extracted with ``pyside6-lupdate`` and compiled to ``.qm`` with ``pyside6-lrelease``
(both ship with PySide6-Essentials). English is the source language; Chinese comes
from ``headcount_zh_CN.qm``. Core messages (errors, engine hints) use
``headcount.i18n``, which is switched together with Qt's translator.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from headcount import i18n
from headcount.resources import resources_dir

log = logging.getLogger(__name__)

# Families that draw Simplified Chinese, in order of preference per platform.
CJK_FAMILIES = ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                "WenQuanYi Micro Hei", "SimHei", "Noto Sans SC")
_translators: list[QTranslator] = []


def i18n_dir() -> str:
    return str(resources_dir() / "i18n")


def make_app(argv: list[str] | None = None, lang: str | None = None) -> QApplication:
    """The one QApplication (created once; later calls return it)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Crisp at 125%/150% Windows scaling instead of rounding to 100%/200%.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Headcount")
    app.setOrganizationName("Headcount")
    icon = resources_dir() / "icons" / "headcount-256.png"
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    ensure_cjk_font(app)
    set_language(lang or i18n.language())
    return app


def cjk_family() -> str | None:
    families = set(QFontDatabase.families())
    for name in CJK_FAMILIES:
        if name in families:
            return name
    for name in sorted(families):  # any family that says it writes Simplified Chinese
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(name):
            return name
    return None


def ensure_cjk_font(app: QApplication) -> str | None:
    """Use a CJK family as the UI font so Chinese never renders as boxes."""
    family = cjk_family()
    if family is None:
        log.warning("No Chinese font found: install WenQuanYi Micro Hei or Noto Sans CJK SC")
        return None
    font = QFont(app.font())
    font.setFamilies([family, *font.families()])
    app.setFont(font)
    return family


def set_language(lang: str) -> str:
    """Install the translators for ``lang`` ('zh' or 'en'); returns the language in use."""
    app = QCoreApplication.instance()
    lang = "zh" if lang == "zh" else "en"
    i18n.set_language(lang)
    if app is None:
        return lang
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    if lang == "zh":
        ours = QTranslator(app)
        if ours.load("headcount_zh_CN", i18n_dir()):
            _translators.append(ours)
        else:
            log.warning("Chinese translation missing in %s", i18n_dir())
        qt_own = QTranslator(app)  # Qt's standard dialogs and buttons
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load("qtbase_zh_CN", qt_dir):
            _translators.append(qt_own)
        for t in _translators:
            app.installTranslator(t)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return lang

