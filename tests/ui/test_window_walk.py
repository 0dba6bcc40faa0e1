"""The drafting window as a user meets it: real clicks on real buttons, real shortcuts in
real fields, a real resize. Each test is one thing a user found broken (issue 8)."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from drafting import draftfile
from tests.conftest import EXAMPLE_333, EXAMPLE_885
from tests.ui.conftest import edit_cell, field, type_text
from tests.ui.user import menu
from ui.services import crash, recovery

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def click(button) -> None:
    assert button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into_cell(table, row: int, column: int, text: str) -> None:
    """A cell of one of the form's record tables, edited as a user edits it."""
    edit_cell(table.table, row, column, text)


def problems(window) -> list[str]:
    window.run_checks()
    panel = window.checks_panel.list
    return [panel.item(n).text() for n in range(panel.count())]


def test_rows_are_added_edited_moved_and_removed_by_clicks_and_saved(window, tmp_path):
    window.open_path(EXAMPLE_885)
    form = window.form
    form.setCurrentIndex(3)
    contacts = form.contacts
    click(contacts.buttons["add"])
    type_into_cell(contacts, 1, 0, "Åsa Öberg")
    type_into_cell(contacts, 1, 2, "310 12345")
    click(contacts.buttons["up"])
    assert [c.name for c in window.document.draft.item.contacts][0] == "Åsa Öberg"
    click(contacts.buttons["down"])
    click(contacts.buttons["add"])
    click(contacts.buttons["remove"])  # the new empty row, which is current

    for table in (form.attachments, form.supplementary):
        click(table.buttons["add"])
        type_into_cell(table, table.table.rowCount() - 1, 0, "Liite äö")

    form.setCurrentIndex(4)
    click(form.extracts.buttons["add"])
    type_into_cell(form.extracts, form.extracts.table.rowCount() - 1, 0, "Kaupunginkanslia")

    form.setCurrentIndex(5)
    history = form.history
    click(history.entries.buttons["add"])
    type_text(history.form.inputs[0], "Sosiaali- ja terveyslautakunta")
    click(history.entries.buttons["add"])
    assert history.binder.root == "item.history[1]"
    type_text(history.form.inputs[0], "Kaupunkiympäristölautakunta")
    click(history.handling.buttons["add"])
    type_into_cell(history.handling, 0, 0, "16.3.2021")
    click(history.contacts.buttons["add"])
    type_into_cell(history.contacts, 0, 0, "Matti Virtanen")
    click(history.entries.buttons["up"])

    item = window.document.draft.item
    assert [c.name for c in item.contacts] == ["Marja-Liisa Rautanen", "Åsa Öberg"]
    assert item.contacts[-1].phone == "310 12345"
    assert item.attachments[-1].title == "Liite äö" == item.supplementary[-1].title
    assert item.extracts[-1].recipient == "Kaupunginkanslia"
    assert [e.body for e in item.history] == [
        "Kaupunkiympäristölautakunta",
        "Sosiaali- ja terveyslautakunta",
    ]
    moved = item.history[0]
    assert moved.body == "Kaupunkiympäristölautakunta"
    assert moved.handling[0].date.isoformat() == "2021-03-16"
    assert moved.contacts[0].name == "Matti Virtanen"

    target = tmp_path / "rivit.pykala"
    window.answers["save_path"] = target
    QTest.keyClick(window, Qt.Key.Key_S, CTRL | SHIFT)  # Save As
    assert draftfile.load(target) == window.document.draft
    assert window.open_path(target)
    assert window.document.draft == draftfile.load(target)
    assert window.form.contacts.table.rowCount() == len(item.contacts)


def test_participants_are_added_by_clicks_and_saved(view, qtbot):
    table = view.participants
    before = table.table.rowCount()
    click(table.buttons["add"])
    type_into_cell(table, before, 0, "Pöytäkirjantarkastaja Åberg")
    click(table.buttons["up"])
    click(table.buttons["remove"])
    click(table.buttons["add"])
    type_into_cell(table, before, 0, "Liisa Lähde")
    assert view.draft.participants[-1].name == "Liisa Lähde"
    QTest.keyClick(view, Qt.Key.Key_S, CTRL)
    saved = draftfile.load_meeting(view.document.path)
    assert saved.participants[-1].name == "Liisa Lähde"
    assert len(saved.participants) == before + 1


def reachable(scroll: QScrollArea, widget) -> bool:
    """The widget has a real size and scrolling brings it into view."""
    if widget.height() <= 0 or widget.width() <= 0:
        return False
    scroll.ensureWidgetVisible(widget)
    return not widget.visibleRegion().isEmpty()


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_every_field_stays_after_the_window_is_resized(window, qtbot, tmp_path, size):
    window.resize(1400, 900)
    window.form.setCurrentIndex(1)  # the Proposal tab, where the fields vanished
    QApplication.processEvents()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    for tab in range(window.form.count()):
        window.form.setCurrentIndex(tab)
        page = window.form.currentWidget()
        QApplication.processEvents()
        scroll = page if isinstance(page, QScrollArea) else None
        groups = [
            g
            for g in (window.form.meeting, window.form.item, window.form.proposal)
            + (window.form.decision, window.form.appeal)
            if page.isAncestorOf(g)
        ]
        for group in groups:
            for label, widget in zip(group.labels, group.inputs, strict=True):
                assert reachable(scroll, widget), (tab, label.text(), size)
        # A picture of each tab to look at (tests/support/screenshots.py keeps the 1024×700 ones).
        shot = window.grab()
        assert (shot.width(), shot.height()) == size
        assert shot.save(str(tmp_path / f"tab-{tab}-{size[0]}x{size[1]}.png"))


def test_decided_as_proposed_says_what_prints_and_the_check_agrees(window):
    window.open_path(EXAMPLE_333)
    window.form.setCurrentIndex(2)
    decision = field(window, "item.decision.text")
    decision.selectAll()
    QTest.keyClick(decision, Qt.Key.Key_Delete)
    box = field(window, "item.decision.as_proposed")
    assert box.isChecked()  # as the example was decided
    # Only the hint that the proposal's present tense ("esittää") would print (issue 27).
    said = [p for p in problems(window) if "decision" in p.lower()]
    assert len(said) == 1 and "Decision from the proposal…" in said[0], said
    note = window.form.decision.notes[0]
    assert note.isVisible()
    assert "“Päätös on ehdotuksen mukainen.” under Päätösehdotus" in note.text()
    assert "the proposal prints under Päätös" in note.text()
    # A click on the box itself (the widget's middle is empty space): no longer as proposed.
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not box.isChecked()
    assert any("Decision: The decision is empty" in p for p in problems(window))
    assert "the proposal itself under Päätösehdotus" in note.text()


def test_the_presenter_check_names_the_field_it_needs(window, qtbot):
    window.open_path(EXAMPLE_333)
    presenter = field(window, "item.proposal.presenter.name")
    presenter.selectAll()
    QTest.keyClick(presenter, Qt.Key.Key_Delete)
    meeting_presenter = field(window, "item.decision.presenter.name")
    meeting_presenter.selectAll()
    type_text(meeting_presenter, "Sami Sarvilinna")  # the other field does not count
    said = [p for p in problems(window) if "presenting official" in p.lower()]
    assert said == [
        "✖  Presenting official: The presenting official (Proposal tab) is empty; it is required"
    ]
    window.form.setCurrentIndex(0)
    panel = window.checks_panel.list
    item = next(panel.item(n) for n in range(panel.count()) if panel.item(n).text() == said[0])
    QTest.mouseClick(
        panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center()
    )
    assert window.form.tabText(window.form.currentIndex()) == "Proposal"
    assert presenter.hasFocus()


def test_undo_in_a_field_is_the_windows_undo(window):
    window.open_path(EXAMPLE_885)
    number = field(window, "meeting.number")
    number.setFocus()
    number.end(False)
    type_text(number, "x")
    assert window.document.draft.meeting.number == "45/2021x"
    QTest.keyClick(number, Qt.Key.Key_Z, CTRL)  # in the field
    assert number.text() == "45/2021" == window.document.draft.meeting.number
    assert window.act_redo.isEnabled()
    QTest.keyClick(number, Qt.Key.Key_Z, CTRL | SHIFT)
    assert number.text() == "45/2021x" == window.document.draft.meeting.number
    # Edit → Undo does the same step, whatever has the focus.
    window.act_undo.trigger()
    assert number.text() == "45/2021" == window.document.draft.meeting.number
    window.act_undo.trigger()  # nothing older was typed: the example as opened
    assert window.document.draft.meeting.number == "45/2021"

    reasoning = field(window, "item.proposal.reasoning")
    window.form.setCurrentIndex(1)
    QTest.mouseClick(reasoning.viewport(), Qt.MouseButton.LeftButton)
    cursor = reasoning.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    reasoning.setTextCursor(cursor)
    type_text(reasoning, " Lisäys.")
    QTest.keyClick(reasoning, Qt.Key.Key_Z, CTRL)
    assert not reasoning.toPlainText().endswith("Lisäys.")
    assert not window.document.draft.item.proposal.reasoning.endswith("Lisäys.")
    QTest.keyClick(reasoning, Qt.Key.Key_Y, CTRL)
    assert window.document.draft.item.proposal.reasoning.endswith("Lisäys.")


def test_problems_are_named_by_label_and_row_in_the_interface_language(window):
    from ui.services import translation

    window.open_path(EXAMPLE_333)
    window.form.setCurrentIndex(4)
    click(window.form.extracts.buttons["add"])
    found = problems(window)
    row = len(window.document.draft.item.extracts)
    assert f"✖  Extracts, row {row}: The recipient is empty; it is required" in found
    assert not any("item." in p for p in found)
    translation.apply("fi")
    found = problems(window)
    assert any(p.startswith(f"✖  Otteet, rivi {row}: ") for p in found), found


def test_after_recovery_the_first_save_does_not_warn_falsely(window, tmp_path):
    draft_path = tmp_path / "asia.pykala"
    draft_path.write_bytes(EXAMPLE_885.read_bytes())
    window.open_path(draft_path)
    type_text(field(window, "item.title"), " muutettu")
    window.autosave()  # what the timer does; then the program dies
    window.recovery_id = recovery.new_id()  # as a new run would have
    window.document.undo_stack.setClean()
    asked = []
    window.answers["restore"] = "restore"
    window.answers["overwrite_changed_file"] = lambda *a: asked.append(a) or True
    window.offer_recovery()
    assert window.document.draft.item.title.endswith(" muutettu")
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    assert asked == []
    assert draftfile.load(draft_path).item.title.endswith(" muutettu")


def test_after_recovery_a_file_changed_elsewhere_still_warns(window, tmp_path):
    draft_path = tmp_path / "asia.pykala"
    draft_path.write_bytes(EXAMPLE_885.read_bytes())
    window.open_path(draft_path)
    type_text(field(window, "item.title"), " muutettu")
    window.autosave()
    window.recovery_id = recovery.new_id()
    window.document.undo_stack.setClean()
    data = json.loads(draft_path.read_text(encoding="utf-8"))
    data["item"]["title"] = "Toisen ohjelman muutos"
    draft_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    asked = []
    window.answers["restore"] = "restore"
    window.answers["overwrite_changed_file"] = lambda *a: asked.append(a) or False
    window.offer_recovery()
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)
    assert len(asked) == 1
    assert draftfile.load(draft_path).item.title == "Toisen ohjelman muutos"


def test_opening_a_word_file_says_so_and_asks_nothing_about_saving(window, tmp_path):
    window.open_path(EXAMPLE_885)
    type_text(field(window, "item.title"), " muutettu")
    word = tmp_path / "pöytäkirja.docx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    asked = []
    window.answers["save_changes"] = lambda *a: asked.append(a) or "cancel"
    window.answers["open_path"] = word
    QTest.keyClick(window, Qt.Key.Key_O, CTRL)
    assert asked == []
    ((title, text, detail),) = window.messages
    assert "pöytäkirja.docx is a Word document that carries no Pykälä draft" in detail
    assert "not made by Pykälä, or the draft was removed" in detail
    assert ".pykala" in detail and "UTF-8" not in detail
    assert window.document.draft.item.title.endswith(" muutettu")  # nothing was lost


def test_text_typed_after_a_personal_name_is_not_marked(window):
    window.open_path(EXAMPLE_885)
    reasoning = field(window, "item.proposal.reasoning")
    window.form.setCurrentIndex(1)
    QTest.mouseClick(reasoning.viewport(), Qt.MouseButton.LeftButton)
    reasoning.selectAll()
    type_text(reasoning, "Matti Meikäläinen")
    cursor = reasoning.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    reasoning.setTextCursor(cursor)
    QTest.keyClick(reasoning, Qt.Key.Key_P, CTRL | SHIFT)
    QTest.keyClick(reasoning, Qt.Key.Key_End)
    type_text(reasoning, " sanoi")
    assert reasoning.markdown() == "[Matti Meikäläinen]{.personal} sanoi"
    # Inside a span, typing stays inside it.
    cursor = reasoning.textCursor()
    cursor.setPosition(5)
    reasoning.setTextCursor(cursor)
    type_text(reasoning, "-Pekka")
    assert reasoning.markdown() == "[Matti-Pekka Meikäläinen]{.personal} sanoi"


def test_pasted_paragraphs_show_no_blank_lines_the_print_does_not_have(window):
    window.open_path(EXAMPLE_885)
    reasoning = field(window, "item.proposal.reasoning")
    reasoning.setFocus()
    reasoning.selectAll()
    for data in ("Eka kappale.\n\nToka kappale.\n\n\nKolmas.", None):
        source = QMimeData()
        if data is None:
            source.setHtml("<div>Eka kappale.<br><br>Toka kappale.<br><br>Kolmas.</div>")
        else:
            source.setText(data)
        reasoning.selectAll()
        reasoning.insertFromMimeData(source)  # what Ctrl+V hands over
        assert reasoning.toPlainText() == "Eka kappale.\nToka kappale.\nKolmas."
        assert reasoning.document().blockCount() == 3


def test_an_empty_contact_table_has_columns_wide_enough_to_type_in(window):
    menu(window, "File", "New")
    window.form.setCurrentIndex(3)
    table = window.form.contacts.table
    width = table.fontMetrics().averageCharWidth()
    for column in range(1, table.columnCount()):
        assert table.columnWidth(column) >= 10 * width, table.horizontalHeaderItem(column).text()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_reported_and_the_program_goes_on(window, monkeypatch, tmp_path):
    shown = []
    handler = crash.CrashHandler()
    monkeypatch.setattr(handler, "show", lambda *a: shown.append(a))
    handler.install()
    try:
        window.open_path(EXAMPLE_885)
        type_text(field(window, "item.title"), " keskeneräinen")

        def broken():
            raise RuntimeError("rikki")

        window.form.setCurrentIndex(3)
        monkeypatch.setattr(window.form.contacts, "factory", broken)
        click(window.form.contacts.buttons["add"])
    finally:
        handler.uninstall()
    ((error, details, log, saved),) = shown
    assert isinstance(error, RuntimeError) and "rikki" in details
    assert "RuntimeError: rikki" in log.read_text(encoding="utf-8")
    assert saved == 1
    (left,) = recovery.pending()
    assert left.load().item.title.endswith(" keskeneräinen")
    assert window.isVisible()
    window.answers["save_path"] = tmp_path / "jatko.pykala"
    QTest.keyClick(window, Qt.Key.Key_S, CTRL | SHIFT)
    assert draftfile.load(tmp_path / "jatko.pykala").item.title.endswith(" keskeneräinen")


def test_removing_a_history_entry_while_its_text_waits_keeps_the_text_for_undo(window):
    """Found by pressing everything: this crashed the program (a write to a removed row)."""
    window.form.setCurrentIndex(5)
    history = window.form.history
    click(history.entries.buttons["add"])
    text = history.form.inputs[6].editor
    QTest.mouseClick(text.viewport(), Qt.MouseButton.LeftButton)
    type_text(text, "Lausunnon teksti")
    assert history.binder.has_pending()  # not in the model yet: the pause has not come
    click(history.entries.buttons["remove"])
    assert window.document.draft.item.history == []
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)
    (entry,) = window.document.draft.item.history
    assert entry.text == "Lausunnon teksti"
    assert text.toPlainText() == "Lausunnon teksti"


def test_meeting_view_undo_works_from_the_first_keystroke_in_a_list_field(view):
    checkers = next(w for b in view.binder.bindings if b.relative == "checkers" for w in [b.widget])
    before = list(view.draft.checkers)
    checkers.setFocus()
    checkers.moveCursor(QTextCursor.MoveOperation.End)
    type_text(checkers, "\nLiisa Lähde")
    assert view.act_undo.isEnabled()  # before the pause that writes it into the model
    QTest.keyClick(checkers, Qt.Key.Key_Z, CTRL)  # in the field: the window's undo
    assert view.draft.checkers == before
    assert checkers.toPlainText() == "\n".join(before)


def test_the_error_message_copies_its_details_and_closes_with_ok(qtbot, tmp_path):
    """The real message of the crash handler, clicked as a user would."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox, QPushButton

    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        copy = next(b for b in box.findChildren(QPushButton) if b.text() == "Copy details")
        QTest.mouseClick(copy, Qt.MouseButton.LeftButton)
        seen.append(box.isVisible())  # copying leaves the message open
        QTest.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    crash.CrashHandler().show(RuntimeError("rikki"), "Traceback: rikki", tmp_path / "e.log", 1)
    assert seen == [True]
    assert QApplication.clipboard().text() == "Traceback: rikki"
