"""A vote's ballots in the item window's handling record: the meeting-in-session view's ballot
table (one row per member who votes on the item, a key or a click a ballot, the tally), each
ballot one undo step, saved and read back; a member is never in two lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from drafting import draftfile
from tests.ui.conftest import field
from tests.ui.test_handling_editor import open_from_meeting, printed, show_decision_tab
from tests.ui.user import CTRL, SHIFT, key, menu

VOTE = "item.decision.handling[1]"


def choose_the_vote(window, tmp_path, monkeypatch):
    """§ 101 opened from the meeting view, its vote chosen in the events' list."""
    open_from_meeting(window, tmp_path, monkeypatch, 0)
    show_decision_tab(window)
    editor = window.form.handling_editor
    editor.events.setFocus()
    QTest.keyClick(editor.events, Qt.Key.Key_Down)
    assert editor.events.currentRow() == 1
    area = editor.ballots.parentWidget()
    while not isinstance(area, QScrollArea):
        area = area.parentWidget()
    area.ensureWidgetVisible(editor.ballots.table)
    return editor


def names(table) -> list[str]:
    return [table.item(n, 0).text() for n in range(table.rowCount())]


def marked(table, name: str) -> list[str]:
    """The columns (Yes, No, Blank) that show a ballot on `name`'s row."""
    row = names(table).index(name)
    return [
        table.horizontalHeaderItem(c).text().split()[0]
        for c in (1, 2, 3)
        if table.item(row, c).text()
    ]


def lists(window) -> tuple[list[str], list[str], list[str]]:
    vote = window.document.draft.item.decision.handling[1]
    return vote.jaa, vote.ei, vote.blank


def test_the_vote_is_the_ballot_table_of_the_members_who_vote(window, tmp_path, monkeypatch):
    editor = choose_the_vote(window, tmp_path, monkeypatch)
    table = editor.ballots.table
    assert table.isVisible() and editor.ballots.tally.isVisible()
    for side in ("jaa", "ei", "blank"):
        assert not field(window, f"{VOTE}.{side}").isVisible()
    # The members present for § 101 (not Antti Lehtinen, away; not Noora Salmi, arrived later),
    # not the presenter; each with the ballot the record gives.
    shown = names(table)
    assert shown[:2] == ["Kaisa Rinne", "Olli Hakala"] and len(shown) == 14
    assert "Antti Lehtinen" not in shown and "Noora Salmi" not in shown
    assert "Risto Ahonen" not in shown
    assert marked(table, "Kaisa Rinne") == ["Yes"]
    assert marked(table, "Petteri Kallio") == ["No"]
    assert editor.ballots.tally.text() == "Yes 10 – No 4 – Blank 0; 14 of 14 ballots given"
    # The other fields of the vote stay the schema's form; the seconders' list stays a list.
    assert field(window, f"{VOTE}.no").isVisible()
    assert table.accessibleName() == "Ballots"


def test_keys_and_clicks_give_ballots_one_undo_step_each_and_are_saved(
    window, tmp_path, monkeypatch, qtbot
):
    editor = choose_the_vote(window, tmp_path, monkeypatch)
    table = editor.ballots.table
    steps = window.document.undo_stack.count()
    # Kaisa Rinne (Yes) votes No: N on her row; the next row is chosen.
    table.setFocus()
    table.setCurrentCell(0, 0)
    QTest.keyClick(table, Qt.Key.Key_N)
    assert marked(table, "Kaisa Rinne") == ["No"]
    assert table.currentRow() == 1
    jaa, ei, blank = lists(window)
    assert "rinne" in ei and "rinne" not in jaa
    qtbot.waitUntil(lambda: "Ei-äänet: 5" in printed(window))
    assert "Jaa-äänet: 9" in printed(window)
    # Olli Hakala, now chosen: A (abstain) puts his ballot in Blank.
    QTest.keyClick(table, Qt.Key.Key_A)
    assert marked(table, "Olli Hakala") == ["Blank"]
    qtbot.waitUntil(lambda: "Tyhjä: 1" in printed(window))
    assert "Jaa-äänet: 8" in printed(window)
    assert editor.ballots.tally.text() == "Yes 8 – No 5 – Blank 1; 14 of 14 ballots given"
    assert editor.events.item(1).text() == "Vote: 8–5, 1 blank"
    # A click in Henna Aalto's No cell.
    row = names(table).index("Henna Aalto")
    rect = table.visualItemRect(table.item(row, 2))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert marked(table, "Henna Aalto") == ["No"]
    assert window.document.undo_stack.count() == steps + 3
    assert editor.ballots.tally.text() == "Yes 7 – No 6 – Blank 1; 14 of 14 ballots given"

    # Ctrl+Z takes back one ballot: Henna Aalto's; the others stay.
    key(table, Qt.Key.Key_Z, CTRL)
    jaa, ei, blank = lists(window)
    assert "aalto" in jaa and "aalto" not in ei
    assert "rinne" in ei and blank == ["hakala"]
    assert marked(table, "Henna Aalto") == ["Yes"]
    qtbot.waitUntil(lambda: "Ei-äänet: 5" in printed(window))

    # Saved and opened again: the same ballots, in the table.
    record = window.document.draft.item.decision.handling
    target = tmp_path / "tallennettu.pykala"
    window.answers["save_path"] = target
    key(table, Qt.Key.Key_S, CTRL | SHIFT)  # Save As
    assert target.exists() and not window.isWindowModified()
    assert draftfile.load(target).item.decision.handling == record
    window.answers["open_path"] = target
    menu(window, "File", "New")
    menu(window, "File", "Open")
    assert window.document.draft.item.decision.handling == record
    show_decision_tab(window)
    editor = window.form.handling_editor
    editor.events.setCurrentRow(0)
    editor.events.setFocus()
    QTest.keyClick(editor.events, Qt.Key.Key_Down)
    assert editor.ballots.table.isVisible()
    assert marked(editor.ballots.table, "Kaisa Rinne") == ["No"]
    assert marked(editor.ballots.table, "Olli Hakala") == ["Blank"]


def test_a_member_is_never_in_two_lists(window, tmp_path, monkeypatch):
    editor = choose_the_vote(window, tmp_path, monkeypatch)
    table = editor.ballots.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    # Every key on every row, and a click in every column of a row: one ballot each at the end.
    for letter in (Qt.Key.Key_N, Qt.Key.Key_Y, Qt.Key.Key_A, Qt.Key.Key_N):
        table.setCurrentCell(0, 0)
        for _row in range(table.rowCount()):
            QTest.keyClick(table, letter)
    for column in (3, 1, 2, 2):
        rect = table.visualItemRect(table.item(0, column))
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    jaa, ei, blank = lists(window)
    everyone = jaa + ei + blank
    assert len(everyone) == len(set(everyone)) == 14
    assert len(ei) == 14
    assert all(len(marked(table, name)) == 1 for name in names(table))
    assert editor.ballots.tally.text() == "Yes 0 – No 14 – Blank 0; 14 of 14 ballots given"


def test_tab_reaches_the_ballots_after_the_votes_fields(window, tmp_path, monkeypatch):
    editor = choose_the_vote(window, tmp_path, monkeypatch)
    last = field(window, f"{VOTE}.no_text")
    last.setFocus()
    seen = []
    for _n in range(5):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [
        editor.ballots.name_field,
        *editor.ballots.move_buttons.values(),
        editor.ballots.table,
    ]
    assert all(w.accessibleName() for w in seen)
