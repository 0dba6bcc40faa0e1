"""Issue 29 from the meeting view: an extract signed in the signing dialog (the user chooses
Extract; whom the extract names as certifying it signs beside the certification)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.signing.fixtures import P12_PASSWORD
from tests.ui.conftest import type_text
from tests.ui.test_signing_dialogs import click_sign, replace_text
from tests.ui.user import click, menu

pytestmark = pytest.mark.libreoffice  # the extract to sign is made by LibreOffice


def open_for_extract(view, path):
    menu(view, "Meeting", "Sign the minutes")
    dialog = view.sign_dialog
    click(dialog.sign_extract)
    replace_text(dialog.pdf, str(path))
    QTest.keyClick(dialog.pdf, Qt.Key.Key_Tab)  # leaving the field reads the file
    return dialog


def test_the_secretary_signs_an_extract_then_it_verifies(
    view, signing_keys, extract_pdf, trusting_profile
):
    dialog = open_for_extract(view, extract_pdf)
    assert dialog.windowTitle() == "Sign an extract"
    assert [dialog.order.item(n).text() for n in range(dialog.order.count())] == [
        "→ 1. Marja-Liisa Rautanen, kaupunginsihteeri"
    ]
    click(dialog.use_file)
    assert dialog.sign_extract.isChecked()  # the two choices do not clear each other
    assert dialog.use_file.isChecked() and dialog.sign_button.isEnabled()
    replace_text(dialog.p12, str(signing_keys.secretary))
    replace_text(dialog.pin, P12_PASSWORD)
    click_sign(dialog)
    assert dialog.message.text() == "Marja-Liisa Rautanen signed the extract."
    assert dialog.next.text() == "Everyone has signed."
    assert not dialog.sign_button.isEnabled()
    click(dialog.close_button)

    menu(view, "Meeting", "Verify signatures")
    checking = view.verify_dialog
    type_text(checking.pdf, str(extract_pdf))
    click(checking.verify_button)
    assert checking.table.topLevelItem(0).text(1) == "Marja-Liisa Rautanen"
    assert checking.summary.text() == "1 signature is valid."
    click(checking.close_button)


def test_an_extract_chosen_as_the_minutes_is_refused_and_says_so(
    view, signing_keys, extract_pdf, minutes_pdf, trusting_profile
):
    menu(view, "Meeting", "Sign the minutes")
    dialog = view.sign_dialog
    assert dialog.sign_minutes.isChecked()
    replace_text(dialog.pdf, str(extract_pdf))
    QTest.keyClick(dialog.pdf, Qt.Key.Key_Tab)
    assert dialog.message.text().startswith("This PDF is an extract, not the minutes")
    assert not dialog.sign_button.isEnabled()
    click(dialog.sign_extract)  # the same file, now as what it is
    assert dialog.message.text() == ""
    assert dialog.sign_button.isEnabled()
    replace_text(dialog.pdf, str(minutes_pdf))
    QTest.keyClick(dialog.pdf, Qt.Key.Key_Tab)
    assert dialog.message.text().startswith("This PDF is the minutes, not an extract")
    assert not dialog.sign_button.isEnabled()
    click(dialog.close_button)


def test_tab_reaches_the_document_choice_first(view, signing_keys, extract_pdf, trusting_profile):
    menu(view, "Meeting", "Sign the minutes")
    dialog = view.sign_dialog
    dialog.activateWindow()
    dialog.sign_minutes.setFocus()
    QTest.keyClick(dialog.sign_minutes, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.pdf
    assert dialog.sign_minutes.accessibleName() == "Sign the minutes"
    assert dialog.sign_extract.accessibleName() == "Sign an extract"
    click(dialog.close_button)


def test_screenshot_of_an_extract_signed_in_finnish(
    view, signing_keys, extract_pdf, trusting_profile
):
    from ui.services import translation

    translation.apply("fi")
    menu(view, "Meeting", "Sign the minutes")  # the view's menus keep their language
    dialog = view.sign_dialog
    click(dialog.sign_extract)
    assert dialog.windowTitle() == "Allekirjoita ote"
    replace_text(dialog.pdf, str(extract_pdf))
    QTest.keyClick(dialog.pdf, Qt.Key.Key_Tab)
    click(dialog.use_file)
    replace_text(dialog.p12, str(signing_keys.secretary))
    replace_text(dialog.pin, P12_PASSWORD)
    click_sign(dialog)
    assert dialog.message.text() == "Marja-Liisa Rautanen allekirjoitti otteen."
    dialog.grab().save("/tmp/sign29b-sign-extract.png")
    click(dialog.close_button)
