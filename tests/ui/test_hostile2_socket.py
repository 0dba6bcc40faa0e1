"""The single-instance socket and the files handed to the running program (issue 22, holes
08, 09 and 13): the socket lives where only this user can reach it, a peer of another user
gets nothing, a message that is no list of paths is ignored with a log line, and a pipe
handed over (or chosen in File → Open) is refused with a message instead of hanging."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalSocket

from tests.conftest import EXAMPLE_333
from tests.ui.launch import environment, program, recent_files, socket_of, wait_for
from ui.services import single

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets and pipes")


@pytest.fixture
def runtime(monkeypatch) -> Iterator[Path]:
    """A private runtime folder with a short path, as the session's (/run/user/1000): the
    test's own folder can be too long for a socket (pytest-xdist's worker folders)."""
    folder = Path(tempfile.mkdtemp(prefix="run-", dir="/tmp"))
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def listener(qapp, runtime):
    received: list[list[Path]] = []
    owner = QObject()
    listening = single.Listener(received.append, owner)
    assert listening.listen()
    yield listening, received
    listening.server.close()
    owner.deleteLater()


def private(folder: Path) -> bool:
    info = os.lstat(folder)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


# --- 09: where the socket is ----------------------------------------------------------------


def test_the_socket_is_in_the_users_private_runtime_folder(listener, runtime):
    path = Path(single.server_name())
    assert path.parent == runtime and path.is_socket()
    assert private(path.parent)


def test_a_runtime_folder_others_can_enter_is_not_used(qapp, tmp_path, monkeypatch):
    """An open folder (or one another user made first) is no place for the socket: the
    data folder's own private folder is used instead, made 0700."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    path = Path(single.server_name())
    assert shared not in path.parents
    assert path.name.startswith("pykala-") and private(path.parent)
    assert not str(path).startswith("/tmp/pykala-" + path.name[7:])  # the old shared place


def test_a_peer_of_another_user_gets_nothing(listener, qtbot, monkeypatch, capfd):
    """With the peer's user id different from ours (SO_PEERCRED), the connection is closed
    unanswered and nothing is opened."""
    _listening, received = listener
    real, name = os.getuid(), single.server_name()
    client = QLocalSocket()
    client.connectToServer(name)
    assert client.waitForConnected(3000)
    assert single.peer_is_same_user(client)
    monkeypatch.setattr(single.os, "getuid", lambda: real + 1)
    assert not single.peer_is_same_user(client)  # as the starting side sees a squatter
    client.abort()
    assert send(qtbot, json.dumps([str(EXAMPLE_333)]).encode() + b"\n", name) == b""
    assert received == []
    assert "Pykälä: refused a connection from another user" in capfd.readouterr().err


# --- 13: what comes over the socket --------------------------------------------------------


def send(qtbot, message: bytes, name: str = "") -> bytes:
    """Send one message as a later start would, wait until the listener answered or hung
    up; what it answered."""
    client = QLocalSocket()
    client.connectToServer(name or single.server_name())
    assert client.waitForConnected(3000)
    client.write(message)
    answer = bytearray()
    client.readyRead.connect(lambda: answer.extend(client.readAll().data()))
    qtbot.waitUntil(
        lambda: bool(answer) or client.state() == QLocalSocket.LocalSocketState.UnconnectedState,
        timeout=10000,
    )
    client.abort()
    return bytes(answer)


@pytest.mark.parametrize(
    "message",
    [
        b"[" * 100_000 + b"]" * 100_000 + b"\n",  # RecursionError escaped the slot before
        b'{"path": "/tmp/x.pykala"}\n',
        b'"/tmp/x.pykala"\n',
        b"[1, 2]\n",
        b'["a\\u0000b"]\n',
        b"\xff\xfe not UTF-8\n",
        b"x" * (single.MESSAGE_LIMIT + 10),  # no end of line, ever
    ],
    ids=["deep", "object", "text", "numbers", "nul", "bytes", "endless"],
)
def test_a_message_that_is_no_list_of_paths_is_ignored_with_a_log_line(
    listener, qtbot, capfd, message
):
    _listening, received = listener
    assert send(qtbot, message) == b""
    assert received == []
    assert "Pykälä: ignored a message" in capfd.readouterr().err
    # the listener goes on: the next start's draft is opened
    assert send(qtbot, json.dumps([str(EXAMPLE_333)]).encode() + b"\n") == b"ok"
    assert received == [[EXAMPLE_333]]


# --- 08: a pipe handed over, or opened ------------------------------------------------------


class Unblocker:
    """A safety net, not a synchronisation: should a reader ever open the pipe, a writer
    comes and closes it, so that a regression fails the test instead of hanging it."""

    def __init__(self, fifo: Path) -> None:
        self.fifo = fifo
        self.stop = threading.Event()
        self.opened = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(0.2):
            try:
                fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                continue  # no reader: good
            self.opened = True
            os.write(fd, b"{")
            os.close(fd)

    def close(self) -> None:
        self.stop.set()
        self.thread.join()


def test_file_open_of_a_pipe_says_so_and_keeps_the_draft(window, tmp_path):
    fifo = tmp_path / "pipe.pykala"
    os.mkfifo(fifo)
    before = window.document.draft
    window.answers["open_path"] = fifo
    guard = Unblocker(fifo)
    try:
        window.act_open.trigger()
    finally:
        guard.close()
    assert not guard.opened, "the pipe was opened for reading"
    (title, text, detail) = window.messages[-1]
    assert title == "Cannot open draft" and "pipe.pykala could not be opened" in text
    assert "not an ordinary file (a pipe, a device or a socket)" in detail
    assert window.document.draft is before


@pytest.mark.slow
def test_a_pipe_handed_to_the_running_program_does_not_stop_it(tmp_path):
    """Hole 08 as the reproducer runs it: a second start hands over a FIFO; the running
    program refuses it and still opens the next draft handed over."""
    env = environment(tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    draft = tmp_path / "next.pykala"
    shutil.copyfile(EXAMPLE_333, draft)
    first = subprocess.Popen(
        [*program(), "--quit-after", "120"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    guard = Unblocker(fifo)
    try:
        assert wait_for(lambda: socket_of(env) is not None, 60), "never listened"
        assert private(socket_of(env).parent)
        handed = subprocess.run(
            [*program(), str(fifo)], env=env, capture_output=True, text=True, timeout=60
        )
        assert handed.returncode == 0, handed.stderr
        second = subprocess.run(
            [*program(), str(draft)], env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 0, second.stderr  # it answered: it did not hang
        assert wait_for(lambda: str(draft) in recent_files(env), 30), "not opened"
        assert first.poll() is None
    finally:
        guard.close()
        first.send_signal(signal.SIGTERM)
        _out, err = first.communicate(timeout=60)
    assert not guard.opened, "the running program opened the pipe for reading"
    assert "Traceback" not in err
