"""The interface language: our gettext catalog plus Qt's own (for its built-in dialogs).

Switching installs a new QTranslator, which makes Qt send LanguageChange to every widget;
each widget then sets its texts again. No restart.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from drafting import i18n

_qt_translator: QTranslator | None = None


def system_language() -> str:
    code = QLocale.system().name()[:2]
    return code if code in i18n.UI_LANGUAGES else "en"


def apply(language: str) -> None:
    """Use `language` (fi/sv/en, "" = the system's) everywhere from now on."""
    global _qt_translator
    language = language or system_language()
    i18n.set_language(language)
    app = QApplication.instance()
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
        _qt_translator = translator
    else:
        # An empty translator still tells every widget that the language changed.
        empty = QTranslator(app)
        app.installTranslator(empty)
        app.removeTranslator(empty)
    QLocale.setDefault(QLocale({"fi": "fi_FI", "sv": "sv_FI"}.get(language, "en_GB")))
