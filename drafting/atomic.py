"""Write files so that a crash or a full disk never leaves a half-written file behind.

Every writer of Pykälä goes through `write_bytes`, so the same rules hold everywhere:
a symbolic link is written through (its target is replaced atomically, the link stays),
a folder, FIFO or device is refused with a message instead of being replaced, and the
temporary files of writers that were killed half-way are removed by the next write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from drafting import scratch
from drafting.i18n import _


class Refused(OSError):
    """The output cannot be written as a file; `strerror` says why, for the user."""

    def __init__(self, path: Path, reason: str, code: int = errno.EINVAL) -> None:
        super().__init__(code, reason, str(path))


def target(path: Path) -> Path:
    """Where writing `path` really goes: the file a symbolic link points to. Raises Refused for
    an empty name, a folder, or a special file (FIFO, device, socket)."""
    if str(path) in ("", "."):
        raise Refused(Path(path), _("no output file given"))
    path = Path(path)
    try:
        mode = path.stat().st_mode  # through links: what would really be written
    except (OSError, RuntimeError):  # absent, or unreachable: writing it says why
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise Refused(path, _("it is a folder; give a file name"), errno.EISDIR)
    if mode is not None and not stat.S_ISREG(mode):
        raise Refused(path, _("it is not a regular file (a device or a pipe); give a file name"))
    try:
        if path.is_symlink():
            return path.resolve(strict=False)
    except (OSError, RuntimeError):
        pass
    return path


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files `.NAME.<pid>.xxxx.tmp` beside `path` whose writer is no longer running."""
    prefix = _temp_prefix(path)
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(".tmp")):
                continue
            pid = name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and not scratch.pid_alive(int(pid)):
                with contextlib.suppress(OSError):
                    entry.unlink()


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`.

    The rename is atomic on the same file system (also on Windows through os.replace), so
    readers see either the old file or the complete new one.
    """
    path = target(path)
    remove_stale_temporaries(path)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f"{_temp_prefix(path)}{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    tmp = Path(tmp_name)
    try:
        _copy_mode(path, tmp)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def copy_file(source: Path, target: Path) -> None:
    write_bytes(target, Path(source).read_bytes())


def _copy_mode(existing: Path, tmp: Path) -> None:
    """mkstemp makes a private 0600 file; give it the mode the file had, or the usual one."""
    try:
        mode = existing.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)
