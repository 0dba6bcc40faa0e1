from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

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
def _warm_libreoffice():
    """One warm LibreOffice for the whole session, as one program would have."""
    from drafting.render import warm

    shared = warm.Converter()
    yield shared
    shared.stop()


@pytest.fixture
def converter(request):
    """The session's warm LibreOffice for a test marked `libreoffice`; any other test gets a
    converter of its own that finds none (tests/conftest.py), as on a computer without it."""
    if request.node.get_closest_marker("libreoffice"):
        yield request.getfixturevalue("_warm_libreoffice")
        return
    from drafting.render import warm

    own = warm.Converter()
    yield own
    own.stop()  # a preview worker still running after the test starts no LibreOffice


ANSWERS = (
    ("save_changes", "cancel"),
    ("overwrite_changed_file", False),
    ("restore", "later"),
    ("open_path", None),
    ("save_path", None),
    ("print_setup", True),
    ("print_running", "leave"),
    ("docx_changed", False),
    ("new_profile_id", None),
    ("profile_export_path", None),
    ("profile_import_path", None),
    ("profile_template_path", None),
    ("past_tense_decision", None),
)


def answered(win, monkeypatch) -> None:
    """The window's questions answered by the test (win.answers), never by a modal dialog;
    its messages collected in win.messages."""
    win.answers = {}

    def answer(name, default=None):
        def respond(*args, **kwargs):
            value = win.answers.get(name, default)
            return value(*args) if callable(value) else value

        return respond

    for name, default in ANSWERS:
        monkeypatch.setattr(win.ask, name, answer(name, default))
    # No printer: the message is collected, and no PDF is saved instead unless a test says so.
    no_printer = lambda reason: bool(win.messages.append(("Cannot print", reason)))  # noqa: E731
    monkeypatch.setattr(win.ask, "no_printer", answer("no_printer", no_printer))
    win.messages = []
    monkeypatch.setattr(win.ask, "error", lambda *a: win.messages.append(a))
    monkeypatch.setattr(win.ask, "information", lambda *a: win.messages.append(a))
    monkeypatch.setattr(win.ask, "about", lambda: win.messages.append(("about",)))


def close_without_blocking(win) -> None:
    """Close a window at teardown as a user who discards their changes: the "save changes?"
    question is answered "discard" through the Asker, a print still running is left. If the
    window still refuses, it closes unasked. Never waits for a dialog."""
    import shiboken6

    if not shiboken6.isValid(win):
        return
    answers = getattr(win, "answers", None)
    if answers is not None:
        answers.update(save_changes="discard", print_running="leave")
    for other in getattr(win, "meeting_windows", []):
        if shiboken6.isValid(other) and hasattr(other, "answers"):
            other.answers.update(save_changes="discard", print_running="leave")
    if not win.close():
        win.close_unasked = True
        win.close()


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    """A data folder of the test's own (recovery copies, settings), for it and its children."""
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


@pytest.fixture
def make_window(qtbot, monkeypatch, converter):
    """Builds drafting windows for a test: each answered by the test (see `answered`), shown,
    and closed at teardown without blocking (see `close_without_blocking`), so a failing
    assertion fails fast instead of leaving a "save changes?" box nobody answers.

    make_window() shares the session's warm LibreOffice; make_window(converter=None) lets
    the window start its own (tests of the converter's life). clean=False keeps the settings and
    recovery copies (tests of recovery after a crash)."""
    from PySide6.QtCore import QSettings

    from ui.services import recovery, translation
    from ui.windows.mainwindow import MainWindow

    built = []

    def make(converter=converter, clean: bool = True, show: bool = True):
        if clean:
            QSettings().clear()
            for copy in recovery.pending():
                recovery.discard(copy.id)
            translation.apply("en")
        win = MainWindow(converter=converter)
        qtbot.addWidget(win)
        built.append(win)
        answered(win, monkeypatch)
        if show:
            win.show()
            qtbot.waitExposed(win)
        return win

    yield make
    for win in reversed(built):
        close_without_blocking(win)


@pytest.fixture
def window(make_window):
    """A main window whose questions are answered by the test, not by a modal dialog."""
    return make_window()


@pytest.fixture(autouse=True)
def _no_modal_dialog_left(qapp):
    """A test that leaves a modal dialog open fails (and the dialog is closed, so the next
    test does not sit behind it). Non-modal tool windows may stay; their window owns them."""
    yield
    from PySide6.QtWidgets import QApplication, QDialog

    left = []
    for _round in range(10):  # closing one may uncover the next
        modal = QApplication.activeModalWidget()
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and w.isModal()
        ]
        if modal is None and not dialogs:
            break
        for dialog in [modal, *dialogs] if modal is not None else dialogs:
            if dialog is None or not dialog.isVisible():
                continue
            left.append(f"{type(dialog).__name__} {dialog.windowTitle()!r}")
            if isinstance(dialog, QDialog):
                dialog.reject()
            dialog.close()
        QApplication.processEvents()
    if left:
        pytest.fail(f"the test left a dialog open: {', '.join(left)}")


def field(window, path):
    """The input widget of a field path in the drafting window's form (a rich field's
    editor)."""
    widget = None
    for binder in window.form.binders():
        widget = widget or binder.widget_for(path)
    assert widget is not None, path
    return getattr(widget, "editor", widget)


def type_text(widget, text: str) -> None:
    """Type like a user, one key at a time; ä/ö/å as single key events (keyClicks crashes).
    Into a line with nothing selected the text is added at its end, as by a user who clicks
    after the last letter (a line shows a text put into it from its beginning)."""
    if isinstance(widget, QLineEdit) and not widget.hasSelectedText():
        QTest.keyClick(widget, Qt.Key.Key_End)
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
        ("overwrite_changed_file", False),
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


@pytest.fixture(autouse=True)
def _no_word_process_outlives_its_window():
    """A window's preview makes its Word documents in a child process (drafting.word_process);
    when the test's windows have closed, none of those children may still run."""
    import multiprocessing

    yield
    from PySide6.QtWidgets import QApplication

    if any(w.isVisible() for w in QApplication.topLevelWidgets()):
        return  # a window the test keeps open (its own teardown closes it later)
    left = [p for p in multiprocessing.active_children() if p.name == "pykala-word"]
    for process in left:
        process.kill()
        process.join()
    assert not left, "a preview's Word process outlived its window"
