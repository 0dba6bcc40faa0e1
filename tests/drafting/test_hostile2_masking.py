"""Nothing printed that was marked (issue 22, holes 01, 02 and 14): a span that only looks
like `[Name]{.personal}` is refused by `check` (and so by `render`), and a public copy's
embedded draft carries no marked name anywhere, keys and the spelling list included."""

from __future__ import annotations

import copy
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting import checks, draftfile, richtext, spelling
from drafting.model import Draft
from drafting.render import context, embed, html
from drafting.render import docx as render_docx
from drafting.resources import organization
from tests.conftest import EXAMPLE_333
from tests.drafting.conftest import run_cli
from tests.support.hypothesis_profiles import examples

NAME = "Zorblax Quuxington"
FIRST, LAST = NAME.split()


@pytest.fixture(scope="module")
def example() -> Draft:
    return draftfile.load(EXAMPLE_333)


def public_outputs(draft: Draft) -> dict[str, str]:
    """Every public output of an item, as text: the DOCX's every part (the embedded draft
    among them, as stored) and the web page."""
    options = context.Options(public=True)
    data = render_docx.render_item(draft, options)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }
    parts["page.html"] = html.render(context.build(draft, options)).decode("utf-8")
    return parts


def leaks(draft: Draft) -> list[str]:
    return [name for name, text in public_outputs(draft).items() if FIRST in text or LAST in text]


def embedded_draft(draft: Draft) -> dict:
    data = render_docx.render_item(draft, context.Options(public=True))
    found = embed.read(data)
    assert found is not None and found.public
    return json.loads(found.draft_json)


# --- 01: spans that only look like spans -------------------------------------------------

LOOKALIKES = [
    "{.personal .x}",
    "{#x .personal}",
    "{.personal #id}",
    "{.personal\u200b}",
    "{.PERSONAL}",
    "{ .personal}",
    "{.pers\u00adonal}",  # a soft hyphen inside the word
    "{.ｐｅｒｓｏｎａｌ}",  # full-width letters
    "{.personal",  # never closed
    "{.private}",  # any attribute list after a name in brackets
]


@pytest.mark.parametrize("braces", LOOKALIKES)
def test_a_lookalike_span_is_an_error_in_the_field_and_says_how_to_write_it(example, braces):
    draft = copy.deepcopy(example)
    draft.item.proposal.reasoning = f"Valittaja [{NAME}]{braces} vaatii."
    (problem,) = [p for p in checks.errors(checks.check(draft))]
    assert problem.path == "item.proposal.reasoning"
    assert NAME in problem.message and "write exactly [Name]{.personal}" in problem.message


def test_an_invisible_character_is_shown_in_the_message(example):
    draft = copy.deepcopy(example)
    draft.item.title = f"Valitus, [{NAME}]{{.personal\u200b}}"
    (problem,) = checks.errors(checks.check(draft))
    assert problem.path == "item.title" and "<U+200B>" in problem.message


@pytest.mark.slow
@pytest.mark.parametrize("braces", LOOKALIKES[:4])
def test_render_of_a_lookalike_writes_nothing(example, braces, tmp_path):
    """The reproducer's four drafts, as a user runs them: check exits 1 naming the field,
    render writes no DOCX and no web page."""
    draft = copy.deepcopy(example)
    draft.item.proposal.reasoning = f"Valittaja [{NAME}]{braces} vaatii."
    source = tmp_path / "lookalike.pykala"
    draftfile.save(draft, source)
    checked = run_cli("check", source)
    assert checked.returncode == 1
    assert "item.proposal.reasoning" in checked.stderr and "[Name]{.personal}" in checked.stderr
    out, page = tmp_path / "out.docx", tmp_path / "out.html"
    rendered = run_cli("render", source, "-o", out, "--public", "--html", page)
    assert rendered.returncode == 1 and "No document was written" in rendered.stderr
    assert not out.exists() and not page.exists()
    assert "Traceback" not in checked.stderr + rendered.stderr


def test_the_exact_span_is_masked_in_every_public_output(example):
    draft = copy.deepcopy(example)
    draft.item.proposal.reasoning = f"Valittaja [{NAME}]{{.personal}} vaatii."
    assert not checks.errors(checks.check(draft))
    assert leaks(draft) == []


def test_spelling_skips_exactly_the_spans_the_documents_mask():
    text = f"[{NAME}]{{.personal}} ja [Qwzxyn Vbnmöp]{{.personal .x}}"
    skipped = [w for _at, w in spelling.words(text)]
    assert FIRST not in skipped and LAST not in skipped
    assert "Qwzxyn" in skipped  # a lookalike is no span: check refuses it instead
    assert richtext.PERSONAL.pattern in spelling._SKIP.pattern


# Hypothesis: span-like text. Each is refused by check, or masked in every public output.

_SPACES = ["", " ", "\t", "\u00a0", "\u3000", "\n"]
_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e"]
_MARKUP = ["*", "**", "_", "\\"]  # emphasis and escapes split a text into runs
_FILLER = st.sampled_from(["", "", "", *_SPACES, *_INVISIBLE, *_MARKUP])


@st.composite
def personal_word(draw) -> str:
    cased = "".join(
        ch.upper() if draw(st.booleans()) and draw(st.booleans()) else ch for ch in "personal"
    )
    at = draw(st.integers(0, len(cased)))
    return cased[:at] + draw(_FILLER) + cased[at:]


@st.composite
def span_like(draw) -> str:
    attributes = draw(
        st.lists(
            st.one_of(
                personal_word().map(lambda w: "." + w),
                st.sampled_from([".x", "#id", "key=val", ".pii", "personal"]),
            ),
            min_size=1,
            max_size=3,
        )
    )
    inside = draw(_FILLER).join(attributes) if len(attributes) > 1 else attributes[0]
    between = draw(st.sampled_from(["", "", " ", "\u200b", "\u2060"]))
    closing = draw(st.sampled_from(["}", "}", "}", "", "\u200b}", " }"]))
    return f"[{NAME}]{between}{{{draw(_FILLER)}{inside}{closing}"


FIELDS = {
    "item.proposal.reasoning": lambda d, t: setattr(d.item.proposal, "reasoning", t),
    "item.title": lambda d, t: setattr(d.item, "title", t),
    "item.contacts[0].name": lambda d, t: setattr(d.item.contacts[0], "name", t),
}


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    span=st.one_of(span_like(), st.just(f"[{NAME}]{{.personal}}")),
    field=st.sampled_from(sorted(FIELDS)),
)
def test_span_like_text_is_refused_by_check_or_masked_everywhere(example, span, field):
    draft = copy.deepcopy(example)
    FIELDS[field](draft, f"Valittaja {span} vaatii.")
    refused = [p for p in checks.errors(checks.check(draft)) if p.path == field]
    if refused:
        assert "[Name]{.personal}" in refused[0].message
        return
    assert span == f"[{NAME}]{{.personal}}", f"{span!r} passes check: it must be a real span"
    assert leaks(draft) == []


# --- 02 and 14: the embedded draft of a public copy --------------------------------------


def test_words_ignored_in_spelling_are_not_in_a_public_copy(example):
    """Hole 02: "Ignore in this draft" stored the parts of a marked name."""
    draft = copy.deepcopy(example)
    draft.item.proposal.reasoning += f"\n\n[{NAME}]{{.personal}}"
    draft.extra[spelling.IGNORED_KEY] = [LAST, FIRST]
    carried = embedded_draft(draft)
    assert spelling.IGNORED_KEY not in carried
    assert leaks(draft) == []
    # the full copy keeps the list: it is the draft's own
    full = embed.read(render_docx.render_item(draft, context.Options()))
    assert full is not None and json.loads(full.draft_json)[spelling.IGNORED_KEY] == [LAST, FIRST]


def test_a_marked_name_as_an_unknown_fields_key_is_masked(example):
    """Hole 14: an unknown field kept for a newer Pykälä, named by the marked name."""
    draft = copy.deepcopy(example)
    draft.item.proposal.reasoning += f"\n\n[{NAME}]{{.personal}}"
    draft.extra["x_note"] = {NAME: 1, f"[{NAME}]{{.personal}} again": 2}
    draft.item.extra["x_other"] = {"plain key": NAME}
    carried = embedded_draft(draft)
    assert leaks(draft) == []
    mask = context.Words(organization(draft.organization), draft.language)("personal_mask")
    assert carried["x_note"] == {mask: 1, f"[{mask}]{{.personal}} again": 2}
    assert carried["item"]["x_other"] == {"plain key": mask}
    # the masked draft still opens as a draft
    assert draftfile.from_json(carried).item.proposal.reasoning.endswith(f"[{mask}]{{.personal}}")
