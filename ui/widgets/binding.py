"""Two-way links between form widgets and draft paths.

A widget edit becomes `DraftDocument.set_value` (so it is undoable); a model change (undo,
redo, open) refreshes the widgets bound at or below that path. Rich-text editors are written
back after a pause in typing, or at once before anything reads the model (`flush`), so a
keystroke costs no Markdown conversion.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from drafting import dates
from drafting.i18n import _
from drafting.model import Participant
from ui.services.document import DraftDocument
from ui.widgets.richtext_edit import RichTextField
from ui.widgets.roster import reference_for, shown_name

FLUSH_MS = 400


def parse_int(text: str) -> tuple[int | None, str]:
    text = text.strip()
    if not text:
        return None, ""
    if text.isdigit():
        return int(text), ""
    return None, _('"{value}" is not a whole number; write e.g. 17').format(value=text)


def parse_date(text: str) -> tuple[_dt.date | None, str]:
    """Clerks type 3.5.2021; the file keeps 2021-05-03. Both are accepted here."""
    if not text.strip():
        return None, ""
    parsed = dates.parse_input(text)
    if parsed:
        return parsed, ""
    return None, dates.not_a_date(text, typed=True)


@dataclass
class Binding:
    widget: QWidget
    relative: str
    read: Callable[[], Any]  # widget → (value, error)
    write: Callable[[Any], None]  # value → widget


def _show_line(widget: QLineEdit, text: str) -> None:
    """A value put into a line from the file or by undo shows its beginning (a long title
    would show its end, where Qt leaves the cursor), unless the user is typing there."""
    widget.setText(text)
    if not widget.hasFocus():
        widget.setCursorPosition(0)


class Binder(QObject):
    """The bindings of one form; `root` prefixes every path (a history entry's form)."""

    def __init__(
        self, document: DraftDocument, root: str = "", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.root = root
        self.bindings: list[Binding] = []
        self.input_errors: dict[str, str] = {}
        self._updating = False
        self._pending: set[int] = set()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)
        document.changed.connect(self._model_changed)
        document.about_to_edit.connect(self.flush)

    def path(self, relative: str) -> str:
        if not self.root:
            return relative
        return f"{self.root}.{relative}" if relative else self.root

    # --- binding kinds ---------------------------------------------------------------

    def line(self, widget: QLineEdit, relative: str, kind: str = "str") -> None:
        parse = {"str": lambda t: (t, ""), "int": parse_int, "date": parse_date}[kind]
        show = {
            "str": lambda v: v or "",
            "int": lambda v: "" if v is None else str(v),
            "date": dates.for_input,
        }[kind]
        binding = Binding(
            widget, relative, lambda: parse(widget.text()), lambda v: _show_line(widget, show(v))
        )
        self._add(binding)
        widget.textEdited.connect(lambda _t, b=binding: self._edited(b))

    def check(self, widget: QCheckBox, relative: str) -> None:
        binding = Binding(
            widget, relative, lambda: (widget.isChecked(), ""), lambda v: widget.setChecked(bool(v))
        )
        self._add(binding)
        widget.toggled.connect(lambda _v, b=binding: self._edited(b, merge=False))

    def combo(self, widget: QComboBox, relative: str) -> None:
        def write(value: Any) -> None:
            index = widget.findData(value)
            widget.setCurrentIndex(index if index >= 0 else 0)

        binding = Binding(widget, relative, lambda: (widget.currentData(), ""), write)
        self._add(binding)
        widget.currentIndexChanged.connect(lambda _i, b=binding: self._edited(b, merge=False))

    def lines(self, widget: QPlainTextEdit, relative: str) -> None:
        """A list of strings, one per line (recipients for information)."""

        def read() -> tuple[list[str], str]:
            return [line.strip() for line in widget.toPlainText().splitlines() if line.strip()], ""

        binding = Binding(widget, relative, read, lambda v: widget.setPlainText("\n".join(v or [])))
        self._add(binding)
        widget.textChanged.connect(lambda b=binding: self._edited_later(b))

    def rich(
        self,
        field: RichTextField,
        relative: str,
        shown: Callable[[Any], str] = lambda value: value or "",
        kept: Callable[[str], Any] = lambda text: text,
    ) -> None:
        """A RichTextField: written back after a pause, never per keystroke; `shown` makes
        the model's value the editor's Markdown, `kept` the Markdown the model's value."""
        editor = field.editor
        editor.setUndoRedoEnabled(False)  # the window's undo stack owns undo

        def write(value: Any) -> None:
            cursor = editor.textCursor().position()
            scroll = editor.verticalScrollBar().value()
            editor.set_markdown(shown(value))
            cursor_obj = editor.textCursor()
            cursor_obj.setPosition(min(cursor, len(editor.toPlainText())))
            editor.setTextCursor(cursor_obj)
            editor.verticalScrollBar().setValue(scroll)

        binding = Binding(field, relative, lambda: (kept(editor.markdown()), ""), write)
        self._add(binding)
        editor.textChanged.connect(lambda b=binding: self._edited_later(b))

    def person(
        self, widget: QLineEdit, relative: str, roster: Callable[[], list[Participant]]
    ) -> None:
        """One of the item's participants, stored by reference (drafting.attendance) and
        shown by name; a name not in the roster is kept as typed."""

        def show(ref: Any) -> None:
            _show_line(widget, shown_name(roster(), ref or ""))

        binding = Binding(
            widget, relative, lambda: (reference_for(roster(), widget.text()), ""), show
        )
        self._add(binding)
        widget.textEdited.connect(lambda _t, b=binding: self._edited(b))
        completer = widget.completer()
        if completer is not None:  # a name taken from the list is one step with the typing
            completer.activated.connect(lambda _t, b=binding: self._edited(b))

    def custom(
        self, widget: QWidget, relative: str, read: Callable[[], Any], write: Callable[[Any], None]
    ) -> Callable[[bool], None]:
        """A widget of its own kind: `read` gives its value, `write` shows one; the function
        returned is called on each edit (True: typed text, written back after a pause)."""
        binding = Binding(widget, relative, lambda: (read(), ""), write)
        self._add(binding)

        def edited(later: bool = False) -> None:
            if later:
                self._edited_later(binding)
            else:
                self._edited(binding, merge=False)

        return edited

    # --- both directions -------------------------------------------------------------

    def _add(self, binding: Binding) -> None:
        self.bindings.append(binding)
        self._show(binding)

    def _show(self, binding: Binding) -> None:
        self._updating = True
        try:
            blocker = binding.widget.blockSignals(True)
            binding.write(self.document.value(self.path(binding.relative)))
            binding.widget.blockSignals(blocker)
            self.input_errors.pop(self.path(binding.relative), None)
            _mark_invalid(binding.widget, False)
        finally:
            self._updating = False

    def _edited(self, binding: Binding, merge: bool = True) -> None:
        if self._updating:
            return
        if self._pending:
            # Text typed into another field of this form goes in first, as its own step
            # (the document's about_to_edit comes while this edit is being made: too late).
            self.flush()
        value, error = binding.read()
        path = self.path(binding.relative)
        _mark_invalid(binding.widget, bool(error))
        if error:
            self.input_errors[path] = error  # keep the typed text; the model waits
            self.document.typing.emit()
            return
        if self.input_errors.pop(path, None) is not None:
            self.document.typing.emit()
        self._updating = True
        try:
            self.document.set_value(path, value, merge=merge)
        finally:
            self._updating = False

    def _edited_later(self, binding: Binding) -> None:
        if self._updating:
            return
        self._pending.add(id(binding))
        self._flush_timer.start()
        self.document.typing.emit()  # checks and previews wait for the pause

    def flush(self) -> None:
        """Write back every rich-text edit still waiting; call before reading the model."""
        self._flush_timer.stop()
        pending, self._pending = self._pending, set()
        for binding in self.bindings:
            if id(binding) in pending:
                self._edited(binding, merge=False)

    def has_pending(self) -> bool:
        return bool(self._pending)

    def pending_paths(self) -> list[str]:
        """The fields whose typed text waits for the pause."""
        return [self.path(b.relative) for b in self.bindings if id(b) in self._pending]

    def _model_changed(self, path: str) -> None:
        if self._updating or not path:
            return
        for binding in self.bindings:
            full = self.path(binding.relative)
            if full == path or full.startswith(path + ".") or full.startswith(path + "["):
                if id(binding) in self._pending:
                    continue  # the user's newer text wins over an older model value
                self._show(binding)

    def refresh(self) -> None:
        """Show the model in every widget (after open, or when `root` moves)."""
        self._pending.clear()
        for binding in self.bindings:
            self._show(binding)

    def widget_for(self, path: str) -> QWidget | None:
        """The widget of a field path, or of its closest bound parent."""
        best: tuple[int, QWidget | None] = (-1, None)
        for binding in self.bindings:
            full = self.path(binding.relative)
            inside = path == full or path.startswith((full + ".", full + "["))
            if inside and len(full) > best[0]:
                best = (len(full), binding.widget)
        if best[1] is None:  # a path above the fields ("item.decision"): its first field
            best = next(
                (
                    (0, b.widget)
                    for b in self.bindings
                    if self.path(b.relative).startswith(path + ".")
                ),
                best,
            )
        return best[1]


def _mark_invalid(widget: QWidget, invalid: bool) -> None:
    if widget.property("invalid") == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.setStyleSheet("border: 1px solid #c62828;" if invalid else "")


def enable_undo(
    document: DraftDocument,
    binders: list[Binder],
    undo,
    redo,
    describe: Callable[[str], str] | None = None,
) -> None:
    """Undo/Redo actions as the user expects them: text typed into a field that reaches the
    stack only after a pause is undoable (and ends redo) from the first keystroke; with
    `describe` (a field path → its label), the menu says what they will undo ("Undo:
    Title")."""
    pending = [path for binder in binders for path in binder.pending_paths()]
    stack = document.undo_stack
    undo.setEnabled(stack.canUndo() or bool(pending))
    redo.setEnabled(stack.canRedo() and not pending)
    if describe is None:
        return
    if pending:
        undo_what, redo_what = describe(pending[0]), ""
    else:
        undo_what = _step(stack, stack.index() - 1, describe)
        redo_what = _step(stack, stack.index(), describe)
    undo.setText(_("&Undo: {what}").format(what=undo_what) if undo_what else _("&Undo"))
    redo.setText(_("&Redo: {what}").format(what=redo_what) if redo_what else _("&Redo"))


def step_field(document: DraftDocument, index: int) -> str:
    """The field path of the undo step at `index` (what undo or redo will change), or ""."""
    stack = document.undo_stack
    if not 0 <= index < stack.count():
        return ""
    return getattr(stack.command(index), "field", "")


def _step(stack, index: int, describe: Callable[[str], str]) -> str:
    """The words for an undo step: the label of its field, or its own text."""
    if not 0 <= index < stack.count():
        return ""
    command = stack.command(index)
    field = getattr(command, "field", "")
    return describe(field) if field else command.text()
