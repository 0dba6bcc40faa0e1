"""A window opens inside the screen it appears on, and where the user left it.

A laptop's 1366×768 (or a projector's 1024×700) is smaller than the size a window would like;
opening larger put the checks panel, the status bar and the meeting's build button off the
screen. Every top-level window places itself through `place`: the geometry saved at its last
close (QSettings), else its preferred size, then clamped to the available area (without
panels and docks) of its screen, frame included.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available(window: QWidget) -> QRect:
    """The free area of the screen the window is on (or will appear on)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _frame(window: QWidget) -> QMargins:
    """The window manager's frame around the window, once known (shown); else none."""
    frame, inner = window.frameGeometry(), window.geometry()
    return QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )


def fit(window: QWidget) -> None:
    """Shrink and move the window so that it, frame and all, lies inside the available area
    of its screen. A maximised or full-screen window is the window manager's to place."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = available(window)
    frame = _frame(window)
    room = area.marginsRemoved(frame)
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    size = window.size().boundedTo(room.size()).expandedTo(minimum.boundedTo(room.size()))
    if size != window.size():
        window.resize(size)
    inner = window.geometry()
    x = min(max(inner.left(), room.left()), room.right() - size.width() + 1)
    y = min(max(inner.top(), room.top()), room.bottom() - size.height() + 1)
    if (x, y) != (inner.left(), inner.top()):
        window.move(x - frame.left(), y - frame.top())  # move() places the frame


class _FitWhenShown(QObject):
    """At the first show the frame is known: fit again, frame included."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            fit(watched)
        return False


def place(window: QWidget, preferred: QSize, saved: QByteArray | None) -> None:
    """The window's geometry when it opens: `saved` (from saveGeometry) if any, else
    `preferred`; either way inside the available screen area."""
    if not (saved and window.restoreGeometry(saved)):
        window.resize(preferred)
    fit(window)
    shown = _FitWhenShown(window)
    window.installEventFilter(shown)
