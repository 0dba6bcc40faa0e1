"""Spelling and grammar as you type: wavy underlines and the right-click menu.

The checking itself lives in `drafting.spelling`; this module shows its findings. A rich-text
editor gets a QSyntaxHighlighter, which Qt calls for the one paragraph that changed; a
one-line field gets its underlines as input-method formats (QLineEdit draws no other
formatting), set again after each edit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QInputMethodEvent,
    QPainter,
    QPainterPath,
    QPen,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QWidget,
)

from drafting import i18n, resources, spelling
from drafting.i18n import _
from ui.services import settings as settings_module
from ui.services import worker
from ui.services.people import PeopleDirectory, data_folder
from ui.widgets.richtext_edit import RichTextEdit

SPELLING_COLOR = QColor("#d32f2f")
GRAMMAR_COLOR = QColor("#1e63c8")
DICTIONARY_FILE = "dictionary.txt"


#: The draft's own list of words ignored in it, kept in the file as an extra field.
IGNORED_KEY = spelling.IGNORED_KEY


def ignored_words(value: object) -> set[str]:
    """The words of a draft's list; anything else in the file is left out."""
    if not isinstance(value, list):
        return set()
    return {w for w in value if isinstance(w, str) and w}


def underline(kind: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(SPELLING_COLOR if kind == spelling.SPELLING else GRAMMAR_COLOR)
    return fmt


class Spelling(QObject):
    """The window's spelling: one checker per document language, the user's dictionary, the
    words ignored in this draft, and every field that shows underlines."""

    #: Something known changed (a word added or ignored, the language, an option):
    #: underlines and the checks panel are due again.
    changed = Signal()
    #: "Ignore in this draft" chose a word: the draft keeps its list (`IGNORED_KEY`).
    ignored_changed = Signal()
    #: "Add to dictionary" could not store the word in the file: what to tell the user.
    failed = Signal(str)

    def __init__(
        self,
        settings: settings_module.Settings,
        people: PeopleDirectory,
        folder: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.people = people
        self.dictionary = spelling.UserDictionary((folder or data_folder()) / DICTIONARY_FILE)
        self.ignored: set[str] = set()
        self.language = "fi"
        self._checkers: dict[str, spelling.Checker] = {}
        self._highlighters: list[Highlighter] = []
        self._lines: list[LineUnderlines] = []
        self._tables: list[QAbstractItemView] = []
        self._extra_names: list[str] = []
        self._organization = ""

    # --- options -------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self.settings[settings_module.SPELLING]

    @property
    def grammar_enabled(self) -> bool:
        return self.settings[settings_module.GRAMMAR]

    def set_enabled(self, on: bool) -> None:
        self.settings[settings_module.SPELLING] = on
        self.refresh()

    def set_grammar(self, on: bool) -> None:
        self.settings[settings_module.GRAMMAR] = on
        for checker in self._checkers.values():
            checker.grammar_on = on
        self.refresh()

    def preload(self) -> None:
        """Load the dictionaries in a worker (at start): the first underlines and checks find
        them loaded instead of reading them on the UI thread."""
        if self.enabled:
            language, grammar = self.language, self.grammar_enabled
            worker.start(
                lambda: spelling.preload(language, grammar), lambda _r: None, lambda _e: None
            )

    # --- the checker -----------------------------------------------------------------------

    def checker(self, language: str | None = None) -> spelling.Checker:
        language = language or self.language
        if language not in self._checkers:
            checker = spelling.Checker(language, self.dictionary, self.grammar_enabled)
            checker.ignored = self.ignored  # one set: "ignore in this draft" is per draft
            self._checkers[language] = checker
            self._update_names(checker)
        return self._checkers[language]

    def active(self) -> spelling.Checker | None:
        """The checker to underline with now, or None (off, or no dictionary)."""
        if not self.enabled:
            return None
        checker = self.checker()
        return checker if checker.available else None

    def status(self) -> str:
        """What the status bar says when nothing can be checked ('' otherwise)."""
        if not self.enabled:
            return ""
        return self.checker().missing()

    def new_draft(
        self, language: str, names: list[str], organization: str = "", ignored: object = ()
    ) -> None:
        """A draft opened: its language, its people's names, its organisation's words and
        the words ignored in it."""
        self.ignored.clear()
        self.ignored.update(ignored_words(ignored))
        self._extra_names = names
        self._organization = organization
        for checker in self._checkers.values():
            self._update_names(checker)
        self.set_language(language, force=True)

    def names_changed(self) -> None:
        for checker in self._checkers.values():
            self._update_names(checker)
        self.refresh()

    def _update_names(self, checker: spelling.Checker) -> None:
        checker.set_names([*self.people.people, *self._extra_names])
        try:
            profile = resources.organization(self._organization)
        except resources.UnknownOrganization:
            checker.organization = set()
        else:
            checker.organization = set(profile.spelling_words(checker.language))

    def set_language(self, language: str, force: bool = False) -> None:
        if language not in spelling.ENCHANT_TAGS:
            language = "fi"
        if language != self.language or force:
            self.language = language
            self.refresh()

    def add_to_dictionary(self, word: str) -> None:
        try:
            self.dictionary.add(word)
        except spelling.DictionaryError as exc:
            self.dictionary.words.add(word)  # known for this session; the file is left alone
            self.failed.emit(str(exc))
        except OSError as exc:
            self.dictionary.words.add(word)
            self.failed.emit(
                _(
                    "The dictionary {path} cannot be written ({reason}); the word is known "
                    "until Pykälä closes."
                ).format(path=self.dictionary.path, reason=exc.strerror or exc)
            )
        self.refresh(word)

    def ignore(self, word: str) -> None:
        self.ignored.add(word)
        self.refresh(word)
        self.ignored_changed.emit()

    def set_ignored(self, words: object) -> None:
        """The draft's list changed under us (undo, redo): underline by it again."""
        wanted = ignored_words(words)
        if wanted != self.ignored:
            self.ignored.clear()  # the same set: every checker holds it
            self.ignored.update(wanted)
            self.refresh()

    def refresh(self, word: str = "") -> None:
        """Underline again: the paragraphs holding `word` now (a word added or ignored),
        or every paragraph (the language or an option changed)."""
        self._prune()
        for highlighter in list(self._highlighters):
            if word:
                highlighter.rehighlight_word(word)
            else:
                highlighter.rehighlight_soon()
        for line in list(self._lines):
            line.update()
        for table in self._tables:
            table.viewport().update()
        self.changed.emit()

    # --- fields ----------------------------------------------------------------------------

    def attach_editor(self, editor: RichTextEdit) -> Highlighter:
        highlighter = Highlighter(editor.document(), self)
        self._highlighters.append(highlighter)
        editor.spelling = highlighter  # its context menu and tooltips ask it
        return highlighter

    def attach_cells(self, table: QAbstractItemView, column: int) -> CellUnderlines:
        delegate = CellUnderlines(self, table)
        table.setItemDelegateForColumn(column, delegate)
        self._tables.append(table)
        return delegate

    def attach_line(self, line: QLineEdit) -> LineUnderlines:
        underlines = LineUnderlines(line, self)
        self._lines.append(underlines)
        return underlines

    def _prune(self) -> None:
        """Forget fields that are gone (a table cell's editor closes, a form is replaced)."""
        self._highlighters = [h for h in self._highlighters if shiboken6.isValid(h)]
        self._lines = [u for u in self._lines if shiboken6.isValid(u) and shiboken6.isValid(u.line)]
        self._tables = [t for t in self._tables if shiboken6.isValid(t)]

    def detach_all(self) -> None:
        """The form goes away with its fields: stop underlining them."""
        self._prune()
        for highlighter in self._highlighters:
            highlighter.setDocument(None)
        self._highlighters.clear()
        self._lines.clear()
        self._tables.clear()

    def menu_actions(
        self, menu: QMenu, finding: spelling.Finding, replace: Callable[[str], None]
    ) -> None:
        """Suggestions, Add to dictionary, Ignore in this draft — at the top of `menu`."""
        first = menu.actions()[0] if menu.actions() else None
        added: list[QAction] = []
        if finding.kind == spelling.GRAMMAR:
            note = QAction(finding.message, menu)
            note.setEnabled(False)
            added.append(note)
        else:
            suggestions = self.checker().suggest(finding.text)
            for suggestion in suggestions:
                action = QAction(suggestion, menu)
                action.setObjectName("suggestion")
                action.triggered.connect(lambda _c=False, s=suggestion: replace(s))
                added.append(action)
            if not suggestions:
                none = QAction(_("(no suggestions)"), menu)
                none.setEnabled(False)
                added.append(none)
            add = QAction(_("Add to dictionary"), menu)
            add.setObjectName("add_to_dictionary")
            add.triggered.connect(lambda _c=False, w=finding.text: self.add_to_dictionary(w))
            ignore = QAction(_("Ignore in this draft"), menu)
            ignore.setObjectName("ignore")
            ignore.triggered.connect(lambda _c=False, w=finding.text: self.ignore(w))
            added += [add, ignore]
        if first is None:
            menu.addActions(added)
            menu.addSeparator()
        else:
            menu.insertActions(first, added)
            menu.insertSeparator(first)


class Highlighter(QSyntaxHighlighter):
    """Underlines one paragraph at a time, as Qt asks when a paragraph changes.

    A whole text shown at once (a draft opened) is not checked in one go on the UI thread:
    its paragraphs are underlined afterwards in slices of a few milliseconds. Underlining
    again on our own initiative keeps the document quiet: Qt would report it as an edit
    (contentsChanged), and the form would write the field back and refresh the preview."""

    SLICE_MS = 8  # and one paragraph more: a key waits at most about 16 ms

    def __init__(self, document: QTextDocument, owner: Spelling) -> None:
        super().__init__(document)
        self.owner = owner
        self._loading = False
        self._waiting: list = []  # blocks shown while loading, not yet checked
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._next_slice)
        if not document.isEmpty():
            # Qt would underline a text it is handed all at once, after this returns, and
            # report that as an edit. A quiet pass now cancels Qt's; it only collects the
            # paragraphs, which are then underlined in slices.
            with QSignalBlocker(document):
                self._loading = True
                self.rehighlight()
                self._loading = False
            self._timer.start()

    def pending(self) -> bool:
        """True while paragraphs wait to be underlined."""
        return self._loading or bool(self._waiting)

    def begin_load(self) -> None:
        self._loading = True
        self._waiting.clear()

    def end_load(self) -> None:
        self._loading = False
        self._timer.start()

    def rehighlight_soon(self) -> None:
        """Every paragraph again: a short text at once, a long one in slices."""
        document = self.document()
        if document is None:
            return
        if document.blockCount() <= 50:
            with QSignalBlocker(document):
                self.rehighlight()
            return
        self._queue_all()

    def _queue_all(self) -> None:
        self._waiting.clear()
        block = self.document().begin()
        while block.isValid():
            self._waiting.append(block)
            block = block.next()
        self._timer.start()

    def rehighlight_word(self, word: str) -> None:
        document = self.document()
        if document is None:
            return
        block = document.begin()
        with QSignalBlocker(document):
            while block.isValid():
                if word in block.text():
                    self.rehighlightBlock(block)
                block = block.next()

    def _next_slice(self) -> None:
        started = time.perf_counter()
        document = self.document()
        if document is None:
            self._waiting.clear()
            return
        with QSignalBlocker(document):
            while self._waiting and time.perf_counter() - started < self.SLICE_MS / 1000:
                block = self._waiting.pop(0)
                if block.isValid():
                    self.rehighlightBlock(block)
        if self._waiting:
            self._timer.start()

    def findings(self, text: str, block) -> list[spelling.Finding]:
        checker = self.owner.active()
        if checker is None or not text.strip():
            return []
        return checker.check(text, i18n.language(), _personal_ranges(block))

    def highlightBlock(self, text: str) -> None:
        if self._loading:
            self._waiting.append(self.currentBlock())
            return
        for finding in self.findings(text, self.currentBlock()):
            self.setFormat(finding.start, finding.end - finding.start, underline(finding.kind))

    def finding_at(self, position: int) -> spelling.Finding | None:
        block = self.document().findBlock(position)
        if not block.isValid():
            return None
        offset = position - block.position()
        for finding in self.findings(block.text(), block):
            if finding.start <= offset <= finding.end:
                return spelling.Finding(
                    finding.start + block.position(),
                    finding.end + block.position(),
                    finding.text,
                    finding.kind,
                    finding.message,
                )
        return None

    def add_actions(self, menu: QMenu, editor: QTextEdit, pos: QPoint) -> None:
        """The editor's context-menu hook: spelling entries for the word under `pos`."""
        position = editor.cursorForPosition(pos).position()
        finding = self.finding_at(position)
        if finding is None:
            return

        def replace(word: str) -> None:
            cursor = QTextCursor(self.document())
            cursor.setPosition(finding.start)
            cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(word)

        self.owner.menu_actions(menu, finding, replace)


def _personal_ranges(block) -> list[tuple[int, int]]:
    """Ranges of the block marked as personal data: no names of private persons checked."""
    from ui.widgets.richtext_convert import is_personal

    ranges = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        if fragment.isValid() and is_personal(fragment.charFormat()):
            start = fragment.position() - block.position()
            ranges.append((start, start + fragment.length()))
    return ranges


class LineUnderlines(QObject):
    """Underlines in a QLineEdit (the title, a recipient being edited): set as input-method
    formats, the one kind of formatting a QLineEdit draws; its right-click menu gets the
    spelling entries."""

    def __init__(self, line: QLineEdit, owner: Spelling) -> None:
        super().__init__(line)
        self.line = line
        self.owner = owner
        self.findings: list[spelling.Finding] = []
        line.textChanged.connect(self.update)
        line.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        line.customContextMenuRequested.connect(self._open_menu)
        self.update()

    def context_menu(self, pos: QPoint) -> QMenu:
        """Qt's menu for the line, with spelling entries for the word at `pos` first."""
        menu = self.line.createStandardContextMenu()
        at = self.line.cursorPositionAt(pos)
        finding = next((f for f in self.findings if f.start <= at <= f.end), None)
        if finding is not None:

            def replace(word: str) -> None:
                self.line.setSelection(finding.start, finding.end - finding.start)
                self.line.insert(word)  # as typed: textEdited reaches the model, undoable

            self.owner.menu_actions(menu, finding, replace)
        return menu

    def _open_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.line.mapToGlobal(pos))

    def update(self) -> None:
        checker = self.owner.active()
        text = self.line.text()
        self.findings = checker.check(text, i18n.language()) if checker and text else []
        cursor = self.line.cursorPosition()
        attributes = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat,
                f.start - cursor,
                f.end - f.start,
                underline(f.kind),
            )
            for f in self.findings
        ]
        QApplication.sendEvent(self.line, QInputMethodEvent("", attributes))


class CellUnderlines(QStyledItemDelegate):
    """A table column of prose (the extracts' recipients): underlined words drawn under the
    cell's text, and the cell's editor underlined as a one-line field."""

    def __init__(self, owner: Spelling, parent: QWidget) -> None:
        super().__init__(parent)
        self.owner = owner

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        self.owner.attach_line(editor)
        return editor

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        checker = self.owner.active()
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if checker is None or not text:
            return
        metrics = option.fontMetrics
        style = option.widget.style() if option.widget else QApplication.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget)
        left = option.rect.left() + margin + 1
        base = option.rect.center().y() + metrics.ascent() / 2 + 2
        painter.save()
        painter.setClipRect(option.rect)
        for finding in checker.check(text, i18n.language()):
            x = left + metrics.horizontalAdvance(text[: finding.start])
            width = metrics.horizontalAdvance(text[finding.start : finding.end])
            color = SPELLING_COLOR if finding.kind == spelling.SPELLING else GRAMMAR_COLOR
            painter.setPen(QPen(color, 1))
            painter.drawPath(_wave(x, base, width))
        painter.restore()


def _wave(x: float, y: float, width: float) -> QPainterPath:
    """A wavy line as Qt draws a spell-check underline: 2 px high, 4 px a period."""
    path = QPainterPath(QPointF(x, y))
    step, up = 2.0, True
    position = x
    while position < x + width:
        position += step
        path.lineTo(QPointF(position, y - 1 if up else y + 1))
        up = not up
    return path
