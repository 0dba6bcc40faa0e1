"""Press everything: every enabled action and every visible, enabled button of both windows,
in every interface language, on an empty document and on an example. A slot that raises
fails the test and names what was pressed. Afterwards the window is there and its document
saves and reopens unchanged.

This is what a curious new user does in the first five minutes; the "Add" button that
closed the program would have been found here.
"""

from __future__ import annotations

import sys
import traceback

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QTabWidget, QToolButton

from drafting import draftfile
from tests.conftest import EXAMPLE_333
from tests.ui.conftest import open_view
from ui.services import translation

LANGUAGES = ("fi", "sv", "en")
PRESSED: dict[str, tuple[int, int]] = {}  # what each run pressed, for the summary at the end


@pytest.fixture
def raised(monkeypatch):
    """Exceptions that reach sys.excepthook (every exception in a Qt slot does)."""
    seen: list[str] = []
    monkeypatch.setattr(
        sys,
        "excepthook",
        lambda kind, value, tb: seen.append("".join(traceback.format_exception(kind, value, tb))),
    )
    return seen


def _bring_into_view(button) -> None:
    """Show the tab that holds the button (a user clicks the tab first)."""
    widget = button.parentWidget()
    while widget is not None:
        parent = widget.parentWidget()
        tabs = parent.parentWidget() if parent is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(widget) >= 0:
            tabs.setCurrentWidget(widget)
        widget = parent


class _Closer:
    """While pressing: a popup menu a button opened is closed again (as Escape would); a
    modal dialog is closed and remembered, since every question must go through the Asker,
    which the test answers."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.timer = QTimer(interval=50)
        self.timer.timeout.connect(self.close)

    def close(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        modal = QApplication.activeModalWidget()
        if modal is not None:
            self.dialogs.append(modal.windowTitle() or type(modal).__name__)
            modal.close()


def press_everything(window, raised, skip=()) -> tuple[int, int]:
    """Click every button, then trigger every action; (buttons, actions) pressed."""
    closer = _Closer()
    closer.timer.start()
    try:
        counts = _press(window, raised, skip)
    finally:
        closer.timer.stop()
    assert closer.dialogs == [], "a dialog the Asker does not answer"
    return counts


def _press(window, raised, skip) -> tuple[int, int]:
    buttons = 0
    for button in window.findChildren(QPushButton) + window.findChildren(QToolButton):
        if not shiboken6.isValid(button) or not button.isEnabled():
            continue
        _bring_into_view(button)
        if not button.isVisible():
            continue  # e.g. a history entry's tables while no entry is chosen
        name = button.text() or button.toolTip() or button.objectName()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        QApplication.processEvents()
        assert not raised, f"clicking {name!r} raised {raised[0]}"
        buttons += 1
    actions = 0
    for action in window.findChildren(QAction):
        if not shiboken6.isValid(action) or not action.isEnabled() or action in skip:
            continue
        name = action.text() or action.toolTip()
        action.trigger()
        QApplication.processEvents()
        assert not raised, f"triggering {name!r} raised {raised[0]}"
        actions += 1
    return buttons, actions


def answer_everything_no(window, monkeypatch) -> None:
    """Every question a pressed button can ask gets a harmless answer."""
    window.answers.update(save_changes="cancel", print_setup=False)
    monkeypatch.setattr(window.ask, "attachment_paths", lambda *a: [])
    monkeypatch.setattr(window.ask, "show_file", lambda *a: None)


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("start", ["empty", "example"])
def test_press_everything_in_the_drafting_window(
    window, raised, monkeypatch, tmp_path, language, start
):
    translation.apply(language)
    if start == "example":  # a copy: pressing Save must not write into the repository
        example = tmp_path / EXAMPLE_333.name
        example.write_bytes(EXAMPLE_333.read_bytes())
        assert window.open_path(example)
    answer_everything_no(window, monkeypatch)
    buttons, actions = press_everything(window, raised, skip={window.act_quit})
    PRESSED[f"drafting window, {start}, {language}"] = (buttons, actions)
    assert buttons > 20 and actions > 20
    for meeting in list(window.meeting_windows):  # "New meeting" opened one
        meeting.close_unasked = True
        meeting.close()

    assert window.isVisible()
    target = tmp_path / "after.pykala"
    window.answers["save_path"] = target
    save_as(window)
    assert draftfile.load(target) == window.document.draft
    assert not raised


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("start", ["new", "example"])
def test_press_everything_in_the_meeting_view(
    window, raised, monkeypatch, meeting_copy, tmp_path, language, start
):
    translation.apply(language)
    if start == "example":
        view = open_view(window, meeting_copy, monkeypatch)
    else:
        window.act_new_meeting.trigger()
        view = window.meeting_windows[-1]
        view.answers, view.messages = window.answers, window.messages
        for name in ("build_choices", "folder", "save_path"):
            monkeypatch.setattr(view.ask, name, lambda *a: None)
        monkeypatch.setattr(view.ask, "item_paths", lambda *a: [])
        monkeypatch.setattr(view.ask, "error", lambda *a: window.messages.append(a))
    monkeypatch.setattr(view.ask, "save_changes", lambda *a: "cancel")
    answer_everything_no(window, monkeypatch)  # "Open" takes an item to the drafting window
    buttons, actions = press_everything(view, raised, skip={view.act_close})
    PRESSED[f"meeting view, {start}, {language}"] = (buttons, actions)
    assert buttons >= 8 and actions >= 5

    assert shiboken6.isValid(view) and view.isVisible()
    target = tmp_path / "meeting" / "after.pykala"
    target.parent.mkdir(exist_ok=True)
    view.answers["save_path"] = target
    monkeypatch.setattr(view.ask, "save_path", lambda *a: target)
    save_as(view)
    assert draftfile.load_meeting(target) == view.document.draft
    view.close_unasked = True
    view.close()
    assert not raised


def save_as(window) -> None:
    """File (or Meeting) → Save As, whatever the interface language: the entry is found in
    the window's menu bar, then chosen."""
    entries = [
        action
        for menu in window.menuBar().actions()
        if menu.menu() is not None
        for action in menu.menu().actions()
    ]
    assert window.act_save_as in entries and window.act_save_as.isEnabled()
    window.act_save_as.trigger()
    assert not window.isWindowModified()


RUNS = 2 * len(LANGUAGES) * 2  # two windows, every language, two starts


def test_zz_every_run_pressed_buttons_and_actions(capsys):
    """After the runs above (pytest -s prints the counts): every window, start and language
    was pressed, and each pressed buttons and actions."""
    with capsys.disabled():
        for run, (buttons, actions) in PRESSED.items():
            print(f"pressed {buttons:4d} buttons and {actions:4d} actions in the {run}")
    assert len(PRESSED) == RUNS, "run together with the press tests above"
    assert all(buttons >= 8 and actions >= 5 for buttons, actions in PRESSED.values()), PRESSED
