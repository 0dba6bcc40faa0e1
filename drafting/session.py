"""The meeting in session: what the live recording view (ui.windows.session) decides without Qt.

Who is present and votes on an item (drafting.attendance), the quorum (Kuntalaki 103 §, as
drafting.handling_checks counts it: the meeting's seats, else the roster's members), the
grounds of disqualification (hallintolaki 28 § 1 mom.), names typed in a hurry resolved to the
meeting's participants, the ballots of a vote and the keys a roll-call vote takes in each
interface language.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from drafting import attendance
from drafting.i18n import _
from drafting.model import Draft, HandlingEvent, Participant

# --- disqualification: the grounds of hallintolaki 28 § 1 mom., kohdat 1-7 -----------------

# Short labels as the minutes print them after "Esteellisyyden syy:", per document language.
GROUNDS: dict[str, tuple[str, ...]] = {
    "fi": (
        "asianosaisjäävi",
        "edustaja- ja avustajajäävi",
        "intressijäävi",
        "palvelussuhde- ja toimeksiantojäävi",
        "yhteisöjäävi",
        "ohjaus- ja valvontajäävi",
        "luottamus puolueettomuuteen vaarantuu muusta erityisestä syystä",
    ),
    "sv": (
        "partsjäv",
        "ombuds- och biträdesjäv",
        "intressejäv",
        "anställnings- och uppdragsjäv",
        "samfundsjäv",
        "styrnings- och tillsynsjäv",
        "förtroendet för opartiskheten äventyras av något annat särskilt skäl",
    ),
}
STATUTE = {
    "fi": "hallintolaki 28 § 1 mom. {n} kohta",
    "sv": "förvaltningslagen 28 § 1 mom. {n} punkten",
}


def grounds(language: str) -> list[tuple[str, str]]:
    """The seven grounds as (ground, statute) in the document's language."""
    lang = language if language in GROUNDS else "fi"
    return [(ground, STATUTE[lang].format(n=n)) for n, ground in enumerate(GROUNDS[lang], start=1)]


# --- people ------------------------------------------------------------------------------------


def members(participants: Iterable[Participant]) -> list[Participant]:
    return [p for p in participants if p.group == "member"]


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


def resolve(participants: Iterable[Participant], typed: str) -> Participant | None:
    """The participant a typed name means: the exact name or reference, else the only one
    whose name contains what was typed (case and accents aside); None when none or several."""
    typed = typed.strip()
    if not typed:
        return None
    people = list(participants)
    exact = attendance.find(people, typed) or next(
        (p for p in people if _fold(p.name) == _fold(typed)), None
    )
    if exact is not None:
        return exact
    matches = [p for p in people if _fold(typed) in _fold(p.name)]
    return matches[0] if len(matches) == 1 else None


def new_id(participants: Iterable[Participant], name: str) -> str:
    """A reference for a participant added during the meeting: the surname, folded, unique."""
    words = name.split()
    base = "".join(c for c in _fold(words[-1] if words else "") if c.isalnum()) or "osallistuja"
    taken = {attendance.reference(p) for p in participants}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{n}", n + 1
    return candidate


def with_substitute(
    participants: list[Participant], name: str, stands_for: str, role: str
) -> list[Participant]:
    """The roster with a deputy (varajäsen) for the member `stands_for` (a reference): the
    deputy present, right after that member, and the member absent."""
    people = copy.deepcopy(participants)
    member = attendance.find(people, stands_for)
    deputy = Participant(
        name=name.strip(),
        id=new_id(people, name),
        substitute_for=stands_for,
        role=role,
        group="member",
        present=True,
    )
    if member is None:
        people.append(deputy)
        return people
    member.present = False
    people.insert(people.index(member) + 1, deputy)
    return people


def toggled(participants: list[Participant], ref: str) -> list[Participant]:
    """The roster with one participant's presence at the start turned over."""
    people = copy.deepcopy(participants)
    person = attendance.find(people, ref)
    if person is not None:
        person.present = not person.present
    return people


# --- quorum --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quorum:
    present: int  # members present for the item, the disqualified not counted
    seats: int
    council: bool

    @property
    def quorate(self) -> bool:
        if not self.seats:
            return True
        if self.council:
            return 3 * self.present >= 2 * self.seats
        return 2 * self.present > self.seats

    @property
    def needed(self) -> int:
        """The fewest members present that make a quorum."""
        if self.council:
            return -(-2 * self.seats // 3)
        return self.seats // 2 + 1

    def sentence(self) -> str:
        if self.quorate:
            text = _("Quorate: {present} of {seats} members present ({needed} needed)")
        else:
            text = _(
                "NOT QUORATE: {present} of {seats} members present, {needed} needed "
                "(Kuntalaki 103 §): a decision would be void"
            )
        return text.format(present=self.present, seats=self.seats, needed=self.needed)


def quorum(item: Draft) -> Quorum:
    """The quorum of `item` as the meeting gives it (drafting.meeting.numbered: its roster with
    who is present for it)."""
    roster = item.meeting.participants
    handling = item.item.decision.handling if item.item.decision else []
    return Quorum(
        len(attendance.voters(roster, handling)),
        attendance.seats(roster, item.meeting.seats),
        attendance.is_council(item.meeting.body),
    )


def voters(item: Draft) -> list[str]:
    """The references of the members who vote on `item`, in the body's order."""
    handling = item.item.decision.handling if item.item.decision else []
    return attendance.voters(item.meeting.participants, handling)


# --- proposals and votes -------------------------------------------------------------------


def next_id(handling: list[HandlingEvent]) -> str:
    """The id of the next proposal: "1", "2", … after the item's highest."""
    numbers = [int(e.id) for e in handling if e.event == "proposal" and e.id.isdigit()]
    return str(max(numbers, default=0) + 1)


def vote_sides(handling: list[HandlingEvent]) -> tuple[str, str]:
    """What JAA and EI stand for by default: the presenter's proposal (or continuing the
    handling, against a return or tabling) against the last seconded proposal."""
    for event in reversed(handling):
        if event.event == "proposal" and (event.seconders or event.request):
            if event.proposal in ("return", "tabling"):
                return "continue", event.id
            return "presenter", event.id
    return "presenter", ""


SIDES = ("jaa", "ei", "blank")


def ballot_of(event: HandlingEvent, ref: str) -> str:
    """The side a member voted for in `event` ("jaa", "ei", "blank"), "" without a ballot."""
    return next((side for side in SIDES if ref in getattr(event, side)), "")


def with_ballot(event: HandlingEvent, ref: str, side: str) -> HandlingEvent:
    """A copy of the vote with `ref`'s one ballot on `side` ("" takes it away)."""
    out = copy.deepcopy(event)
    for each in SIDES:
        setattr(out, each, [r for r in getattr(out, each) if r != ref])
    if side:
        getattr(out, side).append(ref)
    return out


def missing(event: HandlingEvent, voting: list[str]) -> list[str]:
    """The voters (references) who have no ballot in `event`, in the body's order."""
    return [ref for ref in voting if not ballot_of(event, ref)]


# One key per ballot in a roll-call vote, in the interface language: jaa / ei / tyhjä.
BALLOT_KEYS = {
    "fi": {"jaa": "J", "ei": "E", "blank": "T"},
    "sv": {"jaa": "J", "ei": "N", "blank": "B"},
    "en": {"jaa": "Y", "ei": "N", "blank": "A"},
}


def ballot_keys(language: str) -> dict[str, str]:
    return BALLOT_KEYS.get(language, BALLOT_KEYS["en"])
