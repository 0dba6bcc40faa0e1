"""What a new user met on a second afternoon with the program (issue 21): a box that
disagreed with the preview (item 5), a print with no printer (6), cut table columns (13),
undo out of sight (14), a recovery offer without an age and `alv` misspelt (15)."""

from __future__ import annotations

from functools import partial

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.conftest import EXAMPLE_333
from tests.ui.conftest import field, type_text
from tests.ui.test_preview import WAIT, page_texts


def click_tab(window, index: int) -> None:
    bar = window.form.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.form.currentIndex() == index


def click_box(box) -> None:
    """A click on the box itself (a wide check box's empty right end takes no click)."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def panel_texts(window) -> list[str]:
    panel = window.checks_panel.list
    return [panel.item(n).text() for n in range(panel.count())]


@pytest.mark.libreoffice
def test_decided_as_proposed_box_hint_and_preview_agree(window, qtbot):
    """A new draft: the box, the help line under it, the checks and the printed minutes
    tell one story, ticked, unticked and ticked again."""
    box = field(window, "item.decision.as_proposed")
    note = window.form.decision.notes[0]
    sentence = "Päätös on ehdotuksen mukainen."

    def preview_text() -> str:
        return " ".join(page_texts(window.preview.pdf))

    def states():
        return box.isChecked(), note.text(), preview_text(), panel_texts(window)

    def settled() -> bool:
        """The pages shown are of the draft as it is now, and so are the checks."""
        return not (
            window.preview.stale
            or window.previews.timer.isActive()
            or window.check_timer.isActive()
        )

    def after(action) -> None:
        action()
        assert not settled()
        qtbot.waitUntil(settled, timeout=WAIT)

    click_tab(window, 1)
    proposal = field(window, "item.proposal.text")
    proposal.setFocus()
    after(lambda: type_text(proposal, "Myonnetaan avustus."))
    click_tab(window, 2)
    ticked, hint, pages, problems = states()
    assert ticked  # what prints: the standard sentence, the proposal as the decision
    assert "print “Päätös on ehdotuksen mukainen.” under Päätösehdotus" in hint
    assert "the proposal prints under Päätös" in hint
    assert sentence in pages and "Myonnetaan avustus." in pages
    assert not any("decision" in p.lower() for p in problems), problems

    after(lambda: click_box(box))
    ticked, hint, pages, problems = states()
    assert not ticked
    assert "the decision below under Päätös, and the proposal itself under" in hint
    assert sentence not in pages and "Myonnetaan avustus." in pages
    assert any("Decision: The decision is empty" in p for p in problems), problems

    after(lambda: click_box(box))
    ticked, hint, pages, problems = states()
    assert ticked
    assert "the proposal prints under Päätös" in hint
    assert sentence in pages
    assert not any("decision" in p.lower() for p in problems), problems


def answer_modal(qtbot, button_text: str, seen: dict) -> QTimer:
    """Answer the next message box as a user does: read it, click `button_text`."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or "text" in seen:
            return
        seen["title"], seen["text"] = box.windowTitle(), f"{box.text()} {box.informativeText()}"
        button = next(b for b in box.buttons() if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    timer = QTimer(interval=50)
    timer.timeout.connect(look)
    timer.start()
    return timer


@pytest.mark.libreoffice
@pytest.mark.cups
def test_print_without_a_printer_says_what_to_set_up_and_saves_a_pdf(
    window, qtbot, print_scheduler, tmp_path, monkeypatch
):
    """The print service runs but has no printer: Ctrl+P says to add one, and "Save as PDF…"
    writes the pages into the folder the user chose, which the status bar names."""
    from ui.services.dialogs import Asker

    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        window.open_path(EXAMPLE_333)
    monkeypatch.setattr(window.ask, "no_printer", partial(Asker.no_printer, window.ask))
    folder = tmp_path / "tulosteet"
    folder.mkdir()
    window.answers["save_path"] = folder / "lista.pdf"
    seen: dict[str, str] = {}
    timer = answer_modal(qtbot, "Save as PDF…", seen)
    with qtbot.waitSignal(window.printing.finished, timeout=WAIT) as done:
        QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    timer.stop()
    assert seen["title"] == "Cannot print"
    assert "No printer is installed. Add one in the system's printer settings" in seen["text"]
    assert "save the pages as a PDF" in seen["text"]
    assert done.args[0] == f"Saved the pages as lista.pdf in the folder {folder}"
    assert window.statusBar().currentMessage() == done.args[0]
    assert len(PdfReader(folder / "lista.pdf").pages) == 7


@pytest.mark.parametrize(
    "action,title",
    [
        ("act_export", "Export Word document"),
        ("act_export_public", "Export public copy (Word)"),
        ("act_export_public_pdf", "Export public copy (PDF)"),
    ],
)
def test_the_public_copy_export_dialog_has_a_title_of_its_own(
    window, qtbot, monkeypatch, action, title
):
    from ui.services.dialogs import Asker

    assert window.open_path(EXAMPLE_333)
    monkeypatch.setattr(window.ask, "save_path", partial(Asker.save_path, window.ask))
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog) and not seen:
            seen.append(dialog.windowTitle())
            dialog.reject()

    timer = QTimer(interval=50)
    timer.timeout.connect(look)
    timer.start()
    getattr(window, action).trigger()  # File → Export …
    timer.stop()
    assert seen == [title]


def whole(table, column: int) -> list[str]:
    """The entries of a table column that its width cuts (or wraps)."""
    metrics = table.fontMetrics()
    width = table.columnWidth(column)
    return [
        table.item(row, column).text()
        for row in range(table.rowCount())
        if metrics.horizontalAdvance(table.item(row, column).text()) + 6 > width
    ]


def test_participants_names_and_roles_are_whole_on_a_laptop(view, qtbot):
    """The meeting view as on a 1366×768 screen: names and roles whole, not cut while the
    note column takes the room."""
    view.resize(1254, 740)
    table = view.participants.table
    qtbot.waitUntil(lambda: table.isVisible())
    assert table.rowCount() >= 4
    assert whole(table, 0) == [] and whole(table, 1) == []


def test_item_titles_keep_the_room_the_status_does_not_need(view, qtbot):
    view.resize(1254, 740)
    items = view.items
    qtbot.waitUntil(lambda: items.isVisible() and items.topLevelItemCount() == 3)
    metrics = items.fontMetrics()
    statuses = [items.topLevelItem(n).text(3) for n in range(3)]
    needed = max(metrics.horizontalAdvance(s) for s in statuses) + 40
    assert items.columnWidth(3) <= needed, statuses
    assert items.columnWidth(2) > items.columnWidth(3)


def test_a_phone_number_is_shown_whole(window, qtbot):
    assert window.open_path(EXAMPLE_333)
    click_tab(window, 3)  # Contacts and attachments
    table = window.form.contacts.table
    assert table.item(0, 2).text().strip()
    assert whole(table, 2) == [] and whole(table, 1) == []


def test_undo_names_the_field_and_shows_it_on_its_tab(window, qtbot):
    """Type a title, go to another tab and type there, then come back: Edit → Undo says
    what it undoes, and undoing the title from the Proposal tab brings the title in sight,
    with the focus in it."""
    click_tab(window, 0)
    title = field(window, "item.title")
    title.setFocus()
    type_text(title, "Avustus")
    assert window.act_undo.text() == "&Undo: Title"
    click_tab(window, 1)
    presenter = field(window, "item.proposal.presenter.name")
    presenter.setFocus()
    type_text(presenter, "Anna")
    assert window.act_undo.text() == "&Undo: Presenting official"
    window.act_undo.trigger()  # Edit → Undo: the presenter
    assert presenter.text() == "" and window.form.currentIndex() == 1
    assert window.act_undo.text() == "&Undo: Title"
    assert window.act_redo.text() == "&Redo: Presenting official"
    window.act_undo.trigger()  # Edit → Undo: the title, on the first tab
    assert title.text() == ""
    assert window.form.currentIndex() == 0 and title.hasFocus()
    QTest.keyClick(title, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == "Avustus" and title.hasFocus()
    window.act_redo.trigger()  # the presenter again, on its tab
    assert presenter.text() == "Anna"
    assert window.form.currentIndex() == 1 and presenter.hasFocus()


def test_undo_names_a_rich_field_while_its_text_waits(window, qtbot):
    click_tab(window, 1)
    editor = field(window, "item.proposal.reasoning")
    editor.setFocus()
    type_text(editor, "Perustelu")
    assert window.act_undo.text() == "&Undo: Reasoning"


def test_alv_and_common_abbreviations_are_no_misspellings(window, qtbot):
    """Typed into the reasoning: "alv", "alv:n", "esim." and "jne." are known; a real
    misspelling in the same sentence is underlined (and shows the check has run)."""
    from tests.ui.test_spellcheck import reasoning_editor, underlined

    editor = reasoning_editor(
        window, "Hinta sisältää alv:n, esim. kulut jne. Kaupungihallitus maksaa alv 24 %."
    )
    qtbot.waitUntil(lambda: underlined(editor) != [])
    assert [word for word, _kind in underlined(editor)] == ["Kaupungihallitus"]


@pytest.fixture
def finnish(window):
    """The interface in Finnish for the test, in English again after it."""
    from ui.services import translation

    translation.apply("fi")
    yield
    translation.apply("en")


def test_the_recovery_offer_says_how_old_the_copy_is(window, finnish, qtbot, monkeypatch):
    """At the start after a crash, in Finnish: "tallennettu 12 minuuttia sitten, klo 14.05"."""
    import datetime as dt
    import json

    from drafting.model import Draft
    from ui.services import recovery
    from ui.services.dialogs import Asker

    draft = Draft()
    draft.item.title = "Avustus"
    recovery.write("crashed", draft, None)
    note = recovery.folder() / "crashed.json"
    saved = (dt.datetime.now().astimezone() - dt.timedelta(minutes=12)).replace(microsecond=0)
    meta = json.loads(note.read_text(encoding="utf-8"))
    note.write_text(json.dumps(dict(meta, saved=saved.isoformat())), encoding="utf-8")
    monkeypatch.setattr(window.ask, "restore", partial(Asker.restore, window.ask))
    seen: dict[str, str] = {}
    timer = answer_modal(qtbot, "Myöhemmin", seen)
    window.offer_recovery()  # what the program does when it starts
    timer.stop()
    clock = f"{saved.hour}.{saved.minute:02d}"
    if saved.date() == dt.date.today():
        assert f"tallennettu 12 minuuttia sitten, klo {clock}." in seen["text"], seen
    else:  # just after midnight: the day is named too
        assert f"tallennettu 12 minuuttia sitten, {saved.day}.{saved.month}." in seen["text"]
    recovery.discard("crashed")
