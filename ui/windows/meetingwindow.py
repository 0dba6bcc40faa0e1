"""The meeting view: the items in order with their numbers and status, the meeting's details
and participants, and the builds of agenda, minutes, item files and extracts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QFileSystemWatcher, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting import draftfile, filerefs, genitive, meeting, produce, schema
from drafting.i18n import _
from drafting.model import Draft, MeetingDraft, Participant
from ui.controllers import numbering
from ui.controllers.building import BuildController
from ui.controllers.printing import PrintController
from ui.services import folders, screens, settings, shortcuts, worker
from ui.services.document import DraftDocument
from ui.services.session import MEETING, Session
from ui.widgets.binding import Binder, enable_undo
from ui.widgets.form import FieldGroup, declared, declared_column
from ui.widgets.records import RecordTable, moved
from ui.windows.askers import MeetingAsker
from ui.windows.signing_dialogs import SignDialog, VerifyDialog

D = TypeVar("D", bound=QDialog)


class ItemList(QTreeWidget):
    """The meeting's items; drag a row to reorder. Emits the new order of file paths."""

    reordered = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setColumnCount(4)
        header = self.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Interactive,
            )
        ):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(3, 260)

    def fit_columns(self) -> None:
        """The status as wide as its longest entry, but at most two fifths of the list (its
        tooltip has the rest): the titles keep the room."""
        header = self.header()
        wanted = max(self.sizeHintForColumn(3), header.sectionSizeHint(3))
        header.resizeSection(3, min(wanted, self.viewport().width() * 2 // 5))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def dropEvent(self, event) -> None:
        super().dropEvent(event)
        order = [
            item.data(0, Qt.ItemDataRole.UserRole)
            for n in range(self.topLevelItemCount())
            if (item := self.topLevelItem(n)) is not None
        ]
        self.reordered.emit([p for p in order if p is not None])


RESCAN_DELAY_MS = 250  # one refresh for a burst of file events (a save is write + rename)
# How the participants' table shows a declared column: the group as a "Member" tick box.
# The genitive column shows the generated genitive, grey, until the secretary corrects it.
_PARTICIPANT_COLUMNS: dict[str, dict] = {
    f"{schema.PARTICIPANTS}[].group": {"kind": "member"},
    f"{schema.PARTICIPANTS}[].genitive": {"hint": lambda p: genitive.genitive(p.name)},
}
PARTICIPANT_ROWS = 7  # shown before the column scrolls


class MeetingWindow(QMainWindow):
    """One meeting file. `drafting` is the drafting window that opens its items."""

    def __init__(
        self,
        document: DraftDocument[MeetingDraft] | None = None,
        drafting=None,
        parent: QWidget | None = None,
        recovery_id: str | None = None,
    ) -> None:
        """`recovery_id`: the recovery copy `document` was restored from (saving ends it)."""
        super().__init__(parent)
        self.drafting = drafting
        self.ask = MeetingAsker(self)
        self.printing = PrintController(self, self.ask, self._converter)
        self.builds = BuildController(self, self.ask, self._converter, self._start)
        # The meeting file's life (save, recovery copy, the close question) and its document.
        self.session = Session(
            MEETING, self.ask, self.flush, document, recovery_id=recovery_id, parent=self
        )
        self.session.said.connect(self.statusBar().showMessage)
        self._status_cache: dict[Path, tuple[tuple[int, int], Draft | str]] = {}
        # Close without asking about unsaved work (logout): the session writes its recovery
        # copy as the window goes, and the next start offers it.
        self.close_unasked = False
        self.session_view: QMainWindow | None = (
            None  # the meeting in session (open_session), when open
        )
        # A LibreOffice of its own, when no drafting window lends one.
        self._own_converter: produce.Converter | None = None
        # Item files change under the view: saved in the drafting window, copied in, removed.
        self.watcher = QFileSystemWatcher(self)
        self.rescan_timer = QTimer(self, singleShot=True, interval=RESCAN_DELAY_MS)
        self.rescan_timer.timeout.connect(self.refresh_items)
        self.watcher.directoryChanged.connect(self._file_event)
        self.watcher.fileChanged.connect(self._file_event)
        self.binder = Binder(self.document, "", self)
        # The meeting file's fields and the participants' columns, as drafting.schema
        # declares them (labels, kinds, hints).
        self.details = FieldGroup(
            lambda: _("Meeting"),
            [declared(f) for f in schema.group("meeting", MeetingDraft)],
            self.binder,
        )
        self.participants = RecordTable(
            self.document,
            schema.PARTICIPANTS,
            [
                declared_column(f.path, **_PARTICIPANT_COLUMNS.get(f.path, {}))
                for f in schema.row_fields(schema.PARTICIPANTS, MeetingDraft)
            ],
            Participant,
            lambda: _("Participants"),
        )
        # Room for a handful of participants; a small window scrolls the column instead of
        # squeezing the list to three rows.
        table = self.participants.table
        table.setMinimumHeight(
            table.horizontalHeader().sizeHint().height()
            + PARTICIPANT_ROWS * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
        )
        self.participants_box = QGroupBox()
        QVBoxLayout(self.participants_box).addWidget(self.participants)
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.details)
        column.addWidget(self.participants_box, 1)
        self.details_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)

        self.items = ItemList(self)
        self.items.reordered.connect(self._reordered)
        self.items.itemDoubleClicked.connect(lambda *_a: self.open_item())
        self.check_as = QComboBox(self)
        self.check_as.currentIndexChanged.connect(lambda *_a: self.refresh_items())
        self.check_label = QLabel(self)
        self.check_label.setBuddy(self.check_as)
        self.buttons: dict[str, QPushButton] = {}
        button_row = QHBoxLayout()
        for key in ("add", "new", "remove", "up", "down", "open"):
            button = QPushButton(self)
            button.clicked.connect(getattr(self, f"{key}_item"))
            self.buttons[key] = button
            button_row.addWidget(button)
        button_row.addStretch(1)
        output_row = QHBoxLayout()
        self.number_button = QPushButton(self)
        self.number_button.clicked.connect(self.write_numbers)
        self.build_button = QPushButton(self)
        self.build_button.clicked.connect(self.build)
        self.session_button = QPushButton(self)
        self.session_button.clicked.connect(self.open_session)
        output_row.addWidget(self.session_button)
        output_row.addStretch(1)
        output_row.addWidget(self.number_button)
        output_row.addWidget(self.build_button)
        self.items_box = QGroupBox()
        items_layout = QVBoxLayout(self.items_box)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_label)
        check_row.addWidget(self.check_as)
        check_row.addStretch(1)
        items_layout.addLayout(check_row)
        items_layout.addWidget(self.items, 1)
        items_layout.addLayout(button_row)
        items_layout.addLayout(output_row)

        splitter = QSplitter(self)
        splitter.addWidget(scroll)
        splitter.addWidget(self.items_box)
        splitter.setSizes([520, 680])
        self.setCentralWidget(splitter)
        self._make_actions()
        self.document.changed.connect(self._changed)
        self.document.file_changed.connect(self._update_title)
        self.document.typing.connect(self._say_input_error)
        self._said_input_error = ""
        self.sign_dialog: SignDialog | None = None
        self.verify_dialog: VerifyDialog | None = None
        self.retranslate()
        screens.place(self, QSize(1250, 800), settings.Settings()[settings.MEETING_GEOMETRY])

    # --- actions -----------------------------------------------------------------------

    def _action(
        self,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.act_save = self._action(self.save, keys.Save)
        self.act_save_as = self._action(self.save_as, keys.SaveAs)
        self.act_build = self._action(self.build, QKeySequence("Ctrl+B"))
        self.act_number = self._action(self.write_numbers)
        self.act_session = self._action(self.open_session, QKeySequence("Ctrl+M"))
        self.act_sign = self._action(self.sign_minutes)
        self.act_verify = self._action(self.verify_signatures)
        # Ctrl+P prints the document of the meeting's phase; the menu offers each one.
        self.act_print = self._action(self.print_phase, keys.Print)
        self.act_print_agenda = self._action(self.print_agenda)
        self.act_print_minutes = self._action(self.print_minutes)
        self.act_print_item = self._action(self.print_item)
        self.act_close = self._action(self.close, keys.Close)
        self.act_undo = self._action(self.undo)
        self.act_redo = self._action(self.redo)
        self.act_undo.setShortcuts(keys.Undo)
        self.act_redo.setShortcuts(shortcuts.redo_keys())  # Ctrl+Y and Ctrl+Shift+Z
        self.menu_meeting = self.menuBar().addMenu("")
        for action in (
            self.act_save,
            self.act_save_as,
            None,
            self.act_build,
            self.act_number,
            self.act_session,
            self.act_sign,
            self.act_verify,
            None,
            self.act_print,
            self.act_print_agenda,
            self.act_print_minutes,
            self.act_print_item,
            None,
            self.act_close,
        ):
            if action is None:
                self.menu_meeting.addSeparator()
            else:
                self.menu_meeting.addAction(action)
        self.menu_edit = self.menuBar().addMenu("")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        for signal in (
            self.document.undo_stack.canUndoChanged,
            self.document.undo_stack.canRedoChanged,
            self.document.typing,
        ):
            signal.connect(self._update_undo)
        self._update_undo()

    def retranslate(self) -> None:
        for action, text in (
            (self.act_save, _("&Save meeting")),
            (self.act_save_as, _("Save meeting &as…")),
            (self.act_build, _("&Build documents…")),
            (self.act_number, _("&Write numbers into the items")),
            (self.act_session, _("Meeting i&n session…")),
            (self.act_sign, _("Si&gn the minutes…")),
            (self.act_verify, _("&Verify signatures…")),
            (self.act_print, _("Pr&int…")),
            (self.act_print_agenda, _("Print the agenda…")),
            (self.act_print_minutes, _("Print the minutes…")),
            (self.act_print_item, _("Print the selected item…")),
            (self.act_close, _("&Close")),
            (self.act_undo, _("&Undo")),
            (self.act_redo, _("&Redo")),
        ):
            action.setText(text)
        self._update_undo()  # "Undo: Chair" in the new language
        self.menu_meeting.setTitle(_("&Meeting"))
        self.menu_edit.setTitle(_("&Edit"))
        self.details.retranslate()
        self.printing.status.retranslate()
        self.participants.retranslate()
        self.participants_box.setTitle(_("Participants"))
        self.items_box.setTitle(_("Items, as they will be numbered"))
        self.items.setHeaderLabels([_("Asia"), "§", _("Title"), _("Status")])
        self.items.setAccessibleName(_("Items of the meeting"))
        self.check_label.setText(_("Check as") + ":")
        current = self.check_as.currentData() or self._phase()
        self.check_as.blockSignals(True)
        self.check_as.clear()
        self.check_as.addItem(_("Agenda"), "agenda")
        self.check_as.addItem(_("Minutes"), "minutes")
        self.check_as.setCurrentIndex(self.check_as.findData(current))
        self.check_as.blockSignals(False)
        texts = {
            "add": _("Add items…"),
            "new": _("New item…"),
            "remove": _("Remove"),
            "up": _("Move up"),
            "down": _("Move down"),
            "open": _("Open"),
        }
        for key, button in self.buttons.items():
            button.setText(texts[key])
        self.number_button.setText(_("Write numbers into the items"))
        self.build_button.setText(_("Build documents…"))
        self.session_button.setText(_("Meeting in session…"))
        self.session_button.setToolTip(self.act_session.shortcut().toString())
        self._update_title()
        self.refresh_items()

    def _phase(self) -> str:
        """Check as minutes once a decision is recorded in any item, else as an agenda."""
        return meeting.phase(self._load_item(self.item_path(p)) for p in self.draft.items)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh_items()  # an item may have been edited in the drafting window
        super().changeEvent(event)

    # --- the meeting file --------------------------------------------------------------

    @property
    def document(self) -> DraftDocument[MeetingDraft]:
        """The meeting (the session owns it)."""
        return self.session.document

    @property
    def draft(self) -> MeetingDraft:
        return self.document.draft

    def flush(self) -> None:
        """Text typed into a field that waits for a pause goes into the meeting."""
        self.binder.flush()

    def base(self) -> Path | None:
        """The meeting file's folder (its item paths are relative to it); None while the
        meeting is not saved, and its item paths are absolute."""
        return self.document.folder()

    def item_path(self, stored: str) -> Path:
        """The file of an item as the meeting lists it."""
        return filerefs.resolve(stored, self.base())

    def _start(self, purpose: str) -> Path:
        """Where a file dialog of this window opens (ui.services.folders)."""
        return folders.start(purpose, self.base())

    def _update_title(self) -> None:
        name = self.session.display_name()
        self.setWindowTitle(f"{name}[*] — " + _("Meeting") + " — Pykälä")
        self.setWindowModified(self.document.modified)

    def _update_undo(self, *_args) -> None:
        enable_undo(self.document, [self.binder], self.act_undo, self.act_redo, self._describe)

    def _describe(self, path: str) -> str:
        """A field's label for Edit → Undo ("Undo: Chair")."""
        if path.startswith("participants"):
            return self.participants.name()
        widget = self.binder.widget_for(path)
        return widget.accessibleName() if widget is not None else ""

    def _say_input_error(self) -> None:
        """A typed value the meeting cannot take yet (a date like 3.5.21), said in the status
        bar with its field, as the item window's checks panel says it; gone once fixed."""
        errors = self.binder.input_errors
        said = next((f"{self._describe(p)}: {e}" for p, e in errors.items()), "")
        if said:
            self.statusBar().showMessage(said)
        elif self.statusBar().currentMessage() == self._said_input_error:
            self.statusBar().clearMessage()
        self._said_input_error = said

    def _changed(self, path: str) -> None:
        if path in ("", "items", "first_section") or path.startswith(("meeting", "items[")):
            self.refresh_items()

    def undo(self) -> None:
        self.binder.flush()
        self.document.undo_stack.undo()

    def redo(self) -> None:
        self.binder.flush()
        self.document.undo_stack.redo()

    def save(self) -> bool:
        return self.session.save()

    def save_as(self) -> bool:
        return self.session.save_as()

    def open_session(self) -> None:
        """The meeting in session (ui.windows.session): one view per meeting view."""
        from ui.windows.session import SessionWindow

        view = self.session_view
        if view is None or not shiboken6.isValid(view):
            view = self.session_view = SessionWindow(self, self)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.show()
        view.raise_()
        view.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        asked = not self.close_unasked  # unasked (logout): a recovery copy keeps the work
        view = self.session_view
        if view is not None and shiboken6.isValid(view) and view.isVisible():
            view.close_unasked = self.close_unasked  # type: ignore[attr-defined]
            if not view.close():  # its items' unsaved work is asked about first
                event.ignore()
                return
        if (asked and not self.printing.may_close()) or not self.session.may_close(asked):
            event.ignore()
            return
        self.session.stop()
        self.printing.finish_now(cancel=False)  # a hand-off under way ends first
        settings.Settings()[settings.MEETING_GEOMETRY] = self.saveGeometry()
        if self._own_converter is not None:
            self._own_converter.stop()  # no LibreOffice outlives the window
            self._own_converter = None
        event.accept()

    # --- items -------------------------------------------------------------------------

    def _watch(self, files: list[Path]) -> None:
        """Watch the meeting's folder, the listed items and their folders (a missing item
        appears in its folder). A file replaced by a save drops out of the watch: re-added."""
        base = self.base()
        wanted = {str(base.resolve())} if base is not None else set()
        for path in files:
            wanted.update(str(p.resolve()) for p in (path, path.parent) if p.exists())
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        if watched - wanted:
            self.watcher.removePaths(sorted(watched - wanted))
        if wanted - watched:
            self.watcher.addPaths(sorted(wanted - watched))

    def _file_event(self, _path: str) -> None:
        self.rescan_timer.start()

    def _load_item(self, path: Path) -> Draft | str:
        """The item, or why it cannot be read; re-read only when the file changed."""
        try:
            info = path.stat()
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            return _("file not found")
        cached = self._status_cache.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
        try:
            value: Draft | str = draftfile.load(path)
        except draftfile.DraftError as exc:
            value = exc.problems[0]
        self._status_cache[path] = (stamp, value)
        return value

    def refresh_items(self) -> None:
        """Show the items with the numbers they will print with, and what each still lacks."""
        current = self.items.currentItem()
        chosen = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        self.rescan_timer.stop()
        self.items.clear()
        document = self.check_as.currentData() or "agenda"
        first = self.draft.first_section
        self._watch([self.item_path(relative) for relative in self.draft.items])
        for index, relative in enumerate(self.draft.items):
            path = self.item_path(relative)
            loaded = self._load_item(path)
            section = "" if first is None else meeting.section_sign(self.draft, first + index)
            title = (loaded.item.title or relative) if isinstance(loaded, Draft) else relative
            state = meeting.item_status(loaded, self.draft, index, document, path.parent)
            if state.unreadable:
                status = "✖ " + state.unreadable
            elif state.ok:
                status = "✓ " + _("complete")
            else:
                status = "✖ " + _("{count} problems: {first}").format(
                    count=state.problems, first=state.first
                )
            row = QTreeWidgetItem([str(index + 1), section, title, status])
            row.setData(0, Qt.ItemDataRole.UserRole, relative)
            row.setToolTip(2, str(path))
            row.setToolTip(3, status)
            row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
            self.items.addTopLevelItem(row)
            if relative == chosen:
                self.items.setCurrentItem(row)
        self.items.fit_columns()

    def _reordered(self, order: list[str]) -> None:
        if order != self.draft.items:
            self.document.set_value("items", order, text=_("Reorder"), merge=False)

    def _current_index(self) -> int:
        current = self.items.currentItem()
        return self.items.indexOfTopLevelItem(current) if current else -1

    def _move(self, step: int) -> None:
        index = self._current_index()
        order = moved(self.draft.items, index, step)
        if order is not None:
            self.document.set_value("items", order, text=_("Reorder"), merge=False)
            if (moved_item := self.items.topLevelItem(index + step)) is not None:
                self.items.setCurrentItem(moved_item)

    def up_item(self) -> None:
        self._move(-1)

    def down_item(self) -> None:
        self._move(1)

    def add_item(self) -> None:
        paths = self.ask.item_paths(str(self._start(folders.ITEMS)))
        if paths:
            added = list(self.draft.items) + [filerefs.stored(p, self.base()) for p in paths]
            self.document.set_value("items", added, text=_("Add items"), merge=False)

    def new_item(self) -> None:
        """A new item draft carrying this meeting's details, saved next to the meeting."""
        path = self.ask.save_path(str(self._start(folders.ITEMS) / "asia.pykala"))
        if path is None:
            return
        draft = Draft()
        index = len(self.draft.items)
        meeting.apply_meeting(draft, self.draft, index, meeting.NEW_ITEM_FIELDS)
        try:
            draftfile.save(draft, path)
        except OSError as exc:
            self.ask.error(_("Cannot save"), str(exc))
            return
        added = list(self.draft.items) + [filerefs.stored(path, self.base())]
        self.document.set_value("items", added, text=_("New item"), merge=False)
        self.open_item(len(added) - 1)

    def remove_item(self) -> None:
        """Take the item off this meeting; its file stays."""
        index = self._current_index()
        if 0 <= index < len(self.draft.items):
            order = list(self.draft.items)
            del order[index]
            self.document.set_value("items", order, text=_("Remove"), merge=False)

    def open_item(self, index: int | None = None) -> None:
        index = self._current_index() if index is None or index is False else index
        if (
            self.drafting is not None
            and 0 <= index < len(self.draft.items)
            and self.drafting.open_path(self.item_path(self.draft.items[index]))
        ):
            self.show_as_numbered(self.drafting, index)
            self.drafting.show()
            self.drafting.raise_()
            self.drafting.activateWindow()

    def show_as_numbered(self, drafting, index: int) -> None:
        """Give the item open in `drafting` this meeting's numbers (ui.controllers.numbering)."""
        numbering.show_as_numbered(drafting, self.draft, index)

    # --- numbers and builds ------------------------------------------------------------

    def _loaded(self) -> meeting.Meeting | None:
        self.binder.flush()
        if self.document.path is None and not self.save():
            return None
        if (path := self.document.path) is None:  # saved: it has one
            return None
        try:
            return meeting.read(path, self.draft)
        except meeting.BuildError as exc:
            self.ask.error(_("Cannot build"), _("An item cannot be read."), str(exc))
            return None

    def write_numbers(self) -> None:
        loaded = self._loaded()
        if loaded is None:
            return
        try:
            written = meeting.write_numbers(loaded)
        except OSError as exc:
            self.ask.error(_("Cannot save"), str(exc))
            return
        self._status_cache.clear()
        self.refresh_items()
        self.statusBar().showMessage(
            _("Numbers written into {count} item files").format(count=len(written)), 8000
        )

    def build(self) -> None:
        loaded = self._loaded()
        if loaded is not None:
            self.builds.build(loaded)

    # Not modal: the meeting stays usable while the minutes are signed or checked.
    def sign_minutes(self) -> None:
        """The signing dialog (drafting.signing): who signs now, with a card or a file."""
        loaded = self._loaded()
        if loaded is not None:
            self.sign_dialog = self._replace(self.sign_dialog, SignDialog(loaded, self))

    def verify_signatures(self) -> None:
        dialog = VerifyDialog(self.draft.organization, self)
        self.verify_dialog = self._replace(self.verify_dialog, dialog)

    def _replace(self, old: QDialog | None, new: D) -> D:
        if old is not None:
            old.close()
            old.deleteLater()
        new.show()
        return new

    def _converter(self) -> produce.Converter:
        """The drafting window's LibreOffice, or one of this window's, stopped when it closes."""
        if self.drafting is not None:
            return self.drafting.converter
        if self._own_converter is None:
            self._own_converter = produce.Converter()
        return self._own_converter

    # Slots take no argument: `triggered` hands over `checked`, which is not a kind.
    def print_phase(self) -> None:
        """The agenda before the meeting, the minutes once a decision is recorded."""
        self.print_document(self._phase())

    def print_agenda(self) -> None:
        self.print_document("agenda")

    def print_minutes(self) -> None:
        self.print_document("minutes")

    def print_item(self) -> None:
        self.print_document("item")

    def print_document(self, kind: str) -> None:
        """Print the agenda, the minutes or the selected item, as the build makes them."""
        loaded = self._loaded()
        if loaded is None:
            return
        index = self._current_index()
        if kind == "item" and not 0 <= index < len(loaded.items):
            self.ask.error(_("Nothing to print"), _("Select an item in the list first."))
            return
        converter = self._converter()

        def work() -> tuple[bytes, bytes, int, str]:
            kinds = ("items",) if kind == "item" else (kind,)
            document, pages = produce.produce(
                loaded, ("docx", "pdf"), kinds=kinds, item=index, converter=converter
            )
            name = document.name.removesuffix(document.suffix)
            return document.data, pages.data, produce.pdf_page_count(pages.data), name

        self.statusBar().showMessage(_("Making the pages to print…"))
        worker.start(work, self._print_ready, self._print_failed)

    def _print_ready(self, result: tuple[bytes, bytes, int, str]) -> None:
        self.statusBar().clearMessage()
        document, data, pages, name = result
        self.printing.ask_and_print(data, pages, name, lambda: document)

    def _print_failed(self, exc: Exception) -> None:
        self.statusBar().clearMessage()
        detail = "\n".join(getattr(exc, "problems", [str(exc)])[:20])
        self.ask.error(_("Cannot print"), _("The pages could not be made."), detail)


def load_meeting(path: Path) -> DraftDocument:
    """A meeting file as an editable document; raises draftfile.DraftError."""
    return DraftDocument(draftfile.load_meeting(path), Path(path))
