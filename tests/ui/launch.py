"""Starting the real program in a child process (offscreen) and seeing what it opened."""

from __future__ import annotations

import os
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
