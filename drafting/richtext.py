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
from markdown_it.rules_inline import StateInline


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


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero").enable(
        ["heading", "list", "blockquote", "emphasis", "escape", "newline"]
    )
    md.inline.ruler.before("emphasis", "personal", _personal_rule)
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
    if not text or not text.strip():
        return []
    tokens = _parser().parse(text)
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
    return blocks


def plain_text(text: str) -> str:
    """The words of `text` without markup, paragraphs separated by blank lines."""
    return "\n\n".join(
        (b["marker"] + " " if b["marker"] else "") + "".join(r["text"] for r in b["runs"])
        for b in parse(text)
    )
