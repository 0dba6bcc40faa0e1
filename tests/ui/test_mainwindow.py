"""The drafting window driven as a user drives it: type, undo, save, reopen, export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from drafting import draftfile
from drafting.render import pdf
from tests.conftest import EXAMPLE_333, EXAMPLE_885
from tests.support.documents import pdf_pages
from tests.ui.conftest import edit_cell, field, type_text
from tests.ui.user import CTRL, SHIFT, click, key, menu
from ui.widgets.checks_panel import WORD_ROLE


def focus(window, path):
    assert window.form.focus_path(path)
    widget = field(window, path)
    widget.setFocus()
    return widget


def show_tab(window, title: str) -> None:
    """Click the form's tab with this title."""
    tabs = window.form.tabBar()
    (index,) = [n for n in range(tabs.count()) if tabs.tabText(n).replace("&", "") == title]
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())
    assert window.form.currentIndex() == index


def checks_shown(window, qtbot, condition) -> list[str]:
    """Wait (the checks run after a pause in typing) until the panel's lines satisfy
    `condition`; the lines."""
    panel = window.checks_panel.list

    def lines() -> list[str]:
        return [panel.item(n).text() for n in range(panel.count())]

    qtbot.waitUntil(lambda: condition(lines()), timeout=5000)
    return lines()


def end_of(editor):
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)


def test_type_undo_redo_save_and_reopen(window, tmp_path, qtbot):
    assert window.open_path(EXAMPLE_885)
    title = focus(window, "item.title")
    title.selectAll()
    type_text(title, "Päätös ääriviivoista – Å")
    assert window.isWindowModified()
    assert window.document.draft.item.title == "Päätös ääriviivoista – Å"

    reasoning = focus(window, "item.proposal.reasoning")
    end_of(reasoning)
    type_text(reasoning, "\n\nLisäys: säännöt öisin.")
    qtbot.waitUntil(  # after the pause in typing
        lambda: window.document.draft.item.proposal.reasoning.endswith("\n\nLisäys: säännöt öisin.")
    )

    key(reasoning, Qt.Key.Key_Z, CTRL)  # the reasoning edit
    assert not window.document.draft.item.proposal.reasoning.endswith("öisin.")
    assert "öisin" not in reasoning.toPlainText()
    key(reasoning, Qt.Key.Key_Y, CTRL)
    assert reasoning.toPlainText().endswith("Lisäys: säännöt öisin.")

    target = tmp_path / "tallennettu.pykala"
    window.answers["save_path"] = target
    key(reasoning, Qt.Key.Key_S, CTRL | SHIFT)  # Save As
    assert target.exists()
    assert not window.isWindowModified()
    reopened = draftfile.load(target)
    assert reopened == window.document.draft
    assert reopened.item.title == "Päätös ääriviivoista – Å"
    assert reopened.item.proposal.reasoning.endswith("Lisäys: säännöt öisin.")


def test_undo_back_to_the_saved_state_is_unmodified(window, tmp_path):
    window.answers["save_path"] = tmp_path / "a.pykala"
    window.open_path(EXAMPLE_885)
    number = focus(window, "meeting.number")
    type_text(number, "x")
    assert window.isWindowModified()
    key(number, Qt.Key.Key_Z, CTRL)
    assert not window.isWindowModified()
    assert window.document.draft.meeting.number == "45/2021"


@pytest.mark.libreoffice
def test_exported_word_document_has_the_typed_text_in_its_section(window, tmp_path, qtbot):
    window.open_path(EXAMPLE_885)
    decision = focus(window, "item.decision.text")
    end_of(decision)
    type_text(decision, "\n\nLisäksi hallitus päätti kiittää työryhmää.")
    target = tmp_path / "ote.docx"
    window.answers["save_path"] = target
    with qtbot.waitSignal(
        window.statusBar().messageChanged,
        timeout=30_000,
        check_params_cb=lambda m: m.startswith("Exported"),
    ):
        key(decision, Qt.Key.Key_E, CTRL)  # Export Word document, from the field
    pages = pdf_pages_of(target, tmp_path)
    text = "\n".join(pages)
    lines = [line.strip() for line in text.splitlines()]
    decision_at = lines.index("Päätös")
    presenter_at = lines.index("Esittelijä")
    typed_at = next(n for n, line in enumerate(lines) if "kiittää työryhmää" in line)
    assert decision_at < typed_at < presenter_at


def pdf_pages_of(docx_path, folder):
    out = folder / "out.pdf"
    out.write_bytes(pdf.convert(docx_path.read_bytes()))
    return pdf_pages(out)


def test_export_refuses_while_there_are_errors_and_names_them(window, tmp_path):
    window.open_path(EXAMPLE_885)
    title = focus(window, "item.title")
    title.selectAll()
    QTest.keyClick(title, Qt.Key.Key_Delete)
    window.answers["save_path"] = tmp_path / "x.docx"
    QTest.keyClick(title, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # in the field
    assert not (tmp_path / "x.docx").exists()
    ((title_text, text, detail),) = window.messages
    assert title_text == "Cannot export yet"
    # The field's label, as the form shows it; never the file format's path.
    assert "Title: The title is empty; it is required" in detail
    assert "item." not in detail


def test_a_bad_date_names_its_field_and_keeps_the_text(window, qtbot):
    window.open_path(EXAMPLE_885)
    date = focus(window, "meeting.date")
    date.selectAll()
    type_text(date, "31.2.2021")
    checks_shown(
        window,
        qtbot,
        lambda lines: any("Meeting date" in t and '"31.2.2021" is not a date' in t for t in lines),
    )
    assert date.text() == "31.2.2021"
    assert window.document.draft.meeting.date.isoformat() == "2021-11-22"


def test_clicking_a_problem_goes_to_its_field(window, qtbot):
    window.open_path(EXAMPLE_885)
    reasoning = focus(window, "item.proposal.reasoning")
    reasoning.selectAll()
    QTest.keyClick(reasoning, Qt.Key.Key_Delete)
    panel = window.checks_panel.list

    def reasoning_line():  # "the reasoning is empty" (not a spelling finding in it)
        return next(
            (
                panel.item(n)
                for n in range(panel.count())
                if panel.item(n).data(Qt.ItemDataRole.UserRole) == "item.proposal.reasoning"
                and panel.item(n).data(WORD_ROLE) is None
            ),
            None,
        )

    qtbot.waitUntil(lambda: reasoning_line() is not None, timeout=5000)
    show_tab(window, "Meeting and item")
    item = reasoning_line()
    panel.scrollToItem(item)
    QTest.mouseClick(
        panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center()
    )
    assert window.form.tabText(window.form.currentIndex()) == "Proposal"
    assert reasoning.hasFocus()


def test_closing_with_unsaved_changes_asks(window):
    window.open_path(EXAMPLE_885)
    body = focus(window, "meeting.body")
    type_text(body, "x")
    asked = []
    window.answers["save_changes"] = lambda name: asked.append(name) or "cancel"
    menu(window, "File", "Quit")
    assert asked == ["kh-2021-11-22-s885.pykala"]
    assert window.isVisible()
    window.answers["save_changes"] = "discard"
    menu(window, "File", "Quit")
    assert not window.isVisible()


def test_saving_over_a_file_changed_elsewhere_asks_first(window, tmp_path):
    path = tmp_path / "d.pykala"
    path.write_bytes(EXAMPLE_885.read_bytes())
    window.open_path(path)
    body = focus(window, "meeting.body")
    type_text(body, "x")
    path.write_text(
        path.read_text(encoding="utf-8").replace("45/2021", "46/2021"), encoding="utf-8"
    )
    asked = []
    window.answers["overwrite_changed_file"] = lambda p: asked.append(p.name) or False
    key(body, Qt.Key.Key_S, CTRL)
    assert asked == ["d.pykala"]
    assert "46/2021" in path.read_text(encoding="utf-8")  # theirs is kept
    assert window.isWindowModified()
    window.answers["overwrite_changed_file"] = True
    key(body, Qt.Key.Key_S, CTRL)
    assert draftfile.load(path).meeting.body.endswith("x")
    assert not window.isWindowModified()


def test_an_unreadable_file_is_explained_and_left_alone(window, tmp_path):
    path = tmp_path / "bad.pykala"
    path.write_text(
        '{"format": "pykala", "version": 1, "meeting": {"date": "1.2.2021"}}', encoding="utf-8"
    )
    assert not window.open_path(path)
    ((title, text, detail),) = window.messages
    assert 'meeting.date: "1.2.2021" is not a date; write 2021-02-01' in detail
    assert path.read_text(encoding="utf-8").startswith('{"format"')


def test_agenda_hides_the_decision(window):
    window.open_path(EXAMPLE_333)
    assert window.form.isTabVisible(2)
    combo = field(window, "meeting.document")
    combo.setCurrentIndex(combo.findData("agenda"))
    assert window.document.draft.meeting.document == "agenda"
    assert not window.form.isTabVisible(2)
    menu(window, "Edit", "Undo")
    assert window.form.isTabVisible(2)


def click_cell(table, row: int, column: int) -> None:
    rect = table.visualRect(table.model().index(row, column))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (table.currentRow(), table.currentColumn()) == (row, column)


def test_lists_add_remove_and_undo(window):
    window.open_path(EXAMPLE_333)
    contacts = window.form.contacts
    show_tab(window, "Contacts and attachments")
    click(contacts.buttons["add"])
    assert len(window.document.draft.item.contacts) == 2
    edit_cell(contacts.table, 1, 0, "Åsa Öberg")
    assert window.document.draft.item.contacts[1].name == "Åsa Öberg"
    click_cell(contacts.table, 0, 0)
    click(contacts.buttons["down"])
    assert [c.name for c in window.document.draft.item.contacts] == [
        "Åsa Öberg",
        "Marja-Liisa Rautanen",
    ]
    menu(window, "Edit", "Undo")
    menu(window, "Edit", "Undo")
    menu(window, "Edit", "Undo")
    assert [c.name for c in window.document.draft.item.contacts] == ["Marja-Liisa Rautanen"]
    assert contacts.table.rowCount() == 1


def test_history_entries_have_their_own_form(window):
    window.open_path(EXAMPLE_333)
    history = window.form.history
    show_tab(window, "Decision history")
    click(history.entries.buttons["add"])
    assert history.binder.root == "item.history[1]"
    body = history.form.inputs[0]
    type_text(body, "Kaupunkiympäristölautakunta")
    assert window.document.draft.item.history[1].body == "Kaupunkiympäristölautakunta"
    assert window.document.draft.item.history[0].body == "Sosiaali- ja terveyslautakunta"
    handling = history.handling
    click(handling.buttons["add"])
    edit_cell(handling.table, 0, 0, "16.3.2021")
    assert window.document.draft.item.history[1].handling[0].date.isoformat() == "2021-03-16"


def test_every_input_has_a_visible_label_and_an_accessible_name(window):
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

    window.open_path(EXAMPLE_333)
    kinds = (QLineEdit, QComboBox, QCheckBox, QPlainTextEdit)
    inputs = [
        w
        for w in window.form.findChildren(QWidget)
        if isinstance(w, kinds)
        if w.parent() is not None
        and not isinstance(w.parent(), QComboBox)
        and w.objectName() != "qt_spinbox_lineedit"
    ]
    labels = {label.buddy() for label in window.form.findChildren(QLabel) if label.buddy()}
    for widget in inputs:
        if (
            widget.parent().metaObject().className() in ("QTableWidget", "QWidget")
            and not widget.accessibleName()
        ):
            continue  # a table's cell editor lives only while a cell is edited
        assert widget.accessibleName(), widget
        assert widget in labels or isinstance(widget, QCheckBox) or (widget.parent() in labels), (
            widget.accessibleName()
        )


def tab_stops_after(widget, count):
    """The next `count` widgets Tab reaches, by the window's focus chain."""
    found = []
    while len(found) < count:
        widget = widget.nextInFocusChain()
        tab = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
        if tab and widget.isVisible() and widget.isEnabled():
            found.append(widget)
    return found


def test_tab_order_follows_the_form(window):
    window.open_path(EXAMPLE_333)
    for group in (window.form.meeting, window.form.item):
        inputs = group.focusable()
        assert tab_stops_after(inputs[0], len(inputs) - 1) == inputs[1:]
    assert tab_stops_after(window.form.meeting.focusable()[-1], 1) == [
        window.form.item.focusable()[0]
    ]


def test_people_typed_before_are_offered_again(window, tmp_path):
    window.open_path(EXAMPLE_333)
    window.answers["save_path"] = tmp_path / "a.pykala"
    menu(window, "File", "Save As")  # saving remembers the draft's people
    assert (tmp_path / "a.pykala").exists()
    menu(window, "File", "New")
    contacts = window.form.contacts
    show_tab(window, "Contacts and attachments")
    click(contacts.buttons["add"])
    edit_cell(contacts.table, 0, 0, "Marja-Liisa Rautanen")
    (contact,) = window.document.draft.item.contacts
    assert (contact.title, contact.phone, contact.email) == (
        "kaupunginsihteeri",
        "310 36184",
        "marja-liisa.rautanen@hel.fi",
    )
    presenter = field(window, "item.proposal.presenter.name")
    completions = presenter.completer().model().stringList()
    assert "Sami Sarvilinna" in completions


def test_undoing_the_first_words_of_a_decision_takes_the_decision_away(window, qtbot):
    """A new draft has no decision; typing one makes it, Ctrl+Z takes it away again, and the
    checks (which read the decision's text) keep working."""
    window.form.setCurrentIndex(2)
    editor = field(window, "item.decision.text")
    editor.setFocus()
    type_text(editor, "Päätös.")
    qtbot.waitUntil(lambda: window.document.draft.item.decision is not None)  # the pause
    assert window.document.draft.item.decision.text == "Päätös."
    QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.draft.item.decision is None
    # The checks that follow raised AttributeError on a None text before.
    assert checks_shown(window, qtbot, bool)
