"""A crash in the middle of a vote loses no ballot: the program runs in a child process
(session_child.py) with the meeting in session, a roll-call vote half given; it is killed
(SIGKILL); the next start (this process) offers the meeting and the item, and both come back
with the roll call and every ballot given."""

from __future__ import annotations

import json
import shutil
import signal
from pathlib import Path

import pytest

from drafting import draftfile
from tests.conftest import EXAMPLES
from tests.support.meetings import before_it_began
from tests.ui import session_child
from tests.ui.launch import start_script
from tests.ui.test_meeting_recovery import next_start
from tests.ui.test_recovery import wait_for

CHILD = Path(__file__).with_name("session_child.py")


@pytest.fixture
def meeting(tmp_path) -> Path:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    path = folder / "meeting" / "kh-11-2026.pykala"
    before_it_began(path)
    return path


def copies(data_home: Path) -> dict[str, Path]:
    folder = data_home / "Pykala" / "Pykälä" / "recovery"
    found = {}
    for note in folder.glob("*.json"):
        kind = json.loads(note.read_text(encoding="utf-8")).get("kind")
        found[kind] = note.with_suffix(".pykala")
    return found


def ballots_kept(data_home: Path) -> bool:
    """The item's copy has the vote with every ballot given, the meeting's the absence."""
    left = copies(data_home)
    if "item" not in left or "meeting" not in left:
        return False
    try:
        item = draftfile.load(left["item"])
        kept = draftfile.load_meeting(left["meeting"])
    except draftfile.DraftError:
        return False
    events = item.item.decision.handling if item.item.decision else []
    votes = [e for e in events if e.event == "vote"]
    absent = [p.name for p in kept.participants if not p.present]
    given = sum(len(v.jaa) + len(v.ei) + len(v.blank) for v in votes)
    return given == len(session_child.BALLOTS) and absent == [session_child.ABSENT]


@pytest.mark.slow
def test_a_vote_killed_midway_comes_back_with_every_ballot(data_home, meeting, make_window):
    originals = {p: p.read_bytes() for p in meeting.parent.rglob("*.pykala")}
    child = start_script(CHILD, meeting, data_home=data_home, libreoffice=False, ready="EDITED")
    try:
        wait_for(lambda: ballots_kept(data_home))
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate()
    assert {p: p.read_bytes() for p in originals} == originals  # the user's files untouched

    window, offers = next_start(make_window)
    title = draftfile.load(meeting.parent / "kh-11-2026" / "01-kirjaston-aukioloajat.pykala")
    assert sorted(offers) == sorted(["Meeting — Kaupunginhallitus 11/2026", title.item.title])
    (view,) = window.meeting_windows
    assert view.document.path == meeting and view.isWindowModified()
    table = view.participants.table
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    assert session_child.ABSENT in rows
    # The item is back in the drafting window, unsaved, its vote with the ten ballots.
    assert window.isWindowModified()
    (vote,) = [e for e in window.document.draft.item.decision.handling if e.event == "vote"]
    assert len(vote.jaa) == 7 and len(vote.ei) == 2 and len(vote.blank) == 1
    view.close_unasked = True
    view.close()
