"""Pykälä's own scratch files: one per-user cache folder, one subfolder per running process.

LibreOffice profiles, the converters' work files (a draft's text: personal data) and
LibreOffice's own temporary files live in `<cache>/pykala/run/<pid>-<start>/`, private to the
user (0700), never in the world-readable /tmp. A process killed with SIGKILL cannot clean up
after itself, so every start removes the folders of owners that are no longer running.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

_lock = threading.Lock()
_mine: Path | None = None


def cache_root() -> Path:
    """The platform's per-user cache folder for Pykälä (without Qt: drafting/ never imports
    it)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "Pykala" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "Pykala"
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "pykala"


def run_root() -> Path:
    return cache_root() / "run"


def _start_token(pid: int) -> str:
    """Something that tells this process from a later one with the same pid (Linux: its start
    time in clock ticks since boot); "" where it cannot be known."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFO
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner_alive(name: str) -> bool:
    pid_text, _sep, token = name.partition("-")
    if not pid_text.isdigit():
        return True  # not one of ours: leave it
    pid = int(pid_text)
    if not pid_alive(pid):
        return False
    current = _start_token(pid)
    return not (token and current and current != token)


def clean() -> list[Path]:
    """Remove the folders of processes that are no longer running; the removed ones."""
    root = run_root()
    removed: list[Path] = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if entry == _mine or _owner_alive(entry.name):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        if entry.exists():  # a straggler still writing into it: once more
            shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def process_dir() -> Path:
    """This process's private scratch folder, made at the first call and removed at exit."""
    global _mine
    with _lock:
        if _mine is not None and _mine.is_dir():
            return _mine
        root = run_root()
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):
            os.chmod(root, 0o700)
        clean()
        pid = os.getpid()
        token = _start_token(pid) or str(time.time_ns())
        mine = root / f"{pid}-{token}"
        mine.mkdir(mode=0o700, exist_ok=True)
        if _mine is None:
            atexit.register(_remove_mine)
        _mine = mine
        return mine


def _remove_mine() -> None:
    if _mine is not None:
        shutil.rmtree(_mine, ignore_errors=True)


def mkdtemp(prefix: str) -> Path:
    """A new private folder in this process's scratch folder."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir=process_dir()))


def temporary_directory(prefix: str) -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix=prefix, dir=process_dir())
