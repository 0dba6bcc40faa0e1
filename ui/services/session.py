"""One document session: the file life of a window's document, an item draft or a meeting.

Open, save, save as, the "changed by another program" check, recent files, a recovery copy at
most the set pause after a change, the copy at logout, the close question and what the crash
handler saves. The session owns the document and its kind; the window owns the widgets and
hears from the session only through its signals and the `flush` it hands in. No window is
imported here (an import-linter contract in pyproject.toml keeps it so).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMenu

from drafting import dates, draftfile, i18n, names, produce
from drafting.i18n import _
from drafting.model import Draft, MeetingDraft
from ui.services import folders, recent, recovery, settings
from ui.services.dialogs import Asker
from ui.services.document import DraftDocument


def may_overwrite(document: DraftDocument, path: Path, ask: Asker) -> bool:
    """True unless another program changed the file since this one last read or wrote it and
    the user chooses to keep theirs: the one changed-on-disk guard of every window's Save."""
    return not document.changed_on_disk() or bool(ask.overwrite_changed_file(path))


@dataclass(frozen=True)
class Kind:
    """What a session holds: an item draft or a meeting, and what differs between them."""

    name: str  # draftfile.ITEM or draftfile.MEETING, as the file declares it
    load: Callable[[Path], Any]  # raises draftfile.DraftError
    build: Callable[[draftfile.Opened], Any]  # from a file read once; raises DraftError
    blank: Callable[[], Any]
    untitled: Callable[[], str]  # the name of one never saved
    cannot_open: Callable[[], str]  # the title of the message when a file cannot be read
    file_name: Callable[[DraftDocument], str]  # what Save As suggests, in the start folder


ITEM = Kind(
    draftfile.ITEM,
    draftfile.load,
    draftfile.Opened.draft,
    Draft,
    lambda: _("Untitled"),
    lambda: _("Cannot open draft"),
    lambda document: f"{names.file_stem(document.draft.item.title) or 'pykala'}.pykala",
)
MEETING = Kind(
    draftfile.MEETING,
    draftfile.load_meeting,
    draftfile.Opened.meeting,
    MeetingDraft,
    lambda: _("New meeting"),
    lambda: _("Cannot open meeting"),
    lambda document: document.path.name if document.path else "kokous.pykala",
)

_sessions: list[Session] = []  # every open session: what the crash handler and logout save


def open_sessions() -> list[Session]:
    """The sessions of the windows now open, drafting and meeting alike."""
    _sessions[:] = [each for each in _sessions if shiboken6.isValid(each)]
    return list(_sessions)


def write_recovery_copies() -> int:
    """Every open session writes a recovery copy of its unsaved work (at logout); how many
    wrote one."""
    return sum(1 for each in open_sessions() if each.autosave())


def offer_recovery(ask: Asker, restore: Callable[[recovery.Copy, DraftDocument], bool]) -> None:
    """After a crash or a logout: offer each copy left behind, items and meetings, newest
    first. `restore` puts one into a window of its kind; False (the user kept the work that
    was open) ends the offer. The drafting window holds one item: once one is restored, the
    other items wait for the next start."""
    open_ids = {each.recovery_id for each in open_sessions()}
    item_restored = False
    for left in recovery.pending(exclude=open_ids):
        if left.kind == draftfile.ITEM and item_restored:
            continue
        now = _dt.datetime.now().astimezone()
        when = dates.age_for_interface(left.saved, now, i18n.language())  # how old, too
        title = left.title
        if left.kind == draftfile.MEETING:
            title = _("Meeting — {name}").format(name=left.title or _("New meeting"))
        answer = ask.restore(when, title, meeting=left.kind == draftfile.MEETING)
        if answer == "discard":
            recovery.discard(left.id)
        elif answer == "restore":
            try:
                draft = left.load()
            except draftfile.DraftError as exc:
                ask.error(_("Cannot restore"), str(exc))
                continue
            if not restore(left, DraftDocument.restored(draft, left.original, left.signature)):
                return
            item_restored = item_restored or left.kind == draftfile.ITEM


class Session(QObject):
    """Owned by a window: brings its document in, writes it out, keeps a recovery copy of
    unsaved work and asks before it is lost. The window shows the document; this keeps its
    file."""

    replaced = Signal(object)  # another document (DraftDocument): the window shows it
    saved = Signal()  # the document was saved (its names are known words now)
    said = Signal(str, int)  # a message for the status bar, and for how many ms

    def __init__(
        self,
        kind: Kind,
        ask: Asker,
        flush: Callable[[], None],
        document: DraftDocument | None = None,
        *,
        elsewhere: Callable[[Path, draftfile.Opened], bool] | None = None,
        store: settings.Settings | None = None,
        recovery_id: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`flush`: the window's typed text that waits for a pause goes into the document;
        `elsewhere`: opens a file of another kind (a meeting from the drafting window)."""
        super().__init__(parent)
        self.kind = kind
        self.ask = ask
        self.flush = flush
        self.elsewhere = elsewhere
        self.settings = store or settings.Settings()
        self.recovery_id = recovery_id or recovery.new_id()
        self._kept = False  # the recovery copy has every change (nothing typed since)
        self.autosave_timer = QTimer(self, singleShot=True)
        self.autosave_timer.timeout.connect(self.autosave)
        self.document: DraftDocument = (
            document if document is not None else DraftDocument(kind.blank())
        )
        self._adopt(self.document)
        _sessions.append(self)

    def _adopt(self, document: DraftDocument) -> None:
        document.setParent(self)
        document.changed.connect(self.changed)
        document.typing.connect(self.changed)

    def replace(self, document: DraftDocument) -> None:
        """Show `document` instead, unasked (the caller asked, or nothing was open)."""
        old, self.document = self.document, document
        self._adopt(document)
        self._kept = False
        self.replaced.emit(document)
        if old is not document:
            old.deleteLater()

    def display_name(self) -> str:
        document = self.document
        if document.path:
            return document.path.name
        if document.origin:
            return _("Draft from {name}").format(name=document.origin.name)
        return self.kind.untitled()

    # --- opening ---------------------------------------------------------------------

    def _may_discard(self) -> bool:
        """True if the current document may be replaced: saved, or the user said so."""
        self.flush()
        if not self.document.modified:
            return True
        answer = self.ask.save_changes(self.display_name())
        if answer == "save":
            return self.save()
        if answer == "discard":
            recovery.discard(self.recovery_id)
            return True
        return False

    def new_draft(self) -> None:
        if self._may_discard():
            self.recovery_id = recovery.new_id()
            self.replace(DraftDocument(self.kind.blank()))

    def new_from_example(self, path: Path) -> None:
        if self._may_discard():
            self.recovery_id = recovery.new_id()
            self.replace(DraftDocument(self.kind.load(path)))

    def open_dialog(self) -> None:
        folder = folders.start(folders.DRAFTS, self.document.folder())
        path = self.ask.open_path(str(folder))
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        opened = draftfile.read_any(path)  # read and parsed once, then built from that
        if opened.kind == draftfile.WORD and self.kind is ITEM:
            return self.open_word(path)
        if opened.kind != self.kind.name and self.elsewhere is not None:
            return self.elsewhere(path, opened)
        try:  # read first: a file that is no draft must not cost a question about saving
            document = DraftDocument(self.kind.build(opened), path)
        except draftfile.DraftError as exc:
            self.ask.open_failed(self.kind.cannot_open(), path, exc.problems)
            return False
        if not self._may_discard():
            return False
        self.recovery_id = recovery.new_id()
        self.replace(document)
        self.settings.add_recent(str(path.resolve()))
        folders.remember(folders.DRAFTS, path)
        return True

    def open_word(self, path: Path) -> bool:
        """A Word document Pykälä wrote: the draft it carries opens as a new, unsaved draft
        (Word edits are not read back; if there are some, the user decides)."""
        try:
            reopened = produce.open_word(path)
        except draftfile.DraftError as exc:
            self.ask.open_failed(_("Cannot open Word document"), path, exc.problems)
            return False
        if reopened.text_changed and not self.ask.docx_changed(path.name):
            return False
        if not self._may_discard():
            return False
        self.recovery_id = recovery.new_id()
        self.replace(DraftDocument.from_word(reopened.draft, path))
        self.settings.add_recent(str(path.resolve()))
        folders.remember(folders.DRAFTS, path)
        said = (
            _("Opened the public copy's draft from {name}: marked names are masked.")
            if reopened.public
            else _("Opened the draft {name} was made from. Save it as a .pykala draft.")
        )
        self.said.emit(said.format(name=path.name), 15000)
        return True

    def fill_recent(self, menu: QMenu) -> None:
        """File → Open recent (ui/recent.py: what each file is, looked at off the UI thread)."""
        recent.fill(menu, self.settings[settings.RECENT_FILES], self.open_path)

    # --- saving ----------------------------------------------------------------------

    def save(self) -> bool:
        self.flush()
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        self.flush()
        folder = folders.start(folders.DRAFTS, self.document.folder())
        suggestion = str(self.document.suggestion or folder / self.kind.file_name(self.document))
        path = self.ask.save_path(suggestion)
        # The file paths inside follow into the new folder (drafting.filerefs).
        return self._save_to(path, check_disk=False) if path else False

    def _save_to(self, path: Path, check_disk: bool = True) -> bool:
        if check_disk and not may_overwrite(self.document, path, self.ask):
            return False  # another program changed the file; theirs is kept
        try:
            self.document.save(path)
        except OSError as exc:
            self.ask.save_failed(path, exc)
            return False
        recovery.discard(self.recovery_id)
        self.autosave_timer.stop()
        self.settings.add_recent(str(path.resolve()))
        folders.remember(folders.DRAFTS, path)
        self.saved.emit()
        self.said.emit(_("Saved {name}").format(name=path.name), 5000)
        return True

    # --- autosave and recovery -------------------------------------------------------

    def changed(self, _path: str = "") -> None:
        """An edit: a recovery copy follows after the set pause (not later for more edits)."""
        self._kept = False
        if not self.autosave_timer.isActive():
            seconds = self.settings[settings.AUTOSAVE_SECONDS]
            self.autosave_timer.start(max(1, seconds) * 1000)

    def autosave(self) -> bool:
        """The recovery copy of unsaved work, the text still in a typing pause included;
        True if one was written."""
        self.flush()
        document = self.document
        if not document.modified:
            return False
        try:
            recovery.write(self.recovery_id, document.draft, document.path, document.signature)
        except OSError as exc:
            self.said.emit(_("Autosave failed: {reason}").format(reason=exc.strerror or exc), 8000)
            return False
        self._kept = True
        return True

    def restore(self, document: DraftDocument, recovery_id: str) -> bool:
        """A recovery copy's work in place of the open document (if that may go); saving
        it discards the copy, autosave updates it."""
        if not self._may_discard():
            return False
        self.recovery_id = recovery_id
        self.replace(document)
        return True

    # --- closing ---------------------------------------------------------------------

    def may_close(self, ask: bool = True) -> bool:
        """The close-time question: True if the document may go (saved, or the user said
        so), and its recovery copy goes with it. Unasked (logout), the unsaved work stays
        as a recovery copy the next start offers."""
        if not ask:
            if not self._kept:
                self.autosave()
            return True
        if not self._may_discard():
            return False
        recovery.discard(self.recovery_id)  # saved, or the user chose to discard
        return True

    def stop(self) -> None:
        """The window is closing: no autosave after it, and no session for the crash
        handler."""
        self.autosave_timer.stop()
        if self in _sessions:
            _sessions.remove(self)
