"""The Decision tab offers the decision written from the proposal in the past tense (issue
27, item 5): shown beside the proposal, applied only when the secretary accepts it, one undo
step."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.conftest import EXAMPLE_885
from tests.ui.conftest import field
from ui.services.decision_offer import DecisionOffer

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
def asked(window, monkeypatch):
    """The real dialog, not the test's answer."""
    monkeypatch.delattr(window.ask, "past_tense_decision")
    return window


@pytest.fixture
def undecided(tmp_path):
    """The reference item 885 as minutes, "as proposed" ticked and the decision left empty."""
    data = json.loads(EXAMPLE_885.read_text(encoding="utf-8"))
    data["item"]["decision"]["text"] = ""
    path = tmp_path / "kh-885.pykala"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def when_offered(act):
    """Run `act(offer)` on the offer once it is shown (the dialog is modal: the click that
    opened it returns when it closes); what `act` returns is collected."""
    seen = []

    def look() -> None:
        offer = QApplication.activeModalWidget()
        if not isinstance(offer, DecisionOffer) or not offer.isVisible():
            QTimer.singleShot(10, look)
            return
        seen.append(act(offer))

    QTimer.singleShot(0, look)
    return seen


def click_the_button(window, qtbot) -> None:
    window.form.setCurrentIndex(2)  # the Decision tab
    button = window.form.past_tense_button
    window.form.currentWidget().ensureWidgetVisible(button)
    assert button.isVisible() and button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_accepting_the_offer_fills_the_decision_and_ctrl_z_takes_it_back(
    asked, qtbot, undecided, qt_language
):
    window = asked
    window.language_actions["fi"].trigger()  # Settings → Interface language → suomi
    assert window.open_path(undecided)
    editor = field(window, "item.decision.text")
    assert editor.toPlainText() == ""

    def look_and_accept(offer):
        seen = (
            offer.suggestion.toPlainText(),
            offer.proposal.toPlainText(),
            offer.accept_button.text(),
            window.document.draft.item.decision.text,  # shown, not applied yet
        )
        offer.grab().save("/tmp/past27-offer-fi.png")
        window.grab().save("/tmp/past27-window-before.png")
        QTest.mouseClick(offer.accept_button, Qt.MouseButton.LeftButton)
        return seen

    seen = when_offered(look_and_accept)
    click_the_button(window, qtbot)
    ((suggested, proposal, accept, decision_meanwhile),) = seen
    assert suggested == PUBLISHED
    assert proposal.startswith("Kaupunginhallitus päättää merkitä")
    assert accept == "&Käytä päätöksenä"
    assert decision_meanwhile == ""
    assert editor.toPlainText() == PUBLISHED
    assert window.document.draft.item.decision.text == PUBLISHED
    assert window.document.draft.item.decision.as_proposed is True
    window.grab().save("/tmp/past27-window-after.png")
    # Back in the window after the dialog (a desktop does it; the offscreen platform not).
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == ""
    assert window.document.draft.item.decision.text == ""
    assert not window.document.modified


def test_an_edited_suggestion_is_what_goes_in(asked, qtbot, undecided):
    window = asked
    assert window.open_path(undecided)

    def edit_and_accept(offer):
        offer.suggestion.setFocus()
        QTest.keyClick(offer.suggestion, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(offer.suggestion, " Edited")
        QTest.mouseClick(offer.accept_button, Qt.MouseButton.LeftButton)

    when_offered(edit_and_accept)
    click_the_button(window, qtbot)
    assert window.document.draft.item.decision.text == PUBLISHED + " Edited"


def test_cancel_changes_nothing(asked, qtbot, undecided):
    window = asked
    assert window.open_path(undecided)
    seen = when_offered(
        lambda offer: QTest.mouseClick(offer.cancel_button, Qt.MouseButton.LeftButton)
    )
    click_the_button(window, qtbot)
    assert seen == [None]
    assert window.document.draft.item.decision.text == ""
    assert not window.document.modified


def test_the_checks_warn_of_the_present_tense_and_a_click_opens_the_offer(asked, qtbot, undecided):
    """Minutes decided as proposed with no decision print the proposal's "päättää" under
    Päätös: the checks say so, and a click on the line opens the offer."""
    window = asked
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
    seen = when_offered(
        lambda offer: (
            window.form.currentIndex(),  # the Decision tab behind it
            QTest.mouseClick(offer.accept_button, Qt.MouseButton.LeftButton),
        )
    )
    rect = panel.visualItemRect(line())
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert seen == [(2, None)]
    assert window.document.draft.item.decision.text == PUBLISHED
    window.flush()
    qtbot.waitUntil(lambda: line() is None, timeout=5000)


def test_accepting_ticks_as_proposed_and_one_ctrl_z_undoes_both(asked, qtbot, undecided):
    """Unticked before, the accepted past tense is the decision as proposed (so the minutes
    print "Päätös on ehdotuksen mukainen." under Päätösehdotus, as the references do); the
    text and the box are one undo step."""
    window = asked
    assert window.open_path(undecided)
    box = field(window, "item.decision.as_proposed")
    window.form.setCurrentIndex(2)
    window.form.currentWidget().ensureWidgetVisible(box)
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().topLeft() + QPoint(8, 8))
    assert not window.document.draft.item.decision.as_proposed
    when_offered(lambda offer: QTest.mouseClick(offer.accept_button, Qt.MouseButton.LeftButton))
    click_the_button(window, qtbot)
    decision = window.document.draft.item.decision
    assert (decision.text, decision.as_proposed) == (PUBLISHED, True)
    assert box.isChecked()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor = field(window, "item.decision.text")
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    decision = window.document.draft.item.decision
    assert (decision.text, decision.as_proposed) == ("", False)
    assert not box.isChecked()


def test_the_offer_is_walked_by_tab_in_reading_order(asked, qtbot, undecided):
    window = asked
    assert window.open_path(undecided)

    def walk(offer):
        order = [offer.focusWidget()]
        for _step in range(4):
            QTest.keyClick(offer.focusWidget(), Qt.Key.Key_Tab)
            order.append(offer.focusWidget())
        names = [w.accessibleName() or w.text() for w in order]
        QTest.mouseClick(offer.cancel_button, Qt.MouseButton.LeftButton)
        return order == [
            offer.suggestion,
            offer.accept_button,
            offer.cancel_button,
            offer.proposal,
            offer.suggestion,
        ], names

    seen = when_offered(walk)
    click_the_button(window, qtbot)
    ((in_order, names),) = seen
    assert in_order, names
    assert all(names)
