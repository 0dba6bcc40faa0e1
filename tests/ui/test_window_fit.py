"""The windows on a laptop's and a projector's screen (issue 21, items 3 and 8).

The program starts in a child process on a virtual screen of the size under test (the
offscreen platform's configfile), as it would on that screen; tests/ui/screen_child.py opens
the drafting window and a new meeting's view and says what is on the screen.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.launch import environment

# Every test here starts the program in a child process of its own.
pytestmark = pytest.mark.slow

CHILD = Path(__file__).with_name("screen_child.py")


def start(tmp_path: Path, width: int, height: int, language: str, *extra: str) -> dict:
    """The program on a width×height screen; what the child saw. Screenshots stay in
    tmp_path/shots-WIDTHxHEIGHT."""
    config = tmp_path / f"screen-{width}x{height}.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [dict(screen, logicalDpi=96, dpr=1)]}))
    shots = tmp_path / f"shots-{width}x{height}"
    shots.mkdir(exist_ok=True)
    env = environment(tmp_path)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    done = subprocess.run(
        [sys.executable, str(CHILD), language, str(shots), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1].removeprefix("RESULT "))


@pytest.mark.parametrize("width,height", [(1366, 768), (1024, 700)])
def test_both_windows_fit_a_small_screen(tmp_path, width, height):
    seen = start(tmp_path, width, height, "fi")
    assert seen["main_fits"], (seen["main"], seen["screen"])
    assert seen["meeting_fits"], (seen["meeting"], seen["screen"])
    assert seen["checks_panel"] and seen["status_bar"]
    assert seen["build_text"] == "Kokoa asiakirjat…" and seen["build_button"]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_button_and_tab_in_sight_on_a_small_screen(tmp_path, language):
    """At 1024×700 the personal-data button of each rich-text toolbar, every tab and the
    preview's "Fit width" are on screen, not behind "»" or a scroll arrow."""
    seen = start(tmp_path, 1024, 700, language)
    assert seen["personal_hidden"] == []
    assert seen["tabs_fit"]
    assert seen["preview_toolbar_hidden"] == []
    assert seen["overflow_buttons"] == []  # no "»" anywhere, "Updating…" shown or not


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_fit_width_in_sight_on_a_laptop(tmp_path, language):
    seen = start(tmp_path, 1366, 768, language)
    assert not seen["fit_width_hidden"]
    assert seen["preview_toolbar_hidden"] == []


def test_windows_open_where_they_were_left_and_inside_the_screen(tmp_path):
    """Sizes a user chose come back at the next start; brought to a smaller screen they
    shrink to fit it."""
    start(tmp_path, 1920, 1080, "en", "resize", "1100x650")
    again = start(tmp_path, 1920, 1080, "en", "resize", "1800x1040")
    assert again["main_size"] == again["meeting_size"] == [1100, 650]
    small = start(tmp_path, 1024, 700, "en")
    assert small["main_fits"] and small["meeting_fits"]
    assert small["checks_panel"] and small["status_bar"] and small["build_button"]
