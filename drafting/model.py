"""The draft as plain Python objects: what docs/format.md describes, nothing more.

Field names and order follow the file format, so that reading and writing can be done by
one generic walker (`drafting.draftfile`). Every object keeps the keys it did not know in
`extra`, so a draft from a newer Pykälä loses nothing when saved by this one.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

FORMAT = "pykala"
VERSION = 2

Language = Literal["fi", "sv"]
# The languages a document is written in, in the order forms and profiles show them: the
# only list of them (the interface has one more, English: drafting.i18n.UI_LANGUAGES).
LANGUAGES: tuple[Language, ...] = get_args(Language)
DocumentKind = Literal["minutes", "agenda"]
ProposalKind = Literal["decision", "proposal", "statement"]
HistoryKind = Literal["statement", "proposal", "decision"]


def _extra() -> dict:
    return field(default_factory=dict, repr=False)


@dataclass
class Person:
    title: str = ""
    name: str = ""
    extra: dict = _extra()


@dataclass
class Contact:
    name: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""
    extra: dict = _extra()


@dataclass
class Attachment:
    title: str = ""
    file: str | None = None
    public: bool = True
    # What a public copy prints in place of a non-public attachment's title (the grounds of
    # secrecy); empty: the organisation's default statement. Written only when given, so a
    # file that has none stays as it was.
    secrecy: str = field(default="", metadata={"optional": True})
    extra: dict = _extra()


@dataclass
class Extract:
    recipient: str = ""
    proposal_text: bool = False
    appeal: bool = False
    attachments: list[int] = field(default_factory=list)
    extra: dict = _extra()


@dataclass
class HandlingLine:
    date: _dt.date | None = None
    status: str = ""
    note: str = ""
    extra: dict = _extra()


# --- the handling record (format version 2) -------------------------------------------
# To paste into drafting/model.py (after Extract / before Decision).

EventKind = Literal[
    "disqualification",  # member, ground, statute
    "expert",  # experts heard (title, name), left after hearing
    "presenter_change",  # change (supplemented, amended, withdrawn, removed, off_agenda), text
    "proposal",  # id, proposal (kind), proposer, seconders, text, effect, request
    "vote",  # yes, no (what JAA and EI stand for), jaa, ei, blank (ballots)
    "unanimous",  # decision (what was adopted), proposer, until
    "note",  # free text: what no kind covers (a version-1 handling text becomes one)
    "dissent",  # members, text
    "outcome",  # outcome: the decision line when it is not derived
]
ProposalType = Literal["counter", "return", "rejection", "tabling", "wish"]
# withdrawn: the presenter withdrew the proposal ("peruutti ehdotuksensa"); removed: took a part
# out of it ("poisti päätösehdotuksen viidennen kappaleen: …"); off_agenda: took the item off
# the agenda ("poisti asian esityslistalta").
ChangeKind = Literal["supplemented", "amended", "withdrawn", "removed", "off_agenda"]
Effect = Literal["adds", "replaces"]


def _given(default: Any = "") -> Any:
    """A field written only when given (older readers keep it as unknown)."""
    return field(default=default, metadata={"optional": True})


def _given_list() -> Any:
    return field(default_factory=list, metadata={"optional": True})


@dataclass
class HandlingEvent:
    """One thing that happened in an item's handling, in the order it happened. People are
    references to the meeting's participants: a participant's `id`, or its name."""

    event: EventKind = "note"
    id: str = _given()  # a proposal's own name ("1"), which a vote or decision refers to
    # disqualification
    member: str = _given()
    ground: str = _given()
    statute: str = _given()
    # expert
    experts: list[Person] = _given_list()  # heard: title and name
    left: bool = _given(True)  # the experts left after being heard
    # presenter_change
    change: ChangeKind = _given("supplemented")
    during_tabling: bool = _given(False)
    # proposal
    proposal: ProposalType = _given("counter")
    proposer: str = _given()  # also unanimous: on whose proposal ("chair", a person, "")
    seconders: list[str] = _given_list()
    effect: Effect = _given("adds")  # a counter-proposal adds to or replaces the decision
    request: bool = _given(False)  # a tabling request granted without seconding
    # vote
    yes: str = _given("presenter")  # "presenter", "continue", or a proposal's id
    no: str = _given()  # a proposal's id (or "presenter" / "continue")
    yes_text: str = _given()  # the printed label when the generated one will not do
    no_text: str = _given()
    jaa: list[str] = _given_list()
    ei: list[str] = _given_list()
    blank: list[str] = _given_list()
    # unanimous / outcome
    decision: str = _given()  # "presenter", "tabling", "return", or a proposal's id
    until: _dt.date | None = _given(None)  # tabled until
    # dissent
    members: list[str] = _given_list()
    # note, dissent, proposal, presenter_change
    text: str = _given()  # Markdown (a proposal's text verbatim)
    extra: dict = _extra()


@dataclass
class HistoryEntry:
    body: str = ""
    date: _dt.date | None = None
    section: int | None = None
    case_id: str = ""
    classification: str = ""
    kind: HistoryKind = "decision"
    text: str = ""
    handling: list[HandlingLine] = field(default_factory=list)
    presenter: Person = field(default_factory=Person)
    contacts: list[Contact] = field(default_factory=list)
    extra: dict = _extra()


@dataclass
class Proposal:
    kind: ProposalKind = "decision"
    text: str = ""
    summary: str = ""
    reasoning: str = ""
    presenter: Person = field(default_factory=Person)
    extra: dict = _extra()


@dataclass
class Decision:
    text: str = ""
    as_proposed: bool = True
    handling: list[HandlingEvent] = field(default_factory=list)
    presenter: Person = field(default_factory=Person)
    # The number of the item's first vote among the meeting's votes (a council numbers its
    # votes through the meeting: "8 äänestys"). The meeting build fills it from the items
    # before; a standalone item may state it. Written only when given.
    first_vote: int | None = field(default=None, metadata={"optional": True})
    extra: dict = _extra()


ParticipantGroup = Literal["member", "other"]


@dataclass
class Participant:
    name: str = ""
    id: str = field(default="", metadata={"optional": True})
    genitive: str = field(default="", metadata={"optional": True})
    substitute_for: str = field(default="", metadata={"optional": True})
    role: str = ""  # puheenjohtaja, jäsen, varajäsen, kaupunginsihteeri …
    group: ParticipantGroup = "member"  # members vote; others attend (officials, experts)
    present: bool = True
    note: str = ""  # e.g. "poistui 17:05, § 340" or "saapui 16:10"
    extra: dict = _extra()


@dataclass
class Meeting:
    body: str = ""
    document: DocumentKind = "minutes"
    number: str = ""
    date: _dt.date | None = None
    participants: list[Participant] = field(default_factory=list, metadata={"optional": True})
    # The body's seats (85 in Helsinki's council), for quorum and a council's wish clause;
    # without it the roster's members count. Written only when given.
    seats: int | None = field(default=None, metadata={"optional": True})
    extra: dict = _extra()


@dataclass
class Item:
    agenda_item: int | None = None
    section: int | None = None
    council_date: _dt.date | None = None
    title: str = ""
    case_id: str = ""
    classification: str = ""
    proposal: Proposal = field(default_factory=Proposal)
    decision: Decision | None = None
    contacts: list[Contact] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    supplementary: list[Attachment] = field(default_factory=list)
    appeal: str = ""
    # The act under which an administrative appeal lies ("rakennuslaki (132/1999)"), printed
    # in its appeal instructions (drafting.appeals). Written only when given.
    appeal_act: str = field(default="", metadata={"optional": True})
    extracts: list[Extract] = field(default_factory=list)
    for_information: list[str] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    extra: dict = _extra()


@dataclass
class Draft:
    """A `.pykala` file of kind "item"."""

    language: Language = "fi"
    organization: str = "helsinki"
    meeting: Meeting = field(default_factory=Meeting)
    item: Item = field(default_factory=Item)
    extra: dict = _extra()


# --- a meeting (kind "meeting"): what the secretary assembles -----------------------------


@dataclass
class MeetingInfo:
    body: str = ""
    number: str = ""
    date: _dt.date | None = None
    start: str = ""  # "16:00"
    end: str = ""
    place: str = ""
    # The body's seats (Meeting.seats), given to each item of the meeting. Written only when
    # given.
    seats: int | None = field(default=None, metadata={"optional": True})
    extra: dict = _extra()


AttendanceKind = Literal["arrived", "left"]


@dataclass
class AttendanceChange:
    """A participant arrived or left during the meeting: at `time` ("16:12"), during the
    item of `section` (§ 332)."""

    person: str = ""  # a participant's id, or its name
    change: AttendanceKind = "arrived"
    time: str = ""
    section: int | None = None
    extra: dict = _extra()


@dataclass
class MeetingDraft:
    """A `.pykala` file of kind "meeting": the items in order and who was there."""

    language: Language = "fi"
    organization: str = "helsinki"
    meeting: MeetingInfo = field(default_factory=MeetingInfo)
    first_section: int | None = None
    participants: list[Participant] = field(default_factory=list)
    # Arrivals and departures during the meeting, in order (drafting.attendance). Written
    # only when given.
    attendance: list[AttendanceChange] = field(default_factory=list, metadata={"optional": True})
    chair: str = ""
    secretary: str = ""
    checkers: list[str] = field(default_factory=list)
    public_display: _dt.date | None = None
    items: list[str] = field(default_factory=list)  # item files, relative to this file
    # Added by Pykälä (documented in README): who certifies extracts, and when.
    certifier: Person = field(default_factory=Person)  # default: the secretary
    extract_date: _dt.date | None = None  # default: the day the extracts are made
    extra: dict = _extra()
