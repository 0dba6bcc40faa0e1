"""The interface language: our gettext catalog plus Qt's own (for its built-in dialogs).

Switching installs a new QTranslator, which makes Qt send LanguageChange to every widget;
each widget then sets its texts again. No restart.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from drafting import i18n

_qt_translator: QTranslator | None = None


# Texts of Qt's file dialog that its catalogs lack (seen by grabbing the dialog): the file
# types in the list. Qt 6 moved them to a new context that qtbase_fi.qm never got.
_GAPS = {
    "fi": {
        ("QAbstractFileIconProvider", "Drive"): "Asema",
        ("QAbstractFileIconProvider", "File"): "Tiedosto",
        ("QAbstractFileIconProvider", "Folder"): "Kansio",
        ("QAbstractFileIconProvider", "Shortcut"): "Pikakuvake",
        ("QAbstractFileIconProvider", "Unknown"): "Tuntematon",
        ("QAbstractFileIconProvider", "%1 File"): "%1-tiedosto",
    },
    "sv": {
        ("QAbstractFileIconProvider", "%1 File"): "%1-fil",
    },
}


class QtCatalog(QTranslator):
    """Qt's own catalog (qtbase_<lang>.qm), with the gaps an older translation left filled.

    qtbase_fi.qm still translates "Look in:" and "Files of type:", but Qt 6's file dialog asks
    for "&Look in:" and "Files of &type:", so the Finnish dialog showed English labels. A text
    with a mnemonic that the catalog lacks gets the catalog's translation of the same text
    without it (the mnemonic then on its first letter).
    """

    def __init__(self, language: str, parent=None) -> None:
        super().__init__(parent)
        self.gaps = _GAPS.get(language, {})

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        found = super().translate(context, source, disambiguation, n)
        if found:
            return found
        if source.count("&") == 1:
            plain = super().translate(context, source.replace("&", ""), disambiguation, n)
            if plain:
                return "&" + plain
        return self.gaps.get((context, source))  # None: not here, Qt shows the source text


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
        QApplication.removeTranslator(_qt_translator)
        _qt_translator = None
    translator = QtCatalog(language, app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and translator.load(f"qtbase_{language}", folder):
        QApplication.installTranslator(translator)
        _qt_translator = translator
    else:
        # An empty translator still tells every widget that the language changed.
        empty = QTranslator(app)
        QApplication.installTranslator(empty)
        QApplication.removeTranslator(empty)
    QLocale.setDefault(QLocale({"fi": "fi_FI", "sv": "sv_FI"}.get(language, "en_GB")))
