"""Reading the user's files: only ordinary files, and only up to a size.

A path handed to Pykälä (File → Open, a second start, the command line, the dictionary in
the data folder) may name a pipe (FIFO), a device such as /dev/zero, a socket or a folder.
Reading a pipe waits for a writer that never comes and reading /dev/zero never ends; so
every user file is read here: opened without waiting, checked to be an ordinary file by the
open descriptor itself (so that it cannot be swapped in between), and read only up to its
limit. What is refused raises `Refused`, an OSError whose `strerror` says why in the user's
language.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from drafting.i18n import _

MB = 1024 * 1024
#: The largest draft (.pykala) read: a draft is text; the largest real one is some 100 kB.
DRAFT_LIMIT = 50 * MB
#: The largest Word document opened for the draft it carries (images make them larger).
WORD_LIMIT = 100 * MB
#: The largest word list read (the user's dictionary).
WORD_LIST_LIMIT = 10 * MB


class Refused(OSError):
    """A file Pykälä does not read: not an ordinary file, or too large. (A folder raises
    IsADirectoryError.)"""


def _not_ordinary(path: Path, mode: int) -> OSError:
    if stat.S_ISDIR(mode):
        return IsADirectoryError(errno.EISDIR, _("it is a folder, not a file"), str(path))
    return Refused(
        errno.EINVAL,
        _(
            "it is not an ordinary file (a pipe, a device or a socket); "
            "Pykälä reads only ordinary files"
        ),
        str(path),
    )


def _too_large(path: Path, size: int, limit: int) -> Refused:
    return Refused(
        errno.EFBIG,
        _("it is larger ({size} MB) than Pykälä reads ({limit} MB at most)").format(
            size=max(1, round(size / MB)), limit=limit // MB
        ),
        str(path),
    )


def check(path: Path, limit: int) -> None:
    """Refused if `path` is not an ordinary file of at most `limit` bytes (OSError if it
    cannot be looked at, e.g. FileNotFoundError); follows symbolic links."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise _not_ordinary(Path(path), info.st_mode)
    if info.st_size > limit:
        raise _too_large(Path(path), info.st_size, limit)


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the ordinary file at `path`, at most `limit` of them; Refused for
    anything else, OSError (FileNotFoundError…) when it cannot be opened, ValueError for a
    name with a NUL character."""
    path = Path(path)
    check(path, limit)  # a socket cannot even be opened: say what it is first
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)  # O_NONBLOCK: a pipe swapped in meanwhile does not wait
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _not_ordinary(path, info.st_mode)
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise _too_large(path, len(data), limit)
    return data
