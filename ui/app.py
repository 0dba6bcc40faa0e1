"""The desktop program's entry point. Qt is imported only here and below, never by drafting/."""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from drafting.location import RESOURCES
from ui.services import crash, settings, single, translation
from ui.windows.mainwindow import MainWindow

ICON = RESOURCES / "icons" / "pykala.svg"


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


# How long a worker running Python (the preview's Word render, the spelling of the whole
# draft) may keep the interpreter when the UI thread asks for it back: Python's default is
# 5 ms, paid again after each call into Qt that lets go of it, so one slot of the UI thread
# could wait several times 5 ms while a preview was being made (issue 24: the UI thread's
# longest block). Workers lose a little throughput only while the UI thread is busy too.
UI_SWITCH_INTERVAL = 0.001


def application() -> QApplication:
    """The QApplication, named: settings and data folders are found by these names."""
    sys.setswitchinterval(UI_SWITCH_INTERVAL)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName("Pykälä")
    app.setOrganizationName("Pykala")
    app.setApplicationDisplayName("Pykälä")
    app.setDesktopFileName("pykala")  # the launcher entry (drafting/desktop.py) on Wayland
    app.setWindowIcon(QIcon(str(ICON)))
    return app


def create_window(argv: list[str]) -> MainWindow:
    application()
    translation.apply(settings.Settings()[settings.LANGUAGE])
    return MainWindow(path=Path(argv[0]) if argv else None)


def _options(argv: list[str]) -> tuple[list[str], float | None]:
    """The files to open, and --quit-after SECONDS (a start that ends by itself: the bundle
    check and the launcher test see the window come up and go without a traceback)."""
    files: list[str] = []
    quit_after = None
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--quit-after":
            quit_after = float(next(arguments, "0"))
        elif argument.startswith("--quit-after="):
            quit_after = float(argument.partition("=")[2])
        else:
            files.append(argument)
    return files, quit_after


def receive(window: MainWindow, paths: list[Path]) -> None:
    """Paths handed over by a later start: open them here and come to the front."""
    for path in paths:
        window.open_path(path)
    window.showNormal()
    window.raise_()
    window.activateWindow()


def run(argv: list[str]) -> int:
    files, quit_after = _options(argv)
    app = application()
    if files and single.hand_over([Path(f) for f in files]):
        return 0  # the running Pykälä opened them
    crash.handler.install()  # from here on, an error in a slot is reported, never fatal
    window = create_window(files)
    single.Listener(lambda paths: receive(window, paths), window).listen()
    window.show()
    _on_sigterm(window)
    QTimer.singleShot(0, window.offer_recovery)
    if quit_after is not None:
        QTimer.singleShot(int(quit_after * 1000), app.quit)
    return app.exec()
