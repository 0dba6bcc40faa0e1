"""The rich-text editor's converter: our Markdown subset's blocks into a QTextDocument and back.

The field's value is Markdown (docs/format.md, "Rich text"), but people edit formatted text.
Reading and writing both live in `drafting.richtext` (`parse` and `to_markdown`), so the
editor, the Word writer and every other reader agree on what a text means; this module only
turns blocks into a QTextDocument (`_fill`) and a QTextDocument into blocks
(`document_blocks`). The writer checks each paragraph against `parse`, so that a save and
reload changes nothing.

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

Honest exceptions to "what parse reads, markdown() writes back" are documented with the
writer in `drafting.richtext` (tested in tests/drafting/test_richtext_roundtrip.py and
tests/ui/test_richtext_edit.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import partial
from typing import Literal

from PySide6.QtCore import (
    QRegularExpression,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from drafting.richtext import Block, BlockStyle, Run, list_number, parse, to_markdown

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


def _list_kind(block: QTextBlock) -> Literal["bullet", "number", ""]:
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
            number = list_number(block["marker"]) if style == "number" else 0
            for deeper in [k for k in open_lists if k > level]:
                del open_lists[deeper]
            current = open_lists.get(level)
            if current and current[1] == style and (style == "bullet" or current[2] == number):
                current[0].add(cursor.block())
                lst = current[0]
            else:
                lst = cursor.createList(
                    _new_list_format(style, level, number if style == "number" else 1)
                )
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


# ----------------------------------------------------------------------------------------
# Writing: a QTextDocument as blocks, written by drafting.richtext.to_markdown


def document_markdown(doc: QTextDocument, foreign: bool = False) -> str:
    """`doc` as canonical Markdown of our subset.

    `foreign` is for documents loaded from pasted HTML: only paragraphs, headings, lists, bold
    and italic count there (a heading's bold is the heading's look, not emphasis).
    """
    return to_markdown(document_blocks(doc, foreign), pasted=foreign)


def document_blocks(doc: QTextDocument, foreign: bool = False) -> list[Block]:
    """`doc` as the blocks it shows (see the module docstring), in the form `parse` gives;
    a numbered item's marker is its displayed number, a continuation's level its indent."""
    blocks: list[Block] = []
    block = doc.begin()
    while block.isValid():
        current, block = block, block.next()
        heading = current.blockFormat().headingLevel()
        kind = _list_kind(current)
        level, marker = 1, ""
        style: BlockStyle
        if heading and not kind:
            style = "heading3" if heading <= 2 else "heading4"
        elif kind:
            style = kind
            level = _list_level(current)
            if kind == "number" and (lst := _text_list(current)) is not None:
                marker = f"{max(0, lst.format().start()) + lst.itemNumber(current)}."
        elif _is_continuation(current) and not foreign:
            style = "list_continuation"
            level = current.blockFormat().indent()
        elif _is_quote(current) and not foreign:
            style = "quote"
        else:
            style = "body"
        runs = _block_runs(current, style.startswith("heading"), foreign)
        blocks.append(Block(style=style, runs=runs, level=level, marker=marker))
    return blocks


def _block_runs(block: QTextBlock, heading: bool, foreign: bool) -> list[Run]:
    """The block's fragments as runs; adjacent personal spans stay two runs."""
    runs: list[Run] = []
    last_key = None
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
        key = (bold, italic, span)
        if runs and key == last_key:
            runs[-1]["text"] += fragment.text()
        else:
            runs.append(Run(text=fragment.text(), bold=bold, italic=italic, personal=bool(span)))
            last_key = key
    return runs


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

    def loadResource(self, kind: int, name) -> object:
        return None


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
            _edit_ranges(doc, ranges, partial(_set_heading_display, heading_level=level))
        edit = QTextCursor(block)
        char_fmt = _set_heading_display(QTextCharFormat(block.charFormat()), level)
        if char_fmt != block.charFormat():
            edit.setBlockCharFormat(char_fmt)
        if block == last:
            break
        block = block.next()
