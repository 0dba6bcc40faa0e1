"""The meeting in session: the secretary records the meeting live, from the keyboard.

Opened from the meeting view (Meeting ▸ Meeting in session…). The roll call changes the
meeting file's participants (through the meeting view's document: its undo, its recovery
copy); each item's events go into that item's file, through a document of its own opened when
the item is first shown (one per item, each with a session: autosave and recovery like the
drafting window). Ctrl+Z undoes the last action of this view, whichever document it changed.
Beside the record, the handling text as the minutes will print it (drafting.handling, for the
item as drafting.meeting.numbered gives it: the meeting's roster and who is present for it).
What is decided without Qt is in drafting.session.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QTime
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from drafting import attendance, dates, draftfile, handling, meeting, produce
from drafting import session as live
from drafting.i18n import _
from drafting.model import (
    AttendanceChange,
    Draft,
    HandlingEvent,
    MeetingDraft,
    Participant,
    Person,
)
from ui.services import screens, shortcuts
from ui.services.document import DraftDocument
from ui.services.session import ITEM, Session
from ui.widgets.ballots import BallotPanel
from ui.widgets.people_field import NameField
from ui.widgets.rollcall import RollCall
from ui.windows.askers import MeetingAsker

PROPOSALS = ("counter", "return", "tabling", "rejection", "wish")
# Each kind of event the view records: its key, the shortcut.
RECORDS = (
    ("counter", "Ctrl+1"),
    ("return", "Ctrl+2"),
    ("tabling", "Ctrl+3"),
    ("rejection", "Ctrl+4"),
    ("wish", "Ctrl+5"),
    ("hands", "Ctrl+6"),
    ("roll", "Ctrl+7"),
    ("unanimous", "Ctrl+8"),
    ("disqualification", "Ctrl+9"),
    ("expert", "Ctrl+Shift+E"),
    ("presenter_change", "Ctrl+Shift+P"),
    ("note", "Ctrl+Shift+N"),
    ("dissent", "Ctrl+Shift+D"),
    ("arrived", "Ctrl+Shift+A"),
    ("left", "Ctrl+Shift+L"),
)
PROPOSAL_LABELS: dict[str, Callable[[], str]] = {
    "counter": lambda: _("Counter-proposal"),
    "return": lambda: _("Return proposal"),
    "tabling": lambda: _("Tabling proposal"),
    "rejection": lambda: _("Rejection proposal"),
    "wish": lambda: _("Wish clause"),
}
LABELS: dict[str, Callable[[], str]] = {
    **PROPOSAL_LABELS,
    "hands": lambda: _("Vote: show of hands"),
    "roll": lambda: _("Vote: roll call"),
    "unanimous": lambda: _("Unanimous decision"),
    "disqualification": lambda: _("Disqualified member"),
    "expert": lambda: _("Expert heard"),
    "presenter_change": lambda: _("Presenter's change"),
    "note": lambda: _("Note"),
    "dissent": lambda: _("Dissent"),
    "arrived": lambda: _("Arrival"),
    "left": lambda: _("Departure"),
}
SUMMARY_CHARS = 400
DEPUTY_ROLE = {"fi": "varajäsen", "sv": "ersättare"}


def _plain(markdown: str) -> str:
    """Markdown as a short line of plain text."""
    text = re.sub(r"[*_#>`]", "", markdown)
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


class SessionWindow(QMainWindow):
    """The meeting of `meeting_window` in session."""

    def __init__(self, meeting_window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meeting_window = meeting_window
        self.ask = MeetingAsker(self)
        self.index = 0
        self.items: dict[Path, Session] = {}  # an item's file -> its session (and document)
        self.unreadable: dict[Path, str] = {}
        self.history: list[DraftDocument] = []  # the documents this view changed, in order
        self.undone: list[DraftDocument] = []
        self.vote_at: int | None = None  # the vote being recorded: its place in the handling
        self.vote_kind = "roll"
        self.form = ""  # the kind of the form shown ("" none)
        self.close_unasked = False
        self._titles: dict[Path, str] = {}  # the titles of the items not opened yet
        self._build()
        # A method, not a lambda: the connection ends with this view (the meeting stays).
        self.meeting_document.changed.connect(self._meeting_changed)
        self.retranslate()
        self.show_item(0)
        screens.place(self, QSize(1280, 760), None)

    # --- building the view ---------------------------------------------------------------

    def _build(self) -> None:
        self.item_label = QLabel(self)
        font = self.item_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.item_label.setFont(font)
        self.item_label.setWordWrap(True)
        self.quorum_label = QLabel(self)
        self.quorum_label.setWordWrap(True)
        self.prev_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.item_choice = QComboBox(self)
        self.item_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item_choice.setMinimumContentsLength(20)
        self.item_choice.activated.connect(self.show_item)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.item_choice, 1)
        nav.addWidget(self.next_button)
        self.save_button = QPushButton(self)
        nav.addWidget(self.save_button)

        # The roll call.
        self.rollcall = RollCall(self)
        self.rollcall.toggle_asked.connect(self._toggle_presence)
        self.rollcall.deputy_asked.connect(self._add_deputy)

        # The item.
        self.proposal_label = QLabel(self)
        self.proposal_label.setWordWrap(True)
        self.proposal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.proposal_box = QGroupBox(self)
        QVBoxLayout(self.proposal_box).addWidget(self.proposal_label)
        self.record_box = QGroupBox(self)
        grid = QGridLayout(self.record_box)
        self.record_buttons: dict[str, QPushButton] = {}
        self.record_actions: dict[str, QAction] = {}
        for n, (kind, shortcut) in enumerate(RECORDS):
            action = QAction(self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _c=False, k=kind: self.open_form(k))
            self.addAction(action)
            self.record_actions[kind] = action
            button = QPushButton(self.record_box)
            button.clicked.connect(action.trigger)
            self.record_buttons[kind] = button
            grid.addWidget(button, n // 3, n % 3)

        self.forms = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {}
        self.form_title = QLabel(self)
        bold = self.form_title.font()
        bold.setBold(True)
        self.form_title.setFont(bold)
        self._build_forms()
        self.form_message = QLabel(self)
        self.form_message.setWordWrap(True)
        self.form_message.setStyleSheet("color: #b00020;")
        self.record_button = QPushButton(self)
        self.record_button.clicked.connect(self.record)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel_form)
        form_buttons = QHBoxLayout()
        form_buttons.addWidget(self.form_message, 1)
        form_buttons.addWidget(self.cancel_button)
        form_buttons.addWidget(self.record_button)
        self.form_box = QWidget(self)
        form_layout = QVBoxLayout(self.form_box)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.form_title)
        form_layout.addWidget(self.forms)
        form_layout.addLayout(form_buttons)

        item_page = QWidget(self)
        item_layout = QVBoxLayout(item_page)
        item_layout.addWidget(self.proposal_box)
        item_layout.addWidget(self.record_box)
        item_layout.addWidget(self.form_box, 1)
        self.item_scroll = QScrollArea(self)
        self.item_scroll.setWidgetResizable(True)
        self.item_scroll.setWidget(item_page)
        self.item_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no stop without a focus frame

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.rollcall, "")
        self.tabs.addTab(self.item_scroll, "")

        self.printed = QTextBrowser(self)
        self.printed_box = QGroupBox(self)
        QVBoxLayout(self.printed_box).addWidget(self.printed)
        splitter = QSplitter(self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.printed_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([640, 360])

        central = QWidget(self)
        column = QVBoxLayout(central)
        column.addWidget(self.item_label)
        column.addWidget(self.quorum_label)
        column.addLayout(nav)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)

        keys = QKeySequence.StandardKey
        self.act_prev = self._action(self.previous_item, QKeySequence("Ctrl+PgUp"))
        self.act_next = self._action(self.next_item, QKeySequence("Ctrl+PgDown"))
        self.act_save = self._action(self.save, keys.Save)
        self.act_close = self._action(self.close, keys.Close)
        self.act_undo = self._action(self.undo, None)
        self.act_undo.setShortcuts(keys.Undo)
        self.act_redo = self._action(self.redo, None)
        self.act_redo.setShortcuts(shortcuts.redo_keys())
        self.act_record = self._action(self.record, QKeySequence("Ctrl+Return"))
        self.act_record.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.act_cancel = self._action(self.cancel_form, QKeySequence("Escape"))
        self.prev_button.clicked.connect(self.act_prev.trigger)
        self.next_button.clicked.connect(self.act_next.trigger)
        self.save_button.clicked.connect(self.act_save.trigger)
        self.menu_session = self.menuBar().addMenu("")
        for entry in (self.act_prev, self.act_next, None, self.act_save, None, self.act_close):
            if entry is None:
                self.menu_session.addSeparator()
            else:
                self.menu_session.addAction(entry)
        self.menu_edit = self.menuBar().addMenu("")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_record = self.menuBar().addMenu("")
        for kind, _keys in RECORDS:
            self.menu_record.addAction(self.record_actions[kind])
        self.menu_record.addSeparator()
        self.menu_record.addAction(self.act_record)
        self.menu_record.addAction(self.act_cancel)
        self._tab_order()

    def _action(
        self,
        slot: Callable[[], object],
        key: QKeySequence | QKeySequence.StandardKey | None,
    ) -> QAction:
        action = QAction(self)
        if key is not None:
            action.setShortcut(key)
        action.triggered.connect(lambda _c=False: slot())
        self.addAction(action)
        return action

    def _row(self, layout: QFormLayout, widget: QWidget) -> QLabel:
        label = QLabel(widget.parentWidget())
        label.setBuddy(widget)
        layout.addRow(label, widget)
        return label

    def _build_forms(self) -> None:
        self.labels: dict[QWidget, Callable[[], str]] = {}
        self.form_layouts: dict[str, QFormLayout] = {}

        def page(kind: str) -> QFormLayout:
            widget = QWidget(self.forms)
            self.pages[kind] = widget
            self.forms.addWidget(widget)
            column = QVBoxLayout(widget)
            column.setContentsMargins(0, 0, 0, 0)
            form = self.form_layouts[kind] = QFormLayout()
            column.addLayout(form)
            column.addStretch(1)
            return form

        def row(layout: QFormLayout, widget: QWidget, text: Callable[[], str]) -> None:
            self.labels[self._row(layout, widget)] = text
            self.labels[widget] = text

        blank = QWidget(self.forms)
        self.pages[""] = blank
        self.forms.addWidget(blank)

        form = page("proposal")
        self.f_proposer = NameField(parent=self.pages["proposal"])
        self.f_seconders = NameField(several=True, parent=self.pages["proposal"])
        self.f_text = QPlainTextEdit(self.pages["proposal"])
        self.f_text.setTabChangesFocus(True)
        self.f_effect = QComboBox(self.pages["proposal"])
        row(form, self.f_proposer, lambda: _("Proposer"))
        row(form, self.f_seconders, lambda: _("Seconded by"))
        row(form, self.f_text, lambda: _("Text (verbatim)"))
        row(form, self.f_effect, lambda: _("The counter-proposal"))

        form = page("unanimous")
        self.f_decision = QComboBox(self.pages["unanimous"])
        self.f_on_proposal = NameField(parent=self.pages["unanimous"])
        self.f_until = QLineEdit(self.pages["unanimous"])
        row(form, self.f_decision, lambda: _("Decided"))
        row(form, self.f_on_proposal, lambda: _("On the proposal of"))
        row(form, self.f_until, lambda: _("Tabled until"))

        form = page("disqualification")
        self.f_member = NameField(parent=self.pages["disqualification"])
        self.f_ground = QComboBox(self.pages["disqualification"])
        row(form, self.f_member, lambda: _("Disqualified member"))
        row(form, self.f_ground, lambda: _("Ground (hallintolaki 28 § 1 mom.)"))

        form = page("expert")
        self.f_expert_title = QLineEdit(self.pages["expert"])
        self.f_expert_name = QLineEdit(self.pages["expert"])
        self.f_expert_left = QCheckBox(self.pages["expert"])
        self.f_expert_left.setChecked(True)
        row(form, self.f_expert_title, lambda: _("Title"))
        row(form, self.f_expert_name, lambda: _("Name"))
        row(form, self.f_expert_left, lambda: _("Left after being heard"))

        form = page("presenter_change")
        self.f_change = QComboBox(self.pages["presenter_change"])
        self.f_during = QCheckBox(self.pages["presenter_change"])
        self.f_change_text = QPlainTextEdit(self.pages["presenter_change"])
        self.f_change_text.setTabChangesFocus(True)
        row(form, self.f_change, lambda: _("The presenter"))
        row(form, self.f_during, lambda: _("During the tabling"))
        row(form, self.f_change_text, lambda: _("Text"))

        form = page("note")
        self.f_note = QPlainTextEdit(self.pages["note"])
        self.f_note.setTabChangesFocus(True)
        row(form, self.f_note, lambda: _("Note"))

        form = page("dissent")
        self.f_dissenters = NameField(several=True, parent=self.pages["dissent"])
        self.f_dissent_text = QPlainTextEdit(self.pages["dissent"])
        self.f_dissent_text.setTabChangesFocus(True)
        row(form, self.f_dissenters, lambda: _("Dissenting members"))
        row(form, self.f_dissent_text, lambda: _("Text"))

        form = page("attendance")
        self.f_person = NameField(parent=self.pages["attendance"])
        self.f_time = QLineEdit(self.pages["attendance"])
        self.f_section = QSpinBox(self.pages["attendance"])
        self.f_section.setRange(0, 99999)
        row(form, self.f_person, lambda: _("Who"))
        row(form, self.f_time, lambda: _("Time"))
        row(form, self.f_section, lambda: _("During §"))

        lines = self.fontMetrics().lineSpacing()
        for edit in (self.f_text, self.f_change_text, self.f_note, self.f_dissent_text):
            edit.setMaximumHeight(6 * lines)  # the record button stays in view

        vote = QWidget(self.forms)
        self.pages["vote"] = vote
        self.forms.addWidget(vote)
        sides = QFormLayout()
        self.f_yes = QComboBox(vote)
        self.f_no = QComboBox(vote)
        self.labels[self._row(sides, self.f_yes)] = lambda: _("JAA stands for")
        self.labels[self.f_yes] = lambda: _("JAA stands for")
        self.labels[self._row(sides, self.f_no)] = lambda: _("EI stands for")
        self.labels[self.f_no] = lambda: _("EI stands for")
        self.f_yes.activated.connect(lambda _i: self._vote_sides())
        self.f_no.activated.connect(lambda _i: self._vote_sides())
        self.ballots = BallotPanel(vote)
        self.ballots.cast.connect(self._cast)
        self.ballots.close_asked.connect(self.close_vote)
        vote_layout = QVBoxLayout(vote)
        vote_layout.setContentsMargins(0, 0, 0, 0)
        vote_layout.addLayout(sides)
        vote_layout.addWidget(self.ballots, 1)

    def _tab_order(self) -> None:
        chain: list[QWidget] = [self.prev_button, self.item_choice, self.next_button]
        chain += [self.save_button, self.tabs]
        chain += [self.rollcall.toggle_button, self.rollcall.roster]
        chain += [self.rollcall.deputy_name, self.rollcall.deputy_for, self.rollcall.deputy_button]
        chain += [self.record_buttons[k] for k, _keys in RECORDS]
        chain += [self.f_proposer, self.f_seconders, self.f_text, self.f_effect]
        chain += [self.f_decision, self.f_on_proposal, self.f_until, self.f_member, self.f_ground]
        chain += [self.f_expert_title, self.f_expert_name, self.f_expert_left]
        chain += [self.f_change, self.f_during, self.f_change_text, self.f_note]
        chain += [self.f_dissenters, self.f_dissent_text, self.f_person, self.f_time]
        chain += [self.f_section, self.f_yes, self.f_no, self.ballots.name_field]
        chain += list(self.ballots.move_buttons.values())
        chain += [self.ballots.table, self.ballots.close_button]
        chain += [self.cancel_button, self.record_button, self.printed]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Meeting in session") + " — Pykälä")
        self.tabs.setTabText(0, _("&Roll call"))
        self.tabs.setTabText(1, _("&Item"))
        self.tabs.setAccessibleName(_("Roll call and item"))
        self.rollcall.retranslate()
        self.ballots.retranslate()
        self.proposal_box.setTitle(_("The presenter's proposal"))
        self.proposal_label.setAccessibleName(_("The presenter's proposal"))
        self.record_box.setTitle(_("Record"))
        for kind, shortcut in RECORDS:
            name = LABELS[kind]()
            native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            self.record_actions[kind].setText(name)
            self.record_buttons[kind].setText(f"{name}\n{native}")
            self.record_buttons[kind].setAccessibleName(name)
        for widget, label in self.labels.items():
            if isinstance(widget, QLabel):
                widget.setText(label() + ":")
            else:
                widget.setAccessibleName(label())
        self.f_effect.clear()
        self.f_effect.addItem(_("adds to the decision"), "adds")
        self.f_effect.addItem(_("replaces part of the decision"), "replaces")
        self.f_change.clear()
        self.f_change.addItem(_("supplemented the proposal"), "supplemented")
        self.f_change.addItem(_("amended the proposal"), "amended")
        self.f_change.addItem(_("withdrew the proposal"), "withdrawn")
        self.f_proposer.setPlaceholderText(_("a few letters of a member's name"))
        self.f_seconders.setPlaceholderText(_("names, separated by commas"))
        self.f_on_proposal.setPlaceholderText(_("empty: on the chair's proposal"))
        self.f_until.setPlaceholderText(_("d.m.yyyy, or empty"))
        self.f_time.setPlaceholderText(_("hh:mm"))
        self.record_button.setText(_("Record (Ctrl+Enter)"))
        self.record_button.setAccessibleName(_("Record the event"))
        self.cancel_button.setText(_("Cancel (Esc)"))
        self.cancel_button.setAccessibleName(_("Cancel the form"))
        self.prev_button.setText(_("◀ Previous item"))
        self.prev_button.setAccessibleName(_("Previous item"))
        self.prev_button.setToolTip("Ctrl+PgUp")
        self.next_button.setText(_("Next item ▶"))
        self.next_button.setAccessibleName(_("Next item"))
        self.next_button.setToolTip("Ctrl+PgDown")
        self.save_button.setText(_("Save all"))
        self.save_button.setAccessibleName(_("Save the meeting and its items"))
        self.item_choice.setAccessibleName(_("Item"))
        self.printed_box.setTitle(_("The text as it will print"))
        self.printed.setAccessibleName(_("The handling text as it will print"))
        self.act_prev.setText(_("&Previous item"))
        self.act_next.setText(_("&Next item"))
        self.act_save.setText(_("&Save the meeting and its items"))
        self.act_close.setText(_("&Close"))
        self.act_undo.setText(_("&Undo"))
        self.act_redo.setText(_("&Redo"))
        self.act_record.setText(_("Record the event"))
        self.act_cancel.setText(_("Cancel the form"))
        self.menu_session.setTitle(_("&Session"))
        self.menu_edit.setTitle(_("&Edit"))
        self.menu_record.setTitle(_("Re&cord"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the documents ---------------------------------------------------------------------

    @property
    def meeting_document(self) -> DraftDocument[MeetingDraft]:
        return self.meeting_window.document

    @property
    def meeting_draft(self) -> MeetingDraft:
        return self.meeting_document.draft

    def item_file(self, index: int) -> Path:
        return self.meeting_window.item_path(self.meeting_draft.items[index])

    def item_session(self, index: int) -> Session | None:
        """The session of the meeting's `index`-th item, opened when first asked for; None
        when its file cannot be read (why: `unreadable`)."""
        if not 0 <= index < len(self.meeting_draft.items):
            return None
        path = self.item_file(index)
        if path in self.items:
            return self.items[path]
        try:
            document = DraftDocument.load(path)
        except draftfile.DraftError as exc:
            self.unreadable[path] = "; ".join(exc.problems[:3])
            return None
        except OSError as exc:
            self.unreadable[path] = str(exc)
            return None
        item_session = Session(ITEM, self.ask, lambda: None, document, parent=self)
        self.items[path] = item_session
        document.changed.connect(lambda _p, d=document: self._item_changed(d))
        return item_session

    def item_document(self) -> DraftDocument[Draft] | None:
        found = self.item_session(self.index)
        return found.document if found is not None else None

    def _meeting_changed(self, _path: str) -> None:
        self.refresh()

    def _item_changed(self, document: DraftDocument) -> None:
        if document is self.item_document():
            self.refresh(roster=False)

    def numbered(self) -> Draft | None:
        """The current item as the meeting prints it: its numbers, the roster with who is
        present for it."""
        document = self.item_document()
        if document is None:
            return None
        return meeting.numbered(document.draft, self.meeting_draft, self.index)

    def handling_list(self) -> list[HandlingEvent]:
        document = self.item_document()
        if document is None or document.draft.item.decision is None:
            return []
        return list(document.draft.item.decision.handling)

    def _edit(self, document: DraftDocument, path: str, value: object, text: str) -> None:
        """One action of this view, on the undo stack of the document it changes."""
        before = document.undo_stack.index()
        document.set_value(path, value, text=text, merge=False)
        if document.undo_stack.index() != before:
            self.history.append(document)
            self.undone.clear()

    def _set_handling(self, events: list[HandlingEvent], text: str) -> None:
        document = self.item_document()
        if document is not None:
            self._edit(document, "item.decision.handling", events, text)

    def undo(self) -> None:
        """The last action of this view, in whichever document it was."""
        while self.history:
            document = self.history.pop()
            if shiboken6.isValid(document) and document.undo_stack.canUndo():
                document.undo_stack.undo()
                self.undone.append(document)
                return

    def redo(self) -> None:
        while self.undone:
            document = self.undone.pop()
            if shiboken6.isValid(document) and document.undo_stack.canRedo():
                document.undo_stack.redo()
                self.history.append(document)
                return

    # --- showing ---------------------------------------------------------------------------

    def show_item(self, index: int) -> None:
        """Another item (its quorum said); not while a vote in this one lacks ballots. A
        vote an item's record left with ballots missing (a crash, a restored copy) opens
        again to be finished."""
        count = len(self.meeting_draft.items)
        index = max(0, min(index, count - 1)) if count else 0
        if index != self.index and self._vote_event() is not None:
            self.item_choice.setCurrentIndex(self.index)
            self.ballots.say(_("Close the vote first (Enter)."))
            return
        self.index = index
        self.vote_at = None
        self.cancel_form()
        self.refresh()
        item = self.numbered()
        if item is None:
            return
        events = self.handling_list()
        if events and events[-1].event == "vote" and live.missing(events[-1], live.voters(item)):
            self._resume_vote(len(events) - 1)
        quorum = live.quorum(item)
        self.statusBar().showMessage(f"{self._item_name(item)}: {quorum.sentence()}")

    def previous_item(self) -> None:
        self.show_item(self.index - 1)

    def next_item(self) -> None:
        self.show_item(self.index + 1)

    def _item_name(self, item: Draft) -> str:
        section = item.item.section
        sign = meeting.section_sign(self.meeting_draft, section) if section is not None else ""
        return f"{sign} {item.item.title}".strip()

    def _names(self, item: Draft) -> dict[str, str]:
        return {attendance.reference(p): p.name for p in item.meeting.participants}

    def refresh(self, roster: bool = True) -> None:
        """Everything shown again from the documents (`roster`: the roll call too; an
        item's change leaves it as it is)."""
        if roster:
            self.rollcall.show_roster(self.meeting_draft.participants)
        self._fill_items()
        item = self.numbered()
        count = len(self.meeting_draft.items)
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index + 1 < count)
        for button in self.record_buttons.values():
            button.setEnabled(item is not None)
        for action in self.record_actions.values():
            action.setEnabled(item is not None)
        if item is None:
            path = self.item_file(self.index) if count else None
            why = self.unreadable.get(path, "") if path else _("The meeting has no items.")
            self.item_label.setText(_("The item cannot be read: {why}").format(why=why))
            self.quorum_label.clear()
            self.proposal_label.clear()
            self.printed.clear()
            return
        self.item_label.setText(
            _("{item} ({number} of {count})").format(
                item=self._item_name(item), number=self.index + 1, count=count
            )
        )
        quorum = live.quorum(item)
        self.quorum_label.setText(quorum.sentence())
        self.quorum_label.setStyleSheet("" if quorum.quorate else "color: #b00020;")
        self.quorum_label.setAccessibleName(quorum.sentence())
        proposal = item.item.proposal
        self.proposal_label.setText(_plain(proposal.summary or proposal.text) or "—")
        try:
            text = handling.text(item, produce.words_for(item))
        except (KeyError, ValueError, IndexError) as exc:  # a record the words cannot say yet
            text = _("The handling text cannot be written yet: {reason}").format(reason=exc)
        self.printed.setPlainText(text)
        self._fill_names(item)
        if self.vote_at is not None:
            self._show_vote(item)

    def _fill_items(self) -> None:
        wanted = []
        for n, stored in enumerate(self.meeting_draft.items):
            path = self.meeting_window.item_path(stored)
            found = self.items.get(path)
            title = found.document.draft.item.title if found else ""
            if not title:
                title = self._title_on_disk(path) or stored
            first = self.meeting_draft.first_section
            sign = meeting.section_sign(self.meeting_draft, first + n) if first else f"{n + 1}."
            wanted.append(f"{sign} {title}")
        if [self.item_choice.itemText(n) for n in range(self.item_choice.count())] != wanted:
            self.item_choice.blockSignals(True)
            self.item_choice.clear()
            self.item_choice.addItems(wanted)
            self.item_choice.blockSignals(False)
        self.item_choice.setCurrentIndex(self.index)

    def _title_on_disk(self, path: Path) -> str:
        if path not in self._titles:
            try:
                self._titles[path] = draftfile.load(path).item.title
            except (draftfile.DraftError, OSError):
                self._titles[path] = ""
        return self._titles[path]

    def _fill_names(self, item: Draft) -> None:
        roster = item.meeting.participants
        voting = set(live.voters(item))
        present = [p.name for p in roster if attendance.reference(p) in voting]
        for field in (self.f_proposer, self.f_seconders, self.f_dissenters, self.f_on_proposal):
            field.set_names(present)
        self.f_member.set_names([p.name for p in live.members(roster)])
        self.f_person.set_names([p.name for p in roster])

    # --- forms -----------------------------------------------------------------------------

    def open_form(self, kind: str) -> None:
        """The form of one kind of event (a vote opens at once)."""
        if self.numbered() is None:
            return
        if self.vote_at is not None:
            self.ballots.say(_("Close the vote first (Enter)."))
            return
        self.tabs.setCurrentWidget(self.item_scroll)
        self.form_message.clear()
        if kind in ("hands", "roll"):
            self.open_vote(kind)
            return
        self.form = kind
        page = "proposal" if kind in PROPOSALS else kind
        page = "attendance" if kind in ("arrived", "left") else page
        self.forms.setCurrentWidget(self.pages[page])
        self.form_title.setText(LABELS[kind]())
        self._set_form_visible(True)
        first: QWidget
        if page == "proposal":
            for field in (self.f_proposer, self.f_seconders):
                field.clear()
            self.f_text.clear()
            self.form_layouts["proposal"].setRowVisible(self.f_effect, kind == "counter")
            first = self.f_proposer
        elif page == "unanimous":
            self._fill_decisions()
            self.f_on_proposal.clear()
            self.f_until.clear()
            first = self.f_decision
        elif page == "disqualification":
            self.f_member.clear()
            self.f_ground.clear()
            for n, (ground, statute) in enumerate(live.grounds(self.meeting_draft.language), 1):
                self.f_ground.addItem(f"{n}. {ground}", (ground, statute))
            first = self.f_member
        elif page == "expert":
            self.f_expert_title.clear()
            self.f_expert_name.clear()
            first = self.f_expert_title
        elif page == "presenter_change":
            self.f_change_text.clear()
            first = self.f_change
        elif page == "note":
            self.f_note.clear()
            first = self.f_note
        elif page == "dissent":
            self.f_dissenters.clear()
            self.f_dissent_text.clear()
            first = self.f_dissenters
        else:  # arrival, departure: now, during this item
            self.f_person.clear()
            self.f_time.setText(QTime.currentTime().toString("HH:mm"))
            item = self.numbered()
            self.f_section.setValue(item.item.section or 0 if item is not None else 0)
            first = self.f_person
        first.setFocus()

    def _set_form_visible(self, shown: bool) -> None:
        voting = self.vote_at is not None  # the ballots take the room of the buttons
        self.proposal_box.setVisible(not voting)
        self.record_box.setVisible(not voting and not shown)  # Esc brings the buttons back
        self.record_button.setVisible(shown)
        self.cancel_button.setVisible(shown)
        self.form_title.setVisible(shown or self.vote_at is not None)

    def cancel_form(self) -> None:
        if self.vote_at is not None:
            return  # a vote is closed, not cancelled (Ctrl+Z takes it back)
        self.form = ""
        self.forms.setCurrentWidget(self.pages[""])
        self.form_message.clear()
        self._set_form_visible(False)

    def _fill_decisions(self) -> None:
        self.f_decision.clear()
        self.f_decision.addItem(_("to table the item"), "tabling")
        self.f_decision.addItem(_("to return the item for re-preparation"), "return")
        self.f_decision.addItem(_("as the presenter proposed"), "presenter")
        for key, text in self._proposal_choices():
            self.f_decision.addItem(text, key)

    def _proposal_choices(self) -> list[tuple[str, str]]:
        item = self.numbered()
        names = self._names(item) if item is not None else {}
        return [
            (
                e.id,
                _("proposal {id}: {kind} by {name}").format(
                    id=e.id,
                    kind=PROPOSAL_LABELS[e.proposal]().lower(),
                    name=names.get(e.proposer, e.proposer),
                ),
            )
            for e in self.handling_list()
            if e.event == "proposal" and e.id
        ]

    def _say(self, text: str, field: QWidget | None = None) -> None:
        self.form_message.setText(text)
        if field is not None:
            field.setFocus()

    def _people(self, field: NameField, roster: list[Participant], label: str) -> list[str] | None:
        """The references of the names typed into `field`; None (and said) when one names
        nobody among `roster`."""
        refs = []
        for typed in field.names():
            found = live.resolve(roster, typed)
            if found is None:
                self._say(
                    _(
                        '{field}: "{typed}" is none of them; type a few letters of one name '
                        "and choose it"
                    ).format(field=label, typed=typed),
                    field,
                )
                return None
            refs.append(attendance.reference(found))
        return refs

    def record(self) -> None:
        """The form's event into the item (or the attendance into the meeting)."""
        if self.vote_at is not None:
            self.close_vote()
            return
        item = self.numbered()
        if not self.form or item is None:
            return
        kind = self.form
        roster = item.meeting.participants
        voting = set(live.voters(item))
        present = [p for p in roster if attendance.reference(p) in voting]
        events = self.handling_list()
        event: HandlingEvent | None = None
        if kind in PROPOSALS:
            proposer = self._people(self.f_proposer, present, _("Proposer"))
            if proposer is None:
                return
            if len(proposer) != 1:
                self._say(_("Proposer: type the name of the member who proposed"), self.f_proposer)
                return
            seconders = self._people(self.f_seconders, present, _("Seconded by"))
            if seconders is None:
                return
            event = HandlingEvent(
                event="proposal",
                id=live.next_id(events),
                proposal=kind,  # type: ignore[arg-type]
                proposer=proposer[0],
                seconders=seconders,
                text=self.f_text.toPlainText().strip(),
            )
            if kind == "counter":
                event.effect = self.f_effect.currentData()
        elif kind == "unanimous":
            decision = str(self.f_decision.currentData())
            on = self._people(self.f_on_proposal, present, _("On the proposal of"))
            if on is None:
                return
            until = None
            if self.f_until.text().strip():
                until = dates.parse_input(self.f_until.text())
                if until is None:
                    self._say(_("Tabled until: write a date as d.m.yyyy, or leave it empty"))
                    self.f_until.setFocus()
                    return
            event = HandlingEvent(
                event="unanimous",
                decision=decision,
                proposer=on[0] if on else ("chair" if decision in ("tabling", "return") else ""),
                until=until,
            )
        elif kind == "disqualification":
            member = self._people(self.f_member, live.members(roster), _("Disqualified member"))
            if member is None:
                return
            if len(member) != 1:
                self._say(_("Disqualified member: type one member's name"), self.f_member)
                return
            ground, statute = self.f_ground.currentData()
            event = HandlingEvent(
                event="disqualification", member=member[0], ground=ground, statute=statute
            )
        elif kind == "expert":
            name = self.f_expert_name.text().strip()
            if not name:
                self._say(_("Name: type the expert's name"), self.f_expert_name)
                return
            person = Person(title=self.f_expert_title.text().strip(), name=name)
            event = HandlingEvent(
                event="expert", experts=[person], left=self.f_expert_left.isChecked()
            )
        elif kind == "presenter_change":
            event = HandlingEvent(
                event="presenter_change",
                change=self.f_change.currentData(),
                during_tabling=self.f_during.isChecked(),
                text=self.f_change_text.toPlainText().strip(),
            )
        elif kind == "note":
            text = self.f_note.toPlainText().strip()
            if not text:
                self._say(_("Note: type the note's text"), self.f_note)
                return
            event = HandlingEvent(event="note", text=text)
        elif kind == "dissent":
            members = self._people(self.f_dissenters, live.members(roster), _("Dissenting members"))
            if members is None:
                return
            if not members:
                self._say(_("Dissenting members: type at least one name"), self.f_dissenters)
                return
            event = HandlingEvent(
                event="dissent", members=members, text=self.f_dissent_text.toPlainText().strip()
            )
        else:
            self._record_attendance(kind)
            return
        self._set_handling([*events, event], LABELS[kind]())
        self.cancel_form()
        self.record_buttons[RECORDS[0][0]].setFocus()

    def _record_attendance(self, kind: str) -> None:
        roster = self.meeting_draft.participants
        found = self._people(self.f_person, roster, _("Who"))
        if found is None:
            return
        if len(found) != 1:
            self._say(_("Who: type the name of the one who arrived or left"), self.f_person)
            return
        time = self.f_time.text().strip()
        if time and not QTime.fromString(time, "H:mm").isValid():
            self._say(_("Time: write it as hh:mm (16:12)"), self.f_time)
            return
        change = AttendanceChange(
            person=found[0],
            change=kind,  # type: ignore[arg-type]
            time=time,
            section=self.f_section.value() or None,
        )
        changes = [*self.meeting_draft.attendance, change]
        self._edit(self.meeting_document, "attendance", changes, LABELS[kind]())
        self.cancel_form()
        self.record_buttons[RECORDS[0][0]].setFocus()

    # --- the roll call ---------------------------------------------------------------------

    def _toggle_presence(self, ref: str) -> None:
        people = live.toggled(self.meeting_draft.participants, ref)
        self._edit(self.meeting_document, "participants", people, _("Roll call"))

    def _add_deputy(self, name: str, member: str) -> None:
        role = DEPUTY_ROLE.get(self.meeting_draft.language, DEPUTY_ROLE["fi"])
        people = live.with_substitute(self.meeting_draft.participants, name, member, role)
        self._edit(self.meeting_document, "participants", people, _("Deputy"))
        self.rollcall.roster.setFocus()

    # --- votes ----------------------------------------------------------------------------

    def open_vote(self, kind: str) -> None:
        """A vote starts as an event of the item at once: every ballot is in the item's
        record (and its recovery copy) as it is given."""
        item = self.numbered()
        if item is None:
            return
        events = self.handling_list()
        yes, no = live.vote_sides(events)
        if not no:
            self.form = ""
            self.forms.setCurrentWidget(self.pages[""])
            self._set_form_visible(True)
            self.record_button.setVisible(False)
            self.form_title.setText(LABELS[kind]())
            self.form_message.setText(
                _(
                    "A vote is between the presenter's proposal and a seconded proposal: "
                    "record the proposal and who seconded it first (Ctrl+1 … Ctrl+5)."
                )
            )
            return
        voting = live.voters(item)
        event = HandlingEvent(
            event="vote", yes=yes, no=no, jaa=list(voting) if kind == "hands" else []
        )
        self.vote_kind = kind
        self.form = ""
        self._set_handling([*events, event], LABELS[kind]())
        self._resume_vote(len(events), kind)

    def _resume_vote(self, at: int, kind: str = "roll") -> None:
        """The vote at `at` in the item's record shown for its ballots: a roll call from
        the first member without one, a show of hands in the name field."""
        self.vote_kind = kind
        self.vote_at = at
        self.tabs.setCurrentWidget(self.item_scroll)
        self.forms.setCurrentWidget(self.pages["vote"])
        self.form_title.setText(LABELS[kind]())
        self._set_form_visible(False)
        self.form_title.setVisible(True)
        self.refresh()
        item, event = self.numbered(), self._vote_event()
        if kind == "roll" and item is not None and event is not None:
            voting = live.voters(item)
            waiting = live.missing(event, voting)
            self.ballots.table.setCurrentCell(voting.index(waiting[0]) if waiting else 0, 0)
            self.ballots.table.setFocus()
        else:
            self.ballots.name_field.setFocus()

    def _vote_event(self) -> HandlingEvent | None:
        events = self.handling_list()
        if self.vote_at is None or not self.vote_at < len(events):
            return None
        event = events[self.vote_at]
        return event if event.event == "vote" else None

    def _show_vote(self, item: Draft) -> None:
        event = self._vote_event()
        if event is None:  # taken back (undo)
            self.vote_at = None
            self.cancel_form()
            return
        choices = [
            ("presenter", _("the presenter's proposal")),
            ("continue", _("continuing the handling")),
            *self._proposal_choices(),
        ]
        for box, value in ((self.f_yes, event.yes), (self.f_no, event.no)):
            if [box.itemData(n) for n in range(box.count())] != [k for k, _t in choices]:
                box.clear()
                for key, text in choices:
                    box.addItem(text, key)
            box.setCurrentIndex(max(box.findData(value), 0))
        self.ballots.show_vote(live.voters(item), self._names(item), event)

    def _replace_vote(self, event: HandlingEvent, text: str) -> None:
        events = self.handling_list()
        if self.vote_at is not None:
            events[self.vote_at] = event
            self._set_handling(events, text)

    def _vote_sides(self) -> None:
        event = self._vote_event()
        if event is not None:
            event.yes = str(self.f_yes.currentData())
            event.no = str(self.f_no.currentData())
            self._replace_vote(event, _("Vote"))

    def _cast(self, ref: str, side: str) -> None:
        event = self._vote_event()
        if event is not None:
            self._replace_vote(live.with_ballot(event, ref, side), _("Ballot"))

    def close_vote(self) -> None:
        """Closed when every member present has a ballot; else it says who has none."""
        event, item = self._vote_event(), self.numbered()
        if event is None or item is None:
            return
        names = self._names(item)
        missing = live.missing(event, live.voters(item))
        if missing:
            self.ballots.say(
                _("The vote cannot be closed: no ballot from {names}").format(
                    names=", ".join(names.get(r, r) for r in missing)
                )
            )
            return
        self.vote_at = None
        self.cancel_form()
        self.record_buttons[RECORDS[0][0]].setFocus()
        self.statusBar().showMessage(_("The vote is closed."), 5000)

    # --- saving and closing ---------------------------------------------------------------

    def save(self) -> bool:
        """The meeting and every item this view changed."""
        done = self.meeting_window.save() if self.meeting_document.modified else True
        for item_session in self.items.values():
            if item_session.document.modified:
                done = item_session.save() and done
        if done:
            self.statusBar().showMessage(_("Saved the meeting and its items."), 5000)
        return done

    def closeEvent(self, event: QCloseEvent) -> None:
        asked = not self.close_unasked
        for item_session in self.items.values():
            if not item_session.may_close(asked):
                event.ignore()
                return
        for item_session in self.items.values():
            item_session.stop()
        event.accept()
