"""A formatted editor for one rich-text field, reading and writing our Markdown subset.

The field's value is Markdown (DRAFT-FORMAT.md, "Rich text"), but people edit formatted text.
Reading goes through `drafting.richtext.parse`, so the editor, the Word writer and every other
reader agree on what a text means. Writing produces one canonical form and checks each
paragraph against `parse`, so that a save and reload changes nothing.

Representation in the QTextDocument:

- body: a plain block; heading3/heading4: `headingLevel` 2/3, displayed bold and larger;
- bullet/number: a QTextList (ListDisc/ListDecimal, indent = level, numbers keep `start`);
- list_continuation: a block with the CONTINUATION property and indent = level;
- quote: `BlockQuoteLevel` 1, a left margin, a tint and a bar painted beside it;
- bold/italic: font weight/italic; inside a heading, where everything is displayed bold, the
  bold *meaning* lives in HEADING_BOLD;
- personal: PERSONAL (+ a span id, so that two adjacent spans stay two), shown with a dotted
  underline on a light background;
- a line break inside a paragraph: U+2028.

Honest exceptions to "what parse reads, markdown() writes back" (tests/ui/test_richtext_edit.py):

- bold/italic that CommonMark cannot delimit (e.g. bold `(a)` directly between letters, or
  bold and italic overlapping with no space between): first the punctuation at the edge of
  the span, then the smallest stretch that still fails, loses the formatting; the text is
  never changed and never gets stray `*`;
- a line break at the very edge of a bold/italic span, and spaces before a line break, are
  dropped (markdown-it keeps those only in backslash line breaks, not part of our subset);
- a line of only `#` reads as "# " with a trailing space that no Markdown can write back;
- a paragraph of only no-break spaces reads as a block without text; it is dropped like
  any empty paragraph;
- runs `parse` splits without a formatting change (`# x` gives "# " + "x") come back as one;
- line breaks in a heading become spaces (a heading is one line in Markdown);
- `]` and line breaks cannot be inside a personal span (the span syntax forbids them); they
  are written as ordinary text and split the span;
- a list_continuation paragraph with no list item before it (only from odd Markdown such
  as a heading inside a list item) is written as a body paragraph.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QMimeData, QPointF, QRectF, QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextList,
    QTextListFormat,
)
from PySide6.QtWidgets import QFrame, QTextEdit, QToolBar, QToolButton, QVBoxLayout, QWidget

from drafting.i18n import _
from drafting.richtext import MAX_LIST_LEVEL, Block, parse
from ui.shortcuts import window_owns

# Our own text-format properties. Qt keeps them in the document, in fragments copied between
# documents, but not in HTML: copy and paste inside the program therefore carries Markdown.
PERSONAL = int(QTextFormat.Property.UserProperty) + 1  # char: personal data
PERSONAL_ID = int(QTextFormat.Property.UserProperty) + 2  # char: keeps adjacent spans apart
HEADING_BOLD = int(QTextFormat.Property.UserProperty) + 3  # char: bold meant inside a heading
HEADING_DISPLAY = int(QTextFormat.Property.UserProperty) + 4  # char: styled as heading text
CONTINUATION = int(QTextFormat.Property.UserProperty) + 5  # block: list continuation paragraph
QUOTE_LEVEL = int(QTextFormat.Property.BlockQuoteLevel)
FONT_SIZE_ADJUSTMENT = int(QTextFormat.Property.FontSizeAdjustment)

MARKDOWN_MIME = "application/x-pykala-markdown"
LINE_SEPARATOR = "\u2028"

_QUOTE_MARGIN = 18.0
_QUOTE_BAR = QColor("#8aa4c8")
_QUOTE_TINT = QColor("#f0f4fa")
_PERSONAL_TINT = QColor("#fff2c0")
_PERSONAL_LINE = QColor("#9a7400")

_BOLD = QFont.Weight.Bold
_NORMAL = QFont.Weight.Normal
_HEADING_SIZE = {2: 1, 3: 0}  # Qt heading level -> FontSizeAdjustment
_NUMBERED = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}

# Whitespace in CommonMark's sense (flanking rules) and what markdown-it's mdTrim removes.
_MD_WHITESPACE = set("\t\n\v\f\r \u00a0\u1680\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)
}
_MD_TRIM = "\t\n\v\f\r \u00a0\u2028\u2029" + "".join(chr(c) for c in range(0x2000, 0x200B))
_SENTINEL = "\ufdd2"  # marks a text "[" until we know whether it needs a backslash
_SENTINEL_RE = re.compile(_SENTINEL + r"([^\]\n]+)\]\{\.personal\}")
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
_personal_ids = itertools.count(1)


# ----------------------------------------------------------------------------------------
# Formats


def is_bold(fmt: QTextCharFormat) -> bool:
    """Bold as meant by the writer: in headings the display weight says nothing."""
    if fmt.boolProperty(HEADING_DISPLAY):
        return fmt.boolProperty(HEADING_BOLD)
    return fmt.fontWeight() >= 600


def is_personal(fmt: QTextCharFormat) -> bool:
    return fmt.boolProperty(PERSONAL)


def _set_bold(fmt: QTextCharFormat, on: bool) -> QTextCharFormat:
    if fmt.boolProperty(HEADING_DISPLAY):
        fmt.setProperty(HEADING_BOLD, on)
    else:
        fmt.setFontWeight(_BOLD if on else _NORMAL)
    return fmt


def _set_italic(fmt: QTextCharFormat, on: bool) -> QTextCharFormat:
    fmt.setFontItalic(on)
    return fmt


def _set_personal(fmt: QTextCharFormat, span: int) -> QTextCharFormat:
    """Mark as personal data (span > 0) or unmark (span == 0), with its visible style."""
    if span:
        fmt.setProperty(PERSONAL, True)
        fmt.setProperty(PERSONAL_ID, span)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(_PERSONAL_LINE)
        fmt.setBackground(_PERSONAL_TINT)
    else:
        for prop in (PERSONAL, PERSONAL_ID):
            fmt.clearProperty(prop)
        fmt.clearProperty(QTextFormat.Property.TextUnderlineStyle)
        fmt.clearProperty(QTextFormat.Property.TextUnderlineColor)
        fmt.clearProperty(QTextFormat.Property.FontUnderline)
        fmt.clearBackground()
    return fmt


def _set_heading_display(fmt: QTextCharFormat, heading_level: int) -> QTextCharFormat:
    """Show text as heading text (Qt heading level 2/3) or as body text (0), keeping bold."""
    if heading_level:
        if not fmt.boolProperty(HEADING_DISPLAY):
            fmt.setProperty(HEADING_BOLD, fmt.fontWeight() >= 600)
            fmt.setProperty(HEADING_DISPLAY, True)
        fmt.setFontWeight(_BOLD)
        fmt.setProperty(FONT_SIZE_ADJUSTMENT, _HEADING_SIZE.get(heading_level, 0))
    elif fmt.boolProperty(HEADING_DISPLAY):
        fmt.setFontWeight(_BOLD if fmt.boolProperty(HEADING_BOLD) else _NORMAL)
        fmt.clearProperty(HEADING_DISPLAY)
        fmt.clearProperty(HEADING_BOLD)
        fmt.clearProperty(FONT_SIZE_ADJUSTMENT)
    return fmt


def _styled_block_format(base: QTextBlockFormat, style: str, level: int = 1) -> QTextBlockFormat:
    """`base` restyled as one of our block styles ("list" for list items), list link kept."""
    fmt = QTextBlockFormat(base)
    fmt.setHeadingLevel({"heading3": 2, "heading4": 3}.get(style, 0))
    fmt.setTopMargin(8 if style.startswith("heading") else 0)
    fmt.setBottomMargin(2 if style in ("list", "continuation") else 6)
    fmt.setIndent(level if style == "continuation" else 0)
    if style == "continuation":
        fmt.setProperty(CONTINUATION, True)
    else:
        fmt.clearProperty(CONTINUATION)
    if style == "quote":
        fmt.setProperty(QUOTE_LEVEL, 1)
        fmt.setLeftMargin(_QUOTE_MARGIN)
        fmt.setBackground(_QUOTE_TINT)
    else:
        fmt.clearProperty(QUOTE_LEVEL)
        fmt.setLeftMargin(0)
        fmt.clearBackground()
    if style != "list":
        fmt.clearProperty(QTextFormat.Property.ObjectIndex)
    return fmt


def _text_list(block: QTextBlock) -> QTextList | None:
    """The block's list. Not `block.textList()`: in PySide 6.12 each call that finds no list
    takes a reference from None, and Python 3.11 aborts once None's count runs out."""
    index = block.blockFormat().objectIndex()
    if index < 0:
        return None
    found = block.document().object(index)
    return found if isinstance(found, QTextList) else None


def _list_kind(block: QTextBlock) -> str:
    """'bullet', 'number' or '' for a block that is not a list item."""
    lst = _text_list(block)
    if lst is None:
        return ""
    return "number" if lst.format().style() in _NUMBERED else "bullet"


def _list_level(block: QTextBlock) -> int:
    lst = _text_list(block)
    return max(1, lst.format().indent()) if lst is not None else 0


def _is_quote(block: QTextBlock) -> bool:
    return block.blockFormat().intProperty(QUOTE_LEVEL) > 0


def _is_continuation(block: QTextBlock) -> bool:
    return block.blockFormat().boolProperty(CONTINUATION)


def _new_list_format(kind: str, level: int, start: int = 1) -> QTextListFormat:
    fmt = QTextListFormat()
    fmt.setStyle(
        QTextListFormat.Style.ListDecimal if kind == "number" else QTextListFormat.Style.ListDisc
    )
    fmt.setIndent(level)
    fmt.setStart(start)
    return fmt


# ----------------------------------------------------------------------------------------
# Reading: blocks from drafting.richtext.parse into a QTextDocument


def fill_document(doc: QTextDocument, text: str) -> None:
    """Append the Markdown `text` to an empty `doc`, formatted (see the module docstring)."""
    _fill(doc, parse(text))


def _fill(doc: QTextDocument, blocks: list[Block]) -> None:
    cursor = QTextCursor(doc)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    open_lists: dict[int, tuple[QTextList, str, int]] = {}  # level -> (list, kind, next)
    for index, block in enumerate(blocks):
        style = block["style"]
        level = max(1, block["level"])
        if style in ("bullet", "number"):
            block_style = "list"
        elif style == "list_continuation":
            block_style = "continuation"
        else:
            block_style = style
        heading = {"heading3": 2, "heading4": 3}.get(style, 0)
        fmt = _styled_block_format(QTextBlockFormat(), block_style, level)
        after_list = index and blocks[index - 1]["style"] in ("bullet", "number")
        if after_list and block_style not in ("list", "continuation"):
            fmt.setTopMargin(max(fmt.topMargin(), 6))
        char_fmt = _set_heading_display(QTextCharFormat(), heading)
        if index == 0:
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(char_fmt)
        else:
            cursor.insertBlock(fmt, char_fmt)
        if style in ("bullet", "number"):
            number = _marker_number(block["marker"]) if style == "number" else 0
            for deeper in [k for k in open_lists if k > level]:
                del open_lists[deeper]
            current = open_lists.get(level)
            if current and current[1] == style and (style == "bullet" or current[2] == number):
                current[0].add(cursor.block())
                lst = current[0]
            else:
                lst = cursor.createList(_new_list_format(style, level, number or 1))
                if level == 1 and index and blocks[index - 1]["style"] in ("bullet", "number"):
                    spaced = cursor.blockFormat()  # two lists in a row: show that they are two
                    spaced.setTopMargin(8)
                    cursor.setBlockFormat(spaced)
            open_lists[level] = (lst, style, number + 1)
        elif style == "list_continuation":
            for deeper in [k for k in open_lists if k > level]:
                del open_lists[deeper]
        else:
            open_lists.clear()
        for run in block["runs"]:
            text = run["text"]
            if heading:
                text = text.replace("\n", " ")
            fmt_run = QTextCharFormat()
            _set_bold(fmt_run, run["bold"])
            _set_italic(fmt_run, run["italic"])
            _set_heading_display(fmt_run, heading)
            if run["personal"]:
                _set_personal(fmt_run, next(_personal_ids))
            cursor.insertText(text.replace("\n", LINE_SEPARATOR), fmt_run)


def _marker_number(marker: str) -> int:
    digits = marker.rstrip(".)")
    return int(digits) if digits.isdigit() else 1


# ----------------------------------------------------------------------------------------
# Writing: a QTextDocument as canonical Markdown


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


def document_markdown(doc: QTextDocument, foreign: bool = False) -> str:
    """`doc` as canonical Markdown of our subset.

    `foreign` is for documents loaded from pasted HTML: only paragraphs, headings, lists, bold
    and italic count there (a heading's bold is the heading's look, not emphasis).
    """
    parts: list[str] = []
    open_lists: list[_OpenList] = []
    previous_item = False  # was the last thing written a list item line?
    after_placeholder = False
    block = doc.begin()
    while block.isValid():
        current, block = block, block.next()
        heading = current.blockFormat().headingLevel()
        kind = _list_kind(current)
        if heading and not kind:
            style = "heading3" if heading <= 2 else "heading4"
        elif kind:
            style = kind
        elif _is_continuation(current) and not foreign:
            style = "continuation"
        elif _is_quote(current) and not foreign:
            style = "quote"
        else:
            style = "body"
        lines = _block_lines(current, style.startswith("heading"), foreign)
        if lines is None:
            if not style.startswith("heading") or foreign:
                continue
            lines = [""]  # an empty heading is still a heading ("##" reads as one)
        if style in ("bullet", "number"):
            level = _list_level(current)
            if foreign:
                level = min(level, len(open_lists) + 1)
            number = 0
            if style == "number":
                lst = _text_list(current)
                number = max(0, lst.format().start()) + lst.itemNumber(current)
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
        elif style == "continuation":
            level = min(current.blockFormat().indent(), len(open_lists))
            if level == 0:
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
            elif style.startswith("heading"):
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


def _indent_lines(lines: list[str], first: str, rest: str) -> str:
    return "\n".join((first if i == 0 else rest) + line for i, line in enumerate(lines))


def _block_lines(block: QTextBlock, heading: bool, foreign: bool) -> list[str] | None:
    """The block's inline Markdown as lines, or None when nothing of it would survive."""
    chars: Chars = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        if not fragment.isValid():
            continue
        fmt = fragment.charFormat()
        bold = False if (foreign and heading) else is_bold(fmt)
        italic = fmt.fontItalic()
        span = 0
        if not foreign and is_personal(fmt):
            span = fmt.intProperty(PERSONAL_ID) or -1
        text = fragment.text().translate(_TRANSLATE)
        if heading:
            text = text.replace("\n", " ")
        for ch in text:
            # The span syntax cannot hold "]" or a line break: those leave the span.
            chars.append((ch, bold, italic, 0 if ch in "]\n" else span))
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
    out = []
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


def html_to_markdown(html: str) -> str:
    """Pasted HTML reduced to our subset: paragraphs, headings, lists, bold and italic."""
    scratch = _ScratchDocument()
    scratch.setHtml(html)
    _paragraphs_at_blank_lines(scratch)
    return document_markdown(scratch, foreign=True)


def _paragraphs_at_blank_lines(doc: QTextDocument) -> None:
    """Web pages separate paragraphs with <br><br>: a blank line inside a paragraph becomes
    a paragraph break, as the print would show no blank line there."""
    blank = QRegularExpression(LINE_SEPARATOR + "[\\s" + LINE_SEPARATOR + "]*" + LINE_SEPARATOR)
    cursor = doc.find(blank, 0)
    while not cursor.isNull():
        cursor.removeSelectedText()
        cursor.insertBlock()
        cursor = doc.find(blank, cursor.position())


class _ScratchDocument(QTextDocument):
    """A document for pasted HTML that never loads images or other resources."""

    def loadResource(self, kind: int, name) -> object:  # noqa: ARG002 - Qt's signature
        return None


# ----------------------------------------------------------------------------------------
# The editor


class RichTextEdit(QTextEdit):
    """Formatted editing of one rich-text field; `markdown()` is the field's value.

    The document's own undo stack stays enabled (the main window mirrors
    `document().undoCommandAdded`), but Ctrl+Z/Ctrl+Y are left to the window's shortcuts.
    """

    #: The user changed the text or its formatting (not emitted by `set_markdown`).
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        # Personal-data marking switched on for what is typed next (no selection, no word):
        # typing then extends the span. Otherwise text typed at a span's end is not part of
        # it, as text typed after a link is not part of the link.
        self._personal_typing = False
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)  # Tab changes list levels; see keyPressEvent
        self.document().setDocumentMargin(6)
        self.document().contentsChanged.connect(self._contents_changed)
        self._actions: list[QAction] = []
        self._texts: list[tuple[QAction, Callable[[], tuple[str, str]]]] = []
        # (name, short label) as functions: texts are set again when the language changes.
        self.action_bold = self._action(lambda: (_("Bold"), _("B")), "Ctrl+B", self.toggle_bold)
        self.action_italic = self._action(
            lambda: (_("Italic"), _("I")), "Ctrl+I", self.toggle_italic
        )
        self.action_heading3 = self._action(
            lambda: (_("Sub-heading"), _("Heading")), "Ctrl+Alt+2", lambda: self.toggle_heading(3)
        )
        self.action_heading4 = self._action(
            lambda: (_("Minor sub-heading"), _("Subheading")),
            "Ctrl+Alt+3",
            lambda: self.toggle_heading(4),
        )
        self.action_bullets = self._action(
            lambda: (_("Bulleted list"), _("• List")),
            "Ctrl+Shift+8",
            lambda: self.toggle_list("bullet"),
        )
        self.action_numbers = self._action(
            lambda: (_("Numbered list"), _("1. List")),
            "Ctrl+Shift+7",
            lambda: self.toggle_list("number"),
        )
        self.action_quote = self._action(
            lambda: (_("Quotation"), _("“ Quote")), "Ctrl+Shift+.", self.toggle_quote
        )
        self.action_personal = self._action(
            lambda: (_("Mark as personal data"), _("Personal")),
            "Ctrl+Shift+P",
            self.toggle_personal,
        )
        self.cursorPositionChanged.connect(self._refresh_actions)
        self.currentCharFormatChanged.connect(self._refresh_actions)
        self._refresh_actions()

    # -- value --------------------------------------------------------------------------

    def set_markdown(self, text: str) -> None:
        """Show `text`; no undo history and no `edited`, since nothing was edited."""
        doc = self.document()
        self._loading = True
        doc.setUndoRedoEnabled(False)
        try:
            doc.clear()
            fill_document(doc, text)
        finally:
            doc.setUndoRedoEnabled(True)
            doc.clearUndoRedoStacks()
            self._loading = False
        cursor = QTextCursor(doc)
        self.setTextCursor(cursor)
        self._refresh_actions()

    def markdown(self) -> str:
        """The field's value: canonical Markdown of our subset."""
        return document_markdown(self.document())

    def insert_markdown(self, text: str, cursor: QTextCursor | None = None) -> None:
        """Insert formatted `text` at `cursor` (default: the editor's) as one undo step."""
        cursor = cursor or self.textCursor()
        scratch = QTextDocument()
        fill_document(scratch, text)
        if scratch.isEmpty():
            return
        cursor.beginEditBlock()
        start = cursor.selectionStart()
        cursor.insertFragment(QTextDocumentFragment(scratch))
        _sync_heading_display(self.document(), start, cursor.position())
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    # -- paste and copy -----------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasFormat(MARKDOWN_MIME) or source.hasHtml() or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Every paste and drop: our own Markdown, else filtered HTML, else plain text."""
        if source.hasFormat(MARKDOWN_MIME):
            text = bytes(source.data(MARKDOWN_MIME).data()).decode("utf-8", "replace")
            self.insert_markdown(text)
        elif source.hasHtml():
            self.insert_markdown(html_to_markdown(source.html()))
        elif source.hasText():
            self.insert_plain_text(source.text())
        self.ensureCursorVisible()

    def insert_plain_text(self, text: str) -> None:
        """Plain text as typed: a newline starts a paragraph, a vertical tab breaks a line.

        Blank lines between paragraphs (as e-mail and text files separate them) are one
        paragraph break: the print has no empty paragraphs, so the editor shows none.
        """
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", LINE_SEPARATOR)
        text = re.sub("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]", "", text)
        text = re.sub("\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+", "\n", text)
        self.textCursor().insertText(text)

    def createMimeDataFromSelection(self) -> QMimeData:
        """Qt's text and HTML for other programs, plus Markdown for ourselves.

        (Qt's own QMimeData here has a fixed list of formats and ignores setData.)
        """
        qt_data = super().createMimeDataFromSelection()
        data = QMimeData()
        for kind in ("text/plain", "text/html"):
            if qt_data.hasFormat(kind):
                data.setData(kind, qt_data.data(kind))
        scratch = QTextDocument()
        QTextCursor(scratch).insertFragment(self.textCursor().selection())
        data.setData(MARKDOWN_MIME, document_markdown(scratch).encode("utf-8"))
        return data

    # -- actions ------------------------------------------------------------------------

    def actions_for_toolbar(self) -> list[QAction]:
        """The formatting actions, in toolbar order."""
        return list(self._actions)

    def _action(
        self, texts: Callable[[], tuple[str, str]], shortcut: str, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(True)
        action.triggered.connect(lambda _checked=False: (slot(), self._refresh_actions()))
        self.addAction(action)
        self._actions.append(action)
        self._texts.append((action, texts))
        self._set_texts(action, texts)
        return action

    @staticmethod
    def _set_texts(action: QAction, texts: Callable[[], tuple[str, str]]) -> None:
        text, short = texts()
        action.setText(text)
        action.setIconText(short)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({keys})")
        action.setStatusTip(action.toolTip())

    def retranslate(self) -> None:
        """Set the actions' texts again in the current interface language."""
        for action, texts in self._texts:
            self._set_texts(action, texts)

    def toggle_bold(self) -> None:
        self._toggle_char(is_bold, _set_bold)

    def toggle_italic(self) -> None:
        self._toggle_char(lambda f: f.fontItalic(), _set_italic)

    def toggle_personal(self) -> None:
        def apply(fmt: QTextCharFormat, on: bool) -> QTextCharFormat:
            return _set_personal(fmt, span if on else 0)

        span = next(_personal_ids)
        self._toggle_char(is_personal, apply)
        self._personal_typing = self._format_target() is None and is_personal(
            self.currentCharFormat()
        )

    def _typing_format(self) -> None:
        """Before a typed character: outside a personal span it is not personal."""
        if self._personal_typing or not is_personal(self.currentCharFormat()):
            return
        cursor = self.textCursor()
        doc = self.document()
        before = QTextCursor(doc)
        before.setPosition(cursor.selectionStart())
        after = QTextCursor(doc)
        after.setPosition(cursor.selectionEnd())
        inside = not after.atBlockEnd()
        if inside:
            after.movePosition(QTextCursor.MoveOperation.NextCharacter)
            span = before.charFormat().property(PERSONAL_ID)
            inside = (
                is_personal(after.charFormat()) and after.charFormat().property(PERSONAL_ID) == span
            )
        if not inside:
            self.setCurrentCharFormat(_set_personal(QTextCharFormat(self.currentCharFormat()), 0))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._personal_typing = False
        super().mousePressEvent(event)

    def toggle_heading(self, markdown_level: int) -> None:
        """3 = `##` sub-heading, 4 = `###`; again on the same kind turns it off."""
        style = "heading3" if markdown_level == 3 else "heading4"
        qt_level = 2 if markdown_level == 3 else 3
        blocks = self._selected_blocks()
        on = not all(b.blockFormat().headingLevel() == qt_level for b in blocks)
        self._restyle(blocks, style if on else "body")

    def toggle_list(self, kind: str) -> None:
        """Make the selected paragraphs items of a bulleted/numbered list, or plain again."""
        blocks = self._selected_blocks()
        if all(_list_kind(b) == kind for b in blocks):
            self._restyle(blocks, "body")
            return
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        self._restyle(blocks, "list", cursor)
        previous = blocks[0].previous()
        target = None
        if previous.isValid() and _list_kind(previous) == kind and _list_level(previous) == 1:
            target = _text_list(previous)
        for block in blocks:
            if target is None:
                target = QTextCursor(block).createList(_new_list_format(kind, 1))
            elif _text_list(block) != target:
                target.add(block)
        cursor.endEditBlock()

    def toggle_quote(self) -> None:
        blocks = self._selected_blocks()
        on = not all(_is_quote(b) and not _text_list(b) for b in blocks)
        self._restyle(blocks, "quote" if on else "body")

    def change_list_level(self, delta: int) -> bool:
        """Tab/Shift+Tab in a list: one level deeper or shallower. False if not in a list."""
        blocks = [b for b in self._selected_blocks() if _text_list(b) is not None]
        if not blocks:
            return False
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for block in blocks:
            lst = _text_list(block)
            level = _list_level(block)
            # Deeper than MAX_LIST_LEVEL would print at that level anyway: stop there.
            new_level = min(max(1, level + delta), max(level, MAX_LIST_LEVEL))
            previous = block.previous()
            parent_level = _list_level(previous) if previous.isValid() else 0
            if new_level == level or new_level > parent_level + 1:
                continue  # no deeper than one below the item before it
            target = None
            probe = previous
            while probe.isValid() and _text_list(probe) is not None:
                if _list_level(probe) == new_level:
                    if _text_list(probe).format().style() == lst.format().style():
                        target = _text_list(probe)
                    break
                if _list_level(probe) < new_level:
                    break
                probe = probe.previous()
            if target is not None:
                target.add(block)
            else:
                fmt = QTextListFormat(lst.format())
                fmt.setIndent(new_level)
                fmt.setStart(1)
                QTextCursor(block).createList(fmt)
        cursor.endEditBlock()
        return True

    def _toggle_char(
        self,
        test: Callable[[QTextCharFormat], bool],
        apply: Callable[[QTextCharFormat, bool], QTextCharFormat],
    ) -> None:
        cursor = self._format_target()
        if cursor is None:  # formatting for what is typed next
            fmt = QTextCharFormat(self.currentCharFormat())
            self.setCurrentCharFormat(apply(fmt, not test(fmt)))
            return
        ranges = list(_char_ranges(cursor))
        on = not all(test(fmt) for _s, _e, fmt in ranges)
        _edit_ranges(self.document(), ranges, lambda f: apply(f, on))

    def _format_target(self) -> QTextCursor | None:
        """The selection, or the word the cursor is inside (as word processors do)."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return cursor
        doc = self.document()
        pos = cursor.position()
        if cursor.atBlockStart() or cursor.atBlockEnd():
            return None
        before, after = doc.characterAt(pos - 1), doc.characterAt(pos)
        if not (_word_char(before) and _word_char(after)):
            return None
        word = QTextCursor(cursor)
        word.select(QTextCursor.SelectionType.WordUnderCursor)
        return word if word.hasSelection() else None

    def _selected_blocks(self) -> list[QTextBlock]:
        cursor = self.textCursor()
        doc = self.document()
        block = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        blocks = [block]
        while block != last and block.isValid():
            block = block.next()
            blocks.append(block)
        return [b for b in blocks if b.isValid()]

    def _restyle(
        self, blocks: list[QTextBlock], style: str, outer: QTextCursor | None = None
    ) -> None:
        cursor = outer or QTextCursor(self.document())
        if outer is None:
            cursor.beginEditBlock()
        for block in blocks:
            lst = _text_list(block)
            if lst is not None and style != "list":
                lst.remove(block)
            edit = QTextCursor(block)
            edit.setBlockFormat(_styled_block_format(block.blockFormat(), style))
            _sync_heading_display(self.document(), block.position(), block.position())
        if outer is None:
            cursor.endEditBlock()

    def _refresh_actions(self) -> None:
        """Checked states follow the text at the cursor."""
        if self._loading:
            return
        fmt = self.currentCharFormat()
        block = self.textCursor().block()
        heading = block.blockFormat().headingLevel()
        kind = _list_kind(block)
        states = {
            self.action_bold: is_bold(fmt),
            self.action_italic: fmt.fontItalic(),
            self.action_heading3: heading == 2,
            self.action_heading4: heading == 3,
            self.action_bullets: kind == "bullet",
            self.action_numbers: kind == "number",
            self.action_quote: _is_quote(block) and not kind,
            self.action_personal: is_personal(fmt),
        }
        for action, state in states.items():
            if action.isChecked() != bool(state):
                action.setChecked(bool(state))

    def _contents_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    # -- keys ---------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # QTextEdit claims Ctrl+Z/Ctrl+Y (and Ctrl+E on X11) before shortcuts run; give
        # them to the window.
        if event.type() == QEvent.Type.ShortcutOverride and window_owns(event):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if window_owns(event):
            event.ignore()
            return
        key = event.key()
        typed = event.text()
        control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if typed and typed.isprintable() and not event.modifiers() & control:
            self._typing_format()
        elif key not in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
            self._personal_typing = False  # the cursor moves on, or a paragraph ends
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        cursor = self.textCursor()
        block = cursor.block()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._enter(event, cursor, block):
            return
        at_item_start = (
            not cursor.hasSelection() and cursor.atBlockStart() and _text_list(block) is not None
        )
        if (
            key == Qt.Key.Key_Backspace
            and modifiers == Qt.KeyboardModifier.NoModifier
            and at_item_start
        ):
            if _list_level(block) > 1:  # like a word processor: first a level up
                self.change_list_level(-1)
            else:
                self._restyle([block], "body")
            self._refresh_actions()
            return
        if key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.NoModifier:
            if not self.change_list_level(+1):
                QWidget.focusNextPrevChild(self, True)
            return
        if key == Qt.Key.Key_Backtab or (
            key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.ShiftModifier
        ):
            if not (_text_list(block) and self.change_list_level(-1)):
                QWidget.focusNextPrevChild(self, False)
            return
        super().keyPressEvent(event)

    def _enter(self, event: QKeyEvent, cursor: QTextCursor, block: QTextBlock) -> bool:
        """Word-processor Enter: leave an empty list item or quote; after a heading, body."""
        if cursor.hasSelection():
            return False
        heading = block.blockFormat().headingLevel()
        if not block.text() and (_text_list(block) or _is_quote(block) or _is_continuation(block)):
            if _text_list(block) and _list_level(block) > 1:
                self.change_list_level(-1)
            else:
                self._restyle([block], "body")
            self._refresh_actions()
            return True
        if heading:  # no line breaks in headings; at the end, a body paragraph follows
            if cursor.atBlockEnd():
                fmt = _styled_block_format(block.blockFormat(), "body")
                char_fmt = _set_heading_display(QTextCharFormat(self.currentCharFormat()), 0)
                cursor.insertBlock(fmt, char_fmt)
            else:
                cursor.insertBlock()
            self.setTextCursor(cursor)
            return True
        return False

    # -- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt draws the quote's tint; the bar beside it makes a quotation recognisable."""
        super().paintEvent(event)
        layout = self.document().documentLayout()
        offset = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        painter = QPainter(self.viewport())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_QUOTE_BAR)
        height = self.viewport().height()
        block = self.document().begin()
        while block.isValid():
            if _is_quote(block) and not _text_list(block):
                rect = layout.blockBoundingRect(block).translated(offset)
                if rect.bottom() >= 0 and rect.top() <= height:  # rect is the text's own
                    left = rect.left() + block.blockFormat().leftMargin() - 8
                    painter.drawRect(QRectF(left, rect.top(), 3, rect.height()))
            block = block.next()
        painter.end()


def _word_char(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch in "-'’")


def _char_ranges(cursor: QTextCursor) -> Iterator[tuple[int, int, QTextCharFormat]]:
    """(start, end, format) of every fragment piece inside the cursor's selection."""
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    block = cursor.document().findBlock(start)
    while block.isValid() and block.position() < end:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            s = max(start, fragment.position())
            e = min(end, fragment.position() + fragment.length())
            if s < e:
                yield s, e, QTextCharFormat(fragment.charFormat())
        block = block.next()


def _edit_ranges(
    doc: QTextDocument,
    ranges: list[tuple[int, int, QTextCharFormat]],
    change: Callable[[QTextCharFormat], QTextCharFormat],
) -> None:
    """Set changed formats on collected ranges as one undo step."""
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for start, end, fmt in ranges:
        edit = QTextCursor(doc)
        edit.setPosition(start)
        edit.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        edit.setCharFormat(change(fmt))
    cursor.endEditBlock()


def _sync_heading_display(doc: QTextDocument, start: int, end: int) -> None:
    """Make the blocks from `start` to `end` look like what they are (heading or not)."""
    block = doc.findBlock(start)
    last = doc.findBlock(end)
    while block.isValid():
        level = block.blockFormat().headingLevel() if not _text_list(block) else 0
        wanted = _HEADING_SIZE.get(level, 0) if level else None
        ranges = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            fmt = fragment.charFormat()
            shown = fmt.boolProperty(HEADING_DISPLAY)
            size = fmt.intProperty(FONT_SIZE_ADJUSTMENT)
            if shown != bool(level) or (level and size != wanted):
                s, e = fragment.position(), fragment.position() + fragment.length()
                ranges.append((s, e, QTextCharFormat(fmt)))
        if ranges:
            _edit_ranges(doc, ranges, lambda f, lv=level: _set_heading_display(f, lv))
        edit = QTextCursor(block)
        char_fmt = _set_heading_display(QTextCharFormat(block.charFormat()), level)
        if char_fmt != block.charFormat():
            edit.setBlockCharFormat(char_fmt)
        if block == last:
            break
        block = block.next()


# ----------------------------------------------------------------------------------------
# The field: toolbar + editor


class RichTextField(QWidget):
    """A compact formatting toolbar above a RichTextEdit; the accessible name is the editor's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = RichTextEdit(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setStyleSheet("QToolBar { border: none; padding: 0px; spacing: 1px; }")
        for action in self.editor.actions_for_toolbar():
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setAccessibleName(action.text())
                button.setAccessibleDescription(action.toolTip())
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._style_button(self.editor.action_bold, bold=True)
        self._style_button(self.editor.action_italic, italic=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor)
        line = self.editor.fontMetrics().lineSpacing()
        frame = 2 * self.editor.frameWidth() + 2 * int(self.editor.document().documentMargin())
        self.editor.setMinimumHeight(6 * line + frame)
        self.editor.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusProxy(self.editor)

    def _style_button(self, action: QAction, bold: bool = False, italic: bool = False) -> None:
        button = self.toolbar.widgetForAction(action)
        if button is not None:
            font = QFont(button.font())
            font.setBold(bold)
            font.setItalic(italic)
            button.setFont(font)

    def retranslate(self) -> None:
        self.editor.retranslate()
        for action in self.editor.actions_for_toolbar():
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text())

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.editor.setAccessibleName(name)
        self.toolbar.setAccessibleName(_("Formatting: {field}").format(field=name))

    def markdown(self) -> str:
        return self.editor.markdown()

    def set_markdown(self, text: str) -> None:
        self.editor.set_markdown(text)
