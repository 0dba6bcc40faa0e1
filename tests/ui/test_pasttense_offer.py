"""The Decision tab offers the decision written from the proposal in the past tense (issue
27, item 5): shown beside the proposal, applied only when the secretary accepts it, one undo
step."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import EXAMPLE_885
from tests.ui.conftest import field

PUBLISHED = (
    "Kaupunginhallitus merkitsi tiedoksi selvityksen kaupunginvaltuuston 16.6.2021 "
    "hyväksymän toivomusponnen johdosta tehdyistä toimenpiteistä ja toimitti selvityksen "
    "ponnen ehdottajalle sekä tiedoksi muille valtuutetuille."
)


@pytest.fixture
def qt_language(qapp):
    from ui.services import translation

    yield translation.apply
    translation.apply("en")


@pytest.fixture
def undecided(tmp_path):
    """The reference item 885 as minutes, "as proposed" ticked and the decision left empty."""
    data = json.loads(EXAMPLE_885.read_text(encoding="utf-8"))
    data["item"]["decision"]["text"] = ""
    path = tmp_path / "kh-885.pykala"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def open_offer(window, qtbot):
    window.form.setCurrentIndex(2)  # the Decision tab
    button = window.form.past_tense_button
    window.form.currentWidget().ensureWidgetVisible(button)
    assert button.isVisible() and button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.form.offer is not None and window.form.offer.isVisible())
    return window.form.offer


def test_accepting_the_offer_fills_the_decision_and_ctrl_z_takes_it_back(
    window, qtbot, undecided, qt_language, tmp_path
):
    window.language_actions["fi"].trigger()  # Settings → Interface language → suomi
    assert window.open_path(undecided)
    editor = field(window, "item.decision.text")
    assert editor.toPlainText() == ""
    offer = open_offer(window, qtbot)
    assert offer.suggestion.toPlainText() == PUBLISHED
    assert offer.proposal.toPlainText().startswith("Kaupunginhallitus päättää merkitä")
    assert offer.accept_button.text() == "&Käytä päätöksenä"
    # Shown, not applied: the decision is still empty while the dialog is open.
    assert window.document.draft.item.decision.text == ""
    offer.grab().save(str(tmp_path / "offer.png"))
    window.grab().save("/tmp/past27-window-before.png")
    offer.grab().save("/tmp/past27-offer-fi.png")
    qtbot.mouseClick(offer.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not offer.isVisible())
    assert editor.toPlainText() == PUBLISHED
    assert window.document.draft.item.decision.text == PUBLISHED
    assert window.document.draft.item.decision.as_proposed is True
    window.grab().save("/tmp/past27-window-after.png")
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == ""
    assert window.document.draft.item.decision.text == ""
    assert not window.document.modified


def test_an_edited_suggestion_is_what_goes_in(window, qtbot, undecided):
    assert window.open_path(undecided)
    offer = open_offer(window, qtbot)
    offer.suggestion.setFocus()
    QTest.keyClick(offer.suggestion, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(offer.suggestion, " Edited")
    qtbot.mouseClick(offer.accept_button, Qt.MouseButton.LeftButton)
    assert window.document.draft.item.decision.text == PUBLISHED + " Edited"


def test_cancel_changes_nothing(window, qtbot, undecided):
    assert window.open_path(undecided)
    offer = open_offer(window, qtbot)
    qtbot.mouseClick(offer.cancel_button, Qt.MouseButton.LeftButton)
    assert not offer.isVisible()
    assert window.document.draft.item.decision.text == ""
    assert not window.document.modified


def test_the_checks_warn_of_the_present_tense_and_a_click_opens_the_offer(window, qtbot, undecided):
    """Minutes decided as proposed with no decision print the proposal's "päättää" under
    Päätös: the checks say so, and a click on the line opens the offer."""
    assert window.open_path(undecided)
    panel = window.checks_panel.list

    def line():
        found = [
            panel.item(n)
            for n in range(panel.count())
            if "Decision from the proposal" in panel.item(n).text()
        ]
        return found[0] if found else None

    qtbot.waitUntil(lambda: line() is not None, timeout=5000)
    assert "⚠" in line().text()
    rect = panel.visualItemRect(line())
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.form.offer is not None and window.form.offer.isVisible())
    assert window.form.currentIndex() == 2  # the Decision tab
    qtbot.mouseClick(window.form.offer.accept_button, Qt.MouseButton.LeftButton)
    assert window.document.draft.item.decision.text == PUBLISHED
    window.flush()
    qtbot.waitUntil(lambda: line() is None, timeout=5000)
