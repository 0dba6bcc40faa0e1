"""`make install-desktop` into a temporary XDG_DATA_HOME: the file type is recognised, the
entry is the default for it, the entry is valid, and its Exec line opens a draft."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_333
from tests.ui.launch import environment, recent_files

# Each tool the tests run, and the Debian package that has it (make test installs them).
TOOLS = {
    "xdg-mime": "xdg-utils",
    "xdg-desktop-menu": "xdg-utils",
    "update-mime-database": "shared-mime-info",
    "desktop-file-validate": "desktop-file-utils",
    "gio": "libglib2.0-bin",
}
# Every test here installs through the program in a child process of its own (`slow`).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="the freedesktop launcher is Linux's"
    ),
]


def missing_tools() -> str:
    """ "" if every tool is there, else the apt-get line that installs the missing ones."""
    packages = sorted({p for tool, p in TOOLS.items() if shutil.which(tool) is None})
    if not packages:
        return ""
    return "apt-get install --no-install-recommends " + " ".join(packages)


@pytest.fixture(autouse=True)
def _tools():
    """Without the freedesktop tools these tests fail and say what to install (never a
    silent skip)."""
    line = missing_tools()
    if line:
        pytest.fail(f"the desktop-entry tests need the freedesktop tools: {line}")


@pytest.fixture
def installed(tmp_path):
    env = environment(tmp_path)
    # xdg-mime asks the desktop's own tool for a file's type; GNOME's (gio) reads the
    # shared-mime-info database under XDG_DATA_HOME that the install updated.
    env["XDG_CURRENT_DESKTOP"] = "GNOME"
    subprocess.run([sys.executable, "-m", "drafting.desktop", "install"], env=env, check=True)
    return env


def _out(args: list[str], env: dict[str, str]) -> str:
    return subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_the_example_is_a_pykala_file_and_opens_with_pykala(installed, tmp_path):
    assert _out(["xdg-mime", "query", "filetype", str(EXAMPLE_333)], installed) == (
        "application/x-pykala"
    )
    nameless = tmp_path / "draft-without-extension"
    shutil.copyfile(EXAMPLE_333, nameless)
    assert _out(["xdg-mime", "query", "filetype", str(nameless)], installed) == (
        "application/x-pykala"  # by the "format": "pykala" key
    )
    assert _out(["xdg-mime", "query", "default", "application/x-pykala"], installed) == (
        "pykala.desktop"
    )


def test_the_entry_is_valid_and_has_the_icon(installed):
    data = Path(installed["XDG_DATA_HOME"])
    entry = data / "applications" / "pykala.desktop"
    subprocess.run(["desktop-file-validate", str(entry)], check=True)
    assert "Icon=pykala" in entry.read_text(encoding="utf-8")
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "pykala.svg").is_file()


def test_the_exec_line_opens_the_file(installed, tmp_path):
    entry = Path(installed["XDG_DATA_HOME"]) / "applications" / "pykala.desktop"
    (exec_line,) = [
        line.partition("=")[2]
        for line in entry.read_text(encoding="utf-8").splitlines()
        if line.startswith("Exec=")
    ]
    draft = tmp_path / "double-clicked.pykala"
    shutil.copyfile(EXAMPLE_333, draft)
    arguments = [str(draft) if a == "%f" else a for a in shlex.split(exec_line)]
    assert str(draft) in arguments
    started = subprocess.run(
        [*arguments, "--quit-after", "3"],
        env=installed,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=os.path.expanduser("~"),
    )
    assert started.returncode == 0, started.stderr
    assert "Traceback" not in started.stderr
    assert str(draft) in recent_files(installed)  # it opened the draft


def test_a_missing_tool_is_named_with_the_apt_get_line(monkeypatch):
    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda tool: None if tool == "gio" else real(tool))
    assert missing_tools() == "apt-get install --no-install-recommends libglib2.0-bin"


def test_uninstall_takes_it_all_away(installed):
    data = Path(installed["XDG_DATA_HOME"])
    command = [sys.executable, "-m", "drafting.desktop", "uninstall"]
    subprocess.run(command, env=installed, check=True)
    assert not (data / "applications" / "pykala.desktop").exists()
    assert not (data / "icons" / "hicolor" / "scalable" / "apps" / "pykala.svg").exists()
    assert not (data / "mime" / "packages" / "pykala-mime.xml").exists()
    mimeapps = Path(installed["XDG_CONFIG_HOME"]) / "mimeapps.list"
    assert "application/x-pykala" not in mimeapps.read_text(encoding="utf-8")
