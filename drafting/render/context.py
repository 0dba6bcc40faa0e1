"""What a document shows, in which order and in which words: decided here and only here.

The result is a plain dict of strings, lists and paragraph blocks (see drafting.richtext),
with dates already formatted and every string sanitised once. Writers (Word, an approximate
on-screen view) only lay it out.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from drafting import appeals, attendance, changes, copies, dates, handling, richtext, schema
from drafting.model import (
    Attachment,
    Contact,
    Decision,
    Draft,
    HistoryEntry,
    Item,
    MeetingDraft,
    Participant,
    Person,
)
from drafting.organization import FOOTER_COLUMNS
from drafting.resources import Organization, organization
from drafting.sanitize import clean_text

# The shape of a context: what every writer (drafting.render.docx, the tests) may rely on.
Cell = list[richtext.Block]


class Table(TypedDict):
    kind: str  # "grid" (Otteet: headed columns) | "list" (a cover's items)
    columns: list[str]
    rows: list[list[Cell]]


class Section(TypedDict):
    key: str  # what the section is ("decision", "contacts", …), for tests and writers
    heading: str
    blocks: list[richtext.Block]
    table: Table | None


class Properties(TypedDict):
    title: str
    subject: str
    author: str
    language: str
    keywords: str


class Header(TypedDict):
    organization: str
    document: str
    number: str
    body: str
    agenda_item: str
    date: str


class FooterCell(TypedDict):
    text: str
    label: bool


class Footer(TypedDict):
    rows: list[list[FooterCell]]


class ItemLines(TypedDict):
    section_line: str
    title_line: str
    case_line: str


class Context(TypedDict):
    organization: str  # the profile's id (its Word template is the document's)
    language: str
    document: str
    properties: Properties
    header: Header
    footer: Footer
    item: ItemLines
    sections: list[Section]
    labels: dict[str, str]  # the names of the header data, for a writer that labels them


# The header data a web page names (the printed page shows them by place, unnamed).
LABELS = ("body", "document", "date", "agenda_item", "section", "case", "contact", "contents")


@dataclass(frozen=True)
class Options:
    document: str | None = None  # "minutes" | "agenda"; None = the draft's own
    language: str | None = None  # "fi" | "sv"; None = the draft's own
    public: bool = False  # masked and withheld for publication (drafting.copies)
    # Print a decision that differs from its proposal as the changes (internal copies only).
    changes: bool = False
    # Names marked elsewhere in the same document (a meeting's other items): masked too.
    names: frozenset[str] = frozenset()


class Words:
    """The vocabulary of one document language, with the organisation's overrides."""

    def __init__(self, org: Organization, language: str, day: _dt.date | None = None) -> None:
        self.org = org
        self.language = language
        self.day = day  # the document's date: an era's wording (Profile.vocabulary_until)

    def __call__(self, key: str, **values: Any) -> str:
        word = self.org.word(self.language, key, self.day)
        return word.format(**values) if values else word

    def date(self, day: _dt.date | None, short: bool = False) -> str:
        """DD.MM.YYYY for headers and history; D.M.YYYY (short) in running text."""
        return dates.for_document(day, self("locale"), short)


def _block(style: richtext.BlockStyle, text: str) -> richtext.Block:
    """A paragraph of a plain field: a `[name]{.personal}` in it is read (masked in public
    copies) as in the rich-text fields."""
    return richtext.Block(style=style, runs=richtext.plain_runs(text), level=1, marker="")


def _section(key: str, heading: str, blocks: list[richtext.Block]) -> Section | None:
    return {"key": key, "heading": heading, "blocks": blocks, "table": None} if blocks else None


def _person_blocks(person: Person) -> list[richtext.Block]:
    return [_block("lines", line) for line in (person.title, person.name) if line.strip()]


def _contact_blocks(contacts: list[Contact], w: Words) -> list[richtext.Block]:
    blocks = []
    for contact in contacts:
        parts = [p for p in (contact.name, contact.title) if p.strip()]
        if contact.phone.strip():
            parts.append(f"{w('contact.phone')} {contact.phone}")
        if parts:
            blocks.append(_block("body", ", ".join(parts)))
        if contact.email.strip():
            blocks.append(_block("body", w.org.email(contact.email)))
    return blocks


def attachment_title(attachment: Attachment, w: Words, public: bool) -> str:
    """The title as printed: in a public copy a non-public attachment keeps its number and
    shows the grounds of secrecy instead (its own, else the organisation's default)."""
    if public and not attachment.public:
        return copies.withheld_title(attachment, w("secrecy"))
    return attachment.title


def _numbered(entries: list[Attachment], w: Words, public: bool) -> list[richtext.Block]:
    return [
        _block("entry", f"{n}\t{attachment_title(a, w, public)}")
        for n, a in enumerate(entries, 1)
        if a.title
    ]


def _lines(values: list[str]) -> list[richtext.Block]:
    return [_block("lines", v) for v in values if v.strip()]


def _extracts_table(item: Item, w: Words) -> Section | None:
    rows = []
    for extract in item.extracts:
        received = []
        if extract.proposal_text:
            received.append(_block("table", w("extracts.proposal_text")))
        for number in extract.attachments:
            received.append(_block("table", w("extracts.attachment", number=number)))
        if extract.appeal and (label := appeals.label(item.appeal, w.language)):
            received.append(_block("table", label))
        if extract.recipient.strip() or received:
            rows.append([[_block("table", extract.recipient)], received or [_block("table", "")]])
    if not rows:
        return None
    return {
        "key": "extracts",
        "heading": w(schema.PART["extracts"].vocabulary),
        "blocks": [],
        "table": {
            "kind": "grid",
            "columns": [w("extracts.recipient"), w("extracts.attachments")],
            "rows": rows,
        },
    }


def _history_blocks(entries: list[HistoryEntry], w: Words) -> list[richtext.Block]:
    blocks: list[richtext.Block] = []
    for entry in entries:
        heading = " ".join(
            p
            for p in (
                w.org.body(entry.body, w.language),
                w.date(entry.date),
                w("section_sign", number=entry.section) if entry.section is not None else "",
            )
            if p
        )
        blocks.append(_block("heading3", heading))
        case_line = f"{entry.case_id} {entry.classification}".strip()
        if case_line:
            blocks.append(_block("body", case_line))
        # The text sits under its "Lausunto"/"Päätös" heading: its own sub-headings one
        # level lower, so the outline (and a screen reader) keeps the nesting.
        text: list[richtext.Block] = [
            {**b, "style": "heading5"} if b["style"] in ("heading3", "heading4") else b
            for b in richtext.parse(entry.text)
        ]
        if text:
            blocks.append(_block("heading4", w(f"history.{entry.kind}")))
            blocks.extend(text)
        if entry.handling:
            blocks.append(_block("heading4", w("history.handling")))
            for line in entry.handling:
                blocks.append(_block("body", f"{w.date(line.date)} {line.status}".strip()))
                blocks.extend(richtext.parse(line.note))
        # Esittelijä and Lisätiedot: their lines follow without a gap, as in the sections.
        if presenter := _person_blocks(entry.presenter):
            blocks.append(_block("heading4_compact", w("section.presenter")))
            blocks.extend(presenter)
        if contacts := _contact_blocks(entry.contacts, w):
            blocks.append(_block("heading4_compact", w("section.contacts")))
            blocks.extend(contacts)
    return blocks


def decided_text(item: Item) -> str:
    """What prints under "Päätös": the decision, or, decided as proposed and left empty,
    the proposal itself."""
    decision = item.decision or Decision()
    if decision.as_proposed and not decision.text.strip():
        return item.proposal.text
    return decision.text


def meeting_presenter(item: Item) -> Person:
    """Who presented at the meeting: the decision's presenter, else (left empty) the
    proposal's."""
    presenter = (item.decision or Decision()).presenter
    return (
        presenter
        if (presenter.name.strip() or presenter.title.strip())
        else item.proposal.presenter
    )


def words_for(draft: Draft) -> Words:
    """The words `draft`'s documents print with (the form quotes them to the user)."""
    org = organization(draft.organization)
    return Words(org, draft.language, draft.meeting.date)


def changed_blocks(proposal: str, decision: str) -> list[richtext.Block]:
    """The decision as paragraphs of unchanged, inserted and deleted words."""
    return [
        {
            "style": "body",
            "runs": [_run(text, change) for change, text in paragraph],
            "level": 1,
            "marker": "",
        }
        for paragraph in changes.compare(proposal, decision)
    ]


def _run(text: str, change: str) -> richtext.Run:
    run: richtext.Run = {"text": text, "bold": False, "italic": False, "personal": False}
    if change in ("ins", "del"):
        run["change"] = "ins" if change == "ins" else "del"
    return run


def _decision_blocks(item: Item, as_changes: bool) -> list[richtext.Block]:
    decision = item.decision or Decision()
    if as_changes and not decision.as_proposed and decision.text.strip():
        return changed_blocks(item.proposal.text, decision.text)
    return richtext.parse(decided_text(item))


def _sections(
    draft: Draft, document: str, w: Words, public: bool = False, as_changes: bool = False
) -> list[Section]:
    """The item's parts in the order drafting.schema.ORDER prints them in `document`."""
    item = draft.item
    proposal = item.proposal
    decision = item.decision or Decision()
    appeal = appeals.label(item.appeal, w.language)
    if document == "minutes" and decision.as_proposed:
        proposal_blocks = [_block("body", w(f"as_proposed.{proposal.kind}"))]
    else:
        proposal_blocks = richtext.parse(proposal.text)
    # The minutes' decision part names who presented at the meeting; the proposal's part
    # (and an agenda) the presenting official.
    presenter = meeting_presenter(item) if document == "minutes" else proposal.presenter
    blocks: dict[str, Callable[[], list[richtext.Block]]] = {
        "decision": lambda: _decision_blocks(item, as_changes),
        "handling": lambda: richtext.parse(handling.text(draft, w)),
        "proposal": lambda: proposal_blocks,
        "summary": lambda: richtext.parse(proposal.summary),
        "reasoning": lambda: richtext.parse(proposal.reasoning),
        "presenter": lambda: _person_blocks(presenter),  # the part's, as the loop sets it
        "contacts": lambda: _contact_blocks(item.contacts, w),
        "attachments": lambda: _numbered(item.attachments, w, public),
        "supplementary": lambda: _numbered(item.supplementary, w, public),
        "appeal": lambda: [_block("body", appeal)] if appeal else [],
        "for_information": lambda: _lines(item.for_information),
        "history": lambda: _history_blocks(item.history, w),
    }
    sections: list[Section | None] = []
    for key in schema.ORDER[document]:
        if key == "proposal":  # from here on the proposal's part: its presenting official
            presenter = proposal.presenter
        if key == "extracts":
            sections.append(_extracts_table(item, w))
            continue
        heading = w(schema.PART[key].vocabulary.format(kind=proposal.kind))
        sections.append(_section(key, heading, blocks[key]()))
    return [s for s in sections if s]


def _footer_rows(org: Organization, language: str, date: _dt.date | None) -> list[list[dict]]:
    columns = []
    for column in org.data.get("footer", []):
        cells = []
        for cell in column:
            until = dates.parse_iso(cell.get("until") or "")
            if until and date and date > until:
                continue
            if "label" in cell:
                cells.append({"text": org.word(language, f"footer.{cell['label']}"), "label": True})
            else:
                text = cell["text"]
                cells.append(
                    {"text": text[language] if isinstance(text, dict) else text, "label": False}
                )
        columns.append(cells)
    columns = (columns + [[]] * FOOTER_COLUMNS)[:FOOTER_COLUMNS]
    height = max((len(c) for c in columns), default=0)
    empty = {"text": "", "label": False}
    return [[c[r] if r < len(c) else empty for c in columns] for r in range(height)]


def _mask(blocks: list[richtext.Block], mask: str) -> None:
    for block in blocks:
        for run in block["runs"]:
            if run["personal"]:
                run["text"] = mask


def _clean(value: Any) -> Any:
    """Sanitise every string of the context, once, on its way out."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


@dataclass(frozen=True)
class Frame:
    """What every page of a document repeats: organisation, document, meeting, Asia/N."""

    org: Organization
    words: Words
    document: str  # minutes | agenda
    body: str
    number: str
    date: _dt.date | None
    agenda_item: int | None = None


def _document(
    frame: Frame,
    title_line: str,
    section_line: str,
    case_line: str,
    sections: list[Section],
    public: bool = False,
) -> Context:
    """The context every writer takes: properties, page header and footer, body sections."""
    w, org, language = frame.words, frame.org, frame.words.language

    def plain(text: str) -> str:
        return richtext.plain_field(text, w("personal_mask") if public else None)

    title_line, section_line, case_line = plain(title_line), plain(section_line), plain(case_line)
    if public:
        for section in sections:
            _mask(section["blocks"], w("personal_mask"))
            for row in section["table"]["rows"] if section["table"] else []:
                for cell in row:
                    _mask(cell, w("personal_mask"))
    document_word = w(f"document.{frame.document}")
    body = plain(org.body(frame.body, language))
    number = plain(frame.number)
    context = {
        "organization": frame.org.id,
        "language": language,
        "document": frame.document,
        "properties": {
            "title": title_line,
            "subject": " ".join(p for p in (body, document_word, number) if p),
            "author": org.name(language),
            "language": w("language_tag"),
            # What the document is, for a program that reads it back (drafting.signing signs
            # only the minutes, and never a public copy): "pykala minutes full".
            "keywords": f"pykala {frame.document} {'public' if public else 'full'}",
        },
        "header": {
            "organization": org.name(language),
            "document": document_word,
            "number": number,
            "body": body,
            "agenda_item": w("header.agenda_item", number=frame.agenda_item)
            if frame.agenda_item is not None
            else "",
            "date": w.date(frame.date),
        },
        "footer": {"rows": _footer_rows(org, language, frame.date)},
        "item": {"section_line": section_line, "title_line": title_line, "case_line": case_line},
        "sections": sections,
        "labels": {key: w(f"web.{key}") for key in LABELS},
    }
    return _clean(context)


def _item_frame(draft: Draft, options: Options, org: Organization | None = None) -> Frame:
    org = org or organization(draft.organization)
    return Frame(
        org,
        Words(org, options.language or draft.language, draft.meeting.date),
        options.document or draft.meeting.document,
        draft.meeting.body,
        draft.meeting.number,
        draft.meeting.date,
        draft.item.agenda_item,
    )


def _item_lines(draft: Draft, w: Words) -> tuple[str, str, str]:
    item = draft.item
    title_line = item.title
    if item.council_date:
        title_line = w("council_prefix", date=w.date(item.council_date, short=True)) + title_line
    section_line = w("section_sign", number=item.section) if item.section is not None else ""
    return title_line, section_line, f"{item.case_id} {item.classification}".strip()


def build(draft: Draft, options: Options = Options(), org: Organization | None = None) -> Context:
    """The context of one item document; `org`: the draft's organisation, if the caller has
    it. Raises UnknownOrganization for a bad profile id."""
    frame = _item_frame(draft, options, org)
    if options.public:  # every marked name masked wherever it appears, attachments withheld
        w = frame.words
        draft = copies.masked(draft, w("personal_mask"), w("secrecy"), options.names)
    as_changes = options.changes and not options.public  # changes are never published
    sections = _sections(draft, frame.document, frame.words, options.public, as_changes)
    return _document(frame, *_item_lines(draft, frame.words), sections, options.public)


# --- the meeting's own pages ------------------------------------------------------------


def meeting_frame(meeting: MeetingDraft, document: str, language: str | None = None) -> Frame:
    org = organization(meeting.organization)
    info = meeting.meeting
    return Frame(
        org, Words(org, language or meeting.language), document, info.body, info.number, info.date
    )


def _time_line(meeting: MeetingDraft, w: Words) -> str:
    info = meeting.meeting
    when = w.date(info.date)
    if info.start and info.end:
        when += " " + w("cover.time_range", start=info.start, end=info.end)
    elif info.start:
        when += " " + w("cover.time_start", start=info.start)
    return when


def _came_and_went(meeting: MeetingDraft, w: Words) -> dict[str, str]:
    """Who arrived or left during the meeting, by reference, with the note the cover prints
    ("saapui 14:20, § 102 aikana"): written from the meeting's attendance, so a secretary who
    recorded it does not type it again (a typed note wins)."""
    notes: dict[str, list[str]] = {}
    for change in meeting.attendance:
        found = attendance.find(meeting.participants, change.person)
        if found is None:
            continue
        when = w(f"cover.{change.change}", time=change.time).strip()
        if change.section is not None:
            when += ", " + w("cover.during", section=w("section_sign", number=change.section))
        notes.setdefault(attendance.reference(found), []).append(when)
    return {ref: ", ".join(lines) for ref, lines in notes.items()}


def _person_line(name: str, role: str, note: str = "") -> str:
    line = ", ".join(p for p in (name, role) if p.strip())
    return f"{line} ({note})" if note.strip() else line


def cover(
    meeting: MeetingDraft,
    items: list[Draft],
    document: str,
    language: str | None = None,
    public: bool = False,
    signed: Sequence[tuple[str, str, _dt.datetime]] = (),
) -> Context:
    """The first pages of the agenda or the minutes: when, where, who, what, signatures;
    `signed` (name, role, when): who signed the original electronically, which a public copy
    made from it says (drafting.signing.signed_by)."""
    frame = meeting_frame(meeting, document, language)
    w = frame.words
    info = meeting.meeting
    sections = [
        _section("time", w("cover.time"), [_block("lines", _time_line(meeting, w))]),
        _section("place", w("cover.place"), [_block("lines", info.place)] if info.place else []),
    ]
    if document == "minutes":
        came = _came_and_went(meeting, w)
        present = [p for p in meeting.participants if p.present or attendance.reference(p) in came]

        def line(p: Participant) -> str:
            return _person_line(p.name, p.role, p.note or came.get(attendance.reference(p), ""))

        members = [_block("lines", line(p)) for p in present if p.group == "member"]
        others = [_block("lines", line(p)) for p in present if p.group != "member"]
        attending: list[richtext.Block] = []
        if members:
            attending += [_block("heading4_compact", w("cover.members"))] + members
        if others:
            attending += [_block("heading4_compact", w("cover.others"))] + others
        there = {id(p) for p in present}
        absent = [_block("lines", line(p)) for p in meeting.participants if id(p) not in there]
        sections += [
            _section("present", w("cover.present"), attending),
            _section("absent", w("cover.absent"), absent),
            _section("chair", w("cover.chair"), _lines([meeting.chair])),
            _section("secretary", w("cover.secretary"), _lines([meeting.secretary])),
        ]
    column = w(f"cover.item_column.{document}")
    rows = []
    # A name one item marks is masked in every item's title (drafting.copies).
    names = sorted(copies.draft_names(items), key=len, reverse=True) if public else []
    for draft in items:
        number = draft.item.section if document == "minutes" else draft.item.agenda_item
        shown = w("section_sign", number=number) if document == "minutes" else str(number)
        title = _item_lines(draft, w)[0]
        if names:
            title = copies.mask_text(title, w("personal_mask"), names)
        rows.append([[_block("table", shown)], [_block("table", title)]])
    if rows:
        table = Table(kind="list", columns=[column, w("cover.title_column")], rows=rows)
        sections.append(
            Section(key="items", heading=w(f"cover.items.{document}"), blocks=[], table=table)
        )
    if document == "minutes":
        signatures = []
        for name, role in (
            (meeting.chair, w("role.chair")),
            (meeting.secretary, w("role.secretary")),
        ):
            if name.strip():
                signatures += [
                    _block("signature", ""),  # the template draws the line
                    _block("lines", name),
                    _block("lines", role),
                ]
        checking = [_block("body", w("cover.checked"))] if meeting.checkers else []
        for name in meeting.checkers:
            checking += [
                _block("signature", ""),  # the template draws the line
                _block("lines", name),
                _block("lines", w("role.checker")),
            ]
        display = (
            [_block("body", w("cover.displayed", date=w.date(meeting.public_display, short=True)))]
            if meeting.public_display
            else []
        )
        electronically = [
            _block(
                "lines",
                w(
                    "signing.signed_by",
                    name=name,
                    role=role,
                    date=w.date(at.date(), short=True),
                    time=f"{at.hour}.{at.minute:02d}",
                ),
            )
            for name, role, at in signed
        ]
        sections += [
            _section("signatures", w("cover.signatures"), signatures),
            _section("checking", w("cover.checking"), checking),
            _section("signed", w("signing.signed_heading"), electronically),
            _section("display", w("cover.display"), display),
        ]
    title = " ".join(p for p in (w(f"document.{document}"), info.number) if p)
    return _document(frame, title, "", "", [s for s in sections if s], public)


# An appeal category and the item's values its instructions name ((path, value), …).
Used = tuple[str, tuple[tuple[str, str], ...]]


def instruction_sections(used: list[Used], w: Words) -> list[Section]:
    """The full appeal instructions of each (category, the item's values they name) in the
    order given, filled in from the organisation's profile (drafting.appeals)."""
    sections = []
    for key, values in used:
        text = appeals.instructions(key, w.org.data, w.language, dict(values))
        if text:
            sections.append(
                _section(f"instructions.{key}", text.heading, richtext.parse(text.text))
            )
    return [s for s in sections if s]


def appeals_used(drafts: list[Draft]) -> list[Used]:
    """The appeal instructions the items need, each once, in the items' order: a category,
    and for one whose text names an item's field (the act under which an administrative
    appeal lies) each value of it."""
    seen: list[Used] = []
    for draft in drafts:
        if draft.item.appeal:
            key = draft.item.appeal
            values = schema.appeal_values(draft)
            used = (key, tuple((token, values[token]) for token in appeals.item_tokens(key)))
            if used not in seen:
                seen.append(used)
    return seen


def instructions(meeting: MeetingDraft, used: list[Used], language: str | None = None) -> Context:
    """The minutes' last pages: the appeal instructions of every category used."""
    frame = meeting_frame(meeting, "minutes", language)
    return _document(
        frame,
        frame.words("instructions.heading"),
        "",
        "",
        instruction_sections(used, frame.words),
    )


def extract_signers(meeting: MeetingDraft, w: Words) -> list[tuple[str, str, str]]:
    """Who certifies an extract, (role, name, title) in the organisation's order for
    extracts (`signing.extract_order`; by default the certifier alone, whom the meeting names,
    else the secretary): the extract prints their lines and drafting.signing signs over them."""
    settings = w.org.file.signing
    order = settings.extract_order if settings is not None else ["certifier"]
    certifier = (
        meeting.certifier
        if meeting.certifier.name.strip()
        else Person(title=w("role.secretary"), name=meeting.secretary)
    )
    people = {
        "certifier": (certifier.name, certifier.title),
        "secretary": (meeting.secretary, w("role.secretary")),
        "chair": (meeting.chair, w("role.chair")),
    }
    out: list[tuple[str, str, str]] = []
    for role in order:
        name, title = people.get(role, ("", ""))
        if name.strip() and all(name.strip() != n for _r, n, _t in out):
            out.append((role, name.strip(), title.strip()))
    return out


def extract(
    draft: Draft,
    index: int,
    meeting: MeetingDraft,
    language: str | None = None,
    today: _dt.date | None = None,
) -> Context:
    """An extract (ote) for the recipient `draft.item.extracts[index]`: the item as in the
    minutes, what the recipient receives, the appeal instructions, the certification; always
    whole (drafting.copies.EXTRACT: it goes to the party, not to the web).

    The certification is dated the meeting's `extract_date`, else `today` as the caller
    passes it (the same input renders the same document); with neither it is undated."""
    options = Options(document="minutes", language=language)
    frame = _item_frame(draft, options)
    w = frame.words
    item = draft.item
    chosen = item.extracts[index]
    sections: list[Section | None] = [*_sections(draft, "minutes", w)]
    received = [_block("lines", w("extracts.proposal_text"))] if chosen.proposal_text else []
    for number in chosen.attachments:
        if 1 <= number <= len(item.attachments):
            title = item.attachments[number - 1].title
            received.append(_block("entry", f"{w('extracts.attachment', number=number)}\t{title}"))
    day = meeting.extract_date or today
    certifying = [
        line for _role, name, title in extract_signers(meeting, w) for line in (name, title)
    ]
    sections += [
        _section("recipient", w("extract.recipient"), [_block("body", chosen.recipient)]),
        _section("receives", w("extract.receives"), received),
        *(instruction_sections(appeals_used([draft]), w) if chosen.appeal else []),
        _section(
            "certify",
            w("extract.certify"),
            [_block("lines", line) for line in (w.date(day), *certifying) if line.strip()],
        ),
    ]
    made = _document(frame, *_item_lines(draft, w), [s for s in sections if s])
    made["properties"]["keywords"] = "pykala extract full"  # what drafting.signing signs
    return made
