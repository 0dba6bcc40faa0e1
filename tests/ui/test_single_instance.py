"""Opening a draft while Pykälä runs (a double-click in the file manager) hands it to the
running program, which opens it; the second start ends at once."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLE_333
from tests.ui.launch import environment, program, recent_files, socket_of, wait_for

# Every test here starts the program in a child process of its own (`slow`).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="a Unix socket file is awaited"),
]


def test_a_second_start_hands_the_file_to_the_running_program(tmp_path):
    env = environment(tmp_path)
    draft = tmp_path / "handed.pykala"
    shutil.copyfile(EXAMPLE_333, draft)
    first = subprocess.Popen(
        [*program(), "--quit-after", "120"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        listening = wait_for(lambda: socket_of(env) is not None, 60)
        assert listening, "the first Pykälä never listened"

        second = subprocess.run(
            [*program(), str(draft)], env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 0, second.stderr
        assert "Traceback" not in second.stderr
        assert first.poll() is None, "the first one must still run"
        assert wait_for(lambda: str(draft) in recent_files(env), 30), "not opened by the first"
    finally:
        first.send_signal(signal.SIGTERM)  # logout: it quits without asking
        _out, err = first.communicate(timeout=60)
    assert "Traceback" not in err


def test_without_a_running_program_a_start_with_a_file_opens_it_itself(tmp_path):
    env = environment(tmp_path)
    draft = tmp_path / "alone.pykala"
    shutil.copyfile(EXAMPLE_333, draft)
    started = subprocess.run(
        [*program(), str(draft), "--quit-after", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr
    assert "Traceback" not in started.stderr
    assert str(draft) in recent_files(env)


def test_version():
    result = subprocess.run([*program(), "--version"], capture_output=True, text=True, timeout=60)
    from drafting import __version__

    assert result.stdout.strip() == f"Pykälä {__version__}"
