"""Nothing is lost: autosave after a crash, recovery on the next start, SIGTERM at logout."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_885
from tests.ui import typing_child
from tests.ui.conftest import alive
from tests.ui.launch import start_script
from tests.ui.user import menu
from ui.services import recovery

CHILD = Path(__file__).with_name("crash_child.py")
TYPING_CHILD = Path(__file__).with_name("typing_child.py")


def start_child(draft: Path, data_home: Path) -> subprocess.Popen:
    return start_script(CHILD, draft, data_home=data_home, ready="EDITED")


def start_typist(draft: Path, data_home: Path, mode: str) -> subprocess.Popen:
    """The typing child (typing_child.py), without LibreOffice: only the keyboard matters."""
    return start_script(TYPING_CHILD, draft, mode, data_home=data_home, libreoffice=False)


def said(child: subprocess.Popen, word: str, state: str = "pending") -> None:
    """The child's next report is `word`; `state` says whether typed words still waited in
    the pause ("pending") or had reached the draft ("flushed") when it was said."""
    line = child.stdout.readline().split()
    if line[:1] != [word]:
        child.kill()
        raise AssertionError((line, child.communicate()[1]))
    assert line[1:] == [state], line


def libreoffice_pids(child: subprocess.Popen) -> list[int]:
    """The processes of the child's warm LibreOffice, once its first preview is shown."""
    line = child.stdout.readline().split()
    assert line and line[0] == "PIDS", line
    return [int(p) for p in line[1:]]


def wait_for(condition, timeout: float = 20.0) -> None:
    """Poll a condition a child process will make true (not a sleep: it ends when true)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def recovery_copies(data_home: Path) -> list[Path]:
    """Complete recovery copies: the note is written after the draft it points at."""
    folder = data_home / "Pykala" / "Pykälä" / "recovery"
    return sorted(n.with_suffix(".pykala") for n in folder.glob("*.json"))


@pytest.mark.libreoffice  # its LibreOffice must end with it
def test_after_sigkill_the_next_start_restores_every_edit(data_home, tmp_path, make_window):
    draft = tmp_path / "item.pykala"
    draft.write_bytes(EXAMPLE_885.read_bytes())
    child = start_child(draft, data_home)
    try:
        office = libreoffice_pids(child)
        wait_for(lambda: recovery_copies(data_home))
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate()
    assert draft.read_bytes() == EXAMPLE_885.read_bytes()  # the user's file is untouched
    # The bridge sees its parent's pipe close and ends LibreOffice: no orphans.
    wait_for(lambda: not [p for p in office if alive(p)])

    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QStandardPaths.setTestModeEnabled(False)  # read the child's real data folder
    QCoreApplication.setOrganizationName("Pykala")
    window = make_window(clean=False)
    offers = []
    window.answers["restore"] = lambda when, title: offers.append((when, title)) or "restore"
    window.offer_recovery()
    assert offers and offers[0][1] == "Palautettava otsikko åäö"
    restored = window.document
    assert restored.path == draft
    assert restored.modified
    assert restored.draft.item.title == "Palautettava otsikko åäö"
    assert restored.draft.item.proposal.reasoning.endswith("Kaatumisen jälkeen palautettu lause.")
    reasoning = window.form.binder.widget_for("item.proposal.reasoning").editor
    assert reasoning.toPlainText().endswith("Kaatumisen jälkeen palautettu lause.")
    # Saving the restored draft ends the recovery copy's life.
    window.answers["overwrite_changed_file"] = True
    menu(window, "File", "Save")
    assert not window.isWindowModified()
    assert recovery.pending() == []


def test_declining_keeps_the_copy_until_discarded(data_home, make_window):
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    from drafting import draftfile

    QStandardPaths.setTestModeEnabled(False)
    QCoreApplication.setOrganizationName("Pykala")
    recovery.write("abc", draftfile.load(EXAMPLE_885), None)
    window = make_window(clean=False)
    window.answers["restore"] = "later"
    window.offer_recovery()
    assert [c.id for c in recovery.pending()] == ["abc"]
    window.answers["restore"] = "discard"
    window.offer_recovery()
    assert recovery.pending() == []


def reasoning_in(copy: Path) -> str:
    from drafting import draftfile

    return draftfile.load(copy).item.proposal.reasoning


@pytest.mark.slow
def test_sigterm_keeps_the_words_still_in_the_typing_pause(data_home, tmp_path):
    draft = tmp_path / "item.pykala"
    draft.write_bytes(EXAMPLE_885.read_bytes())
    child = start_typist(draft, data_home, "sigterm")
    try:
        said(child, "TYPED")
        child.send_signal(signal.SIGTERM)
        _out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    (copy,) = recovery_copies(data_home)
    assert reasoning_in(copy).endswith(typing_child.LAST.strip())
    assert draft.read_bytes() == EXAMPLE_885.read_bytes()


@pytest.mark.slow
def test_autosave_in_the_typing_pause_keeps_the_last_words(data_home, tmp_path):
    draft = tmp_path / "item.pykala"
    draft.write_bytes(EXAMPLE_885.read_bytes())
    child = start_typist(draft, data_home, "autosave")
    try:
        line = child.stdout.readline().split()
        assert line[:2] == ["AUTOSAVED", "pending"], (line, child.stderr.read())
        typed = typing_child.LAST[: int(line[2])]
        assert 0 < len(typed.strip()) < len(typing_child.LAST.strip())  # in mid-sentence
        (copy,) = recovery_copies(data_home)
        assert reasoning_in(copy).endswith(typed.rstrip())
    finally:
        child.kill()
        child.communicate()
    assert draft.read_bytes() == EXAMPLE_885.read_bytes()


@pytest.mark.slow
def test_sigkill_in_the_typing_pause_leaves_the_last_autosaved_words(data_home, tmp_path):
    draft = tmp_path / "item.pykala"
    draft.write_bytes(EXAMPLE_885.read_bytes())
    child = start_typist(draft, data_home, "sigkill")
    try:
        said(child, "SAVED", "flushed")
        said(child, "TYPED")
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate()
    (copy,) = recovery_copies(data_home)
    reasoning = reasoning_in(copy)
    assert reasoning.endswith(typing_child.FIRST.strip())  # what the autosave had
    assert typing_child.LAST.strip() not in reasoning  # killed: nothing runs after a SIGKILL
    assert draft.read_bytes() == EXAMPLE_885.read_bytes()


@pytest.mark.libreoffice  # its LibreOffice must end with it
def test_sigterm_writes_the_recovery_copy_and_quits_cleanly(data_home, tmp_path):
    draft = tmp_path / "item.pykala"
    draft.write_bytes(EXAMPLE_885.read_bytes())
    child = start_child(draft, data_home)
    try:
        office = libreoffice_pids(child)
        child.send_signal(signal.SIGTERM)
        _out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    assert office and not [p for p in office if alive(p)]  # stopped at logout too
    copies = recovery_copies(data_home)
    assert copies
    assert "Palautettava otsikko åäö" in copies[0].read_text(encoding="utf-8")
    assert draft.read_bytes() == EXAMPLE_885.read_bytes()
