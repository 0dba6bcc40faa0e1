"""The markers mean what they say (tests/conftest.py): a test without `libreoffice` finds no
LibreOffice, and one that starts LibreOffice, CUPS or Chromium without its marker is noted
and failed at teardown."""

from __future__ import annotations

import sys

import pytest

from drafting import produce
from drafting.render import warm
from tests import conftest


def test_an_unmarked_test_finds_no_libreoffice():
    assert produce.find_soffice() is None


@pytest.mark.libreoffice
def test_a_marked_test_finds_it():
    assert produce.find_soffice() is not None


class Unmarked:
    nodeid = "tests/x.py::test_x"

    def get_closest_marker(self, name):
        return None


@pytest.mark.parametrize(
    "argv, marker",
    [
        (["/usr/bin/soffice", "--headless", "--convert-to", "pdf"], "libreoffice"),
        (
            [sys.executable, str(warm.BRIDGE), "/usr/lib/libreoffice/program/soffice", "/p"],
            "libreoffice",
        ),
        (["/usr/sbin/cupsd", "-f"], "cups"),
        (["lp", "-d", "queue", "--", "x.pdf"], "cups"),
        (["/usr/bin/chromium", "--headless"], "chromium"),
        ([sys.executable, "main.py", "check", "x.pykala"], "slow"),
        (["xvfb-run", "-a", sys.executable, "child.py"], "slow"),
        (["pdftotext", "x.pdf", "-"], None),
        ("lpstat", "cups"),
    ],
)
def test_a_program_started_without_its_marker_is_noted(argv, marker, monkeypatch):
    monkeypatch.setattr(conftest, "_running", {"item": Unmarked(), "started": []})
    conftest._watch("subprocess.Popen", (argv[0], argv, None, None))
    assert [m for m, _command in conftest._running["started"]] == ([marker] if marker else [])
