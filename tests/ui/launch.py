"""Starting the real program in a child process (offscreen) and seeing what it opened."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

MAIN = ROOT / "main.py"


def environment(tmp_path: Path) -> dict[str, str]:
    """The test's HOME and XDG folders (conftest), a private temporary folder (where the
    program's local socket lives), and no screen."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return env


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
