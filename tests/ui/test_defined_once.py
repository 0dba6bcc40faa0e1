"""Issue 24 part 5, "once each", on the user's path: a date typed in the form is read by the
core's one D.M.YYYY rule and refused in its one wording; a file opened in the window and
given to the command line is taken for the same kind (one sniffing order)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from tests.conftest import EXAMPLE_333, EXAMPLE_885
from tests.drafting.conftest import run_cli
from tests.ui.conftest import type_text
from tests.ui.test_mainwindow import checks_shown, focus

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_typed_two_digit_year_is_refused_in_the_one_wording(window, qtbot):
    window.open_path(EXAMPLE_885)
    date = focus(window, "meeting.date")
    date.selectAll()
    type_text(date, "3.5.21")  # was read as the year 21
    said = 'Meeting date: "3.5.21" is not a date; write e.g. 31.8.2021'
    checks_shown(window, qtbot, lambda lines: any(said in t for t in lines))
    assert date.text() == "3.5.21"  # the typed text stays for the user to fix
    assert window.document.draft.meeting.date.isoformat() == "2021-11-22"


def _cli_kind(path) -> str:
    """What `main.py check` took the file for, by what it says."""
    result = run_cli("check", path)
    said = result.stdout + result.stderr
    assert "Traceback" not in said
    if "is a Word document; using the draft" in said:
        return "word"
    if "every item checked as" in said:
        return "meeting"
    return "item"


def _window_kind(window, qtbot, path) -> str:
    """What File → Open (Ctrl+O) made of the file, by what the user sees."""
    meetings = len(window.meeting_windows)
    window.answers.update(open_path=path, save_changes="discard")
    QTest.keyClick(window, Qt.Key.Key_O, CTRL)
    if len(window.meeting_windows) > meetings:
        opened = window.meeting_windows[-1]
        opened.close_unasked = True
        opened.close()
        return "meeting"
    if "Save it as a .pykala draft" in window.statusBar().currentMessage():
        window.statusBar().clearMessage()
        return "word"
    assert window.document.path == path, window.messages
    return "item"


@pytest.mark.slow
def test_the_command_line_and_the_window_take_a_file_for_the_same_kind(
    window, qtbot, meeting_copy, tmp_path
):
    """The contents decide, in one order (Word, meeting, draft), never the name: a Word
    document named .pykala, a meeting named .docx."""
    word = tmp_path / "word.docx"
    assert run_cli("render", EXAMPLE_333, "-o", word).returncode == 0
    word_named_draft = word.rename(tmp_path / "word-named-draft.pykala")
    meeting_named_word = meeting_copy.with_name("meeting-named-word.docx")
    shutil.copy(meeting_copy, meeting_named_word)
    draft = shutil.copy(EXAMPLE_885, tmp_path / "draft.pykala")
    for path, kind in (
        (word_named_draft, "word"),
        (meeting_named_word, "meeting"),
        (draft, "item"),
    ):
        assert _cli_kind(path) == kind, path.name
        assert _window_kind(window, qtbot, path) == kind, path.name


def test_the_meeting_view_says_a_bad_date_with_its_field(view, qtbot):
    (public_display,) = [
        w for w in view.findChildren(QLineEdit) if w.accessibleName() == "Public display date"
    ]
    public_display.setFocus()
    public_display.selectAll()
    type_text(public_display, "3.5.21")
    said = 'Public display date: "3.5.21" is not a date; write e.g. 31.8.2021'
    assert view.statusBar().currentMessage() == said
    assert public_display.text() == "3.5.21"
    QTest.keyClick(public_display, Qt.Key.Key_Backspace)
    QTest.keyClick(public_display, Qt.Key.Key_Backspace)
    type_text(public_display, "2021")
    assert view.draft.public_display.isoformat() == "2021-05-03"
    assert view.statusBar().currentMessage() == ""
