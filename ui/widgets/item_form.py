"""The item form: every field of the draft, grouped as the document is, made with the form
engine (`ui.widgets.form`).

Labels are visible and every input has an accessible name; the tab order follows the form.
Texts are set in `retranslate`, so switching the interface language redraws them in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from drafting import (  # resources: the catalogues' choices
    filerefs,
    pasttense,
    produce,
    resources,
    schema,
)
from drafting.i18n import _
from drafting.model import Attachment, Contact, Extract, HandlingLine, HistoryEntry
from ui.services import folders
from ui.services.dialogs import Asker
from ui.services.document import DraftDocument
from ui.services.people import PeopleDirectory
from ui.widgets.binding import Binder
from ui.widgets.changes_view import ChangesView
from ui.widgets.form import Field, FieldGroup, declared, declared_column, scroll_page
from ui.widgets.handling_editor import HandlingEditor
from ui.widgets.records import Column, RecordTable

_ROW = re.compile(r"^(?P<list>[^\[]+)\[(?P<row>\d+)\]")


def meeting_fields() -> list[Field]:
    """An item draft's meeting fields (the meeting file's: schema.group("meeting",
    MeetingDraft), which shares most of them)."""
    return [declared(f) for f in schema.group("meeting")]


# The printed words the help notes quote, by (organisation, language). Finding them reads the
# organisation profiles on disk, and the notes follow every keystroke: looked up once, and
# again after the form is translated anew (the interface language or a profile changed).
_note_words: dict[tuple[str, str], produce.Words | None] = {}


def _words(draft) -> produce.Words | None:
    """The words `draft` prints with; None for an organisation that is not there."""
    key = (draft.organization, draft.language)
    if key not in _note_words:
        try:
            _note_words[key] = produce.words_for(draft)
        except resources.UnknownOrganization:
            _note_words[key] = None  # no help, and no second look on the next keystroke
    return _note_words[key]


def _as_proposed_note(document: DraftDocument) -> str:
    """What the minutes will print, in the document's own words."""
    draft = document.draft
    w = _words(draft)
    if w is None:
        return ""
    kind = draft.item.proposal.kind
    decision, proposal = w("section.decision"), w(f"section.proposal.{kind}")
    if document.value(schema.DECISION_AS_PROPOSED):
        text = document.value(schema.DECISION_TEXT) or ""
        return (
            _("The minutes print “{phrase}” under {proposal}.").format(
                phrase=w(f"as_proposed.{kind}"), proposal=proposal
            )
            + " "
            + (
                _("Under {decision} they print the decision below.")
                if text.strip()
                else _("The decision below is empty, so the proposal prints under {decision}.")
            ).format(decision=decision)
        )
    return _(
        "The minutes print the decision below under {decision}, and the proposal itself "
        "under {proposal}."
    ).format(decision=decision, proposal=proposal)


def _presenter_note(document: DraftDocument) -> str:
    return _(
        "Required. Printed under Esittelijä in the proposal and, unless someone else "
        "presented at the meeting (Decision tab), in the decision too."
    )


def _meeting_presenter_note(document: DraftDocument) -> str:
    if (document.value(schema.DECISION_PRESENTER_NAME) or "").strip():
        return _("Printed under Esittelijä in the decision part.")
    name = (document.value(schema.PROPOSAL_PRESENTER_NAME) or "").strip()
    if name:
        return _("Left empty: the presenting official, {name}, is printed.").format(name=name)
    return _("Left empty: the presenting official (Proposal tab) is printed.")


class AttachmentTable(RecordTable):
    """Attachments: added by file dialog or dropped files, opened from the list."""

    def __init__(
        self,
        document: DraftDocument,
        path: str,
        name: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        columns = [
            declared_column(f"{path}[].title", stretch=True),
            declared_column(f"{path}[].file"),
            declared_column(f"{path}[].public"),
            # What the public copy prints in place of a non-public title (empty: the
            # organisation's default statement).
            declared_column(f"{path}[].secrecy", chars=22),
        ]
        self.add_files_button = QPushButton()
        self.open_button = QPushButton()
        super().__init__(document, path, columns, Attachment, name, parent)
        side = self.buttons_layout
        assert isinstance(side, QVBoxLayout)  # beside the table, not below it
        side.insertWidget(1, self.add_files_button)
        side.insertWidget(2, self.open_button)
        self.add_files_button.clicked.connect(self.add_files)
        self.open_button.clicked.connect(self.open_current)
        self.setAcceptDrops(True)
        self.table.setAcceptDrops(False)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "open_button"):
            for button, text in (
                (self.add_files_button, _("Add files…")),
                (self.open_button, _("Open")),
            ):
                button.setText(text)
                button.setAccessibleName(f"{text.rstrip('…')}: {self.name()}")

    def add_paths(self, files: list[Path]) -> None:
        """Files become attachments titled by their name, written as the draft writes file
        paths (drafting.filerefs): relative to its folder once it is saved."""
        if not files:
            return
        records = list(self.records())
        for file in files:
            shown = filerefs.stored(file, self.document.folder())
            records.append(Attachment(title=file.stem.replace("_", " "), file=shown))
        self._replace(records, _("Add files"), len(records) - 1)

    def _ask(self) -> Asker:
        """The window's Asker (tests answer it), or one of our own outside a window."""
        ask = getattr(self.window(), "ask", None)
        return ask if isinstance(ask, Asker) else Asker(self)

    def add_files(self) -> None:
        start = folders.start(folders.ATTACHMENTS, self.document.folder())
        self.add_paths(self._ask().attachment_paths(str(start)))

    def open_current(self) -> None:
        row = self.table.currentRow()
        records = self.records()
        if 0 <= row < len(records) and records[row].file:
            self._ask().show_file(filerefs.resolve(records[row].file, self.document.folder()))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.add_paths([f for f in files if f.is_file()])
        event.acceptProposedAction()


def _contact_columns() -> list[Column]:
    return [
        declared_column(f"{schema.CONTACTS}[].name", stretch=True),
        declared_column(f"{schema.CONTACTS}[].title", chars=18),
        declared_column(f"{schema.CONTACTS}[].phone", chars=11),
        declared_column(f"{schema.CONTACTS}[].email", chars=24),
    ]


class HistoryEditor(QWidget):
    """Earlier handlings, newest first: a list on the left, the chosen entry's form right."""

    def __init__(
        self, document: DraftDocument, people: PeopleDirectory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.entries = RecordTable(
            document,
            schema.HISTORY,
            [Column("body", lambda: _("Body"), stretch=True), Column("section", lambda: "§")],
            HistoryEntry,
            lambda: _("Decision history"),
            self,
            buttons_below=True,
        )
        self.entries.table.setEditTriggers(self.entries.table.EditTrigger.NoEditTriggers)
        self.binder = Binder(document, "item.history[0]", self)
        self.form = FieldGroup(
            lambda: _("Selected handling"),
            [
                declared(f, f"{schema.HISTORY}[].", height=260 if f.kind == schema.RICH else 0)
                for f in schema.row_fields(schema.HISTORY)
            ],
            self.binder,
            people,
            self,
        )
        self.handling = RecordTable(
            document,
            "item.history[0].handling",
            [
                declared_column(f"{schema.HISTORY}[].handling[].date"),
                declared_column(f"{schema.HISTORY}[].handling[].status"),
                declared_column(f"{schema.HISTORY}[].handling[].note", stretch=True),
            ],
            HandlingLine,
            lambda: _("Handling"),
            self,
        )
        self.contacts = RecordTable(
            document,
            "item.history[0].contacts",
            _contact_columns(),
            Contact,
            lambda: _("Contacts"),
            self,
            people,
        )
        self.handling_label = QLabel(self)
        self.contacts_label = QLabel(self)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.empty)
        column.addWidget(self.form)
        column.addWidget(self.handling_label)
        column.addWidget(self.handling)
        column.addWidget(self.contacts_label)
        column.addWidget(self.contacts)
        splitter = QSplitter(self)
        splitter.addWidget(self.entries)
        splitter.addWidget(scroll_page(right))
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.entries.current_changed.connect(self.select)
        document.changed.connect(self._model_changed)
        self.retranslate()
        self.select(self.entries.table.currentRow())

    def _model_changed(self, path: str) -> None:
        if path in ("", "item", schema.HISTORY):
            self.select(self.entries.table.currentRow())

    def select(self, row: int) -> None:
        count = len(self.document.value(schema.HISTORY, []) or [])
        valid = 0 <= row < count
        for widget in (
            self.form,
            self.handling,
            self.contacts,
            self.handling_label,
            self.contacts_label,
        ):
            widget.setVisible(valid)
        self.empty.setVisible(not valid)
        if not valid:
            return
        root = f"item.history[{row}]"
        if self.binder.root != root:
            self.binder.flush()
            self.binder.root = root
            self.handling.path = f"{root}.handling"
            self.contacts.path = f"{root}.contacts"
        self.binder.refresh()
        self.handling.reload()
        self.contacts.reload()

    def retranslate(self) -> None:
        self.entries.retranslate()
        self.form.retranslate()
        self.handling.retranslate()
        self.contacts.retranslate()
        self.handling_label.setText(_("Handling (newest first)") + ":")
        self.contacts_label.setText(_("Contacts") + ":")
        self.empty.setText(
            _(
                "No earlier handling. Add one for each body that handled the "
                "case before, newest first."
            )
        )


class ItemForm(QTabWidget):
    """All the item's fields on six tabs, in the order of the document."""

    def __init__(
        self, document: DraftDocument, people: PeopleDirectory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.binder = Binder(document, "", self)
        b = self.binder
        self.meeting = FieldGroup(
            lambda: _("Meeting"),
            meeting_fields(),
            b,
            people,
        )
        self.item = FieldGroup(lambda: _("Item"), self._declared("item"), b, people)
        self.proposal = FieldGroup(lambda: _("Proposal"), self._declared("proposal"), b, people)
        self.decision = FieldGroup(lambda: _("Decision"), self._declared("decision"), b, people)
        self.changes = ChangesView(document)
        # The decision written from the proposal in the past tense, offered (issue 27).
        self.past_tense_button = QPushButton()
        self.past_tense_button.clicked.connect(self.offer_past_tense)
        offer_row = QWidget()
        row = QHBoxLayout(offer_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.past_tense_button)
        row.addStretch(1)
        # The handling record: its events, the chosen one's form, the text it prints.
        self.handling_editor = HandlingEditor(document)
        self.contacts = RecordTable(
            document,
            schema.CONTACTS,
            _contact_columns(),
            Contact,
            lambda: _("Contacts"),
            people=people,
        )
        self.attachments = AttachmentTable(document, schema.ATTACHMENTS, lambda: _("Attachments"))
        self.supplementary = AttachmentTable(
            document, schema.SUPPLEMENTARY, lambda: _("Supplementary material")
        )
        self.appeal = FieldGroup(lambda: _("Appeal"), self._declared("appeal"), b, people)
        self.extracts = RecordTable(
            document,
            schema.EXTRACTS,
            [
                declared_column(f"{schema.EXTRACTS}[].recipient", stretch=True),
                declared_column(f"{schema.EXTRACTS}[].proposal_text"),
                declared_column(f"{schema.EXTRACTS}[].appeal"),
                declared_column(f"{schema.EXTRACTS}[].attachments"),
            ],
            Extract,
            lambda: _("Extracts"),
        )
        self.history = HistoryEditor(document, people)
        self.boxes = {
            name: QGroupBox() for name in ("contacts", "attachments", "supplementary", "extracts")
        }
        for name, box in self.boxes.items():
            QVBoxLayout(box).addWidget(getattr(self, name))
        self.pages = [
            (scroll_page(self.meeting, self.item), lambda: _("Meeting and item")),
            (scroll_page(self.proposal), lambda: _("Proposal")),
            (
                scroll_page(self.decision, offer_row, self.handling_editor, self.changes),
                lambda: _("Decision"),
            ),
            (
                scroll_page(
                    self.boxes["contacts"], self.boxes["attachments"], self.boxes["supplementary"]
                ),
                lambda: _("Contacts and attachments"),
            ),
            (scroll_page(self.appeal, self.boxes["extracts"]), lambda: _("Appeal and extracts")),
            (self.history, lambda: _("Decision history")),
        ]
        for page, _title in self.pages:
            self.addTab(page, "")
        # Every tab in sight on a narrow screen (1024 pixels): one-word titles when the full
        # ones do not fit (the full title in the tooltip), never scroll arrows hiding the
        # last tabs.
        self.short_titles = [
            lambda: _("Meeting"),
            lambda: _("Proposal"),
            lambda: _("Decision"),
            lambda: _("Attachments"),
            lambda: _("Appeal"),
            lambda: _("History"),
        ]
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideRight)
        document.changed.connect(self._model_changed)
        self._tab_order()
        self.retranslate()
        self._show_document_kind()

    @staticmethod
    def _declared(group: str) -> list[Field]:
        """The schema's fields of `group` in their declared order, with what the form adds."""
        shown: dict[str, dict] = {
            schema.PROPOSAL_PRESENTER_NAME: {"note": _presenter_note},
            schema.PROPOSAL_REASONING: {"height": 420},
            schema.DECISION_AS_PROPOSED: {"note": _as_proposed_note},
            schema.DECISION_TEXT: {"height": 200},
            schema.DECISION_PRESENTER_NAME: {"note": _meeting_presenter_note},
        }
        return [declared(f, **shown.get(f.path, {})) for f in schema.group(group)]

    def _tab_order(self) -> None:
        """Tab walks each page's fields top to bottom. Set once everything sits in its
        window: Qt keeps a focus chain per window, and reparenting scrambles it."""
        chain: list[QWidget] = []
        for group in (self.meeting, self.item, self.proposal, self.decision):
            chain += group.focusable()
        chain += [self.past_tense_button, *self.handling_editor.focusable()]
        chain += [self.changes.toggle, self.changes.browser]
        for table in (self.contacts, self.attachments, self.supplementary):
            chain += table.focusable()
        chain += self.appeal.focusable() + self.extracts.focusable()
        # The tab bar first: after a click on a tab (the bar takes the focus and shows it),
        # Tab goes to that tab's first field; the fields of hidden tabs are passed over.
        bar = self.tabBar()
        bar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        chain.insert(0, bar)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _model_changed(self, path: str) -> None:
        if path in ("", "meeting", schema.MEETING_DOCUMENT):
            self._show_document_kind()

    def _show_document_kind(self) -> None:
        """The decision belongs to the minutes: hidden while the draft is an agenda."""
        self.setTabVisible(2, self.document.value(schema.MEETING_DOCUMENT) != "agenda")
        self._title_tabs()

    def retranslate(self) -> None:
        _note_words.clear()  # the organisation's words may have changed with the language
        self._title_tabs()
        for group in (self.meeting, self.item, self.proposal, self.decision, self.appeal):
            group.retranslate()
        self.changes.retranslate()
        self.handling_editor.retranslate()
        self.past_tense_button.setText(_("Decision from the proposal…"))
        self.past_tense_button.setAccessibleName(_("Decision from the proposal"))
        self.past_tense_button.setToolTip(
            _(
                'Shows the proposal written in the past tense ("päätti", "esitti") beside '
                "it, to accept as the decision, edit or cancel."
            )
        )
        titles = {
            "contacts": _("Contacts"),
            "attachments": _("Attachments"),
            "supplementary": _("Supplementary material"),
            "extracts": _("Extracts"),
        }
        for name, box in self.boxes.items():
            box.setTitle(titles[name])
            getattr(self, name).retranslate()
        self.history.retranslate()
        self._align_labels()

    def _title_tabs(self) -> None:
        """Full tab titles when they fit the form's width, one-word titles when not."""
        bar = self.tabBar()
        metrics = bar.fontMetrics()
        padding = bar.tabSizeHint(0).width() - metrics.horizontalAdvance(bar.tabText(0))
        full = [title() for _page, title in self.pages]
        needed = sum(
            metrics.horizontalAdvance(text) + padding
            for n, text in enumerate(full)
            if self.isTabVisible(n)
        )
        short = needed > self.width()
        for n, text in enumerate(full):
            shown = self.short_titles[n]() if short else text
            if bar.tabText(n) != shown:
                self.setTabText(n, shown)
            self.setTabToolTip(n, text)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._title_tabs()

    def _align_labels(self) -> None:
        """One label column for every group, so fields line up across groups and tabs."""
        groups = (self.meeting, self.item, self.proposal, self.decision, self.appeal)
        labels = [label for group in groups for label in group.labels]
        for label in labels:
            label.setMinimumWidth(0)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def offer_past_tense(self) -> None:
        """Show the decision written from the proposal in the past tense beside the proposal;
        accepted, it becomes the decision text ("as proposed" ticked: the references print
        the decision so), one undo step. Never applied without the secretary's word."""
        self.flush()
        proposal = self.document.value(schema.PROPOSAL_TEXT) or ""
        suggestion = pasttense.past_tense(
            proposal,
            self.document.value(schema.LANGUAGE) or "fi",
            self.document.value(schema.MEETING_BODY) or "",
        )
        ask = getattr(self.window(), "ask", None)
        asker = ask if isinstance(ask, Asker) else Asker(self)
        text = asker.past_tense_decision(proposal, suggestion)
        if text is None:
            return
        stack = self.document.undo_stack
        stack.beginMacro(_("Decision from the proposal"))
        self.document.set_value(schema.DECISION_TEXT, text, merge=False)
        self.document.set_value(schema.DECISION_AS_PROPOSED, True, merge=False)
        stack.endMacro()

    def binders(self) -> list[Binder]:
        return [self.binder, self.history.binder, self.handling_editor.binder]

    def flush(self) -> None:
        for binder in self.binders():
            binder.flush()

    def input_errors(self) -> dict[str, str]:
        """Typed values the model could not take yet (a date like 31.2.2021)."""
        errors: dict[str, str] = {}
        for binder in self.binders():
            errors.update(binder.input_errors)
        for table in self.findChildren(RecordTable):
            errors.update(table.input_errors)
        return errors

    def _tables(self) -> dict[str, RecordTable]:
        return {
            schema.CONTACTS: self.contacts,
            schema.ATTACHMENTS: self.attachments,
            schema.SUPPLEMENTARY: self.supplementary,
            schema.EXTRACTS: self.extracts,
            schema.HISTORY: self.history.entries,
        }

    def describe(self, path: str) -> str:
        """A problem's field as the user sees it: the label, or a table and its row
        ("Extracts, row 1"), in the interface language; never the file format's path."""
        row = _ROW.match(path)
        if row and row["list"] in self._tables():
            return _("{table}, row {row}").format(
                table=self._tables()[row["list"]].name(), row=int(row["row"]) + 1
            )
        if path in self._tables():
            return self._tables()[path].name()
        if path == schema.DECISION_HANDLING or path.startswith(schema.DECISION_HANDLING + "["):
            return self.handling_editor.describe(path)
        widget = self.binder.widget_for(path)
        if widget is None:
            return ""
        group = widget.parent()
        if isinstance(group, FieldGroup) and not any(
            path == b.relative or path.startswith(b.relative + ".") for b in self.binder.bindings
        ):
            return group.title()  # a path above the fields: the group that holds them
        return widget.accessibleName()

    def select_word(self, path: str, word: str, occurrence: int) -> None:
        """Select the `occurrence`-th whole-word `word` in the field of `path`."""
        widget = None
        for binder in self.binders():
            widget = widget or binder.widget_for(path)
        target = getattr(widget, "editor", widget)
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
        if isinstance(target, QLineEdit):
            found = list(pattern.finditer(target.text()))
            if found:
                match = found[min(occurrence, len(found) - 1)]
                target.setSelection(match.start(), len(word))
        elif isinstance(target, QTextEdit):
            document = target.document()
            expression = QRegularExpression(
                pattern.pattern, QRegularExpression.PatternOption.UseUnicodePropertiesOption
            )
            cursor = QTextCursor(document)
            hits = []
            while True:
                cursor = document.find(
                    expression, cursor, QTextDocument.FindFlag.FindCaseSensitively
                )
                if cursor.isNull():
                    break
                hits.append(QTextCursor(cursor))
            if hits:
                target.setTextCursor(hits[min(occurrence, len(hits) - 1)])
                target.ensureCursorVisible()

    def focus_path(self, path: str) -> bool:
        """Show and focus the field a problem names; True if one was found."""
        if path.startswith("item.history["):
            row = int(path.split("[", 1)[1].split("]", 1)[0])
            self.setCurrentWidget(self.history)
            self.history.entries.table.setCurrentCell(row, 0)
        tables = self._tables()
        widget = None
        if path == schema.DECISION_HANDLING or path.startswith(schema.DECISION_HANDLING + "["):
            widget = self.handling_editor.focus(path)
        for binder in self.binders():
            widget = widget or binder.widget_for(path)
        if widget is None:
            widget = next((t.table for p, t in tables.items() if path.startswith(p)), None)
        if widget is None:
            return False
        for n in range(self.count()):
            if (page := self.widget(n)) is not None and page.isAncestorOf(widget):
                self.setCurrentIndex(n)
                break
        target = getattr(widget, "editor", widget)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        scroll = self.currentWidget()
        if isinstance(scroll, QScrollArea):
            scroll.ensureWidgetVisible(widget)
        return True
