"""Keys a user presses (issue 21): Ctrl+Y redoes in every field (item 4); Tab walks a tab's
fields in order, with the focus in sight (item 9)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.ui.launch import environment


def test_ctrl_y_redoes_in_the_title_and_in_a_rich_field(tmp_path):
    """On an X11 desktop, where Qt's Redo is Ctrl+Shift+Z alone (the offscreen platform has
    Ctrl+Y too and would not show the fault): type, Ctrl+Z, Ctrl+Y."""
    xvfb = shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is needed (Debian: xvfb, as the Makefile installs)"
    env = environment(tmp_path)
    env["QT_QPA_PLATFORM"] = "xcb"
    child = Path(__file__).with_name("keys_child.py")
    done = subprocess.run(
        [xvfb, "-a", sys.executable, str(child)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    seen = json.loads(lines[-1].removeprefix("RESULT "))
    assert seen["platform"] == ["xcb"]
    assert seen["title"] == ["Avustus", "", "Avustus"]
    assert seen["proposal"] == ["Myonnetaan avustus", "", "Myonnetaan avustus"]
