"""The preview's Word documents, made in a Python process of its own.

Making a DOCX (docxtpl, Jinja, lxml, regular expressions over the whole document XML) is
long C calls that hold the interpreter's lock: run in a thread of the window's process, they
stall the window for their whole length (issue 24: ui_blocked_during_refresh). Here they run
in one persistent child, started with "spawn" (the same on Linux, Windows and macOS; the
bundle's main.py calls multiprocessing.freeze_support()), which runs the one production path
(`produce.word`) and sends the bytes back over a pipe; waiting on the pipe lets the window run.

    process = WordProcess()
    data = process.render(draft, copies.PUBLIC)   # from a worker thread; bytes of the DOCX
    process.stop()                                 # the window closed: the child ends

A child that dies is started again and the request sent once more; a second death raises
WordProcessStopped. After `stop()` nothing starts a child again (WordProcessClosed), as a
closed converter stays closed (drafting.render.warm.ConverterClosed).
"""

from __future__ import annotations

import os
import pickle
import threading
from typing import Any

from drafting.copies import Copy
from drafting.i18n import _
from drafting.model import Draft

# What the child reads of the environment to find the organisations (organization.user_folder,
# data_root): sent with every request, since a test or the user may change it after the start.
ENVIRONMENT = ("PYKALA_ORGANIZATIONS", "XDG_DATA_HOME", "APPDATA", "HOME", "USERPROFILE")

STOP_SECONDS = 2.0


class WordProcessStopped(RuntimeError):
    """The child died twice on one request; it is started again at the next one."""


class WordProcessClosed(RuntimeError):
    """The process was stopped for good (its window closed): no child starts again."""


class ChildFailure(RuntimeError):
    """A failure in the child whose exception could not travel back as it was."""


def _environment() -> dict[str, str | None]:
    return {name: os.environ.get(name) for name in ENVIRONMENT}


def _serve(connection: Any) -> None:
    """The child: answer requests until the pipe closes or a None arrives."""
    from drafting import i18n, produce

    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        environment, language, draft, copy = request
        for name, value in environment.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if i18n.language() != language:
            i18n.set_language(language)
        try:
            reply: tuple[str, Any] = ("done", produce.word(draft, copy, carry_draft=False).data)
        except Exception as exc:  # sent back and raised in the parent
            try:
                pickle.loads(pickle.dumps(exc))
                reply = ("failed", exc)
            except Exception:
                reply = ("failed", ChildFailure(str(exc)))
        try:
            connection.send(reply)
        except (EOFError, OSError):
            return


class WordProcess:
    """One child making Word documents for one window; see the module's text."""

    def __init__(self) -> None:
        self._process: Any = None  # multiprocessing's SpawnProcess
        self._connection: Any = None
        self._closed = False
        self._one_request = threading.Lock()  # one request on the pipe at a time
        self._state = threading.Lock()  # the child and `_closed`

    @property
    def pid(self) -> int | None:
        """The running child's process id (None before the first request and after stop)."""
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def start(self) -> None:
        """Start the child now, if it is not running (else the first request starts it)."""
        with self._state:
            self._start()

    def _start(self) -> None:
        if self._closed:
            raise WordProcessClosed(_("The preview was closed with its window."))
        if self._process is not None and self._process.is_alive():
            return
        self._discard()
        import multiprocessing  # not at the window's start: the first request starts the child

        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs,), daemon=True, name="pykala-word")
        process.start()
        theirs.close()
        self._process, self._connection = process, ours

    def _discard(self) -> None:
        """Forget the child (ended or ending) and its pipe."""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if process is not None:  # first: a request waiting on the pipe then reads its end
            if process.is_alive():
                process.terminate()
            process.join(STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join(STOP_SECONDS)
        if connection is not None:
            connection.close()

    def render(self, draft: Draft, copy: Copy) -> bytes:
        """The preview's Word document of `draft` as `copy` shows it (produce.word with
        carry_draft=False), made in the child. Raises what produce.word raises there,
        WordProcessStopped, WordProcessClosed."""
        from drafting import i18n

        request = (_environment(), i18n.language(), draft, copy)
        with self._one_request:
            for attempt in (1, 2):
                with self._state:
                    self._start()
                    connection = self._connection
                try:
                    connection.send(request)
                    status, value = connection.recv()
                except (EOFError, OSError):
                    with self._state:
                        if self._closed:
                            raise WordProcessClosed(
                                _("The preview was closed with its window.")
                            ) from None
                        self._discard()  # died: the next attempt starts a new one
                    if attempt == 2:
                        raise WordProcessStopped(
                            _("The preview stopped unexpectedly; the next change tries again.")
                        ) from None
                    continue
                if status == "failed":
                    raise value
                return value
        raise AssertionError("not reached")

    def stop(self) -> None:
        """End the child (at once, even in the middle of a request) and start none again."""
        with self._state:
            self._closed = True
            self._discard()
