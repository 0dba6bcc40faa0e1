"""The declared item (drafting/schema.py): every path the code names is a field of the
model, every field of the model is declared once, and what is derived from the declaration
(options, printed order, required fields, people, spelling, withholding) follows it."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

import pytest

from drafting import checks, draftfile, schema
from drafting import resources as _catalogues  # noqa: F401 - registers the catalogues' choices
from drafting.model import (
    Attachment,
    Contact,
    Decision,
    Draft,
    Extract,
    HandlingEvent,
    HandlingLine,
    HistoryEntry,
    MeetingDraft,
    Participant,
    Person,
)
from drafting.render import context, embed

ROOT = Path(__file__).resolve().parents[2]

# A string literal that reads as a field path: "item.title", "meeting.date",
# f"item.history[{row}]", "item.contacts[0].name".
PATH_LITERAL = re.compile(
    r"""(?<![\w.])[rbf]?["']((?:item|meeting)(?:\.[A-Za-z_{}]+|\[[^\]"']*\])+)["']"""
)
# Literals of that shape that are not field paths.
NOT_PATHS = {
    "item.docx",  # the Word template's file name (drafting.render.docx)
}


def _path_literals() -> list[tuple[str, str]]:
    found = []
    for folder in ("drafting", "ui"):
        for source in sorted((ROOT / folder).rglob("*.py")):
            for match in PATH_LITERAL.finditer(source.read_text(encoding="utf-8")):
                found.append((str(source.relative_to(ROOT)), match.group(1)))
    return found


def _resolves(path: str) -> bool:
    # A row's index, written or computed ("[0]", "[{row}]"), is any row.
    path = re.sub(r"\[[^\]]*\]", "[]", path)
    if "{" in path:  # a name computed at run time: f"item.{group}[{n}].file"
        names = [f.path for f in schema.FIELDS]
        rule = re.escape(path).replace(r"\{", "{").replace(r"\}", "}")
        rule = re.sub(r"\{[^}]*\}", "[a-z_]+", rule)
        return any(re.fullmatch(rule, name) for name in names)
    for root in (Draft, MeetingDraft):
        try:
            schema.annotation(path, root)
            return True
        except KeyError:
            pass
    return False


def test_the_code_names_fields_that_exist():
    literals = [(f, p) for f, p in _path_literals() if p not in NOT_PATHS]
    assert len(literals) > 40  # the scan finds the paths the code uses
    unknown = [(f, p) for f, p in literals if not _resolves(p)]
    assert unknown == []


def test_a_misspelt_path_is_caught():
    assert not _resolves("item.apeal_act")
    assert not _resolves("item.contacts[0].nmae")
    assert not _resolves("item.{group}[{n}].fiel")
    assert _resolves("item.{group}[{n}].file")
    assert _resolves("meeting.place")  # a meeting file's


def _full_draft() -> Draft:
    """A draft with one row in every list and a decision: every field has a value."""
    draft = Draft()
    item = draft.item
    item.decision = Decision(handling=[HandlingEvent(experts=[Person()])])
    draft.meeting.participants = [Participant()]
    item.contacts = [Contact()]
    item.attachments = [Attachment()]
    item.supplementary = [Attachment()]
    item.extracts = [Extract()]
    item.history = [
        HistoryEntry(handling=[HandlingLine()], contacts=[Contact()], presenter=Person())
    ]
    return draft


def _leaves(obj, prefix=""):
    """Every field of the model below `obj` that holds a value, as a pattern."""
    for f in dataclasses.fields(obj):
        if f.name == "extra":
            continue
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            yield from _leaves(value, f"{prefix}{f.name}.")
        elif isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
            yield from _leaves(value[0], f"{prefix}{f.name}[].")
        else:
            yield f"{prefix}{f.name}"


def test_every_field_of_the_model_is_declared_once():
    declared = [f.path for f in schema.FIELDS]
    assert len(declared) == len(set(declared))
    # The handling's events are declared one by one and, as the notes, as a whole.
    assert sorted([*_leaves(_full_draft()), schema.DECISION_HANDLING]) == sorted(declared)
    walked = [schema.pattern(path) for path, _value, _field in schema.walk(_full_draft())]
    assert sorted(walked) == sorted(declared)


def test_choices_are_the_model_literals_with_a_label_each():
    for field in schema.FIELDS:
        if field.kind != schema.CHOICE or field.choices is None:
            continue
        values = typing.get_args(schema.annotation(field.path))
        assert set(field.choices) == set(values), field.path
        assert [v for _label, v in field.options()] == list(values)


def test_every_choice_offers_options():
    for field in schema.FIELDS:
        if field.kind == schema.CHOICE:
            assert field.options(), field.path


def test_printed_parts_and_order_agree():
    keys = {p.key for p in schema.PARTS}
    for field in schema.FIELDS:
        assert field.part in keys | set(schema.FRAME_PARTS) | {""}, field.path
    for document, order in schema.ORDER.items():
        for key in order:
            assert document in schema.PART[key].documents, (document, key)
        for part in schema.PARTS:
            assert (part.key in order) == (document in part.documents), (document, part.key)


def _sections(draft: Draft, document: str) -> list[str]:
    return [s["key"] for s in context.build(draft, context.Options(document=document))["sections"]]


@pytest.mark.parametrize("document", ["minutes", "agenda"])
def test_a_document_prints_its_parts_in_the_declared_order(document):
    draft = draftfile.load(ROOT / "resources" / "examples" / "kh-2021-05-03-s333.pykala")
    keys = _sections(draft, document)
    order = list(schema.ORDER[document])
    positions = []
    for key in keys:
        position = order.index(key, positions[-1] + 1 if positions else 0)
        positions.append(position)
    assert positions == sorted(positions)
    assert "decision" in keys if document == "minutes" else "decision" not in keys


def test_required_fields_are_the_declared_ones():
    problems = checks.check(Draft(), "agenda")
    errors = {p.path for p in problems if p.severity == checks.ERROR}
    for field in schema.FIELDS:
        if "agenda" in field.required and "[]" not in field.path:
            assert field.path in errors, field.path


def test_an_empty_row_names_its_required_fields():
    draft = _full_draft()
    errors = {p.path for p in checks.check(draft, "minutes") if p.severity == checks.ERROR}
    assert {
        "item.attachments[0].title",
        "item.supplementary[0].title",
        "item.extracts[0].recipient",
        "item.history[0].body",
        "item.history[0].date",
    } <= errors


def test_people_are_the_declared_person_fields():
    draft = _full_draft()
    draft.item.proposal.presenter.name = "Anna Esittelijä"
    draft.item.decision.presenter.name = "Bertil Kokous"
    draft.item.contacts[0].name = "Cecilia Yhteys"
    draft.item.history[0].presenter.name = "Daniel Ennen"
    draft.item.history[0].contacts[0].name = "Eeva Ennen"
    names = [p.name for _path, p in schema.people(draft)]
    assert names == [
        "Anna Esittelijä",
        "Bertil Kokous",
        "Cecilia Yhteys",
        "Daniel Ennen",
        "Eeva Ennen",
    ]
    own = [p.name for _path, p in schema.people(draft, history=False)]
    assert own == names[:3]


def test_spelling_covers_the_declared_prose():
    draft = _full_draft()
    for path, _value, field in schema.walk(draft):
        if field.kind in (schema.PLAIN, schema.RICH):
            parent, name = path.rsplit(".", 1)
            setattr(schema.value(draft, parent), name, f"text of {path}")
    spelled = {path for path, _text in checks.spelled_fields(draft)}
    assert "item.title" in spelled and "item.extracts[0].recipient" in spelled
    assert "item.proposal.reasoning" in spelled and "item.history[0].handling[0].note" in spelled
    assert "item.case_id" not in spelled and "item.contacts[0].email" not in spelled


def test_a_broken_personal_span_in_grounds_of_secrecy_is_reported():
    """The grounds of secrecy print in a public copy in place of the attachment's title:
    text the user types that prints, so a personal-data span broken there is found too."""
    draft = Draft()
    secrecy = "Koskee [Matti Meikäläistä]{.personal x}"
    draft.item.attachments = [Attachment(title="Liite", public=False, secrecy=secrecy)]
    paths = {p.path for p in checks.check(draft)}
    assert "item.attachments[0].secrecy" in paths


def test_a_public_copy_withholds_every_declared_attachment_list():
    draft = Draft()
    for list_path in schema.ATTACHMENT_LISTS:
        schema.rows(draft, list_path).append(
            Attachment(title=f"Salainen {list_path}", file="salainen.pdf", public=False)
        )
    data = embed.public_json(draft)
    text = str(data)
    assert "Salainen" not in text and "salainen.pdf" not in text


def test_a_field_is_declared_in_at_most_three_files():
    """The act of an administrative appeal, added this way: the model's attribute, the
    schema's declaration, and the appeal text that prints it."""
    found = sorted(
        str(path.relative_to(ROOT))
        for folder in ("drafting", "ui", "templates", "resources")
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
        and path.suffix in (".py", ".json", ".po", ".pot", ".xml")
        and "appeal_act" in path.read_text(encoding="utf-8", errors="replace")
    )
    assert found == ["drafting/model.py", "drafting/schema.py", "resources/appeals.json"]
