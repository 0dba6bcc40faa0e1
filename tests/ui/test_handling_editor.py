"""The handling record in the item window (issue 27): the events in a list, the chosen one's
form from the schema, names picked from the meeting's roster, the text as it will print, one
undo step a change, saved and read back as it was, and the checks' findings leading to the
event's field. Everything as the user does it: the real buttons, menus and keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from drafting import draftfile
from tests.conftest import EXAMPLES
from tests.ui.conftest import field, open_view, type_text
from tests.ui.user import CTRL, SHIFT, click, key, menu

MEETING = EXAMPLES / "meeting" / "kh-11-2026.pykala"


def show_decision_tab(window) -> None:
    tabs = window.form.tabBar()
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(2).center())
    assert window.form.currentIndex() == 2


def add_event(window, label: str, qtbot=None) -> None:
    """Add… on the Decision tab, then the kind from the menu it opens, by the mouse."""
    show_decision_tab(window)
    editor = window.form.handling_editor
    click(editor.buttons["add"])
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QMenu)
    (action,) = [a for a in popup.actions() if a.text() == label]
    QTest.mouseClick(popup, Qt.MouseButton.LeftButton, pos=popup.actionGeometry(action).center())
    assert not popup.isVisible()
    # The offscreen platform leaves the closed menu the active window (shortcuts would not
    # reach the drafting window); a user is back in the window.
    window.activateWindow()
    QApplication.processEvents()


def printed(window) -> str:
    return window.form.handling_editor.printed.toPlainText()


def open_from_meeting(window, tmp_path, monkeypatch, row: int):
    """The example meeting in the meeting view; its item `row` opened with the Open button."""
    import shutil

    shutil.copytree(EXAMPLES / "meeting", tmp_path / "meeting")
    view = open_view(window, tmp_path / "meeting" / MEETING.name, monkeypatch)
    items = view.items
    rect = items.visualItemRect(items.topLevelItem(row))
    QTest.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(view.buttons["open"])
    return view


def tick(people_field, name: str) -> None:
    """Find a name in a list of people by typing its first name, tick it with Space."""
    listed = people_field.current_input()
    listed.setFocus()
    QTest.keyClicks(listed, name.split()[0])
    assert listed.currentItem().text() == name
    QTest.keyClick(listed, Qt.Key.Key_Space)


def test_a_counter_proposal_seconded_and_voted_on_prints_and_undoes(
    window, tmp_path, monkeypatch, qtbot
):
    open_from_meeting(window, tmp_path, monkeypatch, 4)  # § 105: one unanimous decision
    editor = window.form.handling_editor
    assert editor.events.count() == 1
    assert editor.events.item(0).text().startswith("Unanimous decision: ")

    add_event(window, "Proposal (Ehdotus)")
    assert editor.events.count() == 2 and editor.events.currentRow() == 1
    assert editor.kind.currentText() == "Proposal (Ehdotus)"
    proposer = field(window, "item.decision.handling[1].proposer")
    assert proposer.isVisible()
    assert not field(window, "item.decision.handling[1].jaa").isVisible()
    # The proposer: a few letters of the surname, the roster's name taken from the list.
    proposer.setFocus()
    QTest.keyClicks(proposer, "kal")
    popup = proposer.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(n, 0).data() for n in range(popup.model().rowCount())] == [
        "Petteri Kallio"
    ]
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert proposer.text() == "Petteri Kallio"
    event = window.document.draft.item.decision.handling[1]
    assert (event.event, event.id, event.proposer) == ("proposal", "1", "kallio")
    # Its text, and a seconder ticked in the members' list.
    text = field(window, "item.decision.handling[1].text")
    text.setFocus()
    type_text(text, "Asia palautetaan.")
    tick(field(window, "item.decision.handling[1].seconders"), "Satu Nurmi")
    assert window.document.draft.item.decision.handling[1].seconders == ["nurmi"]
    assert (
        editor.events.item(1).text()
        == "Counter-proposal 1 — Petteri Kallio; seconded by Satu Nurmi"
    )
    # A vote: on the presenter's proposal against this one, as the record says.
    add_event(window, "Vote (Äänestys)")
    vote = window.document.draft.item.decision.handling[2]
    assert (vote.event, vote.yes, vote.no) == ("vote", "presenter", "1")
    no_side = field(window, "item.decision.handling[2].no")
    assert (
        no_side.isVisible()
        and no_side.currentText() == "Proposal 1: Counter-proposal (Vastaehdotus), Petteri Kallio"
    )
    # The ballots: the session view's table, a key on a member's row (Y, N, A).
    assert not field(window, "item.decision.handling[2].jaa").isVisible()
    table = editor.ballots.table
    for name, letter in (("Kaisa Rinne", Qt.Key.Key_Y), ("Petteri Kallio", Qt.Key.Key_N)):
        rows = [table.item(n, 0).text() for n in range(table.rowCount())]
        table.setFocus()
        table.setCurrentCell(rows.index(name), 0)
        QTest.keyClick(table, letter)
    assert editor.events.item(2).text() == "Vote: 1–1"
    qtbot.waitUntil(lambda: "Äänestys" in printed(window))
    shown = printed(window)
    assert "Vastaehdotus:" in shown and "Petteri Kallio: Asia palautetaan." in shown
    assert "Kannattaja: Satu Nurmi" in shown and "Äänestys" in shown
    assert "Ei-äänet: 1" in shown

    # Ctrl+Z takes the last change back: Petteri Kallio's ballot.
    key(editor.events, Qt.Key.Key_Z, CTRL)
    assert window.document.draft.item.decision.handling[2].ei == []
    qtbot.waitUntil(lambda: "Ei-äänet" not in printed(window))
    assert editor.events.item(2).text() == "Vote: 1–0"

    # Saved and opened again: the same record.
    record = window.document.draft.item.decision.handling
    target = tmp_path / "tallennettu.pykala"
    window.answers["save_path"] = target
    key(editor.events, Qt.Key.Key_S, CTRL | SHIFT)  # Save As
    assert target.exists() and not window.isWindowModified()
    assert draftfile.load(target).item.decision.handling == record
    window.answers["open_path"] = target
    menu(window, "File", "New")
    assert window.form.handling_editor.events.count() == 0
    menu(window, "File", "Open")
    assert window.document.path == target
    assert window.document.draft.item.decision.handling == record
    assert editor.events.count() == 3
    qtbot.waitUntil(lambda: "Kannattaja: Satu Nurmi" in printed(window))


def test_the_item_opened_from_the_meeting_offers_its_members(window, tmp_path, monkeypatch):
    """The meeting view's Open gives the item the meeting's roster, with who was there for
    the item (Antti Lehtinen is away from the start, Noora Salmi arrives during § 102), in
    the one "Numbers from the meeting" step."""
    open_from_meeting(window, tmp_path, monkeypatch, 0)  # § 101
    show_decision_tab(window)
    editor = window.form.handling_editor
    assert editor.events.currentRow() == 0  # the proposal
    ballots = field(window, "item.decision.handling[0].seconders").current_input()
    shown = [ballots.item(n).text() for n in range(ballots.count())]
    assert shown[:2] == ["Kaisa Rinne", "Olli Hakala"] and len(shown) == 16
    assert "Antti Lehtinen (absent)" in shown and "Noora Salmi (absent)" in shown
    assert "Risto Ahonen" not in shown  # the presenter is not a member
    checked = [
        ballots.item(n).text()
        for n in range(ballots.count())
        if ballots.item(n).checkState() == Qt.CheckState.Checked
    ]
    assert checked == ["Satu Nurmi"]
    assert editor.roster_hint.isHidden()
    assert window.document.undo_stack.undoText() == "Numbers from the meeting"


def test_an_item_without_a_roster_says_where_the_names_come_from(window, tmp_path):
    path = tmp_path / "oma.pykala"
    path.write_bytes((MEETING.parent / "kh-11-2026" / "03-avustus.pykala").read_bytes())
    assert window.open_path(path)
    show_decision_tab(window)
    editor = window.form.handling_editor
    assert editor.roster_hint.isVisible()
    assert "open the item from the meeting view" in editor.roster_hint.text()
    # Without a roster the people are names typed one per line; kept as typed.
    editor.events.setFocus()
    QTest.keyClick(editor.events, Qt.Key.Key_End)  # the vote
    ballots = field(window, "item.decision.handling[2].jaa").current_input()
    assert ballots.isVisible() and ballots.toPlainText().split("\n")[0] == "rinne"


def test_changing_the_kind_shows_its_fields_at_once_and_is_one_step(window, tmp_path):
    assert window.open_path(EXAMPLES / "meeting" / "kh-11-2026" / "02-katuvalaistus.pykala")
    show_decision_tab(window)
    editor = window.form.handling_editor
    assert editor.kind.currentText() == "Proposal (Ehdotus)"
    steps = window.document.undo_stack.count()
    editor.kind.setFocus()
    QTest.keyClick(editor.kind, Qt.Key.Key_Up)  # Presenter's change, above Proposal
    assert editor.kind.currentText() == "Presenter's change (Esittelijän muutos)"
    assert field(window, "item.decision.handling[0].change").isVisible()
    assert not field(window, "item.decision.handling[0].proposer").isVisible()
    event = window.document.draft.item.decision.handling[0]
    assert event.event == "presenter_change" and event.proposer == "" and event.text
    assert window.document.undo_stack.count() == steps + 1


def test_an_empty_record_shows_the_help_and_removing_moving_are_steps(window, tmp_path):
    menu(window, "File", "New")
    show_decision_tab(window)
    editor = window.form.handling_editor
    assert editor.events.count() == 0 and editor.help.isVisible()
    assert not editor.buttons["remove"].isEnabled()
    add_event(window, "Note (Merkintä)")
    add_event(window, "Dissent (Eriävä mielipide)")
    assert not editor.help.isVisible()
    click(editor.buttons["up"])
    kinds = [e.event for e in window.document.draft.item.decision.handling]
    assert kinds == ["dissent", "note"] and editor.events.currentRow() == 0
    click(editor.buttons["remove"])
    assert [e.event for e in window.document.draft.item.decision.handling] == ["note"]
    key(editor.events, Qt.Key.Key_Z, CTRL)
    assert [e.event for e in window.document.draft.item.decision.handling] == ["dissent", "note"]


def test_a_check_finding_leads_to_the_events_field(window, tmp_path, monkeypatch, qtbot):
    open_from_meeting(window, tmp_path, monkeypatch, 0)  # § 101
    show_decision_tab(window)
    editor = window.form.handling_editor
    proposer = field(window, "item.decision.handling[0].proposer")
    proposer.setFocus()
    proposer.selectAll()
    type_text(proposer, "Matti Meikäläinen")
    panel = window.checks_panel.list
    wanted = "item.decision.handling[0].proposer"

    def line():
        found = [panel.item(n) for n in range(panel.count())]
        return next((i for i in found if i.data(Qt.ItemDataRole.UserRole) == wanted), None)

    qtbot.waitUntil(lambda: line() is not None, timeout=5000)
    assert "Handling, event 1: Proposer: " in line().text()
    assert "Matti Meikäläinen" in line().text()
    # Elsewhere now: the vote chosen, the focus in the list.
    editor.events.setFocus()
    QTest.keyClick(editor.events, Qt.Key.Key_Down)
    assert editor.events.currentRow() == 1
    item = line()
    panel.scrollToItem(item)
    QTest.mouseClick(
        panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center()
    )
    assert editor.events.currentRow() == 0
    assert window.form.currentIndex() == 2
    assert proposer.hasFocus() and proposer.text() == "Matti Meikäläinen"


def test_a_unanimous_decision_on_the_chairs_proposal(window, tmp_path, monkeypatch, qtbot):
    """The chair is offered as the proposer of a unanimous decision, and prints so."""
    open_from_meeting(window, tmp_path, monkeypatch, 4)  # § 105: tabled unanimously
    show_decision_tab(window)
    proposer = field(window, "item.decision.handling[0].proposer")
    assert proposer.text() == "Jari Lindqvist"
    proposer.setFocus()
    proposer.selectAll()
    QTest.keyClicks(proposer, "cha")
    popup = proposer.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert proposer.text() == "the chair"
    assert window.document.draft.item.decision.handling[0].proposer == "chair"
    qtbot.waitUntil(lambda: "puheenjohtajan ehdotuksesta" in printed(window))


def test_tab_walks_the_editor_in_reading_order_and_every_stop_is_named(
    window, tmp_path, monkeypatch
):
    open_from_meeting(window, tmp_path, monkeypatch, 0)  # § 101: a proposal first
    show_decision_tab(window)
    editor = window.form.handling_editor
    editor.events.setFocus()
    seen = []
    for _n in range(12):
        widget = QApplication.focusWidget()
        seen.append(widget)
        assert widget.accessibleName(), type(widget).__name__
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    names = [w.accessibleName() for w in seen]
    assert names[:9] == [
        "Events of the handling",
        "Add an event",
        "Remove the event",
        "Move the event down",  # Move up is not enabled on the first event: passed over
        "Event",
        "Proposal's name (e.g. 1)",
        "Kind of proposal",
        "Proposer",
        "Seconders",
    ]
