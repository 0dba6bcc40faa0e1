"""Starting the real program in a child process (offscreen) and seeing what it opened."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

MAIN = ROOT / "main.py"


def environment(tmp_path: Path) -> dict[str, str]:
    """The test's HOME and XDG folders (conftest), a private temporary folder, a private
    runtime folder (where the program's local socket lives), and no screen."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        TMPDIR=str(tmp_path / "tmp"),
        XDG_RUNTIME_DIR=str(tmp_path / "run"),
    )
    (tmp_path / "tmp").mkdir(exist_ok=True)
    (tmp_path / "run").mkdir(mode=0o700, exist_ok=True)
    return env


def socket_of(env: dict[str, str]) -> Path | None:
    """The running program's single-instance socket in its runtime folder, once it listens."""
    found = [p for p in Path(env["XDG_RUNTIME_DIR"]).glob("pykala-*") if p.is_socket()]
    return found[0] if found else None


def program() -> list[str]:
    return [sys.executable, str(MAIN)]


def recent_files(env: dict[str, str]) -> str:
    """The program's settings files (Open recent is kept there), as text."""
    config = Path(env["XDG_CONFIG_HOME"])
    return "".join(f.read_text(encoding="utf-8") for f in config.rglob("*.conf"))


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def start_script(
    script: Path, *args: object, data_home: Path, libreoffice: bool = True, ready: str = ""
) -> subprocess.Popen:
    """One of the tests' child programs (crash_child.py, typing_child.py, meeting_child.py)
    with its data and settings in `data_home`, offscreen; `libreoffice=False`: it finds none
    (only the files matter). With `ready`, waits for the child to print that line (its edits
    are made) and fails with the child's errors when it does not."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(data_home),
        XDG_CONFIG_HOME=str(data_home / "config"),
    )
    if not libreoffice:
        env["PYKALA_SOFFICE"] = str(data_home / "no-soffice")
    child = subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if ready and child.stdout is not None and child.stdout.readline().strip() != ready:
        child.kill()
        raise AssertionError(child.communicate()[1])
    return child


def edit_then_run(edit) -> int:
    """In a child program: run `edit` once the event loop turns, then keep running until the
    parent ends it; if `edit` raises, print the traceback and end (the parent waits for a line,
    so it reads the traceback instead)."""
    import traceback

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def edit_or_end() -> None:
        try:
            edit()
        except Exception:
            traceback.print_exc()
            QApplication.exit(1)

    QTimer.singleShot(0, edit_or_end)
    return QApplication.instance().exec()
