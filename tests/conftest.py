"""Shared test set-up: no real home folder, no screen, and the reference material."""

from __future__ import annotations

import os
from pathlib import Path

# Before any QApplication exists; an empty value would abort the run. The screen is a common
# desktop's (the offscreen default, 800×800, is smaller than the windows' preferred sizes;
# tests/ui/test_window_fit.py opens them on small screens in child processes).
SCREEN = Path(__file__).resolve().parent / "screen-1920x1080.json"
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

import pytest  # noqa: E402

from tests.support import print_queue  # noqa: E402

# Every print of the test run goes to the private scheduler (print_queue), never to the
# machine's own printers; Qt and the CUPS commands both read this.
os.environ["CUPS_SERVER"] = str(print_queue.SOCKET)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"
# Copies of ../shared/reference/: the suite runs from any clone.
REFERENCE = ROOT / "tests" / "reference"

EXAMPLE_333 = EXAMPLES / "kh-2021-05-03-s333.pykala"
EXAMPLE_885 = EXAMPLES / "kh-2021-11-22-s885.pykala"


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Every test gets its own HOME, so nothing touches the user's real folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))


@pytest.fixture(autouse=True, scope="session")
def _examples_stay_as_they_are():
    """No test may write into the repository's examples (a pressed Save once did)."""

    def snapshot() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in sorted(EXAMPLES.rglob("*.pykala"))}

    before = snapshot()
    yield
    changed = [p for p, data in snapshot().items() if before.get(p) != data]
    assert not changed, f"tests changed the examples: {changed}"


@pytest.fixture(scope="session")
def print_scheduler():
    """A private CUPS scheduler for the run (see tests/support/print_queue.py)."""
    problem = print_queue.missing()
    if problem:
        pytest.fail(problem)
    scheduler = print_queue.Scheduler()
    yield scheduler
    scheduler.stop()


_queues = iter(range(1, 10_000))


@pytest.fixture
def printer_queue(print_scheduler):
    """A fresh printer of the private scheduler, taken away after the test."""
    queue = print_queue.Queue(f"pykala-test-{next(_queues)}")
    yield queue
    queue.remove()
