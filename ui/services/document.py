"""The open draft: the model, its file, and the one undo stack every edit goes through.

"Modified" is `not undo_stack.isClean()`: the title's `*`, Save and the close question all
come from the stack, so they can never disagree.
"""

from __future__ import annotations

import copy
import hashlib
import time
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from drafting import draftfile, filerefs, files, paths
from drafting.model import Draft, MeetingDraft

MERGE_SECONDS = 1.5
# What a document holds: an item draft or a meeting (its session knows which: ui.services.session).
D = TypeVar("D", Draft, MeetingDraft)


def file_signature(path: Path | None) -> str | None:
    """A hash of the file as it is on disk, to notice when someone else changed it."""
    if path is None:
        return None
    try:
        return hashlib.sha256(files.read_bytes(Path(path), files.DRAFT_LIMIT)).hexdigest()
    except (OSError, ValueError):
        return None


class SetValue(QUndoCommand):
    """One field gets a new value. Typing into one field merges into one step."""

    ID = 1

    def __init__(
        self,
        document: DraftDocument,
        path: str,
        old: Any,
        new: Any,
        text: str,
        merge: bool,
        field: str = "",
    ) -> None:
        super().__init__(text)
        self.document = document
        self.path = path
        # The field the user edited, when the text is only its path (Edit → Undo names it
        # by its label: ui.widgets.binding.undo_texts).
        self.field = field
        self.old = old
        self.new = new
        self.merge = merge
        self.when = time.monotonic()
        # The folder its file paths are relative to: a save into another folder since
        # rewrites them, so undo and redo give them again as the draft now writes them.
        self.folder = document.folder()

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetValue) and self.merge and other.merge):
            return False
        if other.path != self.path or other.when - self.when > MERGE_SECONDS:
            return False
        self.new = other.new
        self.when = other.when
        return True

    def redo(self) -> None:
        self.document.apply(self.path, self.document.rebased(self.path, self.new, self.folder))

    def undo(self) -> None:
        self.document.apply(self.path, self.document.rebased(self.path, self.old, self.folder))


class DraftDocument(QObject, Generic[D]):
    """An item draft or a meeting being edited (`DraftDocument[Draft]`,
    `DraftDocument[MeetingDraft]`). Widgets read and write it only through paths."""

    changed = Signal(str)  # the path that changed; "" means everything
    file_changed = Signal()  # a new path or a save
    # Something the user typed is not in the model yet: a rich-text edit waiting for
    # Binder.flush, or a value the model cannot take (a bad date). Checks run again.
    typing = Signal()
    # Before any edit goes on the stack: text still waiting in a form goes in first, so
    # steps stay in the order they were typed and no text is written to a removed row.
    about_to_edit = Signal()

    def __init__(
        self, draft: D | None = None, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.draft: D = draft if draft is not None else Draft()  # type: ignore[assignment]
        self.path = Path(path) if path else None
        # Where Save As first suggests writing a draft that has no file yet (one opened
        # from a Word document: its name with .pykala, never the .docx itself).
        self.suggestion: Path | None = None
        self.origin: Path | None = None  # the Word document it was opened from
        self.undo_stack = QUndoStack(self)
        self._flushing = False
        self.signature = file_signature(self.path)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        self.file_changed.emit()

    # --- reading and editing --------------------------------------------------------

    def value(self, path: str, default: Any = None) -> Any:
        try:
            return paths.effective(self.draft, path)  # what prints, decision or none
        except (AttributeError, IndexError, TypeError):
            return default

    def set_value(self, path: str, value: Any, text: str = "", merge: bool = True) -> None:
        if not self._flushing:
            self._flushing = True
            try:
                self.about_to_edit.emit()
            finally:
                self._flushing = False
        if not paths.settable(self.draft, path):
            return  # the row this value belonged to is gone
        old = self.value(path)
        if old == value:
            return
        absent = self._absent_parent(path)
        if absent is not None:
            # A field of an object the draft does not have yet (a decision never recorded):
            # the edit makes the object, and its undo takes the whole object away again,
            # rather than leaving it with None in a text field.
            probe = copy.deepcopy(self.draft)
            paths.set(probe, path, copy.deepcopy(value))
            made = paths.get(probe, absent)
            self.undo_stack.push(
                SetValue(self, absent, None, made, text or path, False, "" if text else path)
            )
            return
        self.undo_stack.push(
            SetValue(
                self,
                path,
                copy.deepcopy(old),
                copy.deepcopy(value),
                text or path,
                merge,
                "" if text else path,
            )
        )

    def _absent_parent(self, path: str) -> str | None:
        """The first object on `path` that is None (`item.decision` of a draft without a
        decision), or None when every parent exists."""
        parts = path.split(".")
        for end in range(1, len(parts)):
            prefix = ".".join(parts[:end])
            if "[" not in prefix and self.value(prefix, default=0) is None:
                return prefix
        return None

    def folder(self) -> Path | None:
        """The folder the draft's file paths are relative to: its file's, or, for one opened
        from a Word document, that document's (where its draft was); None for a new draft."""
        if self.path is not None:
            return self.path.parent
        return self.suggestion.parent if self.suggestion is not None else None

    def rebased(self, path: str, value: Any, folder: Path | None) -> Any:
        """A copy of `value` (for `path`), its file paths written relative to `folder`, as
        they are written now: the draft may have been saved into another folder since."""
        value = copy.deepcopy(value)
        if folder == self.folder() or not paths.settable(self.draft, path):
            return value
        probe = copy.deepcopy(self.draft)
        paths.set(probe, path, value)
        filerefs.rebase(probe, folder, self.folder())
        return paths.get(probe, path)

    def apply(self, path: str, value: Any) -> None:
        """Change the model without undo history (commands call this)."""
        paths.set(self.draft, path, value)
        self.changed.emit(path)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    # --- files -----------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path, parent: QObject | None = None) -> DraftDocument[Draft]:
        """Raises draftfile.DraftError with messages for the user."""
        return DraftDocument(draftfile.load(path), path, parent)

    @classmethod
    def from_word(
        cls, draft: Draft, word: Path, parent: QObject | None = None
    ) -> DraftDocument[Draft]:
        """The draft a Word document carried, as new unsaved work: no file of its own, so
        Save asks where (suggesting the document's name with .pykala)."""
        document = DraftDocument(draft, None, parent)
        document.origin = Path(word)
        document.suggestion = Path(word).with_suffix(draftfile.SUFFIX)
        document.undo_stack.resetClean()  # not saved anywhere as a draft yet
        return document

    @classmethod
    def restored(
        cls, draft: Draft | MeetingDraft, original: Path | None, signature: str | None
    ) -> DraftDocument[Any]:
        """A recovery copy as unsaved work on its original file. `signature` is the file as
        it was when the copy was made: saving warns only if another program changed it
        since."""
        document: DraftDocument[Any] = DraftDocument(draft, None)
        document.path = original
        document.signature = signature
        document.undo_stack.resetClean()  # restored work is unsaved work
        return document

    def changed_on_disk(self) -> bool:
        """True if the file is not what this program last read or wrote."""
        return (
            self.path is not None
            and self.path.exists()
            and (file_signature(self.path) != self.signature)
        )

    def save(self, path: Path | None = None) -> None:
        """Atomic save; raises OSError. The stack becomes clean: nothing is unsaved."""
        target = Path(path) if path else self.path
        assert target is not None, "save() without a path: ask for one first"
        # File paths are written relative to the file that holds them (drafting.filerefs).
        written = copy.deepcopy(self.draft)
        rebased = filerefs.rebase(written, self.folder(), target.parent)
        draftfile.save(written, target)
        filerefs.rebase(self.draft, self.folder(), target.parent)
        self.path = target
        for field in rebased:
            self.changed.emit(field)
        self.signature = file_signature(target)
        self.undo_stack.setClean()
        self.file_changed.emit()
