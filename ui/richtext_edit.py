"""A formatted editor for one rich-text field, reading and writing our Markdown subset.

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
import re
from collections.abc import Callable, Iterator

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QPoint,
    QPointF,
    QRectF,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
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
from PySide6.QtWidgets import (
    QFrame,
    QMenu,
    QTextEdit,
    QToolBar,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _
from drafting.richtext import MAX_LIST_LEVEL, Block, Run, list_number, parse, to_markdown
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
        if heading and not kind:
            style = "heading3" if heading <= 2 else "heading4"
        elif kind:
            style = kind
            level = _list_level(current)
            if kind == "number":
                lst = _text_list(current)
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

    def loadResource(self, kind: int, name) -> object:  # noqa: ARG002 - Qt's signature
        return None


# ----------------------------------------------------------------------------------------
# The editor


class RichTextEdit(QTextEdit):
    """Formatted editing of one rich-text field; `markdown()` is the field's value.

    In a form, undo belongs to the window's one stack (ui.document): the text reaches the
    draft after a pause (ui.binding), and Ctrl+Z/Ctrl+Y are the window's Edit → Undo/Redo.
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
        # Underlines of ui.spellcheck, when the window checks spelling: its entries open
        # the context menu, its grammar notes are the tooltip over an underlined stretch.
        self.spelling = None
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
        if self.spelling is not None:
            self.spelling.begin_load()  # underlined afterwards, a slice at a time
        try:
            doc.clear()
            fill_document(doc, text)
        finally:
            doc.setUndoRedoEnabled(True)
            doc.clearUndoRedoStacks()
            self._loading = False
            if self.spelling is not None:
                self.spelling.end_load()
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

    def short_text(self, action: QAction) -> str:
        """The action's word on a toolbar button, in the interface language."""
        return next(texts()[1] for a, texts in self._texts if a is action)

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

    def context_menu(self, pos: QPoint) -> QMenu:
        """The menu of a right-click at `pos` (viewport coordinates): spelling entries for
        an underlined word first, then Qt's own."""
        scrolled = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        menu = self.createStandardContextMenu(pos + scrolled)  # document coordinates
        if self.spelling is not None:
            self.spelling.add_actions(menu, self, pos)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        menu = self.context_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.spelling is not None:
            pos = self.viewport().mapFromGlobal(event.globalPos())
            finding = self.spelling.finding_at(self.cursorForPosition(pos).position())
            if finding is not None and finding.message:
                QToolTip.showText(event.globalPos(), finding.message, self)
                return True
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
        # The focus in sight, as a line edit shows it: a highlighted frame (as wide as the
        # plain one with its padding, so the text does not reflow on focus).
        self.editor.setStyleSheet(
            "RichTextEdit { border: 1px solid palette(mid); padding: 1px; }"
            "RichTextEdit:focus { border: 2px solid palette(highlight); padding: 0px; }"
        )
        self.setFocusProxy(self.editor)
        # The toolbar's "»" is no Tab stop either: its actions have shortcuts.
        for button in self.toolbar.findChildren(QToolButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Signs for a narrow field (a 1024-pixel screen): the words did not fit, and "Personal
        # data" fell behind the toolbar's "»". It keeps its word: it matters most.
        editor = self.editor
        self._narrow: dict[QAction, Callable[[], str]] = {
            editor.action_heading3: lambda: _("H1"),
            editor.action_heading4: lambda: _("H2"),
            editor.action_bullets: lambda: "•",
            editor.action_numbers: lambda: "1.",
            editor.action_quote: lambda: "“",
        }
        self._narrow_shown = False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_toolbar()

    def _wide_width(self) -> int:
        """The width the toolbar needs with words on every button."""
        needed = 0
        for action in self.editor.actions_for_toolbar():
            button = self.toolbar.widgetForAction(action)
            if button is None:
                continue
            metrics = button.fontMetrics()
            padding = button.sizeHint().width() - metrics.horizontalAdvance(button.text())
            needed += metrics.horizontalAdvance(self.editor.short_text(action)) + padding + 1
        return needed + 8  # the bar's own margins

    def _fit_toolbar(self) -> None:
        """Words on the buttons when they fit, signs when the field is narrow; either way
        every button is on the bar, named in full in its tooltip and to a screen reader."""
        narrow = self._wide_width() > self.width()
        for action in self.editor.actions_for_toolbar():
            sign = self._narrow.get(action)
            text = sign() if narrow and sign is not None else self.editor.short_text(action)
            if action.iconText() != text:
                action.setIconText(text)
        self._narrow_shown = narrow

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
        self._fit_toolbar()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.editor.setAccessibleName(name)
        self.toolbar.setAccessibleName(_("Formatting: {field}").format(field=name))

    def markdown(self) -> str:
        return self.editor.markdown()

    def set_markdown(self, text: str) -> None:
        self.editor.set_markdown(text)
