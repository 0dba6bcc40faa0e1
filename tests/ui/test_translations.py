"""Every interface string is translated: the catalogs are complete and current, and no
window or menu shows English while Finnish or Swedish is chosen."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QTabWidget,
    QToolButton,
    QWidget,
)

from drafting import i18n, resources
from tests.conftest import EXAMPLE_333, EXAMPLES, ROOT

LANGUAGES = ("fi", "sv")


def source_messages() -> set[str]:
    found = set()
    for folder in ("drafting", "ui"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, keywords={"_": None, "ngettext": (1, 2)}
        ):
            found.update([message] if isinstance(message, str) else message[:1])
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_has_every_source_string_translated(language):
    po = i18n.LOCALE_DIR / language / "LC_MESSAGES" / "pykala.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    missing = sorted(source_messages() - set(translated))
    assert missing == [], "run `make catalogs` and translate"
    empty = sorted(
        k
        for k, m in translated.items()
        if not (m.string if isinstance(m.string, str) else all(m.string)) or m.fuzzy
    )
    assert empty == []
    for key, message in translated.items():
        text = message.string if isinstance(message.string, str) else message.string[0]
        assert set(re.findall(r"{\w+}", key)) == set(re.findall(r"{\w+}", text)), key
        assert key.replace("&&", "").count("&") == text.replace("&&", "").count("&"), key


def visible_strings(window) -> set[str]:
    """Texts a user sees in the window: labels, buttons, tabs, headers, menus, tips."""
    texts: set[str] = {window.windowTitle()}
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel):
            texts.add(widget.text())
        if isinstance(widget, QAbstractButton):
            texts.add(widget.text())
        if isinstance(widget, QGroupBox):
            texts.add(widget.title())
        if isinstance(widget, QDockWidget):
            texts.add(widget.windowTitle())
        if isinstance(widget, QTabWidget):
            texts.update(widget.tabText(n) for n in range(widget.count()))
        if isinstance(widget, QTableWidget):
            texts.update(
                widget.horizontalHeaderItem(n).text()
                for n in range(widget.columnCount())
                if widget.horizontalHeaderItem(n)
            )
        if isinstance(widget, QComboBox):
            texts.update(widget.itemText(n) for n in range(widget.count()))
        if isinstance(widget, QLineEdit):
            texts.add(widget.placeholderText())
        if isinstance(widget, QMenu):
            texts.add(widget.title())
            texts.update(a.text() for a in widget.actions())
        if isinstance(widget, QToolButton) and widget.defaultAction():
            texts.add(widget.defaultAction().toolTip())
        texts.add(widget.toolTip())
        texts.add(widget.accessibleName())
    return {t.strip() for t in texts if t and t.strip()}


# The same in every language: names, codes, example forms, and the document's own words.
SAME_EVERYWHERE = {
    "Pykälä",
    "§",
    "B",
    "I",
    "H1",
    "H2",
    "suomi",
    "svenska",
    "English",
    "HEL 2021-001526",
    "T 00 00 03",
    "hallintolaki 28 § 1 mom. 5 kohta",  # a statute cited as the Finnish minutes cite it
    "18/2021",
    "1.",
    "•",
    "→ EI",  # the ballot table's buttons name the minutes' JAA and EI sides in every language
    "→ JAA",
    "→ Blank",  # … and Swedish says blank too
}


# Qt's own accessible names of its dock and tab-bar buttons, which Qt's catalogs leave as
# they are; and the example drafts, listed by file name.
QT_OWN = {"Close", "Float", "Scroll Left", "Scroll Right"}
EXAMPLE_NAMES = {p.stem for p in EXAMPLES.glob("*.pykala")}  # New from example lists them


def allowed(text: str) -> bool:
    if text in SAME_EVERYWHERE | QT_OWN or not re.search(r"[A-Za-z]", text):
        return True
    if "pykala" in text or text in EXAMPLE_NAMES:  # file names
        return True
    if text.startswith("§ "):  # an example's § and title in the examples menu: its data
        return True
    # Appeal categories are named in the interface language (drafting.appeals).
    data = {resources.organization(o).name("fi") for o in resources.organization_ids()}
    return text in data or "(Päätösehdotus)" in text


def settle() -> None:
    """Deliver the language change and finish pending deletions, as the event loop would."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.libreoffice  # the pages are shown first
def test_no_english_is_left_in_finnish_or_swedish(window, qtbot):
    from ui.services import translation

    def settle_all() -> None:  # the spelling findings and the pages come from workers
        settle()
        qtbot.waitUntil(lambda: not window.spelling_pending())
        qtbot.waitUntil(lambda: not (window.preview.stale or window.previews.timer.isActive()))
        settle()

    window.open_path(EXAMPLE_333)
    settle_all()
    for menu in window.menuBar().findChildren(QMenu):
        menu.aboutToShow.emit()  # fill the menus that fill themselves when opened
    english = visible_strings(window)
    for language in LANGUAGES:
        translation.apply(language)
        settle_all()
        shown = visible_strings(window)
        untranslated = sorted(t for t in shown & english if not allowed(t))
        assert untranslated == [], language
    translation.apply("en")
    settle_all()
    assert visible_strings(window) == english  # and back, without a restart


@pytest.mark.parametrize("language", ("en", "fi", "sv"))
def test_menu_mnemonics_do_not_collide(window, language):
    from ui.services import translation

    translation.apply(language)
    settle()
    menus = [window.menuBar()] + window.menuBar().findChildren(QMenu)
    for menu in menus:
        letters = []
        for action in menu.actions():
            match = re.search(r"&([^&])", action.text())
            if match:
                letters.append(match.group(1).lower())
        assert len(letters) == len(set(letters)), (language, [a.text() for a in menu.actions()])
    translation.apply("en")
    settle()
