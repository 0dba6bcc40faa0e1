"""Spelling and grammar as the user meets them: underlines while typing, the right-click
menu, the checks panel, the options, and a dictionary that outlives the window."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from drafting import spelling
from tests.conftest import EXAMPLE_333, EXAMPLE_885
from tests.ui import user
from tests.ui.conftest import field, type_text
from ui.widgets import spellcheck


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """A data folder of the test's own: the user's dictionary is written there."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def underlined(editor) -> list[tuple[str, str]]:
    """(words, kind) of every wavy underline the editor shows, in order."""
    found = []
    block = editor.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                kind = (
                    spelling.SPELLING
                    if r.format.underlineColor() == spellcheck.SPELLING_COLOR
                    else spelling.GRAMMAR
                )
                found.append((block.text()[r.start : r.start + r.length], kind))
        block = block.next()
    return found


def underlining_done(window) -> bool:
    return not any(h.pending() for h in window.findChildren(spellcheck.Highlighter))


def reasoning_editor(window, text: str = ""):
    window.form.setCurrentIndex(1)
    editor = field(window, "item.proposal.reasoning")
    editor.setFocus()
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    type_text(editor, text)
    return editor


def right_click_menu(editor, word: str) -> QMenu:
    """Right-click on `word` in the editor, as the mouse does; the menu that opens."""
    cursor = editor.document().find(word)
    assert not cursor.isNull(), word
    cursor.setPosition(cursor.selectionStart() + 1)
    pos = editor.cursorRect(cursor).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, editor.viewport().mapToGlobal(pos)
    )
    QApplication.sendEvent(editor.viewport(), event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def click(menu: QMenu, name: str) -> None:
    action = next(a for a in menu.actions() if a.objectName() == name)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def click_line(panel, item) -> None:
    """A click on a line of the checks panel."""
    panel.scrollToItem(item)
    QTest.mouseClick(
        panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center()
    )


def panel_texts(window) -> list[str]:
    panel = window.checks_panel.list
    return [panel.item(n).text() for n in range(panel.count())]


def test_finnish_misspellings_are_underlined_as_typed(window, qtbot):
    user.menu(window, "File", "New")
    editor = reasoning_editor(
        window,
        "Kaupungihallitus teki päätöös kaupunginvaltuustolle toimenpiteistä "
        "asiantuntijatyöryhmän kanssa.",
    )
    qtbot.waitUntil(lambda: len(underlined(editor)) == 2)
    assert underlined(editor) == [
        ("Kaupungihallitus", spelling.SPELLING),
        ("päätöös", spelling.SPELLING),
    ]
    qtbot.waitUntil(lambda: "kanssa." in window.document.draft.item.proposal.reasoning)
    assert "päätöös" in window.document.draft.item.proposal.reasoning  # underlines only


def test_switching_the_draft_language_switches_the_checker(window, qtbot):
    user.menu(window, "File", "New")
    editor = reasoning_editor(window, "kommunstyrelsen kommunstyrellsen toimenpiteistä")
    assert [w for w, _k in underlined(editor)] == ["kommunstyrelsen", "kommunstyrellsen"]
    window.form.setCurrentIndex(0)
    language = field(window, "language")
    language.setCurrentIndex(language.findData("sv"))
    assert window.document.draft.language == "sv"
    assert [w for w, _k in underlined(editor)] == ["kommunstyrellsen", "toimenpiteistä"]


def test_a_suggestion_from_the_right_click_menu_replaces_the_word(window, qtbot):
    user.menu(window, "File", "New")
    editor = reasoning_editor(window, "Hallitus teki päätöös eilen.")
    menu = right_click_menu(editor, "päätöös")
    suggestions = [a.text() for a in menu.actions() if a.objectName() == "suggestion"]
    assert "päätös" in suggestions
    suggestion = next(a for a in menu.actions() if a.text() == "päätös")
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(suggestion).center())
    assert editor.toPlainText() == "Hallitus teki päätös eilen."
    assert underlined(editor) == []


def test_ignore_in_this_draft_is_saved_with_it_and_undone_with_undo(window, qtbot, tmp_path):
    user.menu(window, "File", "New")
    editor = reasoning_editor(window, "Qwzxyn kävi.")
    assert underlined(editor) == [("Qwzxyn", spelling.SPELLING)]
    click(right_click_menu(editor, "Qwzxyn"), "ignore")
    assert underlined(editor) == []
    user.menu(window, "Edit", "Undo")
    assert underlined(editor) == [("Qwzxyn", spelling.SPELLING)]
    user.menu(window, "Edit", "Redo")
    assert underlined(editor) == []

    target = tmp_path / "ohitettu.pykala"
    window.answers["save_path"] = target
    user.menu(window, "File", "Save As")
    assert '"spelling_ignore": [\n    "Qwzxyn"\n  ]' in target.read_text(encoding="utf-8")
    user.menu(window, "File", "New")  # another draft: nothing ignored there
    editor = reasoning_editor(window, "Qwzxyn kävi.")
    assert underlined(editor) == [("Qwzxyn", spelling.SPELLING)]
    window.answers["save_changes"] = "discard"
    assert window.open_path(target)  # the saved one again: still ignored
    editor = field(window, "item.proposal.reasoning")
    qtbot.waitUntil(
        lambda: not any(h.pending() for h in window.findChildren(spellcheck.Highlighter))
    )
    assert editor.toPlainText() == "Qwzxyn kävi."
    assert underlined(editor) == []


def test_add_to_dictionary_persists_across_a_restart(window, make_window, home):
    user.menu(window, "File", "New")
    editor = reasoning_editor(window, "Qwzxyn kävi.")
    assert underlined(editor) == [("Qwzxyn", spelling.SPELLING)]
    click(right_click_menu(editor, "Qwzxyn"), "add_to_dictionary")
    assert underlined(editor) == []
    dictionary = window.spelling.dictionary.path
    assert home in dictionary.parents
    assert dictionary.read_text(encoding="utf-8") == "Qwzxyn\n"
    window.answers["save_changes"] = "discard"
    assert window.close()

    again = make_window(clean=False)  # a new start, the same data folder
    editor = reasoning_editor(again, "Qwzxyn ja Vbnmöp kävivät.")
    assert underlined(editor) == [("Vbnmöp", spelling.SPELLING)]


def test_a_repeated_word_is_a_grammar_finding_in_the_panel_and_leads_to_it(window, qtbot):
    user.menu(window, "File", "New")
    editor = reasoning_editor(window, "Hallitus päätti päätti asian.")
    assert underlined(editor) == [("päätti päätti", spelling.GRAMMAR)]
    qtbot.waitUntil(lambda: any("Grammar" in t for t in panel_texts(window)), timeout=5000)
    (text,) = [t for t in panel_texts(window) if "Grammar" in t]
    assert text.startswith("⚠  Reasoning: Grammar:") and "päätti päätti" in text
    assert window.spelling_count.text() == "Spelling: 0, grammar: 1"
    panel = window.checks_panel.list
    item = next(panel.item(n) for n in range(panel.count()) if "Grammar" in panel.item(n).text())
    window.form.setCurrentIndex(0)
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    click_line(panel, item)
    assert editor.hasFocus()
    assert editor.textCursor().selectedText() == "päätti päätti"
    window.flush()
    assert not [p for p in window.current_problems() if p.word and p.severity == "error"]


def test_the_grammar_option_turns_grammar_off(window, qtbot):
    user.menu(window, "File", "New")
    editor = reasoning_editor(window, "Hallitus päätti päätti asian.")
    assert underlined(editor) == [("päätti päätti", spelling.GRAMMAR)]
    window.menu_settings.aboutToShow.emit()
    window.act_grammar.trigger()
    assert not window.act_grammar.isChecked()
    assert underlined(editor) == []
    window.act_grammar.trigger()
    assert underlined(editor) == [("päätti päätti", spelling.GRAMMAR)]


def test_the_title_is_checked_too(window, qtbot):
    user.menu(window, "File", "New")
    title = field(window, "item.title")
    title.setFocus()
    type_text(title, "Päätöös asiasta")
    qtbot.waitUntil(lambda: any('"Päätöös"' in t for t in panel_texts(window)), timeout=5000)
    (underlines,) = title.findChildren(spellcheck.LineUnderlines)
    assert [f.text for f in underlines.findings] == ["Päätöös"]


def test_personal_data_is_not_checked(window, qtbot):
    user.menu(window, "File", "New")
    editor = reasoning_editor(window, "Qwzxyn Vbnmöp kävi.")
    assert [w for w, _k in underlined(editor)] == ["Qwzxyn", "Vbnmöp"]
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len("Qwzxyn Vbnmöp"), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    QTest.keyClick(
        editor,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert underlined(editor) == []


@pytest.mark.parametrize("example", [EXAMPLE_333, EXAMPLE_885], ids=["s333", "s885"])
def test_the_references_flag_at_most_15_words_with_their_people_known(
    window, qtbot, tmp_path, example
):
    copy = tmp_path / example.name
    shutil.copy(example, copy)
    assert window.open_path(copy)
    window.answers["save_path"] = copy
    user.menu(window, "File", "Save As")  # saving puts the draft's people into the directory
    assert not window.isWindowModified()
    qtbot.waitUntil(lambda: window.spelling_count.text().startswith("Spelling:"))
    words = [p.word for p in window.spelling_problems if p.finding == spelling.SPELLING]
    assert len(words) <= 15, words


def test_without_dictionaries_nothing_is_underlined_and_the_status_says_why(
    window, qtbot, monkeypatch
):
    monkeypatch.setattr(spelling._engines, "spellers", {"fi": None, "sv": None})
    window.spelling._checkers.clear()
    user.menu(window, "File", "New")
    editor = reasoning_editor(window, "Kaupungihallitus teki päätöös.")
    assert underlined(editor) == []
    qtbot.waitUntil(lambda: not window.check_timer.isActive())  # the checks after the pause
    assert window.spelling_count.text() == "Spelling not checked"
    assert "voikko-fi" in window.spelling_count.toolTip()
    assert "voikko-fi" in window.act_spelling.toolTip()  # and beside the option
    assert not [p for p in window.current_problems() if p.word]


def test_the_titles_right_click_menu_offers_suggestions(window, qtbot):
    user.menu(window, "File", "New")
    title = field(window, "item.title")
    title.setFocus()
    type_text(title, "Päätöös asiasta")
    pos = QPoint(title.cursorRect().left() // 4 + 6, title.height() // 2)
    assert title.cursorPositionAt(pos) <= len("Päätöös")
    QApplication.sendEvent(
        title, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, title.mapToGlobal(pos))
    )
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    choice = next(a for a in menu.actions() if a.text() == "Päätös")
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(choice).center())
    assert title.text() == "Päätös asiasta"
    assert window.document.draft.item.title == "Päätös asiasta"
    (underlines,) = title.findChildren(spellcheck.LineUnderlines)
    assert underlines.findings == []


def red_pixels(widget, rect) -> int:
    image = widget.grab(rect).toImage()
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y) == spellcheck.SPELLING_COLOR
    )


def test_an_extract_recipient_is_underlined_and_listed(window, qtbot):
    user.menu(window, "File", "New")
    window.form.setCurrentIndex(4)
    extracts = window.form.extracts
    QTest.mouseClick(extracts.buttons["add"], Qt.MouseButton.LeftButton)
    table = extracts.table
    window.form.currentWidget().ensureWidgetVisible(table)
    cell = table.visualItemRect(table.item(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    QTest.keyClick(table, Qt.Key.Key_F2)  # edit the cell
    (editor,) = [e for e in table.viewport().findChildren(spellcheck.QLineEdit) if e.isVisible()]
    type_text(editor, "Kaupungihallitus")
    (underlines,) = editor.findChildren(spellcheck.LineUnderlines)
    assert [f.text for f in underlines.findings] == ["Kaupungihallitus"]
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the table commits it a moment later
    qtbot.waitUntil(lambda: window.document.draft.item.extracts[0].recipient != "")
    assert window.document.draft.item.extracts[0].recipient == "Kaupungihallitus"
    qtbot.waitUntil(lambda: red_pixels(table.viewport(), cell) > 5)
    qtbot.waitUntil(lambda: any('"Kaupungihallitus"' in t for t in panel_texts(window)))
    QTest.keyClick(table, Qt.Key.Key_F2)  # the cell again, corrected
    (editor,) = [e for e in table.viewport().findChildren(spellcheck.QLineEdit) if e.isVisible()]
    editor.selectAll()
    type_text(editor, "Kaupunginhallitus")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.draft.item.extracts[0].recipient == "Kaupunginhallitus")
    qtbot.waitUntil(lambda: red_pixels(table.viewport(), cell) == 0)


def test_a_grammar_underline_tells_its_reason_in_a_tooltip(window, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    user.menu(window, "File", "New")
    editor = reasoning_editor(window, "Hallitus päätti päätti asian.")
    cursor = editor.document().find("päätti päätti")
    cursor.setPosition(cursor.selectionStart() + 2)
    pos = editor.cursorRect(cursor).center()
    QApplication.sendEvent(
        editor.viewport(),
        QHelpEvent(QEvent.Type.ToolTip, pos, editor.viewport().mapToGlobal(pos)),
    )
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "Remove duplicate word."
    QToolTip.hideText()


def test_a_long_text_opened_is_underlined_afterwards_in_slices(window, qtbot):
    user.menu(window, "File", "New")
    paragraphs = ["Kaupunginhallitus päätti hyväksyä ehdotuksen."] * 400 + ["Loppuun päätöös."]
    window.document.apply("item.proposal.reasoning", "\n\n".join(paragraphs))
    editor = field(window, "item.proposal.reasoning")
    assert editor.document().blockCount() == 401
    assert underlined(editor) == []  # not checked on the UI thread in one go
    qtbot.waitUntil(lambda: underlined(editor) == [("päätöös", spelling.SPELLING)])


def test_underlines_change_nothing_in_the_draft(window, qtbot, tmp_path):
    copy = tmp_path / EXAMPLE_885.name
    shutil.copy(EXAMPLE_885, copy)
    assert window.open_path(copy)
    reasoning = field(window, "item.proposal.reasoning")
    edits = []
    reasoning.textChanged.connect(lambda: edits.append(1))
    highlighters = window.findChildren(spellcheck.Highlighter)
    assert any(h.pending() for h in highlighters)  # underlined after the opening
    qtbot.waitUntil(lambda: underlining_done(window))
    assert [w for w, _k in underlined(reasoning)] == ["Biaudetin"]  # Heuni: the profile's
    assert edits == []  # underlining is no edit: nothing written back, no new preview
    qtbot.waitUntil(lambda: not window.spelling_pending())
    assert [p.word for p in window.spelling_problems] == ["Biaudetin", "Biaudetin"]
    window.flush()
    assert not window.isWindowModified()
    assert window.document.undo_stack.count() == 0
    assert not window.act_undo.isEnabled()


def test_a_click_on_the_second_of_two_same_misspellings_selects_the_second(window, qtbot):
    user.menu(window, "File", "New")
    editor = reasoning_editor(window, "Päätöös tehtiin.\nToinen päätöös myös.")
    qtbot.waitUntil(lambda: sum('"päätöös"' in t.lower() for t in panel_texts(window)) == 2)
    panel = window.checks_panel.list
    found = [
        panel.item(n) for n in range(panel.count()) if "päätöös" in panel.item(n).text().lower()
    ]
    second = found[1]
    click_line(panel, second)
    cursor = editor.textCursor()
    assert cursor.selectedText() == "päätöös"
    assert cursor.block().blockNumber() == 1
