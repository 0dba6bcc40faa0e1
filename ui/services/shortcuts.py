"""Keys that belong to the window even while a text field has the focus.

A QLineEdit or QTextEdit claims Ctrl+Z/Ctrl+Y (its own undo history) and, on X11, Ctrl+E (end
of line) before the window's shortcuts run. Our fields have one undo history, the window's,
and Ctrl+E is "Export": a field gives these keys back to the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence

_STANDARD = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
EXPORT = QKeySequence("Ctrl+E")  # the drafting window's Export Word document
# Redo is Ctrl+Y and Ctrl+Shift+Z everywhere: Qt's Redo keys are the desktop's, and on Linux
# desktops (X11, GNOME, KDE) those are Ctrl+Shift+Z alone, while Word users press Ctrl+Y.
REDO = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))
_EXTRA = (EXPORT, *REDO)


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Y, Ctrl+Shift+Z, then the desktop's own Redo keys: the Redo action's shortcuts."""
    keys = list(REDO)
    for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo):
        if key not in keys:
            keys.append(key)
    return keys


def window_owns(event: QEvent) -> bool:
    """True for a key event whose keys are the window's, not the field's."""
    if not isinstance(event, QKeyEvent):
        return False
    if any(event.matches(key) for key in _STANDARD):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in _EXTRA)


class WindowKeys(QObject):
    """Event filter for a field: its ShortcutOverride for the window's keys is declined, so
    the window's action runs (and the field never sees the key)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and window_owns(event):
            event.ignore()
            return True
        return False


_filter: WindowKeys | None = None


def give_keys_to_window(widget: QObject) -> None:
    """Install the one shared filter on `widget` (a QLineEdit or QPlainTextEdit of a form)."""
    global _filter
    if _filter is None:
        _filter = WindowKeys()
    widget.installEventFilter(_filter)
