"""A meeting's unsaved edits survive as an item's do: after a crash (SIGKILL), at logout
(SIGTERM) and when a slot of the meeting view raises. The program runs in a child process
(meeting_child.py); the next start is this process, offering what the child left."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from drafting import draftfile
from tests.conftest import EXAMPLE_885, EXAMPLES
from tests.ui import meeting_child
from tests.ui.conftest import edit_cell, field, type_text
from tests.ui.launch import start_script
from tests.ui.test_recovery import wait_for
from tests.ui.user import click, menu

CHILD = Path(__file__).with_name("meeting_child.py")
ADDED = "avustus-muutettu-paatos.pykala"


@pytest.fixture
def meeting(tmp_path) -> Path:
    """The example meeting, its items and the other examples in a folder of the test's own."""
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    return folder / "meeting" / "kh-18-2021.pykala"


def start(meeting: Path, mode: str, data_home: Path, *draft: Path) -> subprocess.Popen:
    item = meeting.parent.parent / ADDED
    return start_script(
        CHILD, meeting, item, mode, *draft, data_home=data_home, libreoffice=False, ready="EDITED"
    )


def copies(data_home: Path) -> dict[str, Path]:
    """The complete recovery copies by kind (the note is written after its copy)."""
    folder = data_home / "Pykala" / "Pykälä" / "recovery"
    found = {}
    for note in folder.glob("*.json"):
        found[json.loads(note.read_text(encoding="utf-8")).get("kind")] = note.with_suffix(
            ".pykala"
        )
    return found


def both_edits(copy: Path | None) -> bool:
    """The meeting's copy has the item and the participant added in the child."""
    if copy is None:
        return False
    kept = draftfile.load_meeting(copy)
    return f"../{ADDED}" in kept.items and kept.participants[-1].name == meeting_child.PARTICIPANT


def next_start(make_window):
    """This process as the next start of the program, reading the child's data folder; the
    offers it makes are collected and each is restored."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QStandardPaths.setTestModeEnabled(False)  # read the child's real data folder
    QCoreApplication.setOrganizationName("Pykala")
    window = make_window(clean=False)
    offers = []
    window.answers["restore"] = lambda when, title: offers.append(title) or "restore"
    window.offer_recovery()  # what the program does when it starts
    return window, offers


def shows_both_edits(view) -> None:
    """The restored meeting view shows the added item and the named participant, unsaved."""
    items = [view.items.topLevelItem(n).text(2) for n in range(view.items.topLevelItemCount())]
    added = draftfile.load(view.item_path(f"../{ADDED}")).item.title
    assert items[-1] == added, items
    table = view.participants.table
    assert table.item(table.rowCount() - 1, 0).text() == meeting_child.PARTICIPANT
    assert view.isWindowModified()


def close(view) -> None:
    view.close_unasked = True
    view.close()


@pytest.mark.slow
def test_after_sigkill_the_next_start_restores_the_meetings_edits(data_home, meeting, make_window):
    original = meeting.read_bytes()
    child = start(meeting, "sigkill", data_home)
    try:
        wait_for(lambda: both_edits(copies(data_home).get("meeting")))
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate()
    assert meeting.read_bytes() == original  # the user's file is untouched

    window, offers = next_start(make_window)
    assert offers == ["Meeting — Kaupunginhallitus 18/2021"]
    (view,) = window.meeting_windows
    assert view.document.path == meeting
    shows_both_edits(view)
    close(view)


@pytest.mark.slow
def test_sigterm_keeps_an_unsaved_meeting_and_an_unsaved_item(
    data_home, meeting, make_window, tmp_path
):
    draft = tmp_path / "item.pykala"
    draft.write_bytes(EXAMPLE_885.read_bytes())
    child = start(meeting, "sigterm", data_home, draft)
    try:
        child.send_signal(signal.SIGTERM)
        _out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    left = copies(data_home)
    assert set(left) == {"item", "meeting"}
    assert both_edits(left["meeting"])
    title = draftfile.load(EXAMPLE_885).item.title + meeting_child.TITLE
    assert draftfile.load(left["item"]).item.title == title

    window, offers = next_start(make_window)
    assert sorted(offers) == sorted(["Meeting — Kaupunginhallitus 18/2021", title])
    assert window.document.draft.item.title == title
    assert window.document.path == draft and window.isWindowModified()
    (view,) = window.meeting_windows
    shows_both_edits(view)
    close(view)


@pytest.mark.slow
def test_an_error_in_a_meeting_view_slot_keeps_the_meeting_as_a_recovery_copy(data_home, meeting):
    child = start(meeting, "crash", data_home)
    try:
        said = child.stdout.readline().split()
        assert said == ["SHOWN", "1"], (said, child.stderr)
        log = data_home / "Pykala" / "Pykälä" / "logs" / "errors.log"
        assert "RuntimeError: rikki" in log.read_text(encoding="utf-8")
        assert both_edits(copies(data_home)["meeting"])
        assert child.poll() is None  # the program goes on
    finally:
        child.kill()
        child.communicate()


def test_quit_asks_each_window_with_unsaved_changes(window, view, tmp_path):
    """A normal quit is no logout: the meeting view asks about its changes, then the drafting
    window about its own; "Cancel" in either keeps the program open."""
    draft = tmp_path / "item.pykala"
    draft.write_bytes(EXAMPLE_885.read_bytes())
    assert window.open_path(draft)
    type_text(field(window, "item.title"), " muutettu")
    participants = view.participants
    row = participants.table.rowCount()
    click(participants.buttons["add"])
    edit_cell(participants.table, row, 0, meeting_child.PARTICIPANT)
    asked = []
    window.answers["save_changes"] = lambda name: asked.append(name) or "cancel"
    menu(window, "File", "Quit")
    assert asked == ["kh-18-2021.pykala"]
    assert view.isVisible() and window.isVisible()
    window.answers["save_changes"] = lambda name: asked.append(name) or "discard"
    menu(window, "File", "Quit")
    assert asked == ["kh-18-2021.pykala", "kh-18-2021.pykala", "item.pykala"]
    assert not window.isVisible()
