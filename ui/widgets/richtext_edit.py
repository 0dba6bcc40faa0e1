"""A formatted editor for one rich-text field (`RichTextEdit`) and the field with its
formatting toolbar (`RichTextField`). The field's value is Markdown (docs/format.md, "Rich
text"); the QTextDocument ↔ blocks converter, and how each meaning is represented in the
document, live beside it in `ui.widgets.richtext_convert`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Protocol

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
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
from drafting.richtext import MAX_LIST_LEVEL
from drafting.spelling import Finding
from ui.services.shortcuts import window_owns
from ui.widgets.richtext_convert import (
    _QUOTE_BAR,
    LINE_SEPARATOR,
    MARKDOWN_MIME,
    PERSONAL_ID,
    _edit_ranges,
    _is_continuation,
    _is_quote,
    _list_kind,
    _list_level,
    _new_list_format,
    _personal_ids,
    _set_bold,
    _set_heading_display,
    _set_italic,
    _set_personal,
    _styled_block_format,
    _sync_heading_display,
    _text_list,
    document_markdown,
    fill_document,
    html_to_markdown,
    is_bold,
    is_personal,
)

# ----------------------------------------------------------------------------------------
# The editor


class SpellingUnderlines(Protocol):
    """What the editor asks of its underlines (ui.spellcheck's Highlighter)."""

    def begin_load(self) -> None: ...
    def end_load(self) -> None: ...
    def add_actions(self, menu: QMenu, editor: QTextEdit, pos: QPoint) -> None: ...
    def finding_at(self, position: int) -> Finding | None: ...


class RichTextEdit(QTextEdit):
    """Formatted editing of one rich-text field; `markdown()` is the field's value.

    In a form, undo belongs to the window's one stack (ui.services.document): the text reaches the
    draft after a pause (ui.widgets.binding), and Ctrl+Z/Ctrl+Y are the window's Edit → Undo/Redo.
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
        # Underlines of ui.widgets.spellcheck, when the window checks spelling: its entries open
        # the context menu, its grammar notes are the tooltip over an underlined stretch.
        self.spelling: SpellingUnderlines | None = None
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
        own_undo = doc.isUndoRedoEnabled()  # off in a form: the window's stack owns undo
        doc.setUndoRedoEnabled(False)
        if self.spelling is not None:
            self.spelling.begin_load()  # underlined afterwards, a slice at a time
        try:
            doc.clear()
            fill_document(doc, text)
        finally:
            doc.setUndoRedoEnabled(own_undo)
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

        def triggered(_checked: bool = False) -> None:
            slot()
            self._refresh_actions()

        action.triggered.connect(triggered)
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

    def mousePressEvent(self, event) -> None:
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
            if lst is None:  # (only list items were chosen above)
                continue
            level = _list_level(block)
            # Deeper than MAX_LIST_LEVEL would print at that level anyway: stop there.
            new_level = min(max(1, level + delta), max(level, MAX_LIST_LEVEL))
            previous = block.previous()
            parent_level = _list_level(previous) if previous.isValid() else 0
            if new_level == level or new_level > parent_level + 1:
                continue  # no deeper than one below the item before it
            target = None
            probe = previous
            while probe.isValid() and (probe_list := _text_list(probe)) is not None:
                if _list_level(probe) == new_level:
                    if probe_list.format().style() == lst.format().style():
                        target = probe_list
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
        self._window_undo(menu)
        if self.spelling is not None:
            self.spelling.add_actions(menu, self, pos)
        return menu

    def _window_undo(self, menu: QMenu) -> None:
        """Undo and Redo in the menu are the window's (Edit → Undo/Redo), as Ctrl+Z is: in
        a form the editor keeps no history of its own."""
        if self.document().isUndoRedoEnabled():
            return  # an editor on its own (not in a form): Qt's entries are right
        wanted = {
            "edit-undo": QKeySequence.StandardKey.Undo,
            "edit-redo": QKeySequence.StandardKey.Redo,
        }
        window = self.window()
        for entry in menu.actions():
            standard = wanted.get(entry.objectName())
            if standard is None:
                continue
            keys = QKeySequence.keyBindings(standard)
            own = next(
                (
                    a
                    for a in window.findChildren(QAction)
                    if a.isVisible() and any(k in a.shortcuts() for k in keys)
                ),
                None,
            )
            if own is not None:
                menu.insertAction(entry, own)
            menu.removeAction(entry)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ToolTip
            and isinstance(event, QHelpEvent)
            and self.spelling is not None
        ):
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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_toolbar()

    def _wide_width(self) -> int:
        """The width the toolbar needs with words on every button."""
        needed = 0
        for action in self.editor.actions_for_toolbar():
            button = self.toolbar.widgetForAction(action)
            if not isinstance(button, QToolButton):
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

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.editor.setAccessibleName(name)
        self.toolbar.setAccessibleName(_("Formatting: {field}").format(field=name))

    def markdown(self) -> str:
        return self.editor.markdown()

    def set_markdown(self, text: str) -> None:
        self.editor.set_markdown(text)
