"""Shared test set-up: no real home folder, no screen, and the reference material; the
markers `libreoffice`, `cups` and `chromium` mean what they say (see `_needs`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Before any QApplication exists; an empty value would abort the run. The screen is a common
# desktop's (the offscreen default, 800×800, is smaller than the windows' preferred sizes;
# tests/ui/test_window_fit.py opens them on small screens in child processes).
SCREEN = Path(__file__).resolve().parent / "screen-1920x1080.json"
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

import pytest  # noqa: E402

from tests.support import hypothesis_profiles, print_queue  # noqa: E402

hypothesis_profiles.register()  # before pytest reads --hypothesis-profile (make test-fast)

# The signing tests' fixtures (a test CA, a SoftHSM2 token, the minutes to sign), for
# tests/signing and the dialogs' tests in tests/ui.
pytest_plugins = ["tests.signing.fixtures"]

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


# What the markers mean. A test without `libreoffice` runs as on a computer without
# LibreOffice (PYKALA_SOFFICE names no file, so the program and its child processes find
# none), and every test that starts a program named below without the marker that says it
# needs it fails. So `make test-fast` (-m "not libreoffice and not cups and not chromium")
# runs exactly the tests that need none of them.
NEEDS = {
    "libreoffice": ("soffice", "soffice.bin", "soffice.exe", "libreoffice", "uno_bridge.py"),
    "cups": ("cupsd", "lp", "lpstat", "lpadmin", "cancel", "cupsenable", "cupsdisable"),
    "chromium": ("chromium", "chromium-browser", "chrome", "google-chrome"),
}
_running: dict = {"item": None, "started": []}
# A test that starts a Python of its own (the program, a child script) or xvfb-run waits for
# a process to start and end: it is marked `slow`, which `make test-fast` leaves out. (Tests
# marked for LibreOffice, CUPS or Chromium are outside make test-fast already.)
CHILDREN = ("xvfb-run", Path(sys.executable).name)


def _child(argv) -> bool:
    words = [argv] if isinstance(argv, (str, bytes, os.PathLike)) else list(argv or ())
    first = words[0] if words and isinstance(words[0], (str, bytes, os.PathLike)) else None
    name = Path(os.fsdecode(first)).name if first is not None else ""
    return name in CHILDREN or name.startswith("python")


def _needs(argv) -> str | None:
    """The marker a command line needs: by its program's name, or (the warm converter's
    bridge, which gets soffice's path) by any argument naming one of LibreOffice's."""
    words = [argv] if isinstance(argv, (str, bytes, os.PathLike)) else list(argv or ())
    names = [Path(os.fsdecode(w)).name for w in words if isinstance(w, (str, bytes, os.PathLike))]
    if not names:
        return None
    for marker, programs in NEEDS.items():
        if names[0] in programs or (marker == "libreoffice" and set(names) & set(programs)):
            return marker
    return None


def _watch(event: str, args: tuple) -> None:
    """Python's audit hook: notes a program started by a test that lacks its marker."""
    if _running["item"] is None or event not in ("subprocess.Popen", "os.posix_spawn", "os.exec"):
        return
    try:  # never in the way of the program's own start
        argv = args[1] if len(args) > 1 else args[0]
        marker = _needs(argv)
        item = _running["item"]
        if marker is None and _child(argv):
            known = any(item.get_closest_marker(m) for m in (*NEEDS, "slow"))
            marker = None if known else "slow"
        if marker and item.get_closest_marker(marker) is None:
            words = [argv] if isinstance(argv, (str, bytes)) else list(argv)
            _running["started"].append((marker, " ".join(map(os.fsdecode, words))[:200]))
    except Exception as exc:  # reported at teardown instead
        _running["started"].append(("libreoffice", f"(watching {event} failed: {exc!r})"))


sys.addaudithook(_watch)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _running["item"], _running["started"] = item, []


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    """After the fixtures' teardown: fail a test that started what its markers do not say."""
    started, _running["item"], _running["started"] = _running["started"], None, []
    if started:
        markers = sorted({m for m, _ in started})
        pytest.fail(
            f"{item.nodeid} started {', '.join(markers)} without the marker "
            f"(@pytest.mark.{markers[0]}): " + "; ".join(command for _, command in started),
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _no_libreoffice_unless_marked(request, tmp_path_factory, monkeypatch):
    """A test not marked `libreoffice` finds no LibreOffice, as on a computer without it."""
    if request.node.get_closest_marker("libreoffice") is None:
        nowhere = tmp_path_factory.getbasetemp() / "no-libreoffice" / "soffice"
        monkeypatch.setenv("PYKALA_SOFFICE", str(nowhere))
