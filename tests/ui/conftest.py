from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtTest import QTest

from drafting import i18n


@pytest.fixture(autouse=True)
def _test_paths(qapp):
    """QSettings and data folders in a test location, never the user's own."""
    QStandardPaths.setTestModeEnabled(True)
    qapp.setApplicationName("Pykälä")
    qapp.setOrganizationName("PykalaTests")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def converter():
    """One warm LibreOffice for the whole session, as one program would have."""
    from drafting.render import warm

    shared = warm.Converter()
    yield shared
    shared.stop()


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, converter):
    """A main window whose questions are answered by the test, not by a modal dialog."""
    from PySide6.QtCore import QSettings

    from ui import translation
    from ui.mainwindow import MainWindow

    QSettings().clear()
    from ui import recovery

    for copy in recovery.pending():
        recovery.discard(copy.id)
    translation.apply("en")
    win = MainWindow(converter=converter)
    qtbot.addWidget(win)
    win.answers = {}

    def answer(name, default=None):
        def respond(*args, **kwargs):
            value = win.answers.get(name, default)
            return value(*args) if callable(value) else value

        return respond

    for name, default in (
        ("save_changes", "cancel"),
        ("overwrite_changed_file", False),
        ("restore", "later"),
        ("open_path", None),
        ("save_path", None),
        ("print_setup", True),
        ("print_running", "leave"),
        ("no_printer", lambda reason: bool(win.messages.append(("Cannot print", reason)))),
        ("docx_changed", False),
        ("new_profile_id", None),
        ("profile_export_path", None),
        ("profile_import_path", None),
        ("profile_template_path", None),
    ):
        monkeypatch.setattr(win.ask, name, answer(name, default))
    win.messages = []
    monkeypatch.setattr(win.ask, "error", lambda *a: win.messages.append(a))
    monkeypatch.setattr(win.ask, "information", lambda *a: win.messages.append(a))
    monkeypatch.setattr(win.ask, "about", lambda: win.messages.append(("about",)))
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close_unasked = True  # the test decides; closing must not ask
    win.close()


def field(window, path):
    """The input widget of a field path in the drafting window's form (a rich field's
    editor)."""
    widget = None
    for binder in window.form.binders():
        widget = widget or binder.widget_for(path)
    assert widget is not None, path
    return getattr(widget, "editor", widget)


def type_text(widget, text: str) -> None:
    """Type like a user, one key at a time; ä/ö/å as single key events (keyClicks crashes)."""
    for char in text:
        if char == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif char.isascii():
            QTest.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                char,
                Qt.KeyboardModifier.NoModifier,
            )


def alive(pid: int) -> bool:
    """True while the process runs; a zombie has ended, only nobody collected it yet."""
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (ProcessLookupError, FileNotFoundError):
        return False


@pytest.fixture
def meeting_copy(tmp_path):
    """The example meeting and its items in a folder of the test's own."""
    import shutil

    from tests.conftest import EXAMPLES

    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    return folder / "meeting" / "kh-18-2021.pykala"


def open_view(window, path, monkeypatch):
    """The meeting view opened as the user opens it; its questions answered by the test."""
    assert window.open_path(path)  # a meeting file opens the meeting view
    view = window.meeting_windows[-1]
    view.answers, view.messages = window.answers, window.messages
    for name, default in (
        ("save_changes", "cancel"),
        ("build_choices", None),
        ("folder", None),
        ("save_path", None),
        ("item_paths", []),
        ("print_setup", True),
        ("print_running", "leave"),
        ("no_printer", lambda reason: bool(window.messages.append(("Cannot print", reason)))),
    ):

        def respond(*args, name=name, default=default, **kwargs):
            value = window.answers.get(name, default)
            return value(*args) if callable(value) else value

        monkeypatch.setattr(view.ask, name, respond)
    monkeypatch.setattr(view.ask, "error", lambda *a: window.messages.append(a))
    return view


@pytest.fixture
def view(window, meeting_copy, monkeypatch):
    """The example meeting's view, opened from the drafting window."""
    import shiboken6

    meeting_window = open_view(window, meeting_copy, monkeypatch)
    yield meeting_window
    if shiboken6.isValid(meeting_window):
        meeting_window.close_unasked = True
        meeting_window.close()


def edit_cell(view, row: int, column: int, text: str) -> None:
    """Click a cell of a table view (F2 if that did not open it), type, press Enter: a cell
    edited as a user edits it."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    rect = view.visualRect(view.model().index(row, column))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (view.currentIndex().row(), view.currentIndex().column()) == (row, column)
    if view.state() != view.State.EditingState:
        QTest.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.isAncestorOf(editor), editor
    editor.selectAll()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits the cell in a queued call
    assert view.state() != view.State.EditingState
