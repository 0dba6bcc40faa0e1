"""Who was there for each item: the meeting's participants, their arrivals and departures
(`MeetingDraft.attendance`), and the references a handling record names people by.

Present for the item of § N: `present` at the start of the meeting, then every change with a
section ≤ N applied in order; a member who arrived during § N is present for it, one who left
during § N is absent from it. Members present vote (unless disqualified in the item); the
members who are neither present nor disqualified are absent (Poissa). A reference is a
participant's `id`, or, for a participant without one, the name exactly as written.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from drafting.model import AttendanceChange, HandlingEvent, Participant


def reference(participant: Participant) -> str:
    """How a handling record names `participant`: its id, else its name."""
    return participant.id or participant.name


def find(participants: Iterable[Participant], ref: str) -> Participant | None:
    """The participant a reference names (by id, else by exact name); None when unknown."""
    ref = ref.strip()
    if not ref:
        return None
    people = list(participants)
    by_id = next((p for p in people if p.id and p.id == ref), None)
    return by_id or next((p for p in people if not p.id and p.name == ref), None)


def present_for(
    participants: Iterable[Participant],
    attendance: Iterable[AttendanceChange],
    section: int | None,
) -> list[Participant]:
    """Copies of `participants` with `present` as it was for the item of `section` (None:
    an item without a number: as at the start)."""
    people = [copy.deepcopy(p) for p in participants]
    if section is None:
        return people
    for change in attendance:
        if change.section is None or change.section > section:
            continue
        person = find(people, change.person)
        if person is not None:
            person.present = change.change == "arrived"
    return people


def disqualified(handling: Iterable[HandlingEvent]) -> set[str]:
    """The references of the members disqualified in an item."""
    return {e.member.strip() for e in handling if e.event == "disqualification" and e.member}


def _members(participants: Iterable[Participant]) -> list[Participant]:
    return [p for p in participants if p.group == "member"]


def voters(participants: Iterable[Participant], handling: Iterable[HandlingEvent]) -> list[str]:
    """The references of the members who vote on an item: present, not disqualified; in the
    roster's order. `participants` hold the item's presence (`present_for`)."""
    out = disqualified(handling)
    return [reference(p) for p in _members(participants) if p.present and reference(p) not in out]


def absent(participants: Iterable[Participant], handling: Iterable[HandlingEvent]) -> list[str]:
    """The references of the members absent from an item: not present and not disqualified
    (a disqualified member is neither a voter nor absent). A seat is absent once: a member
    whose deputy (`substitute_for`) is present is not absent, and a deputy who is not present
    is not absent for a seat the roster lists (its member is)."""
    out = disqualified(handling)
    members = _members(participants)
    seat = {}  # a deputy's reference -> the reference of the member they stand for
    for p in members:
        stands_for = find(members, p.substitute_for) if p.substitute_for else None
        if stands_for is not None:
            seat[reference(p)] = reference(stands_for)
    filled = {seat[reference(p)] for p in members if p.present and reference(p) in seat}
    return [
        reference(p)
        for p in members
        if not p.present and reference(p) not in out | filled and reference(p) not in seat
    ]


def unknown(participants: Iterable[Participant], refs: Iterable[str]) -> list[str]:
    """The references among `refs` that name no participant."""
    people = list(participants)
    return [r for r in refs if r.strip() and find(people, r) is None]


def named(participants: Iterable[Participant], text: str) -> str:
    """The reference for what a user typed: a participant's name (in any case) or reference
    gives that participant's reference; anything else is kept as typed (the checks say
    that it names no participant)."""
    text = " ".join(text.split())
    people = list(participants)
    if find(people, text) is not None:
        return text
    low = text.casefold()
    found = next((p for p in people if p.name.casefold() == low), None)
    return reference(found) if found is not None else text


# The words that make a body a (municipal) council by its name.
COUNCIL_WORDS = ("valtuusto", "fullmäktige")


def is_council(body: str) -> bool:
    """Whether the body is a (municipal) council, by its name: "Kaupunginvaltuusto",
    "Stadsfullmäktige"."""
    low = body.lower()
    return any(word in low for word in COUNCIL_WORDS)


def seats(participants: Iterable[Participant], given: int | None = None) -> int:
    """The body's seats: `given` (the meeting's `seats`) when stated, else the members of the
    roster, a deputy standing for a listed member counted once for that seat."""
    if given:
        return given
    members = _members(participants)
    stood_for = {
        p.substitute_for
        for p in members
        if p.substitute_for and find(members, p.substitute_for) is not None
    }
    return len(members) - len(stood_for)


def wish_needs(seats: int) -> int:
    """The yes votes a council's wish clause needs to pass: at least half of the seats (43 of
    Helsinki's 85)."""
    return (seats + 1) // 2
