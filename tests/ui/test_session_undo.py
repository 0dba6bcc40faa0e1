"""The meeting in session: Ctrl+Z undoes the view's last action whichever file it changed (the
meeting's roll call, an item's record, a ballot), Ctrl+Y redoes it; a name that is nobody is
refused with the field named, and what was typed stays."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from tests.ui.conftest import type_text
from tests.ui.test_session_walk import (  # noqa: F401 - fixtures
    click_row,
    fresh_meeting,
    press,
    printed,
    row_of,
    session,
)
from tests.ui.user import CTRL, SHIFT, click

NOTE = "Kokous keskeytettiin kymmeneksi minuutiksi."


def test_undo_follows_the_last_action_across_the_meeting_and_the_item(session):  # noqa: F811 - the fixture
    view = session
    roster = view.rollcall.roster
    click_row(roster, "Noora Salmi")
    press(Qt.Key.Key_Space)
    assert row_of(roster, "Noora Salmi").text(2) == "POISSA"
    press(Qt.Key.Key_N, CTRL | SHIFT)
    type_text(view.f_note, NOTE)
    press(Qt.Key.Key_Return, CTRL)
    assert NOTE in printed(view)
    assert view.meeting_window.isWindowModified()

    press(Qt.Key.Key_Z, CTRL)  # the note, in the item's file
    assert NOTE not in printed(view)
    assert row_of(roster, "Noora Salmi").text(2) == "POISSA"
    press(Qt.Key.Key_Z, CTRL)  # the roll call, in the meeting's file
    assert row_of(roster, "Noora Salmi").text(2) == "läsnä"
    press(Qt.Key.Key_Y, CTRL)
    assert row_of(roster, "Noora Salmi").text(2) == "POISSA"
    press(Qt.Key.Key_Y, CTRL)
    assert NOTE in printed(view)


def test_a_ballot_is_undone_and_given_again(session):  # noqa: F811 - the fixture
    view = session
    press(Qt.Key.Key_1, CTRL)
    type_text(view.f_proposer, "Kallio")
    view.f_seconders.setFocus()
    type_text(view.f_seconders, "Nurmi")
    press(Qt.Key.Key_Return, CTRL)
    press(Qt.Key.Key_7, CTRL)
    table = view.ballots.table
    press(Qt.Key.Key_E)
    assert table.item(0, 2).text() == "●" and table.currentRow() == 1
    press(Qt.Key.Key_Z, CTRL)
    assert table.item(0, 2).text() == ""
    assert "Kaisa Rinne" in view.ballots.missing.text()
    table.setCurrentCell(0, 0)
    press(Qt.Key.Key_J)
    assert table.item(0, 1).text() == "●"


def test_a_name_that_is_nobody_is_refused_and_kept(session):  # noqa: F811 - the fixture
    view = session
    press(Qt.Key.Key_1, CTRL)
    type_text(view.f_proposer, "Zorro")
    press(Qt.Key.Key_Return, CTRL)
    message = view.form_message.text()
    assert message.startswith("Ehdottaja:") and "Zorro" in message
    assert view.f_proposer.text() == "Zorro" and view.f_proposer.hasFocus()
    assert "Vastaehdotus" not in printed(view)


def test_a_vote_without_a_seconded_proposal_says_what_comes_first(session):  # noqa: F811 - the fixture
    view = session
    press(Qt.Key.Key_7, CTRL)
    assert "Ctrl+1" in view.form_message.text()
    assert not view.ballots.table.isVisible()
    assert printed(view) == ""


def test_a_vote_with_ballots_missing_holds_the_item_and_opens_again(session, qtbot):  # noqa: F811
    """ "Next item" waits for the vote to close; a vote saved half-given (the session view
    closed, or a copy restored after a crash) opens again at the first member without a
    ballot when its item is shown."""
    view = session
    press(Qt.Key.Key_1, CTRL)
    type_text(view.f_proposer, "Kallio")
    view.f_seconders.setFocus()
    type_text(view.f_seconders, "Nurmi")
    press(Qt.Key.Key_Return, CTRL)
    press(Qt.Key.Key_7, CTRL)
    for key in (Qt.Key.Key_J, Qt.Key.Key_E, Qt.Key.Key_J):
        press(key)
    click(view.next_button)
    assert view.item_label.text().startswith("§ 101")
    assert "Päätä ensin äänestys" in view.ballots.missing.text()

    click(view.save_button)
    meeting_view = view.meeting_window
    view.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # it is gone
    assert not shiboken6.isValid(view)
    click(meeting_view.session_button)
    again = meeting_view.session_view
    table = again.ballots.table
    assert table.isVisible() and table.currentRow() == 3
    assert [table.item(n, 2).text() for n in range(3)] == ["", "●", ""]
    assert "Kaisa Rinne" not in again.ballots.missing.text()
    again.close()
