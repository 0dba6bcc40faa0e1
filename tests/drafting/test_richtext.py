"""The Markdown subset: what is interpreted, and that nothing else is."""

from __future__ import annotations

from drafting.richtext import parse, plain_text


def styles(text):
    return [(b["style"], b["marker"], "".join(r["text"] for r in b["runs"])) for b in parse(text)]


def test_blocks_of_the_subset():
    assert styles("## A\n\n### B\n\np\n\n- x\n- y\n\n3. c\n4. d\n\n> q") == [
        ("heading3", "", "A"),
        ("heading4", "", "B"),
        ("body", "", "p"),
        ("bullet", "", "x"),
        ("bullet", "", "y"),
        ("number", "3.", "c"),
        ("number", "4.", "d"),
        ("quote", "", "q"),
    ]


def test_other_markup_is_printed_as_typed():
    assert styles("# Not a heading") == [("body", "", "# Not a heading")]
    assert styles("#### Neither") == [("body", "", "#### Neither")]
    for literal in (
        "<b>html</b>",
        "[link](http://x)",
        "&amp;",
        "`code`",
        "{{ 7*7 }}",
        "{% if x %}",
        "a_b_c",
    ):
        assert plain_text(literal) == literal


def test_emphasis_and_personal_spans():
    (block,) = parse("**B** *i* [Matti]{.personal} \\*x")
    runs = [(r["text"], r["bold"], r["italic"], r["personal"]) for r in block["runs"]]
    assert runs == [
        ("B", True, False, False),
        (" ", False, False, False),
        ("i", False, True, False),
        (" ", False, False, False),
        ("Matti", False, False, True),
        (" *x", False, False, False),
    ]


def test_a_single_newline_is_a_line_break_and_nested_lists_keep_their_level():
    assert styles("rivi 1\nrivi 2") == [("body", "", "rivi 1\nrivi 2")]
    blocks = parse("- a\n  - b")
    assert [(b["style"], b["level"]) for b in blocks] == [("bullet", 1), ("bullet", 2)]


def test_empty_text_has_no_blocks():
    assert parse("") == [] and parse("  \n\n ") == []
