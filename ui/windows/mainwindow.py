"""The drafting window: the item form, live checks, undo, export, preview and languages.

Files, autosave and recovery are the session's (ui/services/session.py), the checks' timing
is the checks controller's (ui/controllers/checks_controller.py); the window's slots hand over."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from drafting import checks, draftfile, i18n, produce, schema, spelling
from drafting.i18n import _
from drafting.location import RESOURCES
from drafting.model import Draft
from ui.controllers.checks_controller import ChecksController
from ui.controllers.exports import Exports
from ui.controllers.preview_controller import PreviewController
from ui.controllers.printing import PrintController
from ui.services import recovery, screens, session, settings, shortcuts, translation
from ui.services.document import DraftDocument
from ui.services.people import PeopleDirectory
from ui.widgets import spellcheck
from ui.widgets.binding import enable_undo, step_field
from ui.widgets.checks_panel import ChecksPanel
from ui.widgets.item_form import ItemForm
from ui.widgets.preview import PreviewPane, PreviewWindow
from ui.widgets.spellcheck import Spelling
from ui.windows.askers import WindowAsker

if TYPE_CHECKING:  # imported when first opened: the start does without them (issue 24)
    from ui.windows.meetingwindow import MeetingWindow
    from ui.windows.organizations import OrganizationsDialog

EXAMPLES = RESOURCES / "examples"


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
        self,
        parent: QWidget | None = None,
        converter: produce.Converter | None = None,
        path: Path | None = None,
    ) -> None:
        """`path`: a file to open at once (a start with a file), else an empty draft."""
        super().__init__(parent)
        self.settings = settings.Settings()
        self.ask = WindowAsker(self)
        self.people = PeopleDirectory()
        self.spelling = Spelling(self.settings, self.people, parent=self)
        self.spelling.preload()
        self.spelling.changed.connect(self._spelling_changed)
        self.spelling.ignored_changed.connect(self._store_ignored)
        self.spelling.failed.connect(
            lambda said: self.ask.error(_("Cannot add to the dictionary"), said)
        )
        self.form: ItemForm | None = None  # set_document makes the first
        # The draft's file life; it owns the draft (`document`) and hands over another.
        self.session = session.Session(
            session.ITEM,
            self.ask,
            self.flush,
            elsewhere=self.open_meeting,
            store=self.settings,
            parent=self,
        )
        self.session.replaced.connect(self.set_document)
        self.session.saved.connect(self._saved)
        self.session.said.connect(self.statusBar().showMessage)
        # Close without asking about unsaved work (logout: a recovery copy keeps it).
        self.close_unasked = False
        self.meeting_windows: list[MeetingWindow] = []

        # The window stops the LibreOffice it started; a converter handed in is its owner's.
        self._owns_converter = converter is None
        self.converter = converter or produce.Converter()
        self.preview = PreviewPane(self)
        self.preview_window: PreviewWindow | None = None
        self.organizations_dialog: OrganizationsDialog | None = None
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
        self.checks_panel.jump_to_word.connect(self.go_to_word)
        self.checks_panel.offer_past_tense.connect(self.offer_past_tense)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks_panel)
        self.problem_count = QLabel(self)
        self.spelling_count = QLabel(self)
        self.statusBar().addPermanentWidget(self.spelling_count)
        self.statusBar().addPermanentWidget(self.problem_count)
        self.printing = PrintController(self, self.ask, self._converter)
        self.exports = Exports(self)

        self.checks = ChecksController(self.spelling, self._gather, self.snapshot, self)
        self.checks.shown.connect(self._show_problems)
        self.checks.failed.connect(self._spelling_failed)
        self.previews = PreviewController(self.preview, self.converter, self.snapshot, self)

        self._make_actions()
        self._make_menus()
        self.retranslate()  # before the form: a new form is made in the language of the day
        # A file to start with is opened at once: a form made first for an empty draft would
        # be thrown away, and making one is most of the time to the first window.
        if path is None or not self.open_path(path) or self.form is None:
            self.set_document(self.session.document)  # no file, one that failed, a meeting
        self.splitter.setSizes([900, 500])
        # Where the user left it, else 1400×860; inside the screen either way.
        screens.place(self, QSize(1400, 860), self.settings[settings.GEOMETRY])
        if self.settings[settings.GEOMETRY]:
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
        self.act_redo = self._action(self.redo)
        self.act_redo.setShortcuts(shortcuts.redo_keys())
        self.act_checks = self.checks_panel.toggleViewAction()
        self.act_about = self._action(self.about)
        self.act_organizations = self._action(self.open_organizations)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in ("", *i18n.UI_LANGUAGES):
            action = QAction(self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _checked, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_actions[self.settings[settings.LANGUAGE]].setChecked(True)
        self.act_spelling = QAction(self, checkable=True)
        self.act_spelling.setChecked(self.spelling.enabled)
        self.act_spelling.toggled.connect(self.spelling.set_enabled)
        self.act_grammar = QAction(self, checkable=True)
        self.act_grammar.setChecked(self.spelling.grammar_enabled)
        self.act_grammar.toggled.connect(self.spelling.set_grammar)

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
        # Named by file until the menu first opens: reading every example for its § and
        # title is no work for the start.
        for example in sorted(EXAMPLES.glob("*.pykala")):
            action = self.menu_examples.addAction(example.stem)
            action.setData(str(example))
            action.triggered.connect(lambda _c, p=example: self.session.new_from_example(p))
        self._examples_labelled = False
        self.menu_examples.aboutToShow.connect(self._label_examples)
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
        self.menu_settings.setToolTipsVisible(True)
        self.menu_settings.addAction(self.act_spelling)
        self.menu_settings.addAction(self.act_grammar)
        self.menu_settings.addAction(self.act_organizations)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)
        self.menu_recent.aboutToShow.connect(self._fill_recent)

    def _label_examples(self) -> None:
        if self._examples_labelled:
            return
        self._examples_labelled = True
        for action in self.menu_examples.actions():
            action.setText(_example_label(Path(action.data())))

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
            (self.act_spelling, _("Check &spelling as you type")),
            (self.act_grammar, _("Check &grammar (Finnish)")),
            (self.act_organizations, _("&Organisations…")),
            (self.language_actions[""], _("System language")),
            (self.language_actions["fi"], "suomi"),
            (self.language_actions["sv"], "svenska"),
            (self.language_actions["en"], "English"),
        ]
        for action, text in texts:
            action.setText(text)
        if self.form is not None:
            self._update_undo()  # "Undo: Title" in the new language
        self.menu_file.setTitle(_("&File"))
        self.menu_examples.setTitle(_("New from e&xample"))
        self.menu_recent.setTitle(_("Open &recent"))
        self.menu_edit.setTitle(_("&Edit"))
        self.menu_view.setTitle(_("&View"))
        self.menu_settings.setTitle(_("&Settings"))
        self.menu_language.setTitle(_("Interface &language"))
        self.menu_help.setTitle(_("&Help"))
        self.preview.retranslate()
        self.previews.retranslate()
        if self.preview_window is not None:
            self.preview_window.retranslate()
        self.update_title()
        if self.form is not None:
            self.form.retranslate()
            self.run_checks()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, code: str) -> None:
        self.settings[settings.LANGUAGE] = code
        translation.apply(code)

    def about(self) -> None:
        self.ask.about()

    # --- the document ----------------------------------------------------------------

    @property
    def item_form(self) -> ItemForm:
        """The form of the draft shown: there is one from the end of __init__ on."""
        if self.form is None:
            raise RuntimeError("no draft shown yet")
        return self.form

    @property
    def document(self) -> DraftDocument[Draft]:
        """The draft shown (the session owns it)."""
        return self.session.document

    def set_document(self, document: DraftDocument) -> None:
        """The session's new draft: a form for it (the session replaced the old one)."""
        self.spelling.detach_all()
        self.checks.new_document()  # the findings of the draft before
        if self.form is not None:
            self.body_layout.removeWidget(self.form)
            self.form.hide()
            self.form.deleteLater()
        self.form = ItemForm(document, self.people, self.body)
        self.body_layout.addWidget(self.form)
        blocked = self.spelling.blockSignals(True)  # its "changed" would check: once, below
        self._attach_spelling()
        self.spelling.blockSignals(blocked)
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

    def _attach_spelling(self) -> None:
        """Underlines in every rich-text editor and the title, in the draft's language."""
        from ui.widgets.richtext_edit import RichTextEdit

        draft = self.document.draft
        self.spelling.new_draft(
            draft.language,
            _people_of(draft),
            draft.organization,
            draft.extra.get(spellcheck.IGNORED_KEY),
        )
        for editor in self.item_form.findChildren(RichTextEdit):
            self.spelling.attach_editor(editor)
        title = self.item_form.binder.widget_for("item.title")
        if isinstance(title, QLineEdit):
            self.spelling.attach_line(title)
        self.spelling.attach_cells(self.item_form.extracts.table, 0)  # the recipients
        self.document.changed.connect(self._language_maybe_changed)

    def _language_maybe_changed(self, path: str) -> None:
        if path in ("", "language"):
            self.spelling.set_language(self.document.draft.language)
        if path in ("", "extra"):
            self.spelling.set_ignored(self.document.draft.extra.get(spellcheck.IGNORED_KEY))

    def _store_ignored(self) -> None:
        """ "Ignore in this draft" goes into the draft (saved with it, undoable)."""
        extra = dict(self.document.draft.extra)
        extra[spellcheck.IGNORED_KEY] = sorted(self.spelling.ignored, key=str.casefold)
        self.document.set_value("extra", extra, merge=False)

    def _spelling_changed(self) -> None:
        if self.document is not None and self.form is not None:
            self.run_checks()

    def _update_undo(self, *_args) -> None:
        """Text typed into a rich field reaches the stack after a pause; it is undoable
        (and redo is over) from the first keystroke."""
        form = self.item_form
        enable_undo(self.document, form.binders(), self.act_undo, self.act_redo, form.describe)

    def _changed(self, _path: str = "") -> None:
        self._update_undo()
        self.checks.changed()
        self.previews.changed()

    def _saved(self) -> None:
        self.people.remember(self.document.draft)
        self.spelling.names_changed()  # the names just saved are known words now
        self.update_title()

    def display_name(self) -> str:
        return self.session.display_name()

    def update_title(self) -> None:
        if self.document is None:
            return
        self.setWindowTitle(f"{self.display_name()}[*] — Pykälä")
        self.setWindowModified(self.document.modified)
        self.act_save.setEnabled(self.document.modified or self.document.path is None)

    def flush(self) -> None:
        if self.form is not None:
            self.form.flush()

    def undo(self) -> None:
        self.flush()
        stack = self.document.undo_stack
        self._show_step(step_field(self.document, stack.index() - 1), stack.undo)

    def redo(self) -> None:
        self.flush()
        stack = self.document.undo_stack
        self._show_step(step_field(self.document, stack.index()), stack.redo)

    def _show_step(self, path: str, step) -> None:
        """Undo or redo, and show the field it changed: its tab, the focus in it (a change
        on another tab is not made out of sight)."""
        focus = QApplication.focusWidget()
        step()
        if not path:
            return
        widget = None
        for binder in self.item_form.binders():
            widget = widget or binder.widget_for(path)
        target = getattr(widget, "editor", widget)
        if target is not None and target is not focus:
            self.item_form.focus_path(path)

    # --- checks: the checks controller times them ------------------------------------

    @property
    def check_timer(self) -> QTimer:
        return self.checks.timer

    @property
    def problems(self) -> list[checks.Problem]:
        return self.checks.problems

    @property
    def spelling_problems(self) -> list[checks.Problem]:
        return self.checks.spelling_problems

    def _gather(self) -> list[checks.Problem]:
        """The draft's problems but its spelling: the values the form cannot take, then
        the checks of the model."""
        self.flush()
        base = self.document.path.parent if self.document.path else None
        found = [
            checks.Problem(path, message) for path, message in self.item_form.input_errors().items()
        ]
        return found + checks.check(self.document.draft, base=base)

    def current_problems(self) -> list[checks.Problem]:
        return self.checks.current_problems()

    def run_checks(self) -> None:
        self.checks.run()

    def spelling_pending(self) -> bool:
        """True while a spelling check runs whose findings the panel has not shown yet."""
        return self.checks.pending()

    def _show_problems(self) -> None:
        """The panel and the counts, as the checks controller last found them."""
        if self.form is None:
            return
        self.checks_panel.show_problems([(self.said(p), p) for p in self.problems])
        errors = len(checks.errors(self.problems))
        warnings = len(self.problems) - errors
        self.problem_count.setText(
            _("Errors: {errors}, warnings: {warnings}").format(errors=errors, warnings=warnings)
            if self.problems
            else _("No problems")
        )
        missing = self.spelling.status()
        # The Settings menu says it too, beside the option it concerns.
        self.act_spelling.setToolTip(missing or self.act_spelling.text().replace("&", ""))
        self.act_spelling.setStatusTip(missing)
        if missing:
            self.spelling_count.setText(_("Spelling not checked"))
            self.spelling_count.setToolTip(missing)
        elif self.spelling.active() is None or (
            self.spelling_pending() and not self.spelling_problems
        ):  # off, or nothing known yet (the first check of a draft is on its way)
            self.spelling_count.setText("")
            self.spelling_count.setToolTip("")
        else:
            words = sum(1 for p in self.spelling_problems if p.finding == spelling.SPELLING)
            self.spelling_count.setText(
                _("Spelling: {words}, grammar: {grammar}").format(
                    words=words, grammar=len(self.spelling_problems) - words
                )
            )
            self.spelling_count.setToolTip("")

    def _spelling_failed(self, reason: str) -> None:
        self.spelling_count.setText(_("Spelling not checked"))
        self.spelling_count.setToolTip(reason)

    def said(self, problem: checks.Problem) -> str:
        """A problem as the user reads it: the field's label, then what is wrong."""
        label = self.item_form.describe(problem.path)
        return f"{label}: {problem.message}" if label else problem.message

    def go_to_field(self, path: str) -> None:
        self.item_form.focus_path(path)

    def offer_past_tense(self, path: str) -> None:
        """The minutes print the proposal's present tense under Päätös: the Decision tab,
        with the decision written in the past tense offered beside the proposal."""
        if self.item_form.focus_path(path):
            self.item_form.offer_past_tense()

    def go_to_word(self, path: str, word: str, occurrence: int) -> None:
        """A spelling finding chosen in the panel: its field, with the word selected."""
        if self.item_form.focus_path(path):
            self.item_form.select_word(path, word, occurrence)

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
        """After a crash or a logout: offer each copy left behind, items and meetings,
        newest first, each restored into a window of its kind."""
        session.offer_recovery(self.ask, self._restore)

    def _restore(self, left: recovery.Copy, document: DraftDocument) -> bool:
        if left.kind == draftfile.MEETING:
            from ui.windows.meetingwindow import MeetingWindow

            self._show_meeting(MeetingWindow(document, self, recovery_id=left.id))
            return True
        return self.session.restore(document, left.id)

    def emergency_save(self) -> None:
        """At logout (SIGTERM): every open session, drafting and meeting, keeps its unsaved
        work as a recovery copy; then every window closes unasked and the program quits."""
        session.write_recovery_copies()
        for window in self.meeting_windows:
            window.close_unasked = True
        self.close_unasked = True
        self.close()
        QApplication.quit()

    # --- meetings ----------------------------------------------------------------------

    def open_meeting(self, path: Path, opened: draftfile.Opened | None = None) -> bool:
        """`opened`: the file as draftfile.read_any already read it (not read again)."""
        from ui.windows.meetingwindow import MeetingWindow, load_meeting

        try:
            document = DraftDocument(opened.meeting(), Path(path)) if opened else load_meeting(path)
        except draftfile.DraftError as exc:
            self.ask.open_failed(_("Cannot open meeting"), Path(path), exc.problems)
            return False
        self._show_meeting(MeetingWindow(document, self))
        self.settings.add_recent(str(Path(path).resolve()))
        return True

    def new_meeting(self) -> None:
        from ui.windows.meetingwindow import MeetingWindow

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

    # --- exports: ui.controllers.exports does the work -------------------------------------------

    def export_word(self, public: bool = False) -> None:
        self.exports.word(public)

    def export_pdf(self, archival: bool = False, public: bool = False) -> None:
        self.exports.pdf(archival, public)

    def export_html(self) -> None:
        self.exports.web()

    # --- preview, print, PDF -----------------------------------------------------------

    def snapshot(self):
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

    def open_organizations(self) -> None:
        """Settings → Organisations: one dialog beside the window (not modal)."""
        if self.organizations_dialog is None:
            from ui.windows.organizations import OrganizationsDialog

            self.organizations_dialog = OrganizationsDialog(self.ask, self)
            self.organizations_dialog.changed.connect(self._profiles_changed)
        else:
            self.organizations_dialog.reload()
        self.organizations_dialog.show()
        self.organizations_dialog.raise_()

    def _profiles_changed(self) -> None:
        """A profile was saved or imported: the organisation list, checks and pages anew."""
        if self.form is not None:
            self.form.retranslate()
        if self.document is not None:
            self.run_checks()
            self.refresh_preview()

    def print_document(self) -> None:
        """The system print dialog, printing the preview's pages (the PDF that exports)."""
        title = self.document.draft.item.title or "Pykälä"
        document = self.previews.shown_docx  # the pages shown were made of it
        self.printing.ask_and_print(
            self.preview.data(), self.preview.page_count(), title, lambda: document
        )

    def _converter(self) -> produce.Converter:
        return self.converter

    def show_public(self, public: bool) -> None:
        """The preview shows (and Print prints) the public copy, or the full one again."""
        self.preview.set_public(public)
        self.previews.new_document()

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in list(self.meeting_windows):
            if not window.close():  # a meeting with unsaved changes asks, and may say no
                event.ignore()
                return
        asked = not self.close_unasked  # unasked (logout): a recovery copy keeps the work
        if (asked and not self.printing.may_close()) or not self.session.may_close(asked):
            event.ignore()
            return
        self.printing.finish_now(cancel=False)  # a hand-off under way ends first
        self.settings[settings.GEOMETRY] = self.saveGeometry()
        self.settings[settings.WINDOW_STATE] = self.saveState()
        self.session.stop()
        self.checks.stop()
        self.previews.stop()
        if self._owns_converter:
            self.converter.stop()  # no LibreOffice outlives the window
        event.accept()


def _people_of(draft) -> list[str]:
    """The names of the draft's own people: known words in its text."""
    return [person.name for _path, person in schema.people(draft)]
