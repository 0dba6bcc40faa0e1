"""How a decision differs from its proposal: word by word, in the check, and in print."""

from __future__ import annotations

import copy

import pytest

from drafting import changes, checks, draftfile
from drafting.render import context
from drafting.render import docx as render_docx
from tests.conftest import EXAMPLE_333, EXAMPLE_885, EXAMPLES
from tests.support.documents import docx_text, every_part

AMENDED = EXAMPLES / "avustus-muutettu-paatos.pykala"


def warnings_about_as_proposed(draft) -> list[str]:
    return [p.message for p in checks.check(draft) if p.path == "item.decision.as_proposed"]


def test_words_are_compared_and_paragraphs_kept():
    paragraphs = changes.compare("A päättää 20 euroa.\n\nToinen.", "A päätti 25 euroa.\n\nToinen.")
    assert paragraphs == [
        [
            ("", "A "),
            ("del", "päättää"),
            ("ins", "päätti"),
            ("", " "),
            ("del", "20"),
            ("ins", "25"),
            ("", " euroa."),
        ],
        [("", "Toinen.")],
    ]


@pytest.mark.parametrize("example", [EXAMPLE_333, EXAMPLE_885], ids=["s333", "s885"])
def test_a_decision_restated_in_the_past_tense_is_as_proposed(example):
    """The references say "päättää merkitä" → "merkitsi": no warning."""
    assert warnings_about_as_proposed(draftfile.load(example)) == []


def test_ticked_as_proposed_with_another_amount_warns_naming_the_words():
    draft = draftfile.load(AMENDED)
    assert warnings_about_as_proposed(draft) == []  # amended and said so
    draft.item.decision.as_proposed = True
    (message,) = warnings_about_as_proposed(draft)
    assert "(20, 25," in message


def test_not_ticked_but_the_same_text_warns():
    draft = copy.deepcopy(draftfile.load(EXAMPLE_885))
    draft.item.decision.as_proposed = False
    (message,) = warnings_about_as_proposed(draft)
    assert "says what the proposal said" in message


def test_the_minutes_print_an_amended_decision_as_changes_in_internal_copies_only():
    draft = draftfile.load(AMENDED)
    shown = render_docx.render(context.build(draft, context.Options(changes=True)))
    xml = every_part(shown)
    assert "<w:strike/>" in xml and '<w:u w:val="single"/>' in xml
    assert "päättää" in docx_text(shown)  # the proposal's word, struck through
    plain = render_docx.render(context.build(draft))
    assert (
        "<w:strike/>" not in every_part(plain)
        and "päättää" not in docx_text(plain).split("Päätösehdotus")[0]
    )
    public = render_docx.render(context.build(draft, context.Options(changes=True, public=True)))
    assert "<w:strike/>" not in every_part(public)
