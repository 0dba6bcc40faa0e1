"""Issue 29 from the meeting view: the signing dialog (who signs now, card or certificate
file, the PIN masked and never kept) and the verification dialog, driven by clicks and keys."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from tests.signing import pki
from tests.signing.fixtures import P12_PASSWORD
from tests.ui.conftest import type_text
from tests.ui.user import click, menu

pytestmark = pytest.mark.libreoffice  # the minutes to sign are made by LibreOffice


def replace_text(edit: QLineEdit, text: str) -> None:
    """Select what the line holds and type over it, as a user does (Ctrl+A, then type)."""
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    type_text(edit, text)


def open_signing(view, path):
    menu(view, "Meeting", "Sign the minutes")
    dialog = view.sign_dialog
    assert dialog.isVisible()
    replace_text(dialog.pdf, str(path))
    QTest.keyClick(dialog.pdf, Qt.Key.Key_Tab)  # leaving the field reads the file
    return dialog


def click_sign(dialog) -> None:
    """Click Sign and wait until the signature is made or refused (it is made off the UI
    thread, the dialog answering meanwhile)."""
    click(dialog.sign_button)
    deadline = time.monotonic() + 60
    while dialog.busy() and time.monotonic() < deadline:
        QTest.qWait(10)  # the event loop turns: the answer arrives (as qtbot.waitUntil)
    assert not dialog.busy()


def sign_with_card(dialog, label: str, pin: str = pki.PIN) -> None:
    if not dialog.use_card.isChecked():
        click(dialog.use_card)
    replace_text(dialog.module, str(pki.module()))
    replace_text(dialog.token, pki.TOKEN)
    replace_text(dialog.key, label)
    replace_text(dialog.pin, pin)
    click_sign(dialog)


def test_four_sign_in_order_then_verify(view, signing_keys, minutes_pdf, trusting_profile, qtbot):
    dialog = open_signing(view, minutes_pdf)
    assert dialog.next.text() == "Aino Lehtonen, pöytäkirjantarkastaja"
    assert [dialog.order.item(n).text() for n in range(dialog.order.count())] == [
        "→ 1. Aino Lehtonen, pöytäkirjantarkastaja",
        "  2. Pekka Mäkinen, pöytäkirjantarkastaja",
        "  3. Anna Virtanen, puheenjohtaja",
        "  4. Marja-Liisa Rautanen, pöytäkirjanpitäjä",
    ]
    assert dialog.pin.echoMode() == QLineEdit.EchoMode.Password
    for label, name, after in (
        ("lehtonen", "Aino Lehtonen", "Pekka Mäkinen, pöytäkirjantarkastaja"),
        ("makinen", "Pekka Mäkinen", "Anna Virtanen, puheenjohtaja"),
        ("virtanen", "Anna Virtanen", "Marja-Liisa Rautanen, pöytäkirjanpitäjä"),
    ):
        sign_with_card(dialog, label)
        assert dialog.message.text() == f"{name} signed the minutes."
        assert dialog.pin.text() == ""  # never kept
        assert dialog.next.text() == after
    click(dialog.use_file)
    assert not dialog.token.isEnabled() and dialog.p12.isEnabled()
    replace_text(dialog.p12, str(signing_keys.secretary))
    replace_text(dialog.pin, P12_PASSWORD)
    click_sign(dialog)
    assert dialog.message.text() == "Marja-Liisa Rautanen signed the minutes."
    assert dialog.next.text() == "Everyone has signed."
    assert not dialog.sign_button.isEnabled()
    click(dialog.close_button)
    assert not dialog.isVisible()

    menu(view, "Meeting", "Verify signatures")
    checking = view.verify_dialog
    type_text(checking.pdf, str(minutes_pdf))
    click(checking.verify_button)
    table = checking.table
    assert [table.topLevelItem(n).text(1) for n in range(table.topLevelItemCount())] == [
        "Aino Lehtonen",
        "Pekka Mäkinen",
        "Anna Virtanen",
        "Marja-Liisa Rautanen",
    ]
    assert {table.topLevelItem(n).text(4) for n in range(4)} == {"valid"}
    assert checking.summary.text() == "All 4 signatures are valid."
    click(checking.close_button)


def test_a_wrong_pin_says_so_and_leaves_the_file(view, signing_keys, minutes_pdf, trusting_profile):
    before = minutes_pdf.read_bytes()
    dialog = open_signing(view, minutes_pdf)
    sign_with_card(dialog, "lehtonen", pin="0000")
    assert "The PIN is wrong" in dialog.message.text()
    assert "Nothing was signed; the file is unchanged." in dialog.message.text()
    assert dialog.pin.text() == ""
    assert dialog.next.text() == "Aino Lehtonen, pöytäkirjantarkastaja"
    assert minutes_pdf.read_bytes() == before
    click(dialog.close_button)


def test_an_empty_key_label_names_the_field(view, signing_keys, minutes_pdf, trusting_profile):
    dialog = open_signing(view, minutes_pdf)
    replace_text(dialog.token, pki.TOKEN)
    replace_text(dialog.key, "")
    click_sign(dialog)
    assert dialog.message.text().startswith("Key label: give the label")
    click(dialog.close_button)


def test_a_changed_file_is_not_valid_in_the_dialog(
    view, signing_keys, minutes_pdf, trusting_profile
):
    dialog = open_signing(view, minutes_pdf)
    sign_with_card(dialog, "lehtonen")
    click(dialog.close_button)
    with minutes_pdf.open("ab") as handle:
        handle.write(b"%")
    menu(view, "Meeting", "Verify signatures")
    checking = view.verify_dialog
    type_text(checking.pdf, str(minutes_pdf))
    click(checking.verify_button)
    assert checking.table.topLevelItem(0).text(4).startswith("CHANGED")
    assert "NOT all valid" in checking.summary.text()
    click(checking.close_button)


def test_screenshots_in_finnish(view, signing_keys, minutes_pdf, trusting_profile):
    from ui.services import translation

    translation.apply("fi")
    dialog = open_signing(view, minutes_pdf)
    sign_with_card(dialog, "lehtonen")
    replace_text(dialog.pin, "1234")
    assert dialog.windowTitle() == "Allekirjoita pöytäkirja"
    dialog.grab().save("/tmp/sign29-sign.png")
    click(dialog.close_button)
    menu(view, "Kokous", "Tarkista allekirjoitukset")
    checking = view.verify_dialog
    type_text(checking.pdf, str(minutes_pdf))
    click(checking.verify_button)
    assert checking.summary.text() == "1 allekirjoitus on pätevä."
    # When, in the Finnish way on this computer's clock: "7.12.2026 23.57.01 (…kello)".
    when = checking.table.topLevelItem(0).text(3)
    assert re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}\.\d{2}\.\d{2} \(.+\)", when), when
    checking.grab().save("/tmp/sign29-verify.png")
    click(checking.close_button)


def test_tab_goes_through_the_signing_dialog_in_reading_order(
    view, signing_keys, minutes_pdf, trusting_profile
):
    dialog = open_signing(view, minutes_pdf)
    dialog.activateWindow()
    dialog.pdf.setFocus()
    seen = [dialog.focusWidget()]
    for _step in range(9):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    assert seen == [
        dialog.pdf,
        dialog.pick_pdf,
        dialog.order,
        dialog.use_card,
        dialog.module,
        dialog.token,
        dialog.key,
        dialog.pin,
        dialog.sign_button,
        dialog.close_button,
    ]
    assert all(w.accessibleName() or w.text() for w in seen if w is not dialog.order)
    assert dialog.order.accessibleName() == "Signing order"
    click(dialog.close_button)


def test_the_build_dialog_makes_archival_minutes_that_sign(
    view, qtbot, signing_keys, trusting_profile, tmp_path
):
    """The whole path in the window: Build documents with PDF as PDF/A ticked, then sign."""
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from tests.ui.test_meeting_view_walk import close_summary, summary
    from ui.windows.askers import MeetingAsker
    from ui.windows.build_dialog import BuildDialog

    out = tmp_path / "out"
    view.answers.update(build_choices=lambda: MeetingAsker.build_choices(view.ask), folder=out)
    seen = []

    def fill_in() -> None:  # runs while the dialog waits for the user
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, BuildDialog):
            return
        try:
            seen.append(dialog.archival.isEnabled())  # only with PDF
            for box in (dialog.pdf, dialog.archival):
                qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(view.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: summary(view) is not None, timeout=120_000)
    close_summary(view, qtbot)
    assert seen == [False]
    built = out / "Pöytäkirja 18-2021.pdf"
    assert b"pdfaid:part" in built.read_bytes()

    dialog = open_signing(view, built)
    sign_with_card(dialog, "lehtonen")
    assert dialog.message.text() == "Aino Lehtonen signed the minutes."
    click(dialog.close_button)
