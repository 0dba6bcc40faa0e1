"""One program per user: opening a draft from the file manager while Pykälä runs hands the
path to the running one, which opens it and comes to the front.

The first start listens on a local socket (QLocalServer); a later start with a file connects,
sends the absolute path and ends. The socket's name is derived from the user's data folder,
so two users (or a test's temporary data folder) never meet.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 3000


def server_name() -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return "pykala-" + hashlib.sha256(folder.encode("utf-8")).hexdigest()[:16]


def hand_over(paths: list[Path]) -> bool:
    """Give `paths` to a running Pykälä; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    message = json.dumps([str(p.resolve()) for p in paths]).encode("utf-8") + b"\n"
    socket.write(message)
    handed = socket.waitForBytesWritten(TIMEOUT_MS)
    # the running one answers once it has the paths: a dying one must not swallow them
    handed = handed and socket.waitForReadyRead(TIMEOUT_MS) and socket.readAll().data() == b"ok"
    socket.disconnectFromServer()
    return bool(handed)


class Listener(QObject):
    """Receives paths from later starts and passes each to `opened`."""

    def __init__(self, opened: Callable[[list[Path]], None], parent: QObject) -> None:
        super().__init__(parent)
        self.opened = opened
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connection)

    def listen(self) -> bool:
        name = server_name()
        if self.server.listen(name):
            return True
        # a socket left behind by a program that crashed: nobody answers on it
        probe = QLocalSocket()
        probe.connectToServer(name)
        if probe.waitForConnected(500):
            probe.disconnectFromServer()
            return False  # another Pykälä listens: this one runs on its own
        QLocalServer.removeServer(name)
        return self.server.listen(name)

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        try:
            paths = [Path(p) for p in json.loads(bytes(socket.readLine().data()).decode())]
        except ValueError:
            socket.disconnectFromServer()
            return
        socket.write(b"ok")
        socket.flush()
        self.opened(paths)
