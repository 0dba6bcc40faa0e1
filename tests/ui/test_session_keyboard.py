"""The meeting in session from the keyboard: Tab walks the open form in reading order, every
control a user can reach has an accessible name, and the roll call's keys are shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from tests.ui.conftest import type_text
from tests.ui.test_session_walk import focused, fresh_meeting, press, session  # noqa: F401
from tests.ui.user import CTRL


def press_tab() -> QWidget:
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    return focused()


def reachable(view) -> list[QWidget]:
    """The controls of the view a user can reach now: shown, enabled, taking the focus."""
    return [
        w
        for w in view.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.window() is view
    ]


def unnamed(view) -> list[str]:
    return [
        f"{type(w).__name__} {w.text() if isinstance(w, QAbstractButton) else ''}"
        for w in reachable(view)
        if not w.accessibleName() and type(w).__name__ not in ("QTabBar",)
    ]


def test_tab_walks_the_counter_proposal_form_in_reading_order(session):  # noqa: F811
    press(Qt.Key.Key_1, CTRL)
    names = [focused().accessibleName()] + [press_tab().accessibleName() for _ in range(5)]
    assert names == [
        "Ehdottaja",
        "Kannattaja",
        "Teksti (sanatarkasti)",
        "Vastaehdotus",
        "Peru lomake",
        "Kirjaa tapahtuma",
    ]


def test_every_control_has_a_name_in_each_part_of_the_view(session):  # noqa: F811
    view = session
    assert unnamed(view) == []  # the roll call
    press(Qt.Key.Key_1, CTRL)
    assert unnamed(view) == []  # a form
    type_text(view.f_proposer, "Kallio")
    view.f_seconders.setFocus()
    type_text(view.f_seconders, "Nurmi")
    press(Qt.Key.Key_Return, CTRL)
    press(Qt.Key.Key_7, CTRL)
    assert unnamed(view) == []  # a vote
    table = view.ballots.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(1, 4)]
    assert headers == ["Jaa (J)", "Ei (E)", "Tyhjä (T)"]
    assert QApplication.focusWidget() is table and table.currentRow() == 0
