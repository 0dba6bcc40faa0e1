"""One program per user: opening a draft from the file manager while Pykälä runs hands the
path to the running one, which opens it and comes to the front.

The first start listens on a local socket (QLocalServer); a later start with a file connects,
sends the absolute path and ends. The socket's name is derived from the user's data folder,
so two data folders of one user (a test's temporary one) never meet.

Nobody else may listen there or talk to it (issue 22, hole 09: a socket in the shared /tmp
could be made first by another user, who then received every path). On Unix the socket
lives in a folder only this user can enter: the session's runtime folder (XDG_RUNTIME_DIR),
else a folder of our own in the data folder, made 0700, each used only when it is this
user's own, not a link and closed to others. Where the system tells (Linux: SO_PEERCRED),
each side also checks that the other runs as the same user. On Windows the name is a named
pipe that Qt opens to this user only (UserAccessOption).

A message is one line: a JSON list of paths. Anything else is ignored with a line on
standard error, the listener goes on (hole 13).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket as _socket
import stat
import struct
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 3000
MESSAGE_LIMIT = 256 * 1024  # bytes of one message: thousands of paths
_SOCKET_PATH_LIMIT = 100  # bytes: sun_path holds 104 (macOS) or 108 (Linux) with its NUL


def _log(message: str) -> None:
    print(f"Pykälä: {message}", file=sys.stderr)


def _data_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)


def _own_private_folder(folder: Path, make: bool) -> bool:
    """True if `folder` is this user's, a real folder (not a link), closed to everyone
    else; `make` creates it (0700) and closes it when it is ours but open."""
    try:
        if make:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return False
        if info.st_mode & 0o077:
            if not make:
                return False
            os.chmod(folder, 0o700)
        return True
    except OSError:
        return False


def _socket_folders() -> list[tuple[Path, bool]]:
    """Where the socket may live, best first, and whether Pykälä makes that folder."""
    folders: list[tuple[Path, bool]] = []
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_absolute():
        folders.append((Path(runtime), False))
    folders.append((Path(_data_folder()) / "run", True))
    # the data folder's path can be too long for a socket: then a short folder of our own
    uid = os.getuid()
    folders.append((Path(tempfile.gettempdir()) / f"pykala-{uid}", True))
    folders.append((Path("/tmp") / f"pykala-{uid}", True))
    return folders


def server_name() -> str:
    """The socket's full path (Unix) or the named pipe's name (Windows); "" when there is
    no private place for it (then every start runs on its own)."""
    name = "pykala-" + hashlib.sha256(_data_folder().encode("utf-8")).hexdigest()[:16]
    if sys.platform == "win32":
        return name
    for folder, make in _socket_folders():
        path = folder / name
        if len(os.fsencode(path)) <= _SOCKET_PATH_LIMIT and _own_private_folder(folder, make):
            return str(path)
    _log("no private folder for the single-instance socket; this start runs on its own")
    return ""


def peer_is_same_user(socket: QLocalSocket) -> bool:
    """False when the system says the other end runs as another user (Linux SO_PEERCRED);
    True when it says ours, or cannot tell (the folder is private anyway)."""
    if not hasattr(_socket, "SO_PEERCRED"):
        return True
    descriptor = int(socket.socketDescriptor())
    if descriptor < 0:
        return False
    try:
        with _socket.fromfd(descriptor, _socket.AF_UNIX, _socket.SOCK_STREAM) as copy:
            credentials = copy.getsockopt(
                _socket.SOL_SOCKET, _socket.SO_PEERCRED, struct.calcsize("3i")
            )
    except OSError:
        return False
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return uid == os.getuid()


def hand_over(paths: list[Path]) -> bool:
    """Give `paths` to a running Pykälä; False when none answers."""
    name = server_name()
    if not name:
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    if not peer_is_same_user(socket):
        _log(f"{name} is held by another user; not handing anything over")
        socket.abort()
        return False
    message = json.dumps([str(p.resolve()) for p in paths]).encode("utf-8") + b"\n"
    socket.write(message)
    handed = socket.waitForBytesWritten(TIMEOUT_MS)
    # the running one answers once it has the paths: a dying one must not swallow them
    handed = handed and socket.waitForReadyRead(TIMEOUT_MS) and socket.readAll().data() == b"ok"
    socket.disconnectFromServer()
    return bool(handed)


def read_paths(line: bytes) -> list[Path]:
    """The paths of one message; ValueError for anything but a JSON list of texts."""
    try:
        data = json.loads(line.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(data, list) or not all(isinstance(p, str) and p for p in data):
        raise ValueError("not a list of paths")
    if any("\x00" in p for p in data):
        raise ValueError("a path with a NUL character")
    return [Path(p) for p in data]


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
        if not name:
            return False
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
            socket.disconnected.connect(socket.deleteLater)
            if not peer_is_same_user(socket):
                _log("refused a connection from another user")
                socket.abort()
                continue
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MESSAGE_LIMIT:
                _log(f"ignored a message over {MESSAGE_LIMIT} bytes")
                socket.abort()
            return
        line = bytes(socket.readLine(MESSAGE_LIMIT + 1).data())
        try:
            if len(line) > MESSAGE_LIMIT:
                raise ValueError(f"over {MESSAGE_LIMIT} bytes")
            paths = read_paths(line)
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            _log(f"ignored a message that is not a list of paths ({exc})")
            socket.disconnectFromServer()
            return
        socket.write(b"ok")
        socket.flush()
        self.opened(paths)
