"""The rich-text subset of docs/format.md: parsed into plain paragraph blocks, and written back.

Paragraphs, `## `/`### ` sub-headings, `- ` and `1. ` lists, `**bold**`, `*italic*`,
`> ` quotations and `[name]{.personal}`. Nothing else is interpreted: `# x`, HTML, links,
entities and template syntax are printed as typed. A single newline inside a paragraph is
kept as a line break, because that is what the person who typed it meant.

The result is plain data (lists of dicts), so the Word writer, the GUI editor and any
future writer share one reading of the text. `to_markdown` writes such blocks back as
canonical Markdown that `parse` reads as the same blocks, with the honest exceptions listed
at "Writing" below. No Qt here: the editor only converts between QTextDocument and blocks.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NotRequired, TypedDict

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
    # Printed as a change from the proposal (drafting.changes): underlined or struck through.
    change: NotRequired[Literal["ins", "del"]]


# Every paragraph style a block can have: the parser makes the first seven, the context the
# rest; drafting.render.docx maps each to a style of the template (a test holds them equal).
BlockStyle = Literal[
    "body",
    "heading3",
    "heading4",
    "bullet",
    "number",
    "list_continuation",
    "quote",
    "lines",
    "entry",
    "heading4_compact",
    "heading5",
    "table",
    "signature",
]


class Block(TypedDict):
    style: BlockStyle
    runs: list[Run]
    level: int  # list nesting, 1 for top level and for non-list blocks
    marker: str  # "3." for numbered list items, else ""


# The one definition of a personal-data span, used by everything that reads, writes, masks
# or skips one: exactly `[name]{.personal}`, the name on one line with no `]` in it. Nothing
# else is a span (`{.Personal}`, `{.personal .x}`, `{ .personal }`, an invisible character
# in the braces); `broken_spans` finds those so that `check` refuses them.
_SPAN_REST = r"([^\]\n]+)\]\{\.personal\}"  # what follows the opening "["
PERSONAL = re.compile(r"\[" + _SPAN_REST)  # a span, its name in group 1 (public copies mask it)
# Braces a reader may take for a span's attributes: `{…}` (or `{…` to the end of the text).
_BRACES = re.compile(r"\{([^{}]{0,200})(?:\}|$)")
# Characters that do not show, or show as a space: ignored when judging what braces say.
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me", "Co", "Cn"}


def _skeleton(text: str) -> str:
    """`text` as a reader sees it: compatibility forms folded (full-width letters…), case
    folded, and every invisible or space character left out."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(
        ch
        for ch in folded
        if not ch.isspace() and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
    )


def _looks_like_span(text: str, match: re.Match[str]) -> bool:
    """Braces that mention `personal` in any case or spacing, or any attribute braces
    directly after a `]` (`[Name]{.x}`, `[Name] {#id}`): meant as a span, not read as one."""
    if "personal" in _skeleton(match.group(1)):
        return True
    return _skeleton(text[max(0, match.start() - 20) : match.start()]).endswith("]")


def _personal_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = PERSONAL.match(state.src, state.pos)
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


# The checks ask `too_deep` and `broken_spans` of every rich field after each pause in typing,
# and most have not changed since: their answers are kept for the last texts seen (a few
# dozen: a draft has about a dozen rich fields, and the one being typed in changes).
@lru_cache(maxsize=48)
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
            lists.append([kind == "ordered_list_open", int(token.attrs.get("start", 1))])
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
            style: BlockStyle = "body"
            marker, level = "", 1
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


@dataclass(frozen=True)
class ShownLine:
    """One line of a rich field as its editor shows it (the spelling checker reads these):
    `text` without Markdown markers, emphasis stars or escapes; `offsets[i]` is where its
    character i stands in the field's Markdown, with one more entry where the line ends;
    `personal` holds the (start, end) in `text` of each name marked as personal data."""

    text: str
    offsets: tuple[int, ...]
    personal: tuple[tuple[int, int], ...]


@lru_cache(maxsize=256)  # a spelling round re-reads every field; most did not change
def shown_lines(text: str) -> tuple[ShownLine, ...]:
    """The lines of `text`, read by the same parser as `parse`, each with where its
    characters stand in `text`; lines without a visible character are left out."""
    if not text or not text.strip():
        return ()
    source = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in source), initial=0))
    lines: list[ShownLine] = []
    for token in _parser().parse(text, {}):
        if token.type == "inline" and token.map is not None:
            to_source = _content_offsets(token.content, token.map[0], source, starts)
            lines += _shown_lines_of(token.content, token.children or [], to_source)
    return tuple(lines)


def _content_offsets(content: str, first: int, source: list[str], starts: list[int]) -> list[int]:
    """Where each character of an inline token's `content` (its lines without the block
    markers in front: `> `, `- `, `1. `, `## `) stands in the source, one entry more at the end."""
    offsets: list[int] = []
    for number, line in enumerate(content.split("\n")):
        index = min(first + number, len(source) - 1)
        own, begin = source[index], starts[index]
        stripped = line.lstrip()
        lead = len(line) - len(stripped)
        if own.endswith(stripped):
            at: int | None = len(own) - len(stripped)
        elif own.rstrip().endswith(stripped.rstrip()):
            at = len(own.rstrip()) - len(stripped.rstrip())
        else:
            at = None  # the parser changed the line (a tab inside): find each character
        cursor = 0
        for column, char in enumerate(line):
            if column < lead:
                offsets.append(begin + (at or 0))
            elif at is not None:
                offsets.append(begin + at + column - lead)
            else:
                found = own.find(char, cursor)
                cursor = found + 1 if found >= 0 else cursor
                offsets.append(begin + (found if found >= 0 else cursor))
        offsets.append(begin + len(own))  # the line's end ("\n", or the end of the text)
    return offsets


def _shown_lines_of(content: str, children: list, to_source: list[int]) -> Iterator[ShownLine]:
    chars: list[str] = []
    offsets: list[int] = []
    personal: list[tuple[int, int]] = []
    at = 0  # the next character of `content` not yet read

    def take(index: int, char: str) -> None:
        chars.append(char)
        offsets.append(to_source[index])

    def line() -> ShownLine | None:
        shown = "".join(chars)
        if not shown.strip():
            return None
        return ShownLine(shown, (*offsets, offsets[-1] + 1), tuple(personal))

    for token in children:
        kind = token.type
        if kind == "text":
            for char in token.content:
                found = content.find(char, at)  # past escapes and unpaired markers
                found = found if found >= 0 else at
                take(min(found, len(content)), char)
                at = found + 1
        elif kind == "personal":
            match = PERSONAL.search(content, at)
            begin = len(chars)
            for index, char in enumerate(token.content):
                take(match.start(1) + index if match else at, char)
            personal.append((begin, len(chars)))
            at = match.end() if match else at
        elif kind in ("strong_open", "strong_close", "em_open", "em_close"):
            found = content.find(token.markup, at)
            at = found + len(token.markup) if found >= 0 else at
        elif kind in ("softbreak", "hardbreak"):
            if (shown := line()) is not None:
                yield shown
            chars, offsets, personal = [], [], []
            found = content.find("\n", at)
            at = found + 1 if found >= 0 else at
    if (shown := line()) is not None:
        yield shown


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
    for match in PERSONAL.finditer(text):
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
    if not rich:
        return list(_spans_not_read(plain_runs(text)))
    return list(_rich_broken_spans(text))


@lru_cache(maxsize=48)
def _rich_broken_spans(text: str) -> tuple[str, ...]:
    return _spans_not_read([r for b in parse(text) for r in b["runs"]])


def _spans_not_read(runs: list[Run]) -> tuple[str, ...]:
    found = []
    for run in runs:
        if run["personal"]:
            continue
        text = run["text"]
        for match in _BRACES.finditer(text):
            if _looks_like_span(text, match):
                start = max(text.rfind("[", 0, match.start()), match.start() - 40, 0)
                found.append(" ".join(_visible(text[start : match.end()]).split()))
    return tuple(found)


def _visible(text: str) -> str:
    """`text` with its invisible characters shown as <U+200B>, so a message can say where."""
    return "".join(
        f"<U+{ord(ch):04X}>"
        if unicodedata.category(ch) in ("Cf", "Co", "Cn") or (ch.isspace() and ch not in " \n")
        else ch
        for ch in text
    )


# ----------------------------------------------------------------------------------------
# Writing: blocks as canonical Markdown
#
# `to_markdown` writes one canonical form and checks each paragraph against `parse`, so
# that parse(to_markdown(blocks)) == blocks, with these honest exceptions
# (tests/drafting/test_richtext_roundtrip.py, tests/ui/test_richtext_edit.py):
#
# - bold/italic that CommonMark cannot delimit (e.g. bold `(a)` directly between letters, or
#   bold and italic overlapping with no space between): first the punctuation at the edge of
#   the span, then the smallest stretch that still fails, loses the formatting; the text is
#   never changed and never gets stray `*`;
# - whitespace at the edges of bold/italic is written outside the markers, so it reads as
#   plain text; whitespace at a paragraph's edges and around its line breaks is dropped;
# - a line break at the very edge of a bold/italic span, and spaces before a line break, are
#   dropped (markdown-it keeps those only in backslash line breaks, not part of our subset);
# - a line of only `#` reads as "# " with a trailing space that no Markdown can write back;
# - a paragraph of only no-break spaces reads as a block without text; it is dropped like
#   any empty paragraph (empty headings are kept: "##" reads as one);
# - runs `parse` splits without a formatting change (`# x` gives "# " + "x") come back as one;
# - line breaks in a heading become spaces (a heading is one line in Markdown);
# - `]` and line breaks cannot be inside a personal span (the span syntax forbids them); they
#   are written as ordinary text and split the span;
# - a list_continuation paragraph with no list item before it (only from odd Markdown such
#   as a heading inside a list item) is written as a body paragraph; one deeper than the
#   lists open before it is written at their depth;
# - a list item more than one level deeper than the list before it gets empty parent items
#   ("-"), which read as items without text;
# - list levels beyond MAX_LIST_LEVEL, and list markers, are written as given: a number
#   list continues where the numbers follow on, else starts anew (its `start`);

# Whitespace in CommonMark's sense (flanking rules) and what markdown-it's mdTrim removes.
_MD_WHITESPACE = set("\t\n\v\f\r \u00a0\u1680\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)
}
_MD_TRIM = "\t\n\v\f\r \u00a0\u2028\u2029" + "".join(chr(c) for c in range(0x2000, 0x200B))
_SENTINEL = "\ufdd2"  # marks a text "[" until we know whether it needs a backslash
_SENTINEL_RE = re.compile(_SENTINEL + _SPAN_REST)
_LINE_START = re.compile(r"^(?:[#>]|[-+](?=[ \t]|$)|\d{1,9}(?=[.)](?:[ \t]|$)))")
_HEADING_TAIL = re.compile(r"(?<=[ \t])#+$")
# Characters the writer never emits: images and frame markers are not text; U+2028 and CR
# are line breaks; NUL becomes what markdown-it would make of it.
_TRANSLATE = {
    0xFFFC: None,
    0xFDD0: None,
    0xFDD1: None,
    ord(_SENTINEL): None,
    0x2028: "\n",
    0x2029: "\n",
    0x0D: "\n",
    0x0B: "\n",
    0x00: "\ufffd",
}


@dataclass
class _Atom:
    """Consecutive characters with the same meaning; personal > 0 is a span id."""

    text: str
    bold: bool
    italic: bool
    personal: int


@dataclass
class _OpenList:
    """A Markdown list the writer has open at some level, as the parser will see it."""

    kind: str  # bullet | number
    delimiter: str  # "-" for bullets, "." or ")" for numbers
    next_number: int
    content_column: int


Chars = list[tuple[str, bool, bool, int]]


def to_markdown(blocks: list[Block], pasted: bool = False) -> str:
    """`blocks` (as `parse` gives them) as canonical Markdown of our subset.

    Runs may hold U+2028/U+2029/CR as line breaks and U+FFFC (an object) as nothing. Two
    adjacent personal runs stay two spans. `pasted` is for text from elsewhere (pasted HTML):
    an empty heading is dropped and a list item more than one level deeper than the list
    before it is lifted instead of getting empty parent items.
    """
    parts: list[str] = []
    open_lists: list[_OpenList] = []
    previous_item = False  # was the last thing written a list item line?
    after_placeholder = False
    for block in blocks:
        style = block["style"]
        heading = style.startswith("heading")
        lines = _block_lines(block["runs"], heading)
        if lines is None:
            if not heading or pasted:
                continue
            lines = [""]  # an empty heading is still a heading ("##" reads as one)
        if style in ("bullet", "number"):
            level = max(1, block["level"])
            if pasted:
                level = min(level, len(open_lists) + 1)
            number = list_number(block["marker"]) if style == "number" else 0
            open_lists = open_lists[:level]
            while len(open_lists) < level - 1:  # a missing parent item: write it empty
                column = open_lists[-1].content_column if open_lists else 0
                parts.append(("\n" if previous_item else "\n\n") if parts else "")
                parts.append(" " * column + "-")
                open_lists.append(_OpenList("bullet", "-", 0, column + 2))
                previous_item = after_placeholder = True
            column = open_lists[level - 2].content_column if level >= 2 else 0
            same = open_lists[level - 1] if len(open_lists) >= level else None
            if same and same.kind == style and (style == "bullet" or same.next_number == number):
                separator = "\n" if previous_item else "\n\n"
                delimiter = same.delimiter
            else:
                if same is None:
                    nested_ok = style == "bullet" or number == 1 or after_placeholder
                    separator = "\n" if previous_item and nested_ok else "\n\n"
                else:
                    separator = "\n\n"
                if style == "bullet":
                    delimiter = "-"
                elif same and same.kind == "number":
                    delimiter = ")" if same.delimiter == "." else "."
                else:
                    delimiter = "."
            marker = "-" if style == "bullet" else f"{number}{delimiter}"
            entry = _OpenList(style, delimiter, number + 1, column + len(marker) + 1)
            open_lists[level - 1 :] = [entry]
            text = _indent_lines(lines, " " * column + marker + " ", " " * entry.content_column)
            previous_item = True
        elif style == "list_continuation":
            level = min(block["level"], len(open_lists))
            if level <= 0:
                open_lists = []
                text = "\n".join(lines)
            else:
                open_lists = open_lists[:level]
                pad = " " * open_lists[-1].content_column
                text = _indent_lines(lines, pad, pad)
            separator = "\n\n"
            previous_item = False
        else:
            open_lists = []
            if style == "quote":
                text = _indent_lines(lines, "> ", "> ")
            elif heading:
                text = ("## " if style == "heading3" else "### ") + lines[0]
                text = text.rstrip(" ")
            else:
                text = "\n".join(lines)
            separator = "\n\n"
            previous_item = False
        after_placeholder = False
        parts.append(separator if parts else "")
        parts.append(text)
    return "".join(parts)


def list_number(marker: str) -> int:
    """The number of a numbered item's marker ("3." gives 3; anything odd gives 1)."""
    digits = marker.rstrip(".)")
    return int(digits) if digits.isdigit() else 1


def _indent_lines(lines: list[str], first: str, rest: str) -> str:
    return "\n".join((first if i == 0 else rest) + line for i, line in enumerate(lines))


def _block_lines(runs: list[Run], heading: bool) -> list[str] | None:
    """The runs' inline Markdown as lines, or None when nothing of them would survive."""
    chars: Chars = []
    for span, run in enumerate(runs, start=1):
        text = run["text"].translate(_TRANSLATE)
        if heading:
            text = text.replace("\n", " ")
        personal = span if run["personal"] else 0
        for ch in text:
            # The span syntax cannot hold "]" or a line break: those leave the span.
            chars.append((ch, run["bold"], run["italic"], 0 if ch in "]\n" else personal))
    chars = _normalize(chars)
    if not chars:
        return None
    content = _inline_markdown(chars, heading)
    return content.split("\n")


def _normalize(chars: Chars) -> Chars:
    """Drop the whitespace markdown-it drops: around line breaks and at the paragraph's edges.

    Personal spans are kept whole: `[ x]{.personal}` keeps its space when parsed.
    """
    lines: list[Chars] = [[]]
    breaks: list[tuple[str, bool, bool, int]] = []
    for item in chars:
        if item[0] == "\n":
            breaks.append(item)
            lines.append([])
        else:
            lines[-1].append(item)
    last = len(lines) - 1
    for index, line in enumerate(lines):
        lead = _MD_TRIM if index == 0 else " \t"
        trail = _MD_TRIM if index == last else " "
        start, end = 0, len(line)
        while start < end and line[start][0] in lead and not line[start][3]:
            start += 1
        while end > start and line[end - 1][0] in trail and not line[end - 1][3]:
            end -= 1
        lines[index] = line[start:end]
    while lines and not lines[-1]:  # a line break at the end is dropped by the parser
        lines.pop()
    if not lines:
        return []
    result: Chars = []
    for index, line in enumerate(lines):
        if index:
            result.append(breaks[index - 1])
        result.extend(line)
    return result


def _atoms(chars: Chars) -> list[_Atom]:
    atoms: list[_Atom] = []
    for key, group in itertools.groupby(chars, key=lambda c: c[1:]):
        atoms.append(_Atom("".join(c[0] for c in group), key[0], key[1], key[2]))
    return atoms


def _expected_runs(atoms: list[_Atom]) -> list[tuple[str, bool, bool, bool]]:
    """The runs `parse` gives for a correct writing of `atoms` (it merges as it does)."""
    runs: list[list] = []
    for atom in atoms:
        personal = bool(atom.personal)
        last = runs[-1] if runs else None
        if last and not personal and not last[3] and last[1:3] == [atom.bold, atom.italic]:
            last[0] += atom.text
        else:
            runs.append([atom.text, atom.bold, atom.italic, personal])
    return [tuple(run) for run in runs]


def _escape_text(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\*_":
            out.append("\\" + ch)
        elif ch == "[":
            out.append(_SENTINEL)
        else:
            out.append(ch)
    return "".join(out)


def _atom_markdown(atom: _Atom) -> str:
    if atom.personal:
        return "[" + atom.text + "]{.personal}"
    return _escape_text(atom.text)


def _wrap(content: str, marker: str) -> str:
    """`content` between emphasis markers, with edge whitespace moved outside them."""
    start, end = 0, len(content)
    while start < end and content[start] in _MD_WHITESPACE:
        start += 1
    while end > start and content[end - 1] in _MD_WHITESPACE:
        end -= 1
    if start == end:
        return content
    return content[:start] + marker + content[start:end] + marker + content[end:]


def _nested(atoms: list[_Atom], order: tuple[str, ...], markers: dict[str, str]) -> str:
    if not order:
        return "".join(_atom_markdown(a) for a in atoms)
    attribute, rest = order[0], order[1:]
    out = []
    for flag, group in itertools.groupby(atoms, key=lambda a: getattr(a, attribute)):
        inner = _nested(list(group), rest, markers)
        out.append(_wrap(inner, markers[attribute]) if flag else inner)
    return "".join(out)


def _flat(atoms: list[_Atom]) -> str:
    out = []
    for (bold, italic), group in itertools.groupby(atoms, key=lambda a: (a.bold, a.italic)):
        inner = "".join(_atom_markdown(a) for a in group)
        marker = "*" * ((2 if bold else 0) + (1 if italic else 0))
        out.append(_wrap(inner, marker) if marker else inner)
    return "".join(out)


_CANDIDATES: list[Callable[[list[_Atom]], str]] = [
    lambda a: _nested(a, ("bold", "italic"), {"bold": "**", "italic": "*"}),
    lambda a: _nested(a, ("italic", "bold"), {"bold": "**", "italic": "*"}),
    _flat,
    lambda a: _nested(a, ("bold", "italic"), {"bold": "**", "italic": "_"}),
    lambda a: _nested(a, ("italic", "bold"), {"bold": "**", "italic": "_"}),
    lambda a: _nested(a, ("bold", "italic"), {"bold": "__", "italic": "*"}),
    lambda a: _nested(a, ("italic", "bold"), {"bold": "__", "italic": "*"}),
]


def _finish(text: str, heading: bool) -> str:
    """Escapes that depend on the whole text: line starts, a heading's tail, `[`."""
    lines = [_escape_line_start(line) if line else "\\" for line in text.split("\n")]
    text = "\n".join(lines)  # an empty line inside a paragraph: a hard break ("\\") keeps it
    if heading:
        text = _HEADING_TAIL.sub(lambda m: "\\" + m.group(0), text)
    # A "[" needs its backslash only where our personal-span pattern would start there.
    # Backslashes before other "[" cannot change that, so each one is checked on its own.
    starts = {i for i, ch in enumerate(text) if ch == _SENTINEL and _SENTINEL_RE.match(text, i)}
    return "".join(
        ("\\[" if i in starts else "[") if ch == _SENTINEL else ch for i, ch in enumerate(text)
    )


def _escape_line_start(line: str) -> str:
    """`#`, `>`, `- `, `+ `, `1. `, `1) ` at a line start would start a block: escape them."""
    match = _LINE_START.match(line)
    if not match:
        return line
    if line[0].isdigit():
        return line[: match.end()] + "\\" + line[match.end() :]
    return "\\" + line


def _inline_markdown(chars: Chars, heading: bool) -> str:
    """Inline Markdown for normalized `chars`, checked against `parse`.

    The canonical writing works for nearly everything. Where CommonMark's emphasis rules
    defeat it, each stretch of bold/italic ("island") is written in the longest pieces that
    some other writing gets right; where none does, the punctuation at the edge and then the
    first piece lose their formatting: formatting is given up locally, never written as stray
    asterisks.
    """
    chars = _unformat_edge_whitespace(chars)
    text = _finish(_default_markdown(chars), heading)
    if _reads_as(text, _expected_runs(_atoms(chars))):
        return text
    units: list[tuple[int, int, int]] = []  # (start, end, writing) of solved pieces
    stage = 0
    while True:
        position = units[-1][1] if units else 0
        pending = [(s, e) for s, e in _islands(chars) if e > position]
        if not pending:
            break
        start = max(position, pending[0][0])
        island_end = pending[0][1]
        bounds = _atom_bounds(chars, start, island_end)[:_MAX_PIECE_ATOMS][::-1]
        found = None
        for end in bounds:  # longest piece first
            for writing in range(len(_CANDIDATES)):
                unit = (start, end, writing)
                if _prefix_reads_as(_assemble(chars, [*units, unit], heading), chars, end):
                    found = unit
                    break
            if found:
                break
        if found:
            units.append(found)
            stage = 0
        elif stage == 0:
            chars = _unformat_edge_punctuation(chars, start, island_end)
            stage = 1
        else:
            first = bounds[-1]
            chars[start:first] = [(c, False, False, p) for c, _b, _i, p in chars[start:first]]
            stage = 0
    text = _assemble(chars, units, heading)
    if _reads_as(text, _expected_runs(_atoms(chars))):
        return text
    return _finish(_default_markdown([(c, False, False, p) for c, _b, _i, p in chars]), heading)


_MAX_PIECE_ATOMS = 12  # bounds the search on pathological paragraphs


def _islands(chars: Chars) -> list[tuple[int, int]]:
    """(start, end) character ranges of consecutive bold and/or italic text."""
    islands = []
    start = None
    for i, (_c, bold, italic, _p) in enumerate([*chars, ("", False, False, 0)]):
        if (bold or italic) and start is None:
            start = i
        elif not (bold or italic) and start is not None:
            islands.append((start, i))
            start = None
    return islands


def _atom_bounds(chars: Chars, start: int, end: int) -> list[int]:
    """Ends of the atoms between `start` and `end`, in order."""
    bounds = []
    for i in range(start + 1, end + 1):
        if i == end or chars[i][1:] != chars[i - 1][1:]:
            bounds.append(i)
    return bounds


def _default_markdown(chars: Chars) -> str:
    """The canonical writing, before the escapes of `_finish`."""
    out: list[str] = []
    position = 0
    for start, end in _islands(chars):
        out.extend(_atom_markdown(a) for a in _atoms(chars[position:start]))
        out.append(_CANDIDATES[0](_atoms(chars[start:end])))
        position = end
    out.extend(_atom_markdown(a) for a in _atoms(chars[position:]))
    return "".join(out)


def _assemble(chars: Chars, units: list[tuple[int, int, int]], heading: bool) -> str:
    """Pieces in their chosen writings, everything else canonical."""
    out = []
    position = 0
    for start, end, writing in units:
        out.append(_default_markdown(chars[position:start]))
        out.append(_CANDIDATES[writing](_atoms(chars[start:end])))
        position = end
    out.append(_default_markdown(chars[position:]))
    return _finish("".join(out), heading)


def _reads_as(text: str, expected: list[tuple[str, bool, bool, bool]]) -> bool:
    blocks = parse(text)
    if len(blocks) != 1 or blocks[0]["style"] != "body":
        return False
    runs = [(r["text"], r["bold"], r["italic"], r["personal"]) for r in blocks[0]["runs"]]
    return runs == expected


def _prefix_reads_as(text: str, chars: Chars, end: int) -> bool:
    """Does `text` read as `chars` up to `end` (later islands may still be wrong)?"""
    blocks = parse(text)
    if not blocks or blocks[0]["style"] != "body":
        return False
    got = [
        (ch, r["bold"], r["italic"], r["personal"]) for r in blocks[0]["runs"] for ch in r["text"]
    ]
    want = [(c, b, i, bool(p)) for c, b, i, p in chars]
    return got[: end + 1] == want[: end + 1]


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _unformat_where(chars: Chars, test: Callable[[str], bool], start: int, end: int) -> Chars:
    """Take bold/italic off characters passing `test` at the edges of their spans."""
    result = list(chars)
    for attribute in (1, 2):
        changed = True
        while changed:
            changed = False
            for i in range(start, end):
                item = result[i]
                if not item[attribute] or item[3] or not test(item[0]):
                    continue
                before = i > 0 and result[i - 1][attribute]
                after = i + 1 < len(result) and result[i + 1][attribute]
                if not (before and after):
                    edited = list(item)
                    edited[attribute] = False
                    result[i] = tuple(edited)  # type: ignore[assignment]
                    changed = True
    return result


def _unformat_edge_whitespace(chars: Chars) -> Chars:
    """Spaces at the edges of bold/italic go outside the markers (CommonMark needs it)."""
    return _unformat_where(chars, lambda ch: ch in _MD_WHITESPACE, 0, len(chars))


def _unformat_edge_punctuation(chars: Chars, start: int, end: int) -> Chars:
    return _unformat_edge_whitespace(_unformat_where(chars, _is_punctuation, start, end))
