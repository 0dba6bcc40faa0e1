"""Issue 29 in the meeting view's Build documents dialog: with public copies (or the web
pages) the signed original minutes can be chosen; the public minutes and their web pages then
say who signed them and when (drafting.signing.signed_original, as `build --signed`). A
signed original that does not verify says why, and nothing is built. Driven by clicks and
keys in the real dialog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from drafting import meeting, signing
from tests.signing import pki
from tests.signing.fixtures import MEETING, P12_PASSWORD
from tests.ui.conftest import type_text
from tests.ui.test_meeting_view_walk import close_summary, summary

pytestmark = pytest.mark.libreoffice  # the minutes to sign are made by LibreOffice

SIGNERS = [
    "Aino Lehtonen, pöytäkirjantarkastaja",
    "Pekka Mäkinen, pöytäkirjantarkastaja",
    "Anna Virtanen, puheenjohtaja",
    "Marja-Liisa Rautanen, pöytäkirjanpitäjä",
]


def sign(path: Path, signing_keys, labels=("lehtonen", "makinen", "virtanen"), secretary=True):
    """The signers sign `path` in order (the checkers and the chair with the token's keys,
    the secretary with her certificate file), as the signing dialog does."""
    loaded = meeting.load(MEETING)
    for label in labels:
        key = signing.Key(pin=pki.PIN, module=signing_keys.module, token=pki.TOKEN, key=label)
        signing.sign(loaded, path, key)
    if secretary:
        signing.sign(loaded, path, signing.Key(pin=P12_PASSWORD, pkcs12=signing_keys.secretary))


def ok_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))


def build(view, qtbot, out: Path, fill) -> list:
    """Click Build documents…, let `fill(dialog)` use the dialog as a user does (it returns
    what it saw), then OK."""
    from ui.windows.askers import MeetingAsker
    from ui.windows.build_dialog import BuildDialog

    view.answers.update(build_choices=lambda: MeetingAsker.build_choices(view.ask), folder=out)
    seen: list = []

    def fill_in() -> None:  # runs while the dialog waits for the user
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        if not isinstance(dialog, BuildDialog):
            return
        try:
            seen.extend(fill(dialog))
            qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        finally:
            if dialog.isVisible():
                dialog.reject()  # OK did not end it: never left waiting

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(view.build_button, Qt.MouseButton.LeftButton)
    return seen


def choose_signed(qtbot, dialog, path: Path) -> None:
    qtbot.mouseClick(dialog.signed, Qt.MouseButton.LeftButton)
    type_text(dialog.signed, str(path))


def docx_text(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_the_public_minutes_and_web_pages_say_who_signed(
    view, qtbot, signing_keys, minutes_pdf, trusting_profile, tmp_path
):
    sign(minutes_pdf, signing_keys)
    out = tmp_path / "out"

    def fill(dialog):
        enabled = [dialog.signed.isEnabled()]  # not for the internal minutes
        tick(qtbot, dialog.public)
        enabled.append(dialog.signed.isEnabled() and dialog.pick_signed.isEnabled())
        tick(qtbot, dialog.web)
        choose_signed(qtbot, dialog, minutes_pdf)
        return enabled

    assert build(view, qtbot, out, fill) == ["BuildDialog", False, True]
    qtbot.waitUntil(lambda: summary(view) is not None or bool(view.messages), timeout=120_000)
    assert view.messages == []
    close_summary(view, qtbot)

    lines = docx_text(out / "Pöytäkirja 18-2021 (julkinen).docx")
    start = lines.index("Allekirjoitettu sähköisesti") + 1
    said = lines[start : start + 4]
    assert [line.split(" klo ")[0].rsplit(", ", 1)[0] for line in said] == SIGNERS
    for line in said:
        assert re.search(r", \d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d\d$", line), line

    (index,) = out.glob("*/index.html")  # the web pages, in their folder
    page = index.read_text("utf-8")
    found = re.search(r"<h2>Allekirjoitettu sähköisesti</h2>\n<p>(.*?)</p>", page)
    assert found is not None
    assert found.group(1).split("<br>") == said  # the same words as the public minutes


@pytest.mark.parametrize(
    "spoil, problem",
    [
        ("half", "Pekka Mäkinen (pöytäkirjantarkastaja) has not signed the minutes yet"),
        ("changed", "The signatures of the minutes do not all verify"),
        ("missing", "cannot be read: No such file or directory"),
    ],
)
def test_a_signed_original_that_does_not_verify_builds_nothing(
    view, qtbot, signing_keys, minutes_pdf, trusting_profile, tmp_path, spoil, problem
):
    if spoil == "half":
        sign(minutes_pdf, signing_keys, labels=("lehtonen",), secretary=False)
    elif spoil == "changed":
        sign(minutes_pdf, signing_keys)
        with minutes_pdf.open("ab") as handle:
            handle.write(b"%")  # a byte added after everyone signed
    else:
        minutes_pdf.unlink()
    out = tmp_path / "out"

    def fill(dialog):
        tick(qtbot, dialog.public)
        choose_signed(qtbot, dialog, minutes_pdf)
        return []

    build(view, qtbot, out, fill)
    qtbot.waitUntil(lambda: bool(view.messages) or summary(view) is not None, timeout=120_000)
    ((title, text, detail),) = view.messages
    assert (title, text) == (
        "Build failed",
        "The signed original cannot be used; nothing was written.",
    )
    assert detail.startswith(f"{minutes_pdf}: ") or detail.startswith(f"{minutes_pdf} cannot")
    assert problem in detail
    assert not out.exists()  # nothing built, not even the documents that need no signature


def test_the_signed_original_is_reached_by_tab_and_named(view, qtbot):
    from ui.windows.build_dialog import BuildDialog

    dialog = BuildDialog(view)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tick(qtbot, dialog.public)
    dialog.public.setFocus()
    seen = [dialog.focusWidget()]
    for _step in range(5):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    assert seen == [
        dialog.public,
        dialog.web,  # the changes box is off for public copies
        dialog.signed,
        dialog.pick_signed,
        ok_button(dialog),
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel),
    ]
    assert dialog.signed.accessibleName() == "Signed original minutes (PDF)"
    assert dialog.pick_signed.accessibleName() == "Choose the signed original minutes"
    assert dialog.signed_label.buddy() is dialog.signed
    # Unticking public copies (and no web pages) leaves it out of the build.
    type_text(dialog.signed, "/somewhere/signed.pdf")
    assert dialog.choices().signed == Path("/somewhere/signed.pdf")
    tick(qtbot, dialog.public)
    assert not dialog.signed.isEnabled()
    assert dialog.choices().signed is None
    dialog.reject()


def test_screenshot_in_finnish(view, qtbot, tmp_path):
    from ui.services import translation
    from ui.windows.build_dialog import BuildDialog

    translation.apply("fi")
    try:
        dialog = BuildDialog(view)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.windowTitle() == "Kokoa asiakirjat"
        tick(qtbot, dialog.public)
        assert dialog.signed_label.text() == "Allekirjoitettu alkuperäinen (PDF):"
        assert dialog.pick_signed.text() == "Valitse…"
        dialog.grab().save("/tmp/signedcopy-build-empty.png")
        type_text(dialog.signed, str(tmp_path / "Pöytäkirja 18-2021.pdf"))
        dialog.grab().save("/tmp/signedcopy-build.png")
        dialog.reject()
    finally:
        translation.apply("en")
