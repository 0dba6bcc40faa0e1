"""The rich-text subset of DRAFT-FORMAT.md, parsed into plain paragraph blocks.

Paragraphs, `## `/`### ` sub-headings, `- ` and `1. ` lists, `**bold**`, `*italic*`,
`> ` quotations and `[name]{.personal}`. Nothing else is interpreted: `# x`, HTML, links,
entities and template syntax are printed as typed. A single newline inside a paragraph is
kept as a line break, because that is what the person who typed it meant.

The result is plain data (lists of dicts), so the Word writer, the GUI editor and any
future writer share one reading of the text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypedDict

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

# The deepest list level that prints (and that the editor's Tab goes to). Text nested
# deeper is kept, printed at this level; `check` warns about it.
MAX_LIST_LEVEL = 4
# Containers (a list is two: list and item, a quotation one) the parser opens before it
# reads everything deeper as plain paragraphs of the deepest container. markdown-it's own
# limit (maxNesting) instead drops the rest of the text, so it is set far above this.
_BLOCK_NESTING = 20


class Run(TypedDict):
    text: str
    bold: bool
    italic: bool
    personal: bool


class Block(TypedDict):
    style: str  # body | heading3 | heading4 | bullet | number | quote
    runs: list[Run]
    level: int  # list nesting, 1 for top level and for non-list blocks
    marker: str  # "3." for numbered list items, else ""


_PERSONAL = re.compile(r"\[([^\]\n]+)\]\{\.personal\}")
# What a reader takes for the end of a span: `{.personal}`, `{ .personal }`, `{.Personal}`…
_LOOKS_PERSONAL = re.compile(r"\{\s*\.?\s*personal\s*\}", re.IGNORECASE)


def _personal_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = _PERSONAL.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("personal", "", 0)
        token.content = match.group(1)
    state.pos = match.end()
    return True


class _KeepDeepBlocks(ParserBlock):
    """markdown-it's block parser, except that past _BLOCK_NESTING containers the rest is
    read as paragraphs (markers and all) instead of being dropped."""

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
        if state.level < _BLOCK_NESTING:
            super().tokenize(state, startLine, endLine)
            return
        state.env["too_deep"] = True
        paragraph = self.ruler.getRules("")[-1]  # the paragraph rule always matches
        line = startLine
        while line < endLine:
            state.line = line = state.skipEmptyLines(line)
            if line >= endLine or state.sCount[line] < state.blkIndent:
                break
            paragraph(state, line, endLine, False)
            state.tight = False
            line = state.line
            if line < endLine and state.isEmpty(line):
                line += 1
                state.line = line


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero").enable(
        ["heading", "list", "blockquote", "emphasis", "escape", "newline"]
    )
    md.inline.ruler.before("emphasis", "personal", _personal_rule)
    rules = md.block.ruler
    md.block = _KeepDeepBlocks()
    md.block.ruler = rules
    md.options["maxNesting"] = _BLOCK_NESTING * 5
    return md


def _runs(children: list) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    for token in children:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind in ("text", "softbreak", "hardbreak", "personal"):
            text = "\n" if kind.endswith("break") else token.content
            if not text:
                continue
            personal = kind == "personal"
            last = runs[-1] if runs else None
            if (
                last
                and not personal
                and not last["personal"]
                and last["bold"] == bool(bold)
                and last["italic"] == bool(italic)
            ):
                last["text"] += text
            else:
                runs.append(Run(text=text, bold=bool(bold), italic=bool(italic), personal=personal))
    return runs


def parse(text: str) -> list[Block]:
    """Blocks of `text` in reading order; empty text gives no blocks."""
    return _parse(text)[0]


def too_deep(text: str) -> bool:
    """Whether `text` nests lists deeper than MAX_LIST_LEVEL or containers deeper than the
    parser reads: such text prints at the deepest level, not as typed."""
    return _parse(text)[1]


def _parse(text: str) -> tuple[list[Block], bool]:
    if not text or not text.strip():
        return [], False
    env: dict = {}
    tokens = _parser().parse(text, env)
    deep = bool(env.get("too_deep"))
    blocks: list[Block] = []
    lists: list[list] = []  # stack of [ordered, next number]
    quote = 0
    heading = ""
    first_in_item = False
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append([kind == "ordered_list_open", int(token.attrs.get("start", 1) or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            first_in_item = True
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = token.tag
            heading_markup = token.markup
        elif kind == "heading_close":
            heading = ""
        elif kind == "inline":
            runs = _runs(token.children or [])
            style, marker, level = "body", "", 1
            if heading in ("h2", "h3"):
                style = "heading3" if heading == "h2" else "heading4"
            elif heading:
                # Only ## and ### are sub-headings; any other level is printed as typed.
                runs.insert(
                    0, Run(text=heading_markup + " ", bold=False, italic=False, personal=False)
                )
            elif lists:
                ordered, number = lists[-1]
                level = len(lists)
                if level > MAX_LIST_LEVEL:
                    level, deep = MAX_LIST_LEVEL, True
                if first_in_item:
                    style = "number" if ordered else "bullet"
                    if ordered:
                        marker = f"{number}."
                        lists[-1][1] += 1
                else:
                    style = "list_continuation"
                first_in_item = False
            elif quote:
                style = "quote"
            blocks.append(Block(style=style, runs=runs, level=level, marker=marker))
    return blocks, deep


def plain_text(text: str) -> str:
    """The words of `text` without markup, paragraphs separated by blank lines."""
    return "\n\n".join(
        (b["marker"] + " " if b["marker"] else "") + "".join(r["text"] for r in b["runs"])
        for b in parse(text)
    )


def plain_runs(text: str) -> list[Run]:
    """A plain (one-line) field's runs: only `[name]{.personal}` is read, the rest as typed."""
    runs: list[Run] = []
    at = 0
    for match in _PERSONAL.finditer(text):
        if match.start() > at:
            runs.append(
                Run(text=text[at : match.start()], bold=False, italic=False, personal=False)
            )
        runs.append(Run(text=match.group(1), bold=False, italic=False, personal=True))
        at = match.end()
    if at < len(text) or not runs:
        runs.append(Run(text=text[at:], bold=False, italic=False, personal=False))
    return runs


def plain_field(text: str, mask: str | None = None) -> str:
    """A plain field as it prints: spans unmarked, or replaced by `mask` when given."""
    return "".join(mask if mask and r["personal"] else r["text"] for r in plain_runs(text))


def broken_spans(text: str, rich: bool = True) -> list[str]:
    """Pieces of `text` that look like a personal-data span but are not read as one (a line
    break or `]` inside the name, `{ .personal}`, `{.Personal}`): printed as they are, the
    name would show in a public copy."""
    runs = [r for b in parse(text) for r in b["runs"]] if rich else plain_runs(text)
    found = []
    for run in runs:
        if run["personal"]:
            continue
        for match in _LOOKS_PERSONAL.finditer(run["text"]):
            start = max(run["text"].rfind("[", 0, match.start()), match.start() - 40, 0)
            found.append(" ".join(run["text"][start : match.end()].split()))
    return found
