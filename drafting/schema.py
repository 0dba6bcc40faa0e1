"""The item draft declared once: every field's path, label, kind, who needs it, and where it
prints; and the printed parts of an item document as a table. The meeting file is declared
the same way (`MEETING_FIELDS`, paths from the meeting file's root: `participants[].name`).

Everything that walks a draft's fields takes them from here: the checks (required fields,
the text fields, the spelling scope), the form (labels, kinds, hints, option lists), the
people walkers, the attachments a public copy withholds, the printed order and compact
headings. A field's path is the file format's (`item.proposal.text`), with `[]` for "every
row" (`item.contacts[].name`); the constants below are those paths, so code names a field by
a constant and `tests/drafting/test_schema.py` resolves every path string the code uses.

Adding a field (README, "Adding a field"): the attribute on the dataclass in
drafting.model, one `Field(...)` here, and — when it fills in appeal instructions — its
`{item.…}` token in resources/appeals.json. Nothing else names it. A meeting's field is the
attribute on MeetingDraft (or a class below it) and one `_meeting_field(...)` in
MEETING_FIELDS; a list of records is a `list[Record]` attribute and a field per column
(`proposals[].votes[].name`: lists within lists are walked, read and checked alike).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from drafting.i18n import _
from drafting.model import Draft, MeetingDraft

# Kinds: how a value is typed and stored.
PLAIN = "plain"  # one line of text
RICH = "rich"  # Markdown paragraphs (drafting.richtext)
DATE = "date"
NUMBER = "number"  # a whole number
CHOICE = "choice"  # one of a Literal's values (or of a catalogue's keys)
FLAG = "flag"  # a tick box
LINES = "lines"  # a list of lines, one per entry
NUMBERS = "numbers"  # a list of whole numbers
FILE = "file"  # a file name, relative to the draft
# The item's handling record: a list of events, each field declared below (HANDLING_FIELDS);
# the item window edits it with its own editor (ui.widgets.handling_editor).
EVENTS = "events"

MINUTES, AGENDA = "minutes", "agenda"
BOTH = (MINUTES, AGENDA)


@dataclass(frozen=True)
class Part:
    """A printed part of an item document (a section under its heading)."""

    key: str  # the Section's key in drafting.render.context
    vocabulary: str  # the heading's key in the organisation's words ("section.decision")
    documents: tuple[str, ...]  # the documents that print it
    compact: bool = False  # its lines follow the heading without the gap (Esittelijä)


PARTS = (
    Part("decision", "section.decision", (MINUTES,)),
    Part("handling", "section.handling", (MINUTES,)),
    Part("proposal", "section.proposal.{kind}", BOTH),
    Part("summary", "section.summary", BOTH),
    Part("reasoning", "section.reasoning", BOTH),
    Part("presenter", "section.presenter", BOTH, compact=True),
    Part("contacts", "section.contacts", BOTH, compact=True),
    Part("attachments", "section.attachments", BOTH),
    Part("supplementary", "section.supplementary", BOTH),
    Part("appeal", "section.appeal", BOTH),
    Part("extracts", "section.extracts", BOTH),
    Part("for_information", "section.for_information", BOTH),
    Part("history", "section.history", BOTH),
)
PART = {p.key: p for p in PARTS}
# What a field may print in besides a section: the page header, the item's title lines, and
# the appeal instructions (the minutes' last pages, an extract's).
FRAME_PARTS = ("header", "title", "instructions")
COMPACT = tuple(p.key for p in PARTS if p.compact)

# The printed order. The minutes print the decision with its own presenter (the one at the
# meeting), contacts, attachments, appeal and extracts, then the proposal with the same tail
# again (with the supplementary material); an agenda prints the proposal's part only.
_PROPOSAL_PART = (
    "proposal",
    "summary",
    "reasoning",
    "presenter",
    "contacts",
    "attachments",
    "supplementary",
    "appeal",
    "extracts",
    "for_information",
    "history",
)
ORDER: dict[str, tuple[str, ...]] = {
    MINUTES: (
        "decision",
        "handling",
        "presenter",
        "contacts",
        "attachments",
        "appeal",
        "extracts",
        *_PROPOSAL_PART,
    ),
    AGENDA: _PROPOSAL_PART,
}


@dataclass(frozen=True)
class Field:
    path: str  # the file format's path; `[]`: every row of a list
    label: Callable[[], str]  # in the interface language
    kind: str = PLAIN
    group: str = ""  # the form's group ("item", "proposal", …); "": a table's column
    part: str = ""  # a PARTS key or FRAME_PARTS entry it prints in; "": it does not print
    required: tuple[str, ...] = ()  # the documents that need it filled in (an error)
    what: Callable[[], str] | None = None  # the subject of "… is empty" (default: label)
    person: bool = False  # a person's name: the object holding it is one of the people
    spelled: bool = False  # prose to check for spelling
    hint: Callable[[], str] | None = None  # what the form shows in the empty field
    choices: dict[str, Callable[[], str]] | None = None  # a Literal value → its label
    # A value that fills appeal instructions ({item.…} in resources/appeals.json): what
    # prints while it is empty, per document language.
    placeholder: dict[str, str] | None = None
    root: type = Draft  # the file whose root the path starts from (Draft or MeetingDraft)
    # A handling event's field: the kinds of event that use it (drafting.model.EventKind).
    events: tuple[str, ...] = ()
    # A choice whose values come from the draft (a vote's sides: the item's proposals): the
    # (label, value) pairs for the draft and the object holding the field.
    choices_from: Callable[[Draft, Any], list[tuple[str, str]]] | None = None

    @property
    def text(self) -> bool:
        """Text the user types that prints (checked for broken personal-data spans)."""
        return bool(self.part) and self.kind in (PLAIN, RICH, LINES)

    def subject(self) -> str:
        return (self.what or self.label)()

    def options(self) -> list[tuple[str, object]]:
        """A choice's (label, value) pairs: the values of the model's Literal, in order."""
        if self.path in CATALOGUE_OPTIONS:
            return CATALOGUE_OPTIONS[self.path]()
        values = typing.get_args(annotation(self.path, self.root))
        assert self.choices is not None, self.path
        return [(self.choices[v](), v) for v in values]


# Choices whose values come from a catalogue in resources/ (appeal categories,
# organisations), not from the model: the module that owns the catalogues registers them
# (drafting.resources), so that the schema stays below the catalogues it does not know.
CATALOGUE_OPTIONS: dict[str, Callable[[], list[tuple[str, object]]]] = {}


# --- the paths ---------------------------------------------------------------------------

LANGUAGE = "language"
ORGANIZATION = "organization"
MEETING = "meeting"
MEETING_BODY = "meeting.body"
MEETING_DOCUMENT = "meeting.document"
MEETING_NUMBER = "meeting.number"
MEETING_DATE = "meeting.date"
MEETING_PARTICIPANTS = "meeting.participants"
MEETING_SEATS = "meeting.seats"  # the body's seats (quorum, a council's wish clause)
ITEM = "item"
AGENDA_ITEM = "item.agenda_item"
SECTION = "item.section"
COUNCIL_DATE = "item.council_date"
TITLE = "item.title"
CASE_ID = "item.case_id"
CLASSIFICATION = "item.classification"
PROPOSAL = "item.proposal"
PROPOSAL_KIND = "item.proposal.kind"
PROPOSAL_TEXT = "item.proposal.text"
PROPOSAL_SUMMARY = "item.proposal.summary"
PROPOSAL_REASONING = "item.proposal.reasoning"
PROPOSAL_PRESENTER_TITLE = "item.proposal.presenter.title"
PROPOSAL_PRESENTER_NAME = "item.proposal.presenter.name"
DECISION = "item.decision"
DECISION_TEXT = "item.decision.text"
DECISION_AS_PROPOSED = "item.decision.as_proposed"
DECISION_HANDLING = "item.decision.handling"
DECISION_FIRST_VOTE = "item.decision.first_vote"  # a council's votes numbered by meeting
DECISION_PRESENTER_TITLE = "item.decision.presenter.title"
DECISION_PRESENTER_NAME = "item.decision.presenter.name"
CONTACTS = "item.contacts"
ATTACHMENTS = "item.attachments"
SUPPLEMENTARY = "item.supplementary"
APPEAL = "item.appeal"
EXTRACTS = "item.extracts"
FOR_INFORMATION = "item.for_information"
HISTORY = "item.history"
# The lists of attachments: numbered in print, withheld from public copies when not public.
ATTACHMENT_LISTS = (ATTACHMENTS, SUPPLEMENTARY)


def _contact(prefix: str, part: str) -> tuple[Field, ...]:
    return (
        Field(f"{prefix}[].name", lambda: _("Name"), part=part, person=True),
        Field(f"{prefix}[].title", lambda: _("Job title"), part=part),
        Field(f"{prefix}[].phone", lambda: _("Phone"), part=part),
        Field(f"{prefix}[].email", lambda: _("E-mail"), part=part),
    )


def _attachment(prefix: str, part: str) -> tuple[Field, ...]:
    return (
        Field(
            f"{prefix}[].title",
            lambda: _("Title"),
            part=part,
            required=BOTH,
            what=lambda: _("The title"),
        ),
        Field(f"{prefix}[].file", lambda: _("File"), FILE),
        Field(f"{prefix}[].public", lambda: _("Public"), FLAG),
        Field(f"{prefix}[].secrecy", lambda: _("Grounds of secrecy"), part=part),
    )


def _date_hint() -> str:
    return _("e.g. 3.5.2021")


_HISTORY_KINDS = {
    "statement": lambda: _("Statement (Lausunto)"),
    "proposal": lambda: _("Proposal (Esitys)"),
    "decision": lambda: _("Decision (Päätös)"),
}


def _participant(prefix: str, root: type) -> tuple[Field, ...]:
    """The columns of a table of participants (a meeting's; a standalone item's roster)."""
    return (
        Field(f"{prefix}[].name", lambda: _("Name"), person=True, root=root),
        Field(f"{prefix}[].id", lambda: _("Reference (id)"), root=root),
        Field(f"{prefix}[].genitive", lambda: _("Genitive (Finnish)"), root=root),
        Field(f"{prefix}[].substitute_for", lambda: _("Substitute for"), root=root),
        Field(f"{prefix}[].role", lambda: _("Role"), root=root),
        Field(
            f"{prefix}[].group",
            lambda: _("Member"),
            CHOICE,
            choices={"member": lambda: _("Member"), "other": lambda: _("Other participant")},
            root=root,
        ),
        Field(f"{prefix}[].present", lambda: _("Present"), FLAG, root=root),
        Field(f"{prefix}[].note", lambda: _("Note"), root=root),
    )


# --- the handling record: item.decision.handling[], one event per row ----------------------

HANDLING = f"{DECISION_HANDLING}[]"
_EVENT_KINDS = {
    "disqualification": lambda: _("Disqualification (Esteellisyys)"),
    "expert": lambda: _("Experts heard (Asiantuntijat)"),
    "presenter_change": lambda: _("Presenter's change (Esittelijän muutos)"),
    "proposal": lambda: _("Proposal (Ehdotus)"),
    "vote": lambda: _("Vote (Äänestys)"),
    "unanimous": lambda: _("Unanimous decision (Yksimielinen päätös)"),
    "note": lambda: _("Note (Merkintä)"),
    "dissent": lambda: _("Dissent (Eriävä mielipide)"),
    "outcome": lambda: _("Outcome (Lopputulos)"),
}
_PROPOSAL_TYPES = {
    "counter": lambda: _("Counter-proposal (Vastaehdotus)"),
    "return": lambda: _("Return proposal (Palautusehdotus)"),
    "rejection": lambda: _("Rejection proposal (Hylkäysehdotus)"),
    "tabling": lambda: _("Tabling proposal (Pöydällepanoehdotus)"),
    "wish": lambda: _("Wish clause (Toivomusponsi)"),
}
_CHANGE_KINDS = {
    "supplemented": lambda: _("Supplemented (täydensi)"),
    "amended": lambda: _("Amended (muutti)"),
    "withdrawn": lambda: _("Withdrawn (peruutti)"),
    "removed": lambda: _("Removed a part (poisti)"),
    "off_agenda": lambda: _("Took the item off the agenda (poisti asian esityslistalta)"),
}
_EFFECTS = {
    "adds": lambda: _("Adds to the decision"),
    "replaces": lambda: _("Replaces the decision"),
}


def _proposals(draft: Draft) -> list[tuple[str, str]]:
    """(label, id) of the item's proposals that have an id: "1: Counter-proposal, Name"."""
    handling = draft.item.decision.handling if draft.item.decision else []
    people = {p.id or p.name: p.name for p in draft.meeting.participants}
    return [
        (
            _("Proposal {id}: {kind}, {proposer}").format(
                id=e.id,
                kind=_PROPOSAL_TYPES[e.proposal](),
                proposer=people.get(e.proposer, e.proposer) or "?",
            ),
            e.id,
        )
        for e in handling
        if e.event == "proposal" and e.id
    ]


def _decided(draft: Draft, event: Any) -> list[tuple[str, str]]:
    """What a vote's side, a unanimous decision or an outcome can stand for."""
    kind = getattr(event, "event", "")
    presenter = (_("The presenter's proposal"), "presenter")
    if kind == "vote":
        fixed = [
            presenter,
            (_("Continuing the handling (against a return or tabling)"), "continue"),
            (_("Opposing (against a wish clause)"), "oppose"),
        ]
    elif kind == "outcome":
        fixed = [presenter, (_("Tabled"), "tabled"), (_("Returned for re-preparation"), "returned")]
    else:
        fixed = [presenter, (_("Tabling"), "tabling"), (_("Return for re-preparation"), "return")]
    return fixed + _proposals(draft)


def _event(name: str, label: Callable[[], str], kind: str, *events: str, **kw: Any) -> Field:
    """A field of a handling event, used by the kinds `events`."""
    return Field(f"{HANDLING}.{name}", label, kind, part="handling", events=events, **kw)


HANDLING_FIELDS: tuple[Field, ...] = (
    _event("event", lambda: _("Event"), CHOICE, *_EVENT_KINDS, choices=_EVENT_KINDS),
    _event("id", lambda: _("Proposal's name (e.g. 1)"), PLAIN, "proposal"),
    _event("member", lambda: _("Disqualified member"), PLAIN, "disqualification", person=True),
    _event("ground", lambda: _("Ground of disqualification"), PLAIN, "disqualification"),
    _event(
        "statute",
        lambda: _("Statute"),
        PLAIN,
        "disqualification",
        hint=lambda: "hallintolaki 28 § 1 mom. 5 kohta",
    ),
    _event("experts[].title", lambda: _("Expert's title"), PLAIN, "expert"),
    _event("experts[].name", lambda: _("Expert"), PLAIN, "expert"),
    _event("left", lambda: _("Left after being heard"), FLAG, "expert"),
    _event("change", lambda: _("Change"), CHOICE, "presenter_change", choices=_CHANGE_KINDS),
    _event("during_tabling", lambda: _("During the tabling"), FLAG, "presenter_change"),
    _event("proposal", lambda: _("Kind of proposal"), CHOICE, "proposal", choices=_PROPOSAL_TYPES),
    _event("proposer", lambda: _("Proposer"), PLAIN, "proposal", "unanimous", person=True),
    _event("seconders", lambda: _("Seconders"), LINES, "proposal", person=True),
    _event("effect", lambda: _("Effect"), CHOICE, "proposal", choices=_EFFECTS),
    _event("request", lambda: _("A request granted without seconding"), FLAG, "proposal"),
    _event("yes", lambda: _("JAA stands for"), PLAIN, "vote", choices_from=_decided),
    _event("no", lambda: _("EI stands for"), PLAIN, "vote", choices_from=_decided),
    _event("yes_text", lambda: _("JAA label, if another"), PLAIN, "vote"),
    _event("no_text", lambda: _("EI label, if another"), PLAIN, "vote"),
    _event("jaa", lambda: _("Yes votes (JAA)"), LINES, "vote", person=True),
    _event("ei", lambda: _("No votes (EI)"), LINES, "vote", person=True),
    _event("blank", lambda: _("Blank votes"), LINES, "vote", person=True),
    _event(
        "decision",
        lambda: _("What was decided"),
        PLAIN,
        "unanimous",
        "outcome",
        choices_from=_decided,
    ),
    _event("until", lambda: _("Tabled until"), DATE, "unanimous", hint=_date_hint),
    _event("members", lambda: _("Dissenting members"), LINES, "dissent", person=True),
    _event(
        "text",
        lambda: _("Text"),
        RICH,
        "note",
        "dissent",
        "proposal",
        "presenter_change",
        spelled=True,
    ),
)

FIELDS: tuple[Field, ...] = (
    Field(
        LANGUAGE,
        lambda: _("Document language"),
        CHOICE,
        "meeting",
        choices={"fi": lambda: _("Finnish"), "sv": lambda: _("Swedish")},
    ),
    Field(ORGANIZATION, lambda: _("Organisation"), CHOICE, "meeting"),
    Field(
        MEETING_BODY,
        lambda: _("Body"),
        group="meeting",
        part="header",
        required=BOTH,
        what=lambda: _("The body (e.g. Kaupunginhallitus)"),
        hint=lambda: _("e.g. Kaupunginhallitus"),
    ),
    Field(
        MEETING_DOCUMENT,
        lambda: _("Document"),
        CHOICE,
        "meeting",
        choices={"minutes": lambda: _("Minutes"), "agenda": lambda: _("Agenda")},
    ),
    Field(
        MEETING_NUMBER,
        lambda: _("Meeting number"),
        group="meeting",
        part="header",
        required=BOTH,
        what=lambda: _("The meeting number"),
        hint=lambda: "18/2021",
    ),
    Field(
        MEETING_DATE,
        lambda: _("Meeting date"),
        DATE,
        "meeting",
        part="header",
        required=BOTH,
        what=lambda: _("The meeting date"),
        hint=_date_hint,
    ),
    *_participant(MEETING_PARTICIPANTS, Draft),
    Field(MEETING_SEATS, lambda: _("Seats of the body"), NUMBER),
    Field(AGENDA_ITEM, lambda: _("Agenda item (Asia/N)"), NUMBER, "item", part="header"),
    Field(SECTION, lambda: _("Section (§)"), NUMBER, "item", part="title"),
    Field(
        COUNCIL_DATE,
        lambda: _("Council date"),
        DATE,
        "item",
        part="title",
        hint=lambda: _("only when the item goes on to the Council"),
    ),
    Field(
        TITLE,
        lambda: _("Title"),
        group="item",
        part="title",
        required=BOTH,
        what=lambda: _("The title"),
        spelled=True,
    ),
    Field(
        CASE_ID,
        lambda: _("Case id"),
        group="item",
        part="title",
        required=BOTH,
        what=lambda: _("The case id"),
        hint=lambda: "HEL 2021-001526",
    ),
    Field(
        CLASSIFICATION,
        lambda: _("Classification"),
        group="item",
        part="title",
        hint=lambda: "T 00 00 03",
    ),
    Field(
        PROPOSAL_KIND,
        lambda: _("Kind of proposal"),
        CHOICE,
        "proposal",
        part="proposal",
        choices={
            "decision": lambda: _("Decision proposal (Päätösehdotus)"),
            "proposal": lambda: _("Proposal to another body (Esitysehdotus)"),
            "statement": lambda: _("Draft statement (Lausuntoehdotus)"),
        },
    ),
    # The presenting official first: required, and easy to miss below a long reasoning.
    Field(
        PROPOSAL_PRESENTER_TITLE,
        lambda: _("Presenting official's title"),
        group="proposal",
        part="presenter",
    ),
    Field(
        PROPOSAL_PRESENTER_NAME,
        lambda: _("Presenting official"),
        group="proposal",
        part="presenter",
        required=BOTH,
        what=lambda: _("The presenting official (Proposal tab)"),
        person=True,
    ),
    # Required in its own way (drafting.checks: decided as proposed, it is the decision).
    Field(PROPOSAL_TEXT, lambda: _("Proposal"), RICH, "proposal", part="proposal", spelled=True),
    Field(PROPOSAL_SUMMARY, lambda: _("Summary"), RICH, "proposal", part="summary", spelled=True),
    Field(
        PROPOSAL_REASONING,
        lambda: _("Reasoning"),
        RICH,
        "proposal",
        part="reasoning",
        required=BOTH,
        what=lambda: _("The reasoning"),
        spelled=True,
    ),
    Field(
        DECISION_AS_PROPOSED, lambda: _("Decided as proposed"), FLAG, "decision", part="decision"
    ),
    Field(DECISION_TEXT, lambda: _("Decision"), RICH, "decision", part="decision", spelled=True),
    Field(DECISION_HANDLING, lambda: _("Handling"), EVENTS),
    *HANDLING_FIELDS,
    Field(DECISION_FIRST_VOTE, lambda: _("Number of the item's first vote"), NUMBER),
    Field(
        DECISION_PRESENTER_TITLE,
        lambda: _("Title of the presenter at the meeting"),
        group="decision",
        part="presenter",
    ),
    Field(
        DECISION_PRESENTER_NAME,
        lambda: _("Presenter at the meeting, if another"),
        group="decision",
        part="presenter",
        person=True,
    ),
    *_contact(CONTACTS, "contacts"),
    *_attachment(ATTACHMENTS, "attachments"),
    *_attachment(SUPPLEMENTARY, "supplementary"),
    Field(APPEAL, lambda: _("Appeal category"), CHOICE, "appeal", part="appeal"),
    Field(
        "item.appeal_act",
        lambda: _("Act providing for the appeal"),
        group="appeal",
        part="instructions",
        hint=lambda: _(
            "Administrative appeal: the act's name and number, e.g. rakennuslaki (132/1999)"
        ),
        what=lambda: _("the act under which the appeal lies"),
        placeholder={"fi": "erityislain nimi ja numero", "sv": "speciallagens namn och nummer"},
    ),
    Field(
        f"{EXTRACTS}[].recipient",
        lambda: _("Recipient"),
        part="extracts",
        required=BOTH,
        what=lambda: _("The recipient"),
        spelled=True,
    ),
    Field(f"{EXTRACTS}[].proposal_text", lambda: _("Proposal text"), FLAG, part="extracts"),
    Field(f"{EXTRACTS}[].appeal", lambda: _("Appeal instructions"), FLAG, part="extracts"),
    Field(f"{EXTRACTS}[].attachments", lambda: _("Attachments (numbers)"), NUMBERS),
    Field(
        FOR_INFORMATION,
        lambda: _("For information (one per line)"),
        LINES,
        "appeal",
        part="for_information",
    ),
    Field(
        f"{HISTORY}[].body",
        lambda: _("Body"),
        part="history",
        required=BOTH,
        what=lambda: _("The body"),
    ),
    Field(
        f"{HISTORY}[].date",
        lambda: _("Date"),
        DATE,
        part="history",
        required=BOTH,
        what=lambda: _("The date"),
        hint=_date_hint,
    ),
    Field(f"{HISTORY}[].section", lambda: _("Section (§)"), NUMBER, part="history"),
    Field(
        f"{HISTORY}[].case_id", lambda: _("Case id"), part="history", hint=lambda: "HEL 2021-001526"
    ),
    Field(
        f"{HISTORY}[].classification",
        lambda: _("Classification"),
        part="history",
        hint=lambda: "T 00 00 03",
    ),
    Field(f"{HISTORY}[].kind", lambda: _("Kind"), CHOICE, part="history", choices=_HISTORY_KINDS),
    Field(f"{HISTORY}[].text", lambda: _("Text"), RICH, part="history", spelled=True),
    Field(f"{HISTORY}[].handling[].date", lambda: _("Date"), DATE, part="history"),
    Field(f"{HISTORY}[].handling[].status", lambda: _("Outcome"), part="history"),
    Field(f"{HISTORY}[].handling[].note", lambda: _("Note"), RICH, part="history", spelled=True),
    Field(f"{HISTORY}[].presenter.title", lambda: _("Presenter's title"), part="history"),
    Field(f"{HISTORY}[].presenter.name", lambda: _("Presenter"), part="history", person=True),
    *_contact(f"{HISTORY}[].contacts", "history"),
)
FIELD = {f.path: f for f in FIELDS}


# --- the meeting file ---------------------------------------------------------------------

# Paths from a meeting file's root (its language, organisation, body, number and date are
# the item's fields of the same path, declared above and shared).
MEETING_START = "meeting.start"
MEETING_END = "meeting.end"
MEETING_PLACE = "meeting.place"
FIRST_SECTION = "first_section"
PARTICIPANTS = "participants"
ATTENDANCE = "attendance"
CHAIR = "chair"
SECRETARY = "secretary"
CHECKERS = "checkers"
PUBLIC_DISPLAY = "public_display"
ITEMS = "items"
CERTIFIER_NAME = "certifier.name"
CERTIFIER_TITLE = "certifier.title"
EXTRACT_DATE = "extract_date"


def _meeting_field(path: str, label: Callable[[], str], kind: str = PLAIN, **kw: Any) -> Field:
    """A field of the meeting file (its path from MeetingDraft's root)."""
    return Field(path, label, kind, root=MeetingDraft, **kw)


MEETING_FIELDS: tuple[Field, ...] = (
    *(FIELD[p] for p in (LANGUAGE, ORGANIZATION, MEETING_BODY, MEETING_NUMBER, MEETING_DATE)),
    _meeting_field(MEETING_START, lambda: _("Starts at"), group="meeting", hint=lambda: "16:00"),
    _meeting_field(MEETING_END, lambda: _("Ends at"), group="meeting", hint=lambda: "17:20"),
    _meeting_field(MEETING_PLACE, lambda: _("Place"), group="meeting"),
    _meeting_field(FIRST_SECTION, lambda: _("First section (§)"), NUMBER, group="meeting"),
    _meeting_field(
        MEETING_SEATS,
        lambda: _("Seats of the body"),
        NUMBER,
        group="meeting",
        hint=lambda: _("empty: the members listed"),
    ),
    _meeting_field(CHAIR, lambda: _("Chair"), group="meeting", person=True),
    _meeting_field(SECRETARY, lambda: _("Minute-keeper"), group="meeting", person=True),
    _meeting_field(CHECKERS, lambda: _("Minute checkers (one per line)"), LINES, group="meeting"),
    _meeting_field(
        PUBLIC_DISPLAY, lambda: _("Public display date"), DATE, group="meeting", hint=_date_hint
    ),
    _meeting_field(
        CERTIFIER_NAME, lambda: _("Extracts certified by"), group="meeting", person=True
    ),
    _meeting_field(CERTIFIER_TITLE, lambda: _("Certifier's title"), group="meeting"),
    _meeting_field(EXTRACT_DATE, lambda: _("Date of the extracts"), DATE, hint=_date_hint),
    # The participants' table: one row each, its columns in this order.
    *_participant(PARTICIPANTS, MeetingDraft),
    _meeting_field(f"{ATTENDANCE}[].person", lambda: _("Participant (name or id)"), person=True),
    _meeting_field(
        f"{ATTENDANCE}[].change",
        lambda: _("Arrived or left"),
        CHOICE,
        choices={"arrived": lambda: _("Arrived (saapui)"), "left": lambda: _("Left (poistui)")},
    ),
    _meeting_field(f"{ATTENDANCE}[].time", lambda: _("Time"), hint=lambda: "16:12"),
    _meeting_field(f"{ATTENDANCE}[].section", lambda: _("During section (§)"), NUMBER),
    # The item files, relative to the meeting file (the meeting view's list).
    _meeting_field(ITEMS, lambda: _("Items of the meeting"), LINES),
)
MEETING_FIELD = {f.path: f for f in MEETING_FIELDS}


def _is_meeting(root: Any) -> bool:
    return root is MeetingDraft or isinstance(root, MeetingDraft)


def _declared(root: Any) -> tuple[Field, ...]:
    """The fields declared for a file of `root`'s kind (a Draft or a MeetingDraft, or the
    class)."""
    return MEETING_FIELDS if _is_meeting(root) else FIELDS


def group(name: str, root: type = Draft) -> list[Field]:
    """The fields of the form's group `name`, in the order declared (of a meeting file's,
    with `root=MeetingDraft`)."""
    return [f for f in _declared(root) if f.group == name]


def row_fields(list_path: str, root: type = Draft) -> list[Field]:
    """The fields of one row of the list at `list_path` (not of lists inside it)."""
    prefix = f"{list_path}[]."
    return [
        f for f in _declared(root) if f.path.startswith(prefix) and "[" not in f.path[len(prefix) :]
    ]


# --- resolving paths against the model ----------------------------------------------------


def _unwrap(hint: Any) -> Any:
    """`X | None` → X."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def annotation(path: str, root: Any = Draft) -> Any:
    """The model's type at `path` in `root` (`item.contacts[].name` → str; a `[n]` row is
    `[]`); KeyError when the model has no such field."""
    hint: Any = root
    for name in pattern(path).replace("]", "").split("."):
        name, _sep, _row = name.partition("[")
        if not dataclasses.is_dataclass(hint):
            raise KeyError(path)
        hints = typing.get_type_hints(hint)
        if name not in hints or name == "extra":
            raise KeyError(path)
        hint = _unwrap(hints[name])
        if _sep:
            if typing.get_origin(hint) is not list:
                raise KeyError(path)
            hint = typing.get_args(hint)[0]
    return hint


def pattern(path: str) -> str:
    """`item.contacts[2].name` → `item.contacts[].name`."""
    out, depth = [], 0
    for char in path:
        if char == "[":
            depth += 1
            out.append("[")
        elif char == "]":
            depth -= 1
            out.append("]")
        elif not depth:
            out.append(char)
    return "".join(out)


# --- walking a draft ---------------------------------------------------------------------


def walk(draft: Draft | MeetingDraft) -> Iterator[tuple[str, Any, Field]]:
    """(path, value, field) of every declared field of `draft` (an item draft or a meeting
    file), rows numbered (`item.contacts[0].name`, `participants[2].present`), in the
    model's order; an absent decision has none."""
    yield from _walk(draft, "", "", MEETING_FIELD if _is_meeting(draft) else FIELD)


def _walk(
    obj: Any, prefix: str, declared_prefix: str, by_path: dict[str, Field]
) -> Iterator[tuple[str, Any, Field]]:
    """`declared_prefix` is `prefix` with its rows unnumbered (`item.contacts[].`): the
    walk runs after every pause in typing (the checks), so no path is re-read for it."""
    for f in dataclasses.fields(obj):
        if f.name == "extra":
            continue
        value = getattr(obj, f.name)
        path, declared_path = f"{prefix}{f.name}", f"{declared_prefix}{f.name}"
        declared = by_path.get(declared_path)
        if declared is not None:
            yield path, value, declared
            if declared.kind != EVENTS:
                continue
        if dataclasses.is_dataclass(value):
            yield from _walk(value, path + ".", declared_path + ".", by_path)
        elif isinstance(value, list):
            for n, row in enumerate(value):
                if dataclasses.is_dataclass(row):
                    yield from _walk(row, f"{path}[{n}].", f"{declared_path}[].", by_path)


def rows(draft: Draft, path: str) -> list:
    """The list at a list field's `path` (`item.attachments`)."""
    obj: Any = draft
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def text_fields(draft: Draft) -> list[tuple[str, str, bool]]:
    """(path, text, rich) of every field a user types text into that prints; a list of
    lines gives one entry per line (`item.for_information[0]`)."""
    found = []
    for path, value, field in walk(draft):
        if not field.text:
            continue
        if field.kind == LINES:
            found += [(f"{path}[{n}]", line, False) for n, line in enumerate(value)]
        else:
            found.append((path, value, field.kind == RICH))
    return found


def spelled_fields(draft: Draft) -> list[tuple[str, str]]:
    """(path, text) of the fields whose text is prose to check for spelling."""
    return [(path, value) for path, value, field in walk(draft) if field.spelled and value]


def people(draft: Draft, history: bool = True) -> list[tuple[str, Any]]:
    """(path, person) of every person the draft names (a presenter, a contact: the object
    holding a person's name), in the model's order; `history=False`: not the earlier
    handling's."""
    found = []
    for path, value, field in walk(draft):
        # A handling event names people by reference to the meeting's participants.
        if field.person and not field.events and value.strip():
            if not history and path.startswith(HISTORY + "["):
                continue
            holder = path.rsplit(".", 1)[0]
            found.append((holder, _at(draft, holder)))
    return found


def _at(draft: Draft, path: str) -> Any:
    obj: Any = draft
    for name in path.replace("]", "").split("."):
        name, _sep, row = name.partition("[")
        obj = getattr(obj, name)
        if row:
            obj = obj[int(row)]
    return obj


def value(draft: Draft, path: str) -> Any:
    """The value at a concrete `path` (`item.title`, `item.contacts[0].name`)."""
    return _at(draft, path)


def appeal_values(draft: Draft) -> dict[str, str]:
    """The item's values that fill appeal instructions, by their token (`item.…`)."""
    return {path: (value or "").strip() for path, value, field in walk(draft) if field.placeholder}
