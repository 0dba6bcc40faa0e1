"""The core reads what it writes: parse(to_markdown(blocks)) == blocks, without Qt.

The generated blocks stay inside what the writer promises (the honest exceptions are listed
at "Writing" in drafting/richtext.py): a bold/italic word is separated from its neighbours by a
space or a line break, so CommonMark can always delimit it; words have no edge whitespace;
headings hold no line breaks; personal names hold no `]` or line break; list levels go at
most one deeper than the list before them. Runs `parse` would merge are merged in the
expectation, since a Block cannot tell them apart.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.richtext import MAX_LIST_LEVEL, Block, Run, parse, to_markdown
from tests.conftest import ROOT
from tests.support.hypothesis_profiles import examples

# Letters, digits and the characters the writer has to escape (or leave alone) somewhere.
_WORD_ALPHABET = "abXY019*_\\[]{}().#>-+!&<`=~|"
_NAME_ALPHABET = "abX1 *_\\[{}().#>-+"
_STYLES = ["body", "heading3", "heading4", "bullet", "number", "list_continuation", "quote"]


@st.composite
def _runs(draw, heading: bool) -> list[Run]:
    runs: list[Run] = []
    previous_plain = False
    for index in range(draw(st.integers(1, 5))):
        bold, italic, personal = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
        if personal:
            text = draw(st.text(alphabet=_NAME_ALPHABET, min_size=1, max_size=5))
        else:
            text = draw(st.text(alphabet=_WORD_ALPHABET, min_size=1, max_size=6))
        plain = not (bold or italic)
        if index:
            separators = [" "] if heading else [" ", "\n"]
            if plain and previous_plain:
                separators.append("")  # plain text and personal spans may touch
            separator = draw(st.sampled_from(separators))
            if separator:
                runs.append(Run(text=separator, bold=False, italic=False, personal=False))
        runs.append(Run(text=text, bold=bold, italic=italic, personal=personal))
        previous_plain = plain
    return runs


@st.composite
def _documents(draw) -> list[Block]:
    blocks: list[Block] = []
    depth = 0  # lists open before the next block
    for _ in range(draw(st.integers(1, 8))):
        style = draw(st.sampled_from(_STYLES))
        if style == "list_continuation" and not depth:
            style = "body"
        level, marker = 1, ""
        if style in ("bullet", "number"):
            level = depth = draw(st.integers(1, min(depth + 1, MAX_LIST_LEVEL)))
            if style == "number":
                number = draw(st.one_of(st.integers(0, 12), st.just(123456789)))
                marker = f"{number}."
        elif style == "list_continuation":
            level = depth = draw(st.integers(1, depth))
        else:
            depth = 0
        runs = draw(_runs(style.startswith("heading")))
        blocks.append(Block(style=style, runs=runs, level=level, marker=marker))
    return blocks


def _as_parsed(blocks: list[Block]) -> list[Block]:
    """`blocks` with adjacent runs of the same formatting merged, as `parse` merges them."""
    result = []
    for block in blocks:
        runs: list[Run] = []
        for run in block["runs"]:
            last = runs[-1] if runs else None
            if (
                last
                and not run["personal"]
                and not last["personal"]
                and (last["bold"], last["italic"]) == (run["bold"], run["italic"])
            ):
                last["text"] += run["text"]
            else:
                runs.append(Run(**run))
        result.append(Block(**{**block, "runs": runs}))
    return result


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_parse_reads_back_what_to_markdown_writes(blocks):
    text = to_markdown(blocks)
    assert parse(text) == _as_parsed(blocks), text
    assert to_markdown(parse(text)) == text  # the canonical form is a fixed point


def test_adjacent_personal_spans_stay_two():
    personal = [Run(text=n, bold=False, italic=False, personal=True) for n in ("a", "b")]
    blocks = [Block(style="body", runs=personal, level=1, marker="")]
    assert to_markdown(blocks) == "[a]{.personal}[b]{.personal}"
    assert parse(to_markdown(blocks)) == blocks


def test_honest_exceptions():
    def body(*runs: tuple[str, bool, bool, bool]) -> list[Block]:
        return [
            Block(
                style="body",
                runs=[Run(text=t, bold=b, italic=i, personal=p) for t, b, i, p in runs],
                level=1,
                marker="",
            )
        ]

    # Edge whitespace of bold goes outside the markers; paragraph edges are trimmed.
    assert to_markdown(body((" a ", True, False, False), ("b", False, False, False))) == "**a** b"
    # Bold that CommonMark cannot delimit: the punctuation at its edge loses the formatting,
    # the text never changes.
    text = to_markdown(
        body(("x", False, False, False), ("(a)", True, False, False), ("y", False, False, False))
    )
    assert text == "x(**a**)y"
    assert parse(text) == body(
        ("x(", False, False, False), ("a", True, False, False), (")y", False, False, False)
    )
    # "]" cannot be inside a personal span: it is written as ordinary text.
    assert parse(to_markdown(body(("a]b", False, False, True))))[0]["runs"] == [
        Run(text="a", bold=False, italic=False, personal=True),
        Run(text="]", bold=False, italic=False, personal=False),
        Run(text="b", bold=False, italic=False, personal=True),
    ]
    # An empty heading is kept; an empty paragraph is dropped.
    empty = Block(style="heading3", runs=[], level=1, marker="")
    assert to_markdown([empty, *body((" ", False, False, False))]) == "##"


@pytest.mark.slow
def test_the_core_reads_and_writes_without_qt():
    code = (
        "import sys\n"
        "from drafting.richtext import parse, to_markdown\n"
        "assert to_markdown(parse('- **a** [b]{.personal}')) == '- **a** [b]{.personal}'\n"
        "assert 'PySide6' not in sys.modules, 'drafting.richtext imported Qt'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
