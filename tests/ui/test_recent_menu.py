"""File → Open recent opens without reading the recent files on the UI thread: the entries
come at once by file name, and what each file is (meeting, draft, gone) follows from a look
taken off the UI thread (ui/recent.py)."""

from __future__ import annotations

import pytest

from tests.ui.disk import disk_while

POPUP = pytest.mark.qt_log_ignore(".*grabbing the keyboard.*")


@POPUP
def test_open_recent_reads_no_file_on_the_ui_thread(
    window, meeting_copy, qtbot, tmp_path, monkeypatch
):
    from ui.services import settings

    draft = meeting_copy.parent.parent / "kh-2021-05-03-s333.pykala"
    gone = tmp_path / "poistettu.pykala"
    recent = [str(draft), str(gone), str(meeting_copy)]
    window.settings[settings.RECENT_FILES] = recent
    menu = window.menu_recent

    def open_menu() -> None:
        menu.popup(window.mapToGlobal(window.rect().center()))  # File → Open recent
        qtbot.waitUntil(menu.isVisible)

    touched = disk_while(monkeypatch, open_menu)
    assert [line for line in touched if any(path in line for path in recent)] == []
    assert {a.toolTip() for a in menu.actions()} >= set(recent)  # every entry, at once
    qtbot.waitUntil(lambda: menu.actions()[0].text() == "Meeting — kh-18-2021.pykala")
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == [
        "Meeting — kh-18-2021.pykala",
        "Draft — kh-2021-05-03-s333.pykala",
        "poistettu.pykala (missing)",
    ]
    menu.hide()

    # The next opening shows what the last look found at once, and looks again.
    gone.write_text(draft.read_text(encoding="utf-8"), encoding="utf-8")
    touched = disk_while(monkeypatch, open_menu)
    assert [line for line in touched if any(path in line for path in recent)] == []
    assert [a.text() for a in menu.actions() if a.text()][2] == "poistettu.pykala (missing)"
    qtbot.waitUntil(lambda: "Draft — poistettu.pykala" in [a.text() for a in menu.actions()])
    menu.hide()
