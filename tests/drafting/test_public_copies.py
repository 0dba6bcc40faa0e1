"""Nothing leaked: a name marked as personal data never prints in a public copy (issue 10)."""

from __future__ import annotations

import copy
import io

import docx
import pytest

from drafting import checks, draftfile
from drafting.model import Draft, Extract, MeetingDraft
from drafting.render import context
from drafting.render import docx as render_docx
from tests.conftest import EXAMPLE_333
from tests.documents import docx_text, every_part


def render(draft: Draft, **options) -> bytes:
    return render_docx.render(context.build(draft, context.Options(**options)))


@pytest.fixture(scope="module")
def example() -> Draft:
    return draftfile.load(EXAMPLE_333)


BROKEN = [
    "[Bertta\nBackman]{.personal}",
    "[Cecilia [Cc]]{.personal}",
    "[Daavid Dahl]{ .personal}",
    "[Eino Eskola]{.Personal}",
    "[Fanni Forsman]{.personal }",
]


@pytest.mark.parametrize("broken", BROKEN)
@pytest.mark.parametrize(
    "field, path",
    [
        (lambda d: (d.item.proposal, "reasoning"), "item.proposal.reasoning"),
        (lambda d: (d.item, "title"), "item.title"),
        (lambda d: (d.item.contacts[0], "name"), "item.contacts[0].name"),
    ],
)
def test_a_span_that_is_not_read_is_an_error_naming_the_field(example, broken, field, path):
    draft = copy.deepcopy(example)
    obj, name = field(draft)
    setattr(obj, name, f"Hakija {broken} haki.")
    problems = [p for p in checks.errors(checks.check(draft)) if p.path == path]
    assert len(problems) == 1
    assert "[Name]{.personal}" in problems[0].message


def test_well_formed_spans_are_no_problem(example):
    draft = copy.deepcopy(example)
    draft.item.proposal.reasoning = "[Aino]{.personal} ja [Cecilia [Cc]{.personal}"
    draft.item.title = "Asia [Aino Aalto]{.personal}"
    assert not [p for p in checks.check(draft) if "personal" in p.message]


NAME = "Zacharias Zetterberg"


def test_extract_recipient_is_masked_in_a_public_extract(example):
    draft = copy.deepcopy(example)
    draft.item.extracts = [Extract(recipient=f"[{NAME}]{{.personal}}", appeal=False)]
    data = render_docx.render(context.extract(draft, 0, MeetingDraft(), public=True))
    assert NAME not in every_part(data) and "**********" in docx_text(data)


def test_a_very_long_title_renders_whole_and_its_property_is_cut(example):
    draft = copy.deepcopy(example)
    draft.item.title = "Pitkä otsikko " * 40 + "LOPPU"
    data = render(draft)
    assert "LOPPU" in docx_text(data)  # the document keeps all of it
    title = docx.Document(io.BytesIO(data)).core_properties.title
    assert len(title) == 255 and title.endswith("…")


def test_a_very_long_meeting_number_renders(example):
    draft = copy.deepcopy(example)
    draft.meeting.number = "1" * 300
    data = render(draft)
    assert "1" * 300 in every_part(data)
    meeting = MeetingDraft()
    meeting.meeting.number = "2" * 300
    cover = render_docx.render(context.cover(meeting, [draft], "agenda"))
    assert len(docx.Document(io.BytesIO(cover)).core_properties.title) == 255


def test_item_titles_on_a_public_cover_are_masked(example):
    draft = copy.deepcopy(example)
    draft.item.title = f"Asia [{NAME}]{{.personal}}"
    data = render_docx.render(context.cover(MeetingDraft(), [draft], "agenda", public=True))
    assert NAME not in every_part(data) and "Asia **********" in docx_text(data)


def test_an_attachment_name_the_system_refuses_is_an_error_not_a_crash(tmp_path):
    from drafting import checks, draftfile
    from drafting.model import Attachment
    from tests.conftest import EXAMPLE_885

    draft = draftfile.load(EXAMPLE_885)
    draft.item.attachments = [Attachment(title="Liite", file="x" * 300 + ".pdf")]
    (problem,) = [p for p in checks.check(draft, base=tmp_path) if p.path.endswith(".file")]
    assert problem.path == "item.attachments[0].file"
    assert problem.severity == checks.ERROR and "cannot be used" in problem.message
