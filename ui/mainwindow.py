"""The drafting window: the item form, live checks, undo, export, preview and languages.

Files, autosave and recovery are the session's (ui/session.py); the window's slots hand over."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from drafting import atomic, checks, draftfile, names
from drafting.i18n import _
from drafting.location import RESOURCES
from drafting.model import Draft
from drafting.render import context, docx, html, warm
from drafting.resources import UnknownOrganization
from ui import settings, shortcuts, translation, worker
from ui.binding import enable_undo
from ui.checks_panel import ChecksPanel
from ui.dialogs import Asker
from ui.document import DraftDocument
from ui.form import ItemForm
from ui.meetingwindow import MeetingWindow, load_meeting
from ui.people import PeopleDirectory
from ui.preview import PreviewPane, PreviewWindow
from ui.preview_controller import PreviewController
from ui.printing import PrintController
from ui.session import Session

EXAMPLES = RESOURCES / "examples"
CHECK_DELAY_MS = 600


def _example_label(path: Path) -> str:
    """An example as the menu names it: its § and title (the document's own words)."""
    try:
        item = draftfile.load(path).item
    except draftfile.DraftError:
        return path.stem
    label = " ".join(p for p in (f"§ {item.section}" if item.section else "", item.title) if p)
    return label if len(label) <= 80 else label[:79] + "…"


class MainWindow(QMainWindow):
    def __init__(
        self, parent: QWidget | None = None, converter: warm.Converter | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings.Settings()
        self.ask = Asker(self)
        self.people = PeopleDirectory()
        self.document: DraftDocument | None = None
        self.form: ItemForm | None = None
        self.problems: list[checks.Problem] = []
        # Close without asking about unsaved work (logout: a recovery copy keeps it).
        self.close_unasked = False
        self.meeting_windows: list[MeetingWindow] = []

        # The window stops the LibreOffice it started; a converter handed in is its owner's.
        self._owns_converter = converter is None
        self.converter = converter or warm.Converter()
        self.preview = PreviewPane(self)
        self.preview_window: PreviewWindow | None = None
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(6, 6, 0, 0)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.body)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.checks_panel = ChecksPanel(self)
        self.checks_panel.jump.connect(self.go_to_field)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks_panel)
        self.problem_count = QLabel(self)
        self.statusBar().addPermanentWidget(self.problem_count)
        self.printing = PrintController(self, self.ask, self._converter)

        self.check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.run_checks)
        self.previews = PreviewController(self.preview, self.converter, self._snapshot, self)
        self.session = Session(self)

        self._make_actions()
        self._make_menus()
        self.set_document(DraftDocument())
        self.retranslate()
        self.resize(1400, 860)
        self.splitter.setSizes([900, 500])
        geometry = self.settings[settings.GEOMETRY]
        if geometry:
            self.restoreGeometry(geometry)
            self.restoreState(self.settings[settings.WINDOW_STATE])

    # --- actions and menus -----------------------------------------------------------

    def _action(self, slot, shortcut=None) -> QAction:
        action = QAction(self)
        action.triggered.connect(slot)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every binding: Ctrl+Y and Ctrl+Shift+Z redo
        elif shortcut is not None:
            action.setShortcut(shortcut)
        return action

    def _make_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.act_new = self._action(self.new_draft, keys.New)
        self.act_open = self._action(self.session.open_dialog, keys.Open)
        self.act_new_meeting = self._action(self.new_meeting)
        self.act_open_meeting = self._action(self.session.open_dialog)  # open_path knows meetings
        self.act_save = self._action(self.save, keys.Save)
        self.act_save_as = self._action(self.save_as, keys.SaveAs)
        self.act_export = self._action(self.export_word, shortcuts.EXPORT)
        self.act_export_pdf = self._action(lambda: self.export_pdf(archival=False))
        self.act_export_pdfa = self._action(lambda: self.export_pdf(archival=True))
        self.act_export_public = self._action(lambda: self.export_word(public=True))
        self.act_export_public_pdf = self._action(lambda: self.export_pdf(public=True))
        # The preview (and so the print) shows the public copy while this is checked.
        self.act_show_public = QAction(self, checkable=True)
        self.act_show_public.toggled.connect(self.show_public)
        self.act_export_html = self._action(self.export_html)
        self.act_print = self._action(self.print_document, keys.Print)
        self.act_preview_window = self._action(self.open_preview_window)
        self.act_quit = self._action(self.close, keys.Quit)
        self.act_undo = self._action(self.undo, keys.Undo)
        self.act_redo = self._action(self.redo, keys.Redo)
        self.act_checks = self.checks_panel.toggleViewAction()
        self.act_about = self._action(self.about)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in ("", "fi", "sv", "en"):
            action = QAction(self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _checked, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_actions[self.settings[settings.LANGUAGE]].setChecked(True)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_examples = self.menu_file.addMenu("")
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_file.clear()
        self.menu_file.addAction(self.act_new)
        self.menu_file.addMenu(self.menu_examples)
        self.menu_file.addAction(self.act_open)
        self.menu_file.addMenu(self.menu_recent)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_new_meeting)
        self.menu_file.addAction(self.act_open_meeting)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_save)
        self.menu_file.addAction(self.act_save_as)
        self.menu_file.addAction(self.act_export)
        self.menu_file.addAction(self.act_export_pdf)
        self.menu_file.addAction(self.act_export_pdfa)
        self.menu_file.addAction(self.act_export_public)
        self.menu_file.addAction(self.act_export_public_pdf)
        self.menu_file.addAction(self.act_export_html)
        self.menu_file.addAction(self.act_print)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        for example in sorted(EXAMPLES.glob("*.pykala")):
            action = self.menu_examples.addAction(_example_label(example))
            action.triggered.connect(lambda _c, p=example: self.session.new_from_example(p))
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.act_checks)
        self.menu_view.addAction(self.act_preview_window)
        self.menu_view.addAction(self.act_show_public)
        self.menu_settings = bar.addMenu("")
        self.menu_language = self.menu_settings.addMenu("")
        for action in self.language_actions.values():
            self.menu_language.addAction(action)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)
        self.menu_recent.aboutToShow.connect(self._fill_recent)

    def _fill_recent(self) -> None:
        self.session.fill_recent(self.menu_recent)

    def retranslate(self) -> None:
        self.checks_panel.retranslate()  # first: it renames its toggle action
        self.printing.status.retranslate()
        texts = [
            (self.act_new, _("&New")),
            (self.act_open, _("&Open…")),
            (self.act_save, _("&Save")),
            (self.act_new_meeting, _("New &meeting")),
            (self.act_open_meeting, _("Open mee&ting…")),
            (self.act_save_as, _("Save &As…")),
            (self.act_export, _("&Export Word document…")),
            (self.act_export_pdf, _("Export &PDF…")),
            (self.act_export_pdfa, _("Export ar&chival PDF (PDF/A)…")),
            (self.act_export_public, _("Export public copy (Word)…")),
            (self.act_export_public_pdf, _("Export public copy (PDF)…")),
            (self.act_show_public, _("Show the public copy")),
            (self.act_export_html, _("Export &web page…")),
            (self.act_print, _("Pr&int…")),
            (self.act_preview_window, _("&Preview in a window")),
            (self.act_quit, _("&Quit")),
            (self.act_undo, _("&Undo")),
            (self.act_redo, _("&Redo")),
            (self.act_checks, _("&Checks")),
            (self.act_about, _("&About Pykälä")),
            (self.language_actions[""], _("System language")),
            (self.language_actions["fi"], "suomi"),
            (self.language_actions["sv"], "svenska"),
            (self.language_actions["en"], "English"),
        ]
        for action, text in texts:
            action.setText(text)
        self.menu_file.setTitle(_("&File"))
        self.menu_examples.setTitle(_("New from e&xample"))
        self.menu_recent.setTitle(_("Open &recent"))
        self.menu_edit.setTitle(_("&Edit"))
        self.menu_view.setTitle(_("&View"))
        self.menu_settings.setTitle(_("&Settings"))
        self.menu_language.setTitle(_("Interface &language"))
        self.menu_help.setTitle(_("&Help"))
        self.preview.retranslate()
        if self.preview_window is not None:
            self.preview_window.retranslate()
        if self.form is not None:
            self.form.retranslate()
        self.update_title()
        if self.document is not None:
            self.run_checks()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, code: str) -> None:
        self.settings[settings.LANGUAGE] = code
        translation.apply(code)

    def about(self) -> None:
        self.ask.about()

    # --- the document ----------------------------------------------------------------

    def set_document(self, document: DraftDocument) -> None:
        if self.form is not None:
            self.body_layout.removeWidget(self.form)
            self.form.hide()
            self.form.deleteLater()
        if self.document is not None:
            self.document.deleteLater()
        self.document = document
        document.setParent(self)
        self.form = ItemForm(document, self.people, self.body)
        self.body_layout.addWidget(self.form)
        self.form.show()  # the layout would only post the show; focus needs it now
        document.changed.connect(self._changed)
        document.typing.connect(self._changed)
        document.file_changed.connect(self.update_title)
        document.undo_stack.canUndoChanged.connect(self._update_undo)
        document.undo_stack.canRedoChanged.connect(self._update_undo)
        self._update_undo()
        self.update_title()
        self.run_checks()
        self.previews.new_document()

    def _update_undo(self, *_args) -> None:
        """Text typed into a rich field reaches the stack after a pause; it is undoable
        (and redo is over) from the first keystroke."""
        enable_undo(self.document, self.form.binders(), self.act_undo, self.act_redo)

    def _changed(self, _path: str = "") -> None:
        self._update_undo()
        self.check_timer.start()
        self.previews.changed()
        self.session.changed()

    def display_name(self) -> str:
        if self.document.path:
            return self.document.path.name
        if self.document.origin:
            return _("Draft from {name}").format(name=self.document.origin.name)
        return _("Untitled")

    def update_title(self) -> None:
        if self.document is None:
            return
        self.setWindowTitle(f"{self.display_name()}[*] — Pykälä")
        self.setWindowModified(self.document.modified)
        self.act_save.setEnabled(self.document.modified or self.document.path is None)

    def flush(self) -> None:
        self.form.flush()

    def undo(self) -> None:
        self.flush()
        self.document.undo_stack.undo()

    def redo(self) -> None:
        self.flush()
        self.document.undo_stack.redo()

    # --- checks ----------------------------------------------------------------------

    def current_problems(self) -> list[checks.Problem]:
        self.flush()
        base = self.document.path.parent if self.document.path else None
        found = [
            checks.Problem(path, message) for path, message in self.form.input_errors().items()
        ]
        found += checks.check(self.document.draft, base=base)
        return found

    def run_checks(self) -> None:
        self.check_timer.stop()
        self.problems = self.current_problems()
        self.checks_panel.show_problems([(self._said(p), p) for p in self.problems])
        errors = len(checks.errors(self.problems))
        warnings = len(self.problems) - errors
        self.problem_count.setText(
            _("Errors: {errors}, warnings: {warnings}").format(errors=errors, warnings=warnings)
            if self.problems
            else _("No problems")
        )

    def _said(self, problem: checks.Problem) -> str:
        """A problem as the user reads it: the field's label, then what is wrong."""
        label = self.form.describe(problem.path)
        return f"{label}: {problem.message}" if label else problem.message

    def go_to_field(self, path: str) -> None:
        self.form.focus_path(path)

    # --- files: the session does the work --------------------------------------------

    def new_draft(self) -> None:
        self.session.new_draft()

    def open_path(self, path: Path) -> bool:
        """A draft into this window; a meeting into a window of its own."""
        return self.session.open_path(path)

    def save(self) -> bool:
        return self.session.save()

    def save_as(self) -> bool:
        return self.session.save_as()

    @property
    def recovery_id(self) -> str:
        """The name of this draft's recovery copy (the session keeps it)."""
        return self.session.recovery_id

    @recovery_id.setter
    def recovery_id(self, value: str) -> None:
        self.session.recovery_id = value

    def autosave(self) -> None:
        self.session.autosave()

    def offer_recovery(self) -> None:
        """After a crash: offer each copy left behind, newest first."""
        self.session.offer_recovery()

    def emergency_save(self) -> None:
        """At logout (SIGTERM): keep unsaved work as a recovery copy, then quit unasked."""
        self.session.emergency_save()

    # --- meetings ----------------------------------------------------------------------

    def open_meeting(self, path: Path) -> bool:
        try:
            document = load_meeting(path)
        except draftfile.DraftError as exc:
            self.ask.open_failed(_("Cannot open meeting"), Path(path), exc.problems)
            return False
        self._show_meeting(MeetingWindow(document, self))
        self.settings.add_recent(str(Path(path).resolve()))
        return True

    def new_meeting(self) -> None:
        self._show_meeting(MeetingWindow(None, self))

    def _show_meeting(self, window: MeetingWindow) -> None:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.meeting_windows.append(window)
        window.destroyed.connect(lambda *_a, w=window: self._forget_meeting(w))
        window.show()
        window.raise_()

    def _forget_meeting(self, window: MeetingWindow) -> None:
        if window in self.meeting_windows:
            self.meeting_windows.remove(window)

    def _ready_to_export(self) -> bool:
        """Export refuses while there are errors, and says which."""
        errors = checks.errors(self.current_problems())
        if errors:
            self.run_checks()
            self.ask.error(
                _("Cannot export yet"),
                _("Fix these problems first; the Checks panel leads to each field:"),
                "\n".join(self._said(p) for p in errors[:15]),
            )
        return not errors

    def _export_name(self, suffix: str, public: bool = False) -> Path:
        """A file name from § and title; a public copy's says so ("… (julkinen).pdf")."""
        item = self.document.draft.item
        name = " ".join(p for p in (str(item.section or ""), names.file_stem(item.title)) if p)
        if public:
            name = f"{name} ({self._words()('public_copy')})".strip()
        folder = (
            self.document.path.parent
            if self.document.path
            else Path(self.settings[settings.LAST_FOLDER] or Path.home())
        )
        return folder / f"{name or 'pykala'}{suffix}"

    def _words(self) -> context.Words:
        try:
            return context.words_for(self.document.draft)
        except UnknownOrganization:  # the checks name it; the file name gets Finnish words
            return context.words_for(Draft())

    def export_word(self, public: bool = False) -> None:
        if not self._ready_to_export():
            return
        path = self.ask.save_path(str(self._export_name(".docx", public)), kind="word")
        if path is None:
            return
        draft = self._snapshot()

        def work() -> Path:
            atomic.write_bytes(path, docx.render_item(draft, context.Options(public=public)))
            return path

        self.statusBar().showMessage(_("Exporting…"))
        worker.start(work, self._exported, self._export_failed)

    def export_html(self) -> None:
        """The item as an accessible web page, for publication: personal data masked."""
        if not self._ready_to_export():
            return
        path = self.ask.save_path(str(self._export_name(".html")), kind="web")
        if path is None:
            return
        draft = self._snapshot()

        def work() -> Path:
            page = html.render(context.build(draft, context.Options(public=True)))
            atomic.write_bytes(path, page)
            return path

        self.statusBar().showMessage(_("Exporting…"))
        worker.start(work, self._exported, self._web_export_failed)

    def _web_export_failed(self, exc: Exception) -> None:
        self.statusBar().clearMessage()
        self.ask.error(_("Export failed"), _("The web page could not be written."), str(exc))

    def _exported(self, path: Path) -> None:
        self.statusBar().showMessage(_("Exported {name}").format(name=path.name), 8000)

    def _export_failed(self, exc: Exception) -> None:
        self.statusBar().clearMessage()
        self.ask.error(_("Export failed"), _("The Word document could not be written."), str(exc))

    # --- preview, print, PDF -----------------------------------------------------------

    def _snapshot(self):
        """A copy of the draft for a worker thread; the form's pending text goes in first."""
        self.flush()
        return copy.deepcopy(self.document.draft)

    def refresh_preview(self) -> None:
        """New pages now, not after the pause."""
        self.previews.refresh()

    def open_preview_window(self) -> None:
        if self.preview_window is None:
            self.preview_window = PreviewWindow(self.preview, self)
        self.preview_window.show()
        self.preview_window.raise_()

    def print_document(self) -> None:
        """The system print dialog, printing the preview's pages (the PDF that exports)."""
        title = self.document.draft.item.title or "Pykälä"
        document = self.previews.shown_docx  # the pages shown were made of it
        self.printing.ask_and_print(
            self.preview.data(), self.preview.page_count(), title, lambda: document
        )

    def _converter(self) -> warm.Converter:
        return self.converter

    def export_pdf(self, archival: bool = False, public: bool = False) -> None:
        if not self._ready_to_export():
            return
        path = self.ask.save_path(str(self._export_name(".pdf", public)), kind="pdf")
        if path is None:
            return
        draft, converter = self._snapshot(), self.converter
        options = context.Options(public=public)

        def work() -> Path:
            document = docx.render_item(draft, options)
            atomic.write_bytes(path, converter.convert(document, archival=archival))
            return path

        self.statusBar().showMessage(_("Exporting…"))
        worker.start(work, self._exported, self._export_failed)

    def show_public(self, public: bool) -> None:
        """The preview shows (and Print prints) the public copy, or the full one again."""
        self.previews.public = public
        self.preview.set_public(public)
        self.previews.new_document()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        for window in list(self.meeting_windows):
            window.close_unasked = window.close_unasked or self.close_unasked
            if not window.close():  # a meeting with unsaved changes may say no
                event.ignore()
                return
        if not self.close_unasked and not (self.printing.may_close() and self.session.may_close()):
            event.ignore()
            return
        self.printing.finish_now(cancel=False)  # a hand-off under way ends first
        self.settings[settings.GEOMETRY] = self.saveGeometry()
        self.settings[settings.WINDOW_STATE] = self.saveState()
        self.session.stop()
        self.check_timer.stop()
        self.previews.stop()
        if self._owns_converter:
            self.converter.stop()  # no LibreOffice outlives the window
        event.accept()
