"""The appeal instructions' data as a user meets it: the registry office and the courts in
Settings → Organisations, a missing one named in the checks panel, the act of an
administrative appeal typed on the form, the category names in the interface language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from drafting import draftfile, profiles, resources
from drafting.model import Extract
from tests.conftest import EXAMPLE_333
from tests.ui.conftest import field, type_text


def open_draft(window, tmp_path: Path, appeal: str) -> Path:
    draft = draftfile.load(EXAMPLE_333)
    draft.item.appeal = appeal
    draft.item.extracts = [Extract(recipient="Hakija", appeal=True)]
    path = tmp_path / f"{appeal}.pykala"
    draftfile.save(draft, path)
    window.answers["open_path"] = path
    window.act_open.trigger()
    assert window.document.path == path
    return path


def panel_texts(window) -> list[str]:
    panel = window.checks_panel.list
    return [panel.item(n).text() for n in range(panel.count())]


def click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def appeal_row(dialog, header: str) -> int:
    table = dialog.appeal
    rows = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    return rows.index(header)


def retype_cell(table, row: int, column: int, text: str) -> None:
    """Click the cell, open it (F2), clear it, type, Enter: as a user empties or retypes it."""
    rect = table.visualRect(table.model().index(row, column))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if table.state() != table.State.EditingState:
        QTest.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and table.isAncestorOf(editor), editor
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert table.item(row, column).text() == text


def open_appeal_tab(window, qtbot):
    window.act_organizations.trigger()
    dialog = window.organizations_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()  # as the window manager does for a new window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    bar = dialog.parts.tabBar()
    titles = [bar.tabText(n) for n in range(bar.count())]
    index = titles.index("Appeal instructions")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert dialog.parts.currentIndex() == index and dialog.appeal.isVisible()
    return dialog


def test_a_registry_email_removed_in_settings_is_an_error_in_the_checks(window, qtbot, tmp_path):
    open_draft(window, tmp_path, "rectification")  # the checks run as a draft opens
    assert not any("registry office" in t for t in panel_texts(window))
    dialog = open_appeal_tab(window, qtbot)
    row = appeal_row(dialog, "The registry office's e-mail address")
    assert dialog.appeal.item(row, 0).text() == "helsinki.kirjaamo@hel.fi"
    retype_cell(dialog.appeal, row, 0, "")
    click(dialog.save_button)
    assert "Saved in" in dialog.problems.text()
    saved = profiles.catalogue().profiles["helsinki"]
    assert not saved.builtin and "email" not in saved.data["appeal"]["registry"]
    assert saved.data["appeal"]["registry"]["phone"] == "09 310 13700"  # the rest kept
    (error,) = [t for t in panel_texts(window) if "e-mail address is missing" in t]
    assert error.startswith("✖")
    assert "Organisation Helsingin kaupunki: the registry office's e-mail address is missing" in (
        error
    )
    assert "Settings → Organisations" in error and "[kirjaamon sähköpostiosoite]" in error

    retype_cell(dialog.appeal, row, 0, "kirjaamo@hel.fi")
    assert dialog.appeal.item(row, 1).text() == "kirjaamo@hel.fi"  # the same in Swedish
    click(dialog.save_button)
    assert not any("registry office" in t for t in panel_texts(window))
    assert profiles.catalogue().profiles["helsinki"].data["appeal"]["registry"]["email"] == (
        "kirjaamo@hel.fi"
    )


def test_a_swedish_text_of_its_own_is_kept_apart(window, qtbot, tmp_path):
    dialog = open_appeal_tab(window, qtbot)
    row = appeal_row(dialog, "The registry office's opening hours")
    retype_cell(dialog.appeal, row, 1, "mån–fre 9–15")
    shared = appeal_row(dialog, "The registry office's phone number")
    assert not dialog.appeal.item(shared, 1).flags() & Qt.ItemFlag.ItemIsEditable
    click(dialog.save_button)
    registry = profiles.catalogue().profiles["helsinki"].data["appeal"]["registry"]
    assert registry["hours"] == {
        "fi": "maanantaista perjantaihin klo 8.15–16.00",
        "sv": "mån–fre 9–15",
    }
    assert registry["phone"] == "09 310 13700"


def test_the_act_of_an_administrative_appeal_is_typed_on_the_form(window, qtbot, tmp_path):
    open_draft(window, tmp_path, "administrative-appeal")  # the checks run as it opens
    (error,) = [t for t in panel_texts(window) if "Act providing for the appeal" in t]
    assert error.startswith("✖") and "[erityislain nimi ja numero]" in error
    panel = window.checks_panel.list
    (item,) = [panel.item(n) for n in range(panel.count()) if panel.item(n).text() == error]
    rect = panel.visualItemRect(item)
    QTest.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    act = field(window, "item.appeal_act")
    qtbot.waitUntil(act.hasFocus)  # the click took the user to the field
    type_text(act, "vesilaki (587/2011)")
    qtbot.waitUntil(lambda: not any("Act providing" in t for t in panel_texts(window)))
    assert window.document.draft.item.appeal_act == "vesilaki (587/2011)"


LABELS = {
    "fi": [
        "Muutoksenhakukielto, valmistelu tai täytäntöönpano",
        "Oikaisuvaatimus",
        "Kunnallisvalitus, valtuusto",
        "Kunnallisvalitus, yleiskaavan, asemakaavan, rakennusjärjestyksen hyväksyminen",
        "Hallintovalitus",
        "Hankintaoikaisu ja valitus markkinaoikeuteen",
    ],
    "sv": [
        "Förbud mot sökande av ändring, beredning eller verkställighet",
        "Begäran om omprövning",
        "Kommunalbesvär, fullmäktige",
        "Kommunalbesvär, godkännande av generalplan, detaljplan, byggnadsordning",
        "Förvaltningsbesvär",
        "Upphandlingsrättelse och besvär till marknadsdomstolen",
    ],
    "en": [
        "No appeal: preparation or implementation",
        "Request for rectification",
        "Municipal appeal, council",
        "Municipal appeal, approval of a master plan, local plan or building ordinance",
        "Administrative appeal",
        "Procurement rectification and appeal to the Market Court",
    ],
}
NOT_CHOSEN = {"fi": "(ei valittu)", "sv": "(inte vald)", "en": "(not chosen)"}


def test_appeal_categories_are_named_in_the_interface_language(window, qtbot):
    window.open_path(EXAMPLE_333)
    combo = field(window, "item.appeal")
    assert combo.currentData() == "no-appeal"
    assert len(resources.appeal_categories()) == len(LABELS["fi"])
    for language in ("sv", "en", "fi"):
        window.language_actions[language].trigger()
        QApplication.processEvents()
        shown = [combo.itemText(n) for n in range(combo.count())]
        assert shown == [NOT_CHOSEN[language], *LABELS[language]], language
        assert combo.currentData() == "no-appeal"  # the choice stays
    assert not window.document.modified
