"""The draft's file life in the drafting window: open, save, autosave, recovery copies, the
recent files, and whether unsaved work may go."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from drafting import dates, draftfile, i18n, names, produce
from drafting.i18n import _
from ui import folders, recent, recovery, settings
from ui.document import DraftDocument

if TYPE_CHECKING:
    from ui.dialogs import Asker
    from ui.mainwindow import MainWindow


def may_overwrite(document: DraftDocument, path: Path, ask: Asker) -> bool:
    """True unless another program changed the file since this one last read or wrote it and
    the user chooses to keep theirs: the one changed-on-disk guard of every window's Save."""
    return not document.changed_on_disk() or bool(ask.overwrite_changed_file(path))


class Session(QObject):
    """Owned by the window: brings drafts in, writes them out, keeps a recovery copy of
    unsaved work and asks before it is lost. The window shows the draft; this keeps its file."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.recovery_id = recovery.new_id()
        self.autosave_timer = QTimer(self, singleShot=True)
        self.autosave_timer.timeout.connect(self.autosave)

    # --- opening ---------------------------------------------------------------------

    def _may_discard(self) -> bool:
        """True if the current draft may be replaced: saved, or the user said so."""
        window = self.window
        window.flush()
        if not window.document.modified:
            return True
        answer = window.ask.save_changes(window.display_name())
        if answer == "save":
            return self.save()
        if answer == "discard":
            recovery.discard(self.recovery_id)
            return True
        return False

    def new_draft(self) -> None:
        if self._may_discard():
            self.recovery_id = recovery.new_id()
            self.window.set_document(DraftDocument())

    def new_from_example(self, path: Path) -> None:
        if self._may_discard():
            self.recovery_id = recovery.new_id()
            self.window.set_document(DraftDocument(draftfile.load(path)))

    def open_dialog(self) -> None:
        folder = folders.start(folders.DRAFTS, self.window.document.folder())
        path = self.window.ask.open_path(str(folder))
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        window = self.window
        kind = draftfile.sniff(path)
        if kind == draftfile.WORD:
            return self.open_word(path)
        if kind == draftfile.MEETING:
            return window.open_meeting(path)
        try:  # read first: a file that is no draft must not cost a question about saving
            document = DraftDocument.load(path)
        except draftfile.DraftError as exc:
            window.ask.open_failed(_("Cannot open draft"), path, exc.problems)
            return False
        if not self._may_discard():
            return False
        self.recovery_id = recovery.new_id()
        window.set_document(document)
        window.settings.add_recent(str(path.resolve()))
        folders.remember(folders.DRAFTS, path)
        return True

    def open_word(self, path: Path) -> bool:
        """A Word document Pykälä wrote: the draft it carries opens as a new, unsaved draft
        (Word edits are not read back; if there are some, the user decides)."""
        window = self.window
        try:
            reopened = produce.open_word(path)
        except draftfile.DraftError as exc:
            window.ask.open_failed(_("Cannot open Word document"), path, exc.problems)
            return False
        if reopened.text_changed and not window.ask.docx_changed(path.name):
            return False
        if not self._may_discard():
            return False
        self.recovery_id = recovery.new_id()
        window.set_document(DraftDocument.from_word(reopened.draft, path))
        window.settings.add_recent(str(path.resolve()))
        folders.remember(folders.DRAFTS, path)
        said = (
            _("Opened the public copy's draft from {name}: marked names are masked.")
            if reopened.public
            else _("Opened the draft {name} was made from. Save it as a .pykala draft.")
        )
        window.statusBar().showMessage(said.format(name=path.name), 15000)
        return True

    def fill_recent(self, menu: QMenu) -> None:
        """File → Open recent (ui/recent.py: what each file is, looked at off the UI thread)."""
        recent.fill(menu, self.window.settings[settings.RECENT_FILES], self.open_path)

    # --- saving ----------------------------------------------------------------------

    def save(self) -> bool:
        self.window.flush()
        if self.window.document.path is None:
            return self.save_as()
        return self._save_to(self.window.document.path)

    def save_as(self) -> bool:
        window = self.window
        window.flush()
        folder = folders.start(folders.DRAFTS, window.document.folder())
        suggestion = str(
            window.document.suggestion
            or folder / f"{names.file_stem(window.document.draft.item.title) or 'pykala'}.pykala"
        )
        path = window.ask.save_path(suggestion)
        return self._save_to(path, check_disk=False) if path else False

    def _save_to(self, path: Path, check_disk: bool = True) -> bool:
        window = self.window
        if check_disk and not may_overwrite(window.document, path, window.ask):
            return False
        try:
            window.document.save(path)
        except OSError as exc:
            window.ask.save_failed(path, exc)
            return False
        recovery.discard(self.recovery_id)
        self.autosave_timer.stop()
        window.people.remember(window.document.draft)
        window.spelling.names_changed()  # the names just saved are known words now
        window.settings.add_recent(str(path.resolve()))
        folders.remember(folders.DRAFTS, path)
        window.statusBar().showMessage(_("Saved {name}").format(name=path.name), 5000)
        window.update_title()
        return True

    # --- autosave and recovery -------------------------------------------------------

    def changed(self) -> None:
        """An edit: a recovery copy follows after the set pause (not later for more edits)."""
        if not self.autosave_timer.isActive():
            seconds = self.window.settings[settings.AUTOSAVE_SECONDS]
            self.autosave_timer.start(max(1, seconds) * 1000)

    def autosave(self) -> None:
        window = self.window
        window.flush()
        if window.document.modified:
            try:
                recovery.write(
                    self.recovery_id,
                    window.document.draft,
                    window.document.path,
                    window.document.signature,
                )
            except OSError as exc:
                window.statusBar().showMessage(
                    _("Autosave failed: {reason}").format(reason=exc.strerror or exc), 8000
                )

    def offer_recovery(self) -> None:
        """After a crash: offer each copy left behind, newest first."""
        window = self.window
        for left in recovery.pending(exclude={self.recovery_id}):
            now = _dt.datetime.now().astimezone()
            when = dates.age_for_interface(left.saved, now, i18n.language())  # how old, too
            answer = window.ask.restore(when, left.title)
            if answer == "discard":
                recovery.discard(left.id)
            elif answer == "restore":
                try:
                    draft = left.load()
                except draftfile.DraftError as exc:
                    window.ask.error(_("Cannot restore"), str(exc))
                    continue
                if not self._may_discard():
                    return
                self.recovery_id = left.id  # saving discards it; autosave updates it
                document = DraftDocument.restored(draft, left.original, left.signature)
                window.set_document(document)
                window.update_title()
                return

    def emergency_save(self) -> None:
        """At logout (SIGTERM): keep unsaved work as a recovery copy, then quit unasked."""
        self.autosave()
        self.window.close_unasked = True
        self.window.close()
        QApplication.instance().quit()

    # --- closing ---------------------------------------------------------------------

    def may_close(self) -> bool:
        """The close-time question: True if the draft may go (saved, or the user said so);
        its recovery copy goes with it."""
        if not self._may_discard():
            return False
        recovery.discard(self.recovery_id)  # saved, or the user chose to discard
        return True

    def stop(self) -> None:
        """The window is closing: no autosave after it."""
        self.autosave_timer.stop()
