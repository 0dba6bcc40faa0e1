"""What a user does with a window, for the tests: click the real button, press the real key,
choose the real menu entry. Never the slot behind them. (A drag with the mouse needs a real
display: see drag_child.py.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _plain(text: str) -> str:
    """A menu text as read: without its mnemonic marker and the dots of "…"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def click(button: QAbstractButton) -> None:
    """A left click on a visible, enabled button."""
    assert button.isVisible(), button.text()
    assert button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def key(widget: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed while `widget` has the focus (shortcuts reach the window's actions)."""
    widget.setFocus()
    QTest.keyClick(widget, key, modifiers)


def menu(window, *path: str) -> None:
    """Choose a menu entry as a user does: the menu bar's menu by its title, then each entry
    by its text ("File", "Save As"); the entry must be visible and enabled. The menu is
    opened first, so what fills it on opening (recent files) is there. An entry that names
    what it acts on ("Undo: Title") is found by its verb ("Undo")."""

    def called(action) -> bool:
        text = _plain(action.text())
        return text == name or text.startswith(name + ": ")

    entries = window.menuBar().actions()
    for n, name in enumerate(path):
        found = [a for a in entries if called(a) and a.isVisible()]
        assert found, (name, [_plain(a.text()) for a in entries])
        action = found[0]
        assert action.isEnabled(), name
        submenu = action.menu()
        if n < len(path) - 1:
            assert isinstance(submenu, QMenu), name
            submenu.aboutToShow.emit()
            entries = submenu.actions()
        else:
            action.trigger()
    QApplication.processEvents()
