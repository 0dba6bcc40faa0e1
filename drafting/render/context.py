"""What a document shows, in which order and in which words: decided here and only here.

The result is a plain dict of strings, lists and paragraph blocks (see drafting.richtext),
with dates already formatted and every string sanitised once. Writers (Word, an approximate
on-screen view) only lay it out.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date

from drafting import richtext
from drafting.model import Attachment, Contact, Decision, Draft, HistoryEntry, Item, Person
from drafting.resources import Organization, appeal_categories, organization
from drafting.sanitize import clean_text

FOOTER_COLUMNS = 5


@dataclass(frozen=True)
class Options:
    document: str | None = None  # "minutes" | "agenda"; None = the draft's own
    language: str | None = None  # "fi" | "sv"; None = the draft's own
    public: bool = False  # mask [..]{.personal} spans for publication


class Words:
    """The vocabulary of one document language, with the organisation's overrides."""

    def __init__(self, org: Organization, language: str) -> None:
        self.org = org
        self.language = language

    def __call__(self, key: str, **values: Any) -> str:
        word = self.org.word(self.language, key)
        return word.format(**values) if values else word

    def date(self, day: _dt.date | None, short: bool = False) -> str:
        """DD.MM.YYYY for headers and history; D.M.YYYY (short) in running text."""
        if day is None:
            return ""
        pattern = "d.M.yyyy" if short else "dd.MM.yyyy"
        return format_date(day, pattern, locale=self("locale"))


def _block(style: str, text: str) -> richtext.Block:
    run = richtext.Run(text=text, bold=False, italic=False, personal=False)
    return richtext.Block(style=style, runs=[run], level=1, marker="")


def _section(key: str, heading: str, blocks: list[richtext.Block]) -> dict | None:
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


def _numbered(entries: list[Attachment]) -> list[richtext.Block]:
    return [_block("entry", f"{n}\t{a.title}") for n, a in enumerate(entries, 1) if a.title]


def _lines(values: list[str]) -> list[richtext.Block]:
    return [_block("lines", v) for v in values if v.strip()]


def _appeal_label(key: str, language: str) -> str:
    category = appeal_categories().get(key)
    return category["label"][language] if category else ""


def _extracts_table(item: Item, w: Words) -> dict | None:
    rows = []
    for extract in item.extracts:
        received = []
        if extract.proposal_text:
            received.append(_block("table", w("extracts.proposal_text")))
        for number in extract.attachments:
            received.append(_block("table", w("extracts.attachment", number=number)))
        if extract.appeal and (label := _appeal_label(item.appeal, w.language)):
            received.append(_block("table", label))
        if extract.recipient.strip() or received:
            rows.append([[_block("table", extract.recipient)], received or [_block("table", "")]])
    if not rows:
        return None
    return {
        "key": "extracts",
        "heading": w("section.extracts"),
        "blocks": [],
        "table": {"columns": [w("extracts.recipient"), w("extracts.attachments")], "rows": rows},
    }


def _shared_tail(item: Item, w: Words, presenter: Person, motion: bool) -> list[dict | None]:
    """Esittelijä … Otteet: printed after the decision and again after the reasoning."""
    appeal = _appeal_label(item.appeal, w.language)
    return [
        _section("presenter", w("section.presenter"), _person_blocks(presenter)),
        _section("contacts", w("section.contacts"), _contact_blocks(item.contacts, w)),
        _section("attachments", w("section.attachments"), _numbered(item.attachments)),
        _section("supplementary", w("section.supplementary"), _numbered(item.supplementary))
        if motion
        else None,
        _section("appeal", w("section.appeal"), [_block("body", appeal)] if appeal else []),
        _extracts_table(item, w),
    ]


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
        text = richtext.parse(entry.text)
        if text:
            blocks.append(_block("heading4", w(f"history.{entry.kind}")))
            blocks.extend(text)
        if entry.handling:
            blocks.append(_block("heading4", w("history.handling")))
            for line in entry.handling:
                blocks.append(_block("body", f"{w.date(line.date)} {line.status}".strip()))
                blocks.extend(richtext.parse(line.note))
        if presenter := _person_blocks(entry.presenter):
            blocks.append(_block("heading4", w("section.presenter")))
            blocks.extend(presenter)
        if contacts := _contact_blocks(entry.contacts, w):
            blocks.append(_block("heading4", w("section.contacts")))
            blocks.extend(contacts)
    return blocks


def _sections(draft: Draft, document: str, w: Words) -> list[dict]:
    item = draft.item
    proposal = item.proposal
    proposal_heading = w(f"section.proposal.{proposal.kind}")
    sections: list[dict | None] = []
    if document == "minutes":
        decision = item.decision or Decision()
        sections += [
            _section("decision", w("section.decision"), richtext.parse(decision.text)),
            _section("handling", w("section.handling"), richtext.parse(decision.handling)),
            *_shared_tail(item, w, decision.presenter, motion=False),
        ]
        if decision.as_proposed:
            proposal_blocks = [_block("body", w(f"as_proposed.{proposal.kind}"))]
        else:
            proposal_blocks = richtext.parse(proposal.text)
    else:
        proposal_blocks = richtext.parse(proposal.text)
    sections += [
        _section("proposal", proposal_heading, proposal_blocks),
        _section("summary", w("section.summary"), richtext.parse(proposal.summary)),
        _section("reasoning", w("section.reasoning"), richtext.parse(proposal.reasoning)),
        *_shared_tail(item, w, proposal.presenter, motion=True),
        _section("for_information", w("section.for_information"), _lines(item.for_information)),
        _section("history", w("section.history"), _history_blocks(item.history, w)),
    ]
    return [s for s in sections if s]


def _footer_rows(org: Organization, language: str, date: _dt.date | None) -> list[list[dict]]:
    columns = []
    for column in org.data.get("footer", []):
        cells = []
        for cell in column:
            until = cell.get("until")
            if until and date and date > _dt.date.fromisoformat(until):
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


def build(draft: Draft, options: Options = Options()) -> dict:
    """The context of one item document. Raises UnknownOrganization for a bad profile id."""
    language = options.language or draft.language
    document = options.document or draft.meeting.document
    org = organization(draft.organization)
    w = Words(org, language)
    item = draft.item
    title_line = item.title
    if item.council_date:
        title_line = w("council_prefix", date=w.date(item.council_date, short=True)) + title_line
    sections = _sections(draft, document, w)
    if options.public:
        for section in sections:
            _mask(section["blocks"], w("personal_mask"))
            for row in (section["table"] or {}).get("rows", []):
                for cell in row:
                    _mask(cell, w("personal_mask"))
    document_word = w(f"document.{document}")
    context = {
        "language": language,
        "document": document,
        "properties": {
            "title": title_line,
            "subject": " ".join(
                p
                for p in (
                    org.body(draft.meeting.body, language),
                    document_word,
                    draft.meeting.number,
                )
                if p
            ),
            "author": org.name(language),
            "language": w("language_tag"),
        },
        "header": {
            "organization": org.name(language),
            "document": document_word,
            "number": draft.meeting.number,
            "body": org.body(draft.meeting.body, language),
            "agenda_item": w("header.agenda_item", number=item.agenda_item)
            if item.agenda_item is not None
            else "",
            "date": w.date(draft.meeting.date),
        },
        "footer": {"rows": _footer_rows(org, language, draft.meeting.date)},
        "item": {
            "section_line": w("section_sign", number=item.section)
            if item.section is not None
            else "",
            "title_line": title_line,
            "case_line": f"{item.case_id} {item.classification}".strip(),
        },
        "sections": sections,
    }
    return _clean(context)
