"""The desktop program's entry point. Qt is imported only here and below, never by drafting/."""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from ui import crash, settings, translation
from ui.mainwindow import MainWindow


class _Wakeup(QSocketNotifier):
    """Reads the signal socket; holds both ends of the pair so they live as long as it does."""

    def __init__(self, sockets: tuple[socket.socket, socket.socket], parent: QObject) -> None:
        super().__init__(sockets[0].fileno(), QSocketNotifier.Type.Read, parent)
        self.sockets = sockets


def _on_sigterm(window: MainWindow) -> QSocketNotifier | None:
    """SIGTERM (logout, shutdown) reaches Python only when it runs; a socket wakes Qt."""
    if sys.platform == "win32":
        return None
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    signal.signal(signal.SIGTERM, lambda *_args: None)  # handled below, on the Qt side
    notifier = _Wakeup((reader, writer), window)

    def woke() -> None:
        data = reader.recv(64)
        if bytes([signal.SIGTERM]) in data:
            window.emergency_save()

    notifier.activated.connect(woke)
    return notifier


def application() -> QApplication:
    """The QApplication, named: settings and data folders are found by these names."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Pykälä")
    app.setOrganizationName("Pykala")
    app.setApplicationDisplayName("Pykälä")
    return app


def create_window(argv: list[str]) -> MainWindow:
    application()
    translation.apply(settings.Settings()[settings.LANGUAGE])
    window = MainWindow()
    if argv:
        window.open_path(Path(argv[0]))
    return window


def run(argv: list[str]) -> int:
    crash.handler.install()  # from here on, an error in a slot is reported, never fatal
    window = create_window(argv)
    window.show()
    _on_sigterm(window)
    QTimer.singleShot(0, window.offer_recovery)
    return QApplication.instance().exec()
