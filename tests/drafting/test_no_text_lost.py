"""Nothing a user types is lost on the way to the document (issue 10)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from drafting import checks, draftfile, richtext
from drafting.model import Decision, Draft, HandlingEvent, HandlingLine, HistoryEntry
from drafting.render import context
from drafting.render import docx as render_docx
from tests.conftest import EXAMPLE_333
from tests.support.documents import docx_paragraphs, docx_text
from tests.support.hypothesis_profiles import examples


def render(draft: Draft, **options) -> bytes:
    return render_docx.render(context.build(draft, context.Options(**options)))


def nested_list(depth: int) -> str:
    return "\n".join("  " * n + f"- Taso{n}" for n in range(depth)) + "\n\nLoppukappale."


def nested_quote(depth: int) -> str:
    return ">" * depth + " Syvä lainaus\n\nLoppukappale."


def one_line_lists(depth: int) -> str:
    return "- " * depth + "Sisin\n\nLoppukappale."


@pytest.mark.parametrize("depth", [10, 50, 200])
def test_deeply_nested_list_keeps_every_item(depth):
    draft = Draft()
    draft.item.proposal.reasoning = nested_list(depth)
    text = docx_text(render(draft, document="agenda"))
    missing = [n for n in range(depth) if f"Taso{n}" not in text]
    assert not missing
    assert "Loppukappale." in text


@pytest.mark.parametrize("depth", [21, 50, 200, 2000])
@pytest.mark.parametrize("make", [nested_quote, one_line_lists])
def test_deeply_nested_quotation_or_list_markers_keep_their_text(depth, make):
    draft = Draft()
    draft.item.proposal.reasoning = make(depth)
    text = docx_text(render(draft, document="agenda"))
    assert ("Syvä lainaus" in text or "Sisin" in text) and "Loppukappale." in text


def test_lists_deeper_than_the_limit_print_at_the_deepest_level():
    blocks = richtext.parse(nested_list(10))
    assert [b["level"] for b in blocks[:6]] == [1, 2, 3, 4, 4, 4]
    styles = [s for s, t in docx_paragraphs(render(_with_reasoning(nested_list(10))))]
    assert styles.count("ListBullet2") == 9


def _with_reasoning(text: str) -> Draft:
    draft = Draft()
    draft.item.proposal.reasoning = text
    draft.meeting.document = "agenda"
    return draft


@pytest.mark.parametrize("text", [nested_list(6), nested_list(10), nested_quote(30)])
def test_check_warns_about_over_deep_nesting(text):
    draft = copy.deepcopy(draftfile.load(EXAMPLE_333))
    draft.item.proposal.reasoning = text
    problems = [p for p in checks.check(draft) if p.path == "item.proposal.reasoning"]
    assert [p.severity for p in problems] == [checks.WARNING]
    assert str(richtext.MAX_LIST_LEVEL) in problems[0].message


def test_check_is_quiet_about_nesting_that_prints():
    draft = copy.deepcopy(draftfile.load(EXAMPLE_333))
    draft.item.proposal.reasoning = nested_list(richtext.MAX_LIST_LEVEL) + "\n\n" + "> > > x"
    assert not [p for p in checks.check(draft) if p.path == "item.proposal.reasoning"]


# --- the property: every letter typed into any rich field prints ---------------------------

# Letters outside "personal": a span's `{.personal}` vanishes, and so may those letters.
_LETTERS = "bcdfghijkmqtuvwxyzäöBCDFGHIJKMQTUVWXYZÄÖ"
_piece = st.sampled_from(list(_LETTERS + "0123456789 \t\n\\-*_>#[](){}.!`&<")) | st.sampled_from(
    [
        "  ",
        "    ",
        "- ",
        "* ",
        "1. ",
        "3) ",
        "> ",
        "## ",
        "### ",
        "\n\n",
        "**",
        "[Vihdi]{.personal}",
        "{.personal}",
        "{{",
        "{%",
        "{_{",
        "%_}",
        "&amp;",
        "<b>",
        "\n  - ",
        "\n    - ",
        "\n>>> ",
    ]
)
_text = st.lists(_piece, min_size=1, max_size=80).map("".join)

RICH_FIELDS = [
    lambda d: (d.item.proposal, "text"),
    lambda d: (d.item.proposal, "summary"),
    lambda d: (d.item.proposal, "reasoning"),
    lambda d: (d.item.decision, "text"),
    lambda d: (d.item.decision.handling[0], "text"),
    lambda d: (d.item.history[0], "text"),
    lambda d: (d.item.history[0].handling[0], "note"),
]


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha() and ch.lower() not in "personal")


@settings(
    max_examples=examples(50),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(field=st.sampled_from(RICH_FIELDS), text=_text)
def test_every_letter_typed_in_a_rich_field_prints(field, text):
    draft = Draft()
    draft.item.decision = Decision(as_proposed=False, handling=[HandlingEvent(event="note")])
    draft.item.history = [HistoryEntry(body="Kaupunginhallitus", handling=[HandlingLine()])]
    obj, name = field(draft)
    setattr(obj, name, text)
    rendered = _letters(docx_text(render(draft, document="minutes")))
    assert _letters(text) in rendered
