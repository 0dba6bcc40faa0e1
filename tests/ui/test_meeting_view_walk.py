"""The meeting view as a user meets it: items appearing on disk, the build's summary, items
opened with the numbers they will print, the recent files, the window at a small size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from drafting import draftfile
from tests.conftest import EXAMPLES
from tests.ui.conftest import open_view
from tests.ui.user import menu

FIRST_ITEM = EXAMPLES / "meeting" / "01-laillisuus.pykala"


def status(view, row: int) -> str:
    return view.items.topLevelItem(row).text(3)


def test_an_item_file_that_appears_is_shown_without_any_other_action(
    window, meeting_copy, monkeypatch, qtbot
):
    item = meeting_copy.parent / "01-laillisuus.pykala"
    item.unlink()
    view = open_view(window, meeting_copy, monkeypatch)
    assert status(view, 0) == "✖ file not found"
    draftfile.save(draftfile.load(FIRST_ITEM), item)
    qtbot.waitUntil(lambda: status(view, 0).startswith("✓"), timeout=5000)
    assert view.items.topLevelItem(0).text(2).startswith("Kokouksen laillisuuden")
    item.unlink()  # and gone again
    qtbot.waitUntil(lambda: status(view, 0) == "✖ file not found", timeout=5000)
    view.close_unasked = True
    view.close()


def test_an_item_changed_elsewhere_shows_its_new_title(view, meeting_copy, qtbot):
    item = meeting_copy.parent.parent / "kh-2021-11-22-s885.pykala"
    draft = draftfile.load(item)
    draft.item.title = "Uusi otsikko"
    draftfile.save(draft, item)  # as the drafting window saves: write, then rename
    qtbot.waitUntil(lambda: view.items.topLevelItem(2).text(2) == "Uusi otsikko", timeout=5000)
    draft.item.title = "Vielä uudempi otsikko"
    draftfile.save(draft, item)  # the replaced file is watched again
    qtbot.waitUntil(
        lambda: view.items.topLevelItem(2).text(2) == "Vielä uudempi otsikko", timeout=5000
    )


def build_and_wait(view, qtbot, kinds, with_pdf, out) -> QMessageBox:
    """Click Build documents…, answer its questions, and wait for the summary."""
    view.answers.update(build_choices=(kinds, with_pdf, False), folder=out)
    qtbot.mouseClick(view.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: summary(view) is not None, timeout=120_000)
    return summary(view)


def summary(view) -> QMessageBox | None:
    box = view.findChild(QMessageBox, "build_summary")
    return box if box is not None and box.isVisible() else None


def close_summary(view, qtbot) -> None:
    """The user reads the summary and clicks Close."""
    box = summary(view)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: summary(view) is None)


def test_a_build_ends_with_a_summary_that_opens_the_folder(view, qtbot, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr("ui.controllers.building.QDesktopServices.openUrl", opened.append)
    out = tmp_path / "out"
    box = build_and_wait(view, qtbot, ["minutes", "items"], False, out)
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4 and "Pöytäkirja 18-2021.docx" in names  # minutes, one per item
    assert box.text() == f"4 files were written into {out}"
    assert sorted(box.informativeText().split("\n")) == names
    box.grab().save(str(tmp_path / "summary.png"))
    (open_button,) = [b for b in box.buttons() if b.text() == "Open folder"]
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(out)]
    qtbot.waitUntil(lambda: summary(view) is None)
    assert view.messages == []


@pytest.mark.libreoffice
def test_a_pdf_build_lists_the_pdfs_too(view, qtbot, tmp_path):
    out = tmp_path / "out"
    box = build_and_wait(view, qtbot, ["agenda"], True, out)
    names = box.informativeText().split("\n")
    assert sorted(names) == ["Esityslista 18-2021.docx", "Esityslista 18-2021.pdf"]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    close_summary(view, qtbot)


def form_text(window, path: str) -> str:
    (widget,) = {b.widget_for(path) for b in window.form.binders()} - {None}
    return widget.text()


def test_open_shows_the_item_with_the_meetings_numbers_until_undone(view, window, qtbot):
    view.items.setCurrentItem(view.items.topLevelItem(2))
    listed = view.items.topLevelItem(2).text(1)  # "§ 334"; the file still says 885
    qtbot.mouseClick(view.buttons["open"], Qt.MouseButton.LeftButton)
    assert window.document.path.name == "kh-2021-11-22-s885.pykala"
    assert f"§ {form_text(window, 'item.section')}" == listed == "§ 334"
    assert form_text(window, "item.agenda_item") == "3"
    assert form_text(window, "meeting.number") == "18/2021"
    assert window.statusBar().currentMessage() == (
        "Shown with the numbers of meeting 18/2021: Asia 3, § 334. Save to keep them."
    )
    assert window.isWindowModified()
    assert window.act_undo.text() == "&Undo: Numbers from the meeting"
    window.act_undo.trigger()  # one step back to the file's own values
    assert form_text(window, "item.section") == "885"
    assert form_text(window, "meeting.number") != "18/2021"
    assert not window.isWindowModified()


def test_open_leaves_an_item_alone_when_the_numbers_match(view, window, qtbot):
    """An item with the meeting's numbers and roster opens unchanged. (The first opening
    brings the roster, with who was there for the item: saved, the item has it.)"""
    view.items.setCurrentItem(view.items.topLevelItem(0))  # numbered already: Asia 1, § 332
    qtbot.mouseClick(view.buttons["open"], Qt.MouseButton.LeftButton)
    assert window.document.path.name == "01-laillisuus.pykala"
    assert [p.name for p in window.document.draft.meeting.participants] == [
        p.name for p in view.draft.participants
    ]
    assert window.act_undo.text() == "&Undo: Numbers from the meeting"
    menu(window, "File", "Save")  # with the roster
    assert not window.isWindowModified()
    qtbot.mouseClick(view.buttons["open"], Qt.MouseButton.LeftButton)
    assert form_text(window, "item.section") == "332"
    assert not window.isWindowModified()
    assert window.document.undo_stack.count() == 0


# A popup menu grabs the keyboard; the offscreen platform cannot, and says so.
POPUP = pytest.mark.qt_log_ignore(".*grabbing the keyboard.*")


@POPUP
def test_recent_files_say_meeting_or_draft_and_open_the_meeting(
    window, meeting_copy, qtbot, tmp_path
):
    from ui.services import settings

    draft = meeting_copy.parent.parent / "kh-2021-05-03-s333.pykala"
    gone = tmp_path / "poistettu.pykala"
    window.settings[settings.RECENT_FILES] = [str(draft), str(gone), str(meeting_copy)]
    menu = window.menu_recent
    menu.popup(window.mapToGlobal(window.rect().center()))  # File → Open recent
    qtbot.waitUntil(menu.isVisible)
    # What each file is comes from a look at the files off the UI thread (ui/recent.py).
    qtbot.waitUntil(lambda: menu.actions()[0].text().startswith("Meeting"))
    shown = [(a.text(), a.isEnabled(), a.toolTip()) for a in menu.actions()]
    menu.hide()
    assert shown == [
        ("Meeting — kh-18-2021.pykala", True, str(meeting_copy)),
        ("", True, ""),  # meetings apart from drafts
        ("Draft — kh-2021-05-03-s333.pykala", True, str(draft)),
        ("", True, ""),
        ("poistettu.pykala (missing)", False, str(gone)),
    ]
    menu.actions()[0].trigger()
    (meeting_window,) = window.meeting_windows
    assert meeting_window.document.path == meeting_copy
    assert meeting_window.isVisible()


@POPUP
def test_no_recent_files(window, qtbot):
    window.menu_recent.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(window.menu_recent.isVisible)
    assert [(a.text(), a.isEnabled()) for a in window.menu_recent.actions()] == [("(none)", False)]
    window.menu_recent.hide()


def fully_visible(widget) -> bool:
    return widget.visibleRegion().boundingRect() == widget.rect()


def scroll_to(scroll, widget) -> bool:
    """Scroll the column as moving the focus to `widget` does; True when it is in sight."""
    scroll.ensureWidgetVisible(widget, 0, 0)
    return fully_visible(widget)


def test_at_1024_by_700_every_field_and_button_can_be_reached(view, qtbot, tmp_path):
    from ui.services import translation

    translation.apply("fi")
    try:
        view.resize(1024, 700)
        qtbot.waitUntil(lambda: view.width() == 1024 and view.height() == 700)
        qtbot.waitUntil(lambda: view.build_button.text() == "Kokoa asiakirjat…")
        view.grab().save(str(tmp_path / "meeting-1024x700-fi.png"))
        for button in [*view.buttons.values(), view.number_button, view.build_button]:
            assert fully_visible(button), button.text()  # no scrolling needed for these
        scroll = view.details_scroll
        fields = [b.widget for b in view.binder.bindings]
        assert len(fields) >= 15
        table = view.participants.table
        assert table.viewport().height() >= 5 * table.verticalHeader().defaultSectionSize()
        for widget in fields:
            qtbot.waitUntil(lambda w=widget: scroll_to(scroll, w), timeout=2000)
        bar = scroll.verticalScrollBar()
        assert bar.isVisible()
        bar.setValue(bar.maximum())  # the scroll bar dragged to the end
        qtbot.waitUntil(lambda: fully_visible(table))
    finally:
        translation.apply("en")


def test_the_build_dialogs_public_box_builds_public_copies(view, qtbot, monkeypatch, tmp_path):
    """The real build dialog: Extracts and the public box ticked with the mouse, then OK."""
    from ui.windows.askers import MeetingAsker
    from ui.windows.build_dialog import BuildDialog

    out = tmp_path / "out"
    view.answers.update(build_choices=lambda: MeetingAsker.build_choices(view.ask), folder=out)
    seen = []

    def fill_in() -> None:  # runs while the dialog waits for the user
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        if not isinstance(dialog, BuildDialog):
            return
        try:
            for box in (dialog.boxes["extracts"], dialog.public):
                qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
            seen.append(dialog.choices())
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        finally:
            if dialog.isVisible():
                dialog.reject()  # OK did not end it: never left waiting

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(view.build_button, Qt.MouseButton.LeftButton)
    assert seen == [
        "BuildDialog",
        (["minutes", "extracts"], False, True, False, False, False, None),
    ]
    qtbot.waitUntil(lambda: summary(view) is not None, timeout=120_000)
    names = sorted(p.name for p in out.iterdir())
    assert "Pöytäkirja 18-2021 (julkinen).docx" in names
    assert "Pöytäkirja 18-2021.docx" not in names  # only the public copy
    assert any(" - Ote " in n and "(julkinen)" not in n for n in names)  # extracts: whole
    close_summary(view, qtbot)


def test_the_build_dialog_offers_changes_only_for_internal_copies(view, qtbot):
    from ui.windows.build_dialog import BuildDialog

    dialog = BuildDialog(view)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.changes, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert dialog.choices().changes
    qtbot.mouseClick(dialog.public, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert not dialog.changes.isEnabled()
    assert dialog.choices() == (["minutes"], False, True, False, False, False, None)


def test_the_build_dialogs_web_box_writes_the_minutes_web_pages(view, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr("ui.controllers.building.QDesktopServices.openUrl", lambda url: None)
    out = tmp_path / "out"
    view.answers.update(build_choices=(["minutes"], False, False, False, True), folder=out)
    qtbot.mouseClick(view.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: summary(view) is not None, timeout=120_000)
    web = out / "Pöytäkirja 18-2021 verkkosivut"
    assert (out / "Pöytäkirja 18-2021.docx").exists() and (web / "index.html").exists()
    assert len(list(web.glob("*.html"))) >= 4  # the index, three items (and the appeals)
    close_summary(view, qtbot)
