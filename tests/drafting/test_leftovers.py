"""Nothing left behind (issue 10): a killed Pykälä's scratch files go at the next start, and
the temporary file of a killed writer goes at the next write to the same target."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_885, EXAMPLES, ROOT
from tests.drafting.conftest import run_cli

MEETING = EXAMPLES / "meeting" / "kh-18-2021.pykala"


def dead_pid() -> int:
    """The pid of a process that has ended."""
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        timeout=60,
    )
    return int(process.stdout)


@pytest.mark.slow
def test_a_killed_writers_temp_file_goes_at_the_next_write(tmp_path):
    out = tmp_path / "o.docx"
    stale = tmp_path / f".o.docx.{dead_pid()}.abcd1234.tmp"
    stale.write_bytes(b"half a document with personal data")
    other = tmp_path / ".other.docx.1.abcd.tmp"  # another target's: not ours to judge here
    other.write_bytes(b"x")
    result = run_cli("render", EXAMPLE_885, "-o", out)
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, out.name]


def _holders(folder: Path) -> list[int]:
    """Processes whose command line names `folder` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if str(folder).encode() in cmdline:
            found.append(int(entry.name))
    return found


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)  # polling a condition, with a deadline
    pytest.fail(f"timed out waiting for {what}")


@pytest.mark.libreoffice
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds processes through /proc")
def test_a_killed_build_leaves_nothing_after_the_next_start(tmp_path):
    cache, tmp = tmp_path / "cache", tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), TMPDIR=str(tmp))
    run = cache / "pykala" / "run"
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "build",
            str(MEETING),
            "--items",
            "--pdf",
            "-o",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # Wait until the warm converter runs with its profile in this process's folder.
        mine = run / f"{process.pid}-"
        profile = _wait_for(
            lambda: (
                next(
                    (p for p in run.glob(f"{mine.name}*/warm-profile-*") if any(p.iterdir())), None
                )
                if run.is_dir()
                else None
            ),
            120,
            "the warm converter's profile",
        )
        folder = profile.parent
        assert (folder.stat().st_mode & 0o777) == 0o700
        assert (run.stat().st_mode & 0o077) == 0
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    # The bridge sees its parent gone and ends soffice; then the next start cleans up.
    _wait_for(lambda: not _holders(folder), 60, "LibreOffice to end after its parent")
    assert folder.exists()
    result = run_cli("check", EXAMPLE_885, env=env)
    assert result.returncode == 0, result.stderr
    assert not folder.exists()
    assert list(run.iterdir()) == []
    assert list(tmp.iterdir()) == []  # nothing of ours (or LibreOffice's) in TMPDIR
    assert not (tmp_path / "out").exists()
