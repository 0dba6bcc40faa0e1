"""What the start loads before the window shows (issue 24: start → window): the desktop
program's modules, not the Word renderer (python-docx, docxtpl, lxml), the meeting window and
its builds, the organisations dialog, babel or the package metadata About lists. Those come
when first used: the preview's worker, File → Open meeting, Settings → Organisations."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

LATER = [
    "docx",
    "docxtpl",
    "lxml",
    "jinja2",
    "babel",
    "importlib.metadata",
    "urllib.request",
    "drafting.meeting",
    "drafting.render.docx",
    "drafting.render.compose",
    "ui.windows.meetingwindow",
    "ui.windows.organizations",
    "ui.windows.about",
]


@pytest.mark.slow
def test_the_program_starts_without_what_it_needs_later():
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys; import ui.app; print(json.dumps(sorted(sys.modules)))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout
    modules = set(json.loads(loaded.strip().splitlines()[-1]))
    assert "ui.windows.mainwindow" in modules  # the window's own modules are there
    assert [name for name in LATER if name in modules] == []
