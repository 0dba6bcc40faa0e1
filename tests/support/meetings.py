"""The example meeting as before it began, for the tests of the meeting in session."""

from __future__ import annotations

from pathlib import Path

from drafting import draftfile


def before_it_began(path: Path) -> None:
    """Rewrite the meeting at `path` (and its item files) as before it began: everyone
    present, no deputy, no arrivals or departures, no item handled yet."""
    draft = draftfile.load_meeting(path)
    draft.participants = [p for p in draft.participants if not p.substitute_for]
    for person in draft.participants:
        person.present, person.note = True, ""
    draft.attendance = []
    draftfile.save(draft, path)
    for stored in draft.items:
        item_path = path.parent / stored
        item = draftfile.load(item_path)
        if item.item.decision is not None:
            item.item.decision.handling = []
        draftfile.save(item, item_path)
