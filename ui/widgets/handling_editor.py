"""The handling record (item.decision.handling) in the item window: the events in order on the
left, one line each; the chosen event's form on the right, made from the fields the schema
declares for its kind (drafting.schema.HANDLING_FIELDS); below, the handling text as the
minutes will print it (drafting.handling), following every change.

People are the item's participants (`meeting.participants`: its own roster, or the meeting's
with who was there for the item, given when the item is opened from the meeting view),
stored by reference and shown by name. Every change is one step on the draft's undo stack.
With a roster, a vote's ballots are the meeting-in-session view's ballot table
(ui.widgets.ballots): one row per member who votes on the item, a key or a click a ballot.
"""

from __future__ import annotations

import copy
import re
import time

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from drafting import attendance, handling, produce, resources, schema
from drafting import session as live
from drafting.i18n import _
from drafting.model import Draft, HandlingEvent, Participant, Person
from ui.services.document import DraftDocument
from ui.widgets.ballots import BallotPanel
from ui.widgets.binding import Binder
from ui.widgets.form import FieldGroup, declared, declared_column
from ui.widgets.records import RecordTable, moved
from ui.widgets.roster import PeopleField, RosterCompleter

PATH = schema.DECISION_HANDLING
_EVENT = f"{schema.HANDLING}.event"
_EXPERTS = f"{schema.HANDLING}.experts"
_BALLOTS = tuple(f"{schema.HANDLING}.{side}" for side in live.SIDES)
_ROW = re.compile(rf"^{re.escape(PATH)}\[(\d+)\]")
# What the print text costs is measured: a record that takes longer than this is written
# after a pause in typing, not at every keystroke.
PRINT_BUDGET_S = 0.005
PRINT_PAUSE_MS = 300


def _short(label: str) -> str:
    """ "Vote (Äänestys)" → "Vote": a kind's name for a one-line summary."""
    return re.sub(r"\s*\([^)]*\)$", "", label)


def kind_label(kind: str) -> str:
    return _short(schema.FIELD[_EVENT].choices[kind]())  # type: ignore[index]


def _plain(text: str, length: int = 60) -> str:
    words = " ".join(re.sub(r"[*_#>`\\]", "", text).split())
    return words if len(words) <= length else words[: length - 1].rstrip() + "…"


def _name(roster: list[Participant], ref: str) -> str:
    found = attendance.find(roster, ref)
    return found.name if found is not None else ref


def _choice(draft: Draft, event: HandlingEvent, value: str) -> str:
    """The label of a side or decision (`value`) as the form offers it."""
    spec = schema.FIELD[f"{schema.HANDLING}.decision"]
    assert spec.choices_from is not None
    labels = {v: text for text, v in spec.choices_from(draft, event)}
    return labels.get(value, value)


def summary(draft: Draft, event: HandlingEvent) -> str:
    """One line saying what an event is, in the interface language: "Vastaehdotus 1 —
    Paavo Arhinmäki; kannattaja Veronika Honkasalo", "Äänestys: 12–2, 1 tyhjä"."""
    roster = draft.meeting.participants
    kind = kind_label(event.event)
    names = lambda refs: ", ".join(_name(roster, r) for r in refs)  # noqa: E731
    if event.event == "proposal":
        spec = schema.FIELD[f"{schema.HANDLING}.proposal"]
        text = _short(spec.choices[event.proposal]())  # type: ignore[index]
        head = f"{text} {event.id}".strip()
        if event.proposer:
            head += " — " + _name(roster, event.proposer)
        if event.seconders:
            return head + "; " + _("seconded by {names}").format(names=names(event.seconders))
        return head + ("" if event.request else "; " + _("not seconded"))
    if event.event == "vote":
        text = _("{kind}: {yes}–{no}").format(kind=kind, yes=len(event.jaa), no=len(event.ei))
        if event.blank:
            text += ", " + _("{n} blank").format(n=len(event.blank))
        return text
    detail = {
        "disqualification": lambda: _name(roster, event.member),
        "expert": lambda: ", ".join(x.name for x in event.experts if x.name),
        "presenter_change": lambda: _short(
            schema.FIELD[f"{schema.HANDLING}.change"].choices[event.change]()  # type: ignore[index]
        ),
        "unanimous": lambda: _choice(draft, event, event.decision or "presenter"),
        "outcome": lambda: _choice(draft, event, event.decision or "presenter"),
        "dissent": lambda: names(event.members),
        "note": lambda: _plain(event.text),
    }[event.event]()
    return f"{kind}: {detail}" if detail else kind


def new_event(kind: str, events: list[HandlingEvent]) -> HandlingEvent:
    """An event of `kind` to add after `events`, filled in as far as the record tells: a
    proposal gets the next free name ("2"), a vote is on the last proposal (against the
    presenter's proposal, against continuing for a return or tabling, or a wish clause
    against opposing it)."""
    event = HandlingEvent(event=kind)  # type: ignore[arg-type]
    proposals = [e for e in events if e.event == "proposal" and e.id]
    if kind == "proposal":
        taken = {e.id for e in proposals}
        event.id = next(str(n) for n in range(1, len(taken) + 2) if str(n) not in taken)
    elif kind == "vote" and proposals:
        last = proposals[-1]
        if last.proposal == "wish":  # a wish clause: for it or against it
            event.yes, event.no = last.id, "oppose"
        else:
            event.yes = "continue" if last.proposal in ("return", "tabling") else "presenter"
            event.no = last.id
    elif kind in ("unanimous", "outcome"):
        event.decision = "presenter"
    return event


def converted(event: HandlingEvent, kind: str) -> HandlingEvent:
    """`event` as one of `kind`: the fields both kinds use are kept, the others cleared."""
    out = new_event(kind, [])
    for spec in schema.HANDLING_FIELDS:
        name = spec.path[len(schema.HANDLING) + 1 :].split("[", 1)[0]
        if event.event in spec.events and kind in spec.events and name != "event":
            setattr(out, name, copy.deepcopy(getattr(event, name)))
    out.extra = copy.deepcopy(event.extra)
    return out


class HandlingEditor(QGroupBox):
    """The item's handling record: a list of events, the chosen one's form, the text."""

    def __init__(self, document: DraftDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.events = QListWidget(self)
        self.events.setMinimumWidth(170)
        # A summary wraps in the narrow list rather than hiding its end (a tooltip has it all).
        self.events.setWordWrap(True)
        self.events.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.events.setMinimumHeight(150)
        self.events.setMaximumHeight(320)
        self.events.currentRowChanged.connect(self.select)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.add_menu = QMenu(self)
        for text, kind in schema.FIELD[_EVENT].options():
            action = self.add_menu.addAction(text)
            action.setData(kind)
            action.triggered.connect(lambda _c=False, k=kind: self.add(k))
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for n, key in enumerate(("add", "remove", "up", "down")):
            button = QPushButton(self)
            self.buttons[key] = button
            grid.addWidget(button, n // 2, n % 2)
        self.buttons["add"].clicked.connect(self._show_add_menu)
        self.buttons["remove"].clicked.connect(self.remove)
        self.buttons["up"].clicked.connect(lambda: self.move_event(-1))
        self.buttons["down"].clicked.connect(lambda: self.move_event(1))
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.events)
        column.addWidget(self.help)
        column.addLayout(grid)  # right below the list, however tall the event's form
        column.addStretch(1)

        # The chosen event: its kind, then the fields the schema declares for that kind.
        self.binder = Binder(document, f"{PATH}[0]", self)
        self.kind = QComboBox(self)
        self.kind_label = QLabel(self)
        self.kind_label.setBuddy(self.kind)
        self.kind.activated.connect(self._kind_chosen)
        self.specs = [
            f
            for f in schema.HANDLING_FIELDS
            if f.path != _EVENT and not f.path.startswith(_EXPERTS + "[")
        ]
        self.form = FieldGroup(
            lambda: _("Selected event"),
            [
                declared(f, schema.HANDLING + ".", height=110 if f.kind == schema.RICH else 0)
                for f in self.specs
            ],
            self.binder,
            None,
            self,
            roster=self.roster,
            labels_above=True,
        )
        # A unanimous decision may be on the chair's proposal ("puheenjohtajan ehdotuksesta").
        proposer = self.binder.widget_for(f"{PATH}[0].proposer")
        completer = proposer.completer() if isinstance(proposer, QLineEdit) else None
        if isinstance(completer, RosterCompleter):
            completer.extra = lambda: ["chair"] if self._kind() == "unanimous" else []
        # Long choices ("Proposal 1: Counter-proposal, Paavo Arhinmäki") do not widen the form
        # past a small screen: the open list shows them whole.
        for combo in [self.kind, *(w for w in self.form.inputs if isinstance(w, QComboBox))]:
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
        self.experts = RecordTable(
            document,
            f"{PATH}[0].experts",
            [
                declared_column(f"{_EXPERTS}[].title", chars=18),
                declared_column(f"{_EXPERTS}[].name", stretch=True),
            ],
            Person,
            lambda: _("Experts heard"),
            self,
            buttons_below=True,
        )
        # A vote's ballots with a roster: the session view's table, in place of the lists.
        self.ballots = BallotPanel(self, closable=False)
        self.ballots.cast.connect(self._cast)
        self.ballots.table.setMinimumHeight(
            8 * self.ballots.table.verticalHeader().defaultSectionSize()
        )
        self.roster_hint = QLabel(self)
        self.roster_hint.setWordWrap(True)
        right = QWidget(self)
        form_column = QVBoxLayout(right)
        form_column.setContentsMargins(0, 0, 0, 0)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_label)
        kind_row.addWidget(self.kind, 1)
        form_column.addLayout(kind_row)
        form_column.addWidget(self.roster_hint)
        form_column.addWidget(self.form)
        form_column.addWidget(self.ballots)
        form_column.addWidget(self.experts)
        form_column.addStretch(1)
        self.splitter = QSplitter(self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([200, 420])

        # As it will print.
        self.printed_label = QLabel(self)
        self.printed = QTextEdit(self)
        self.printed.setReadOnly(True)
        self.printed.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.printed.setMinimumHeight(200)
        self.printed_label.setBuddy(self.printed)
        self.print_timer = QTimer(self, singleShot=True, interval=PRINT_PAUSE_MS)
        self.print_timer.timeout.connect(self.show_printed)
        self.print_cost = 0.0  # seconds the last print text took
        self._shown = ""
        self._words: dict[tuple, produce.Words | None] = {}

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.printed_label)
        layout.addWidget(self.printed)
        document.changed.connect(self._model_changed)
        self.retranslate()
        self.reload()

    def _kind(self) -> str:
        row, records = self.events.currentRow(), self.records()
        return records[row].event if 0 <= row < len(records) else ""

    # --- the roster --------------------------------------------------------------------

    def roster(self) -> list[Participant]:
        return self.document.value(schema.MEETING_PARTICIPANTS, []) or []

    # --- model → widgets ---------------------------------------------------------------

    def records(self) -> list[HandlingEvent]:
        return self.document.value(PATH, []) or []

    def reload(self) -> None:
        """The list anew (after open, undo, add, remove, move), the same row chosen."""
        records = self.records()
        row = self.events.currentRow()
        blocker = self.events.blockSignals(True)
        self.events.clear()
        draft = self.document.draft
        for event in records:
            self.events.addItem(summary(draft, event))
        for n in range(self.events.count()):
            item = self.events.item(n)
            item.setToolTip(item.text())
        if records:
            self.events.setCurrentRow(max(0, min(row, len(records) - 1)))
        self.events.blockSignals(blocker)
        self.select(self.events.currentRow())
        self._schedule_print()

    def _summaries(self) -> None:
        draft = self.document.draft
        for n, event in enumerate(self.records()):
            item = self.events.item(n)
            if item is not None:
                text = summary(draft, event)
                if item.text() != text:
                    item.setText(text)
                    item.setToolTip(text)

    def select(self, row: int) -> None:
        """Show the form of the event at `row` (none: the help)."""
        records = self.records()
        valid = 0 <= row < len(records)
        for part in (self.form, self.kind, self.kind_label):
            part.setVisible(valid)
        self.help.setVisible(not records)
        self.roster_hint.setVisible(valid and not self.roster())
        self._enable()
        if not valid:
            self.experts.setVisible(False)
            self.ballots.setVisible(False)
            return
        root = f"{PATH}[{row}]"
        if self.binder.root != root:
            self.binder.flush()
            self.binder.root = root
            self.experts.path = f"{root}.experts"
        kind = records[row].event
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        table = kind == "vote" and bool(self.roster())
        labels, inputs = self.form.labels, self.form.inputs
        for spec, label, widget in zip(self.specs, labels, inputs, strict=True):
            shown = kind in spec.events and not (table and spec.path in _BALLOTS)
            label.setVisible(shown and bool(label.text()))
            widget.setVisible(shown)
        self.experts.setVisible(kind == "expert")
        self.ballots.setVisible(table)
        if table:
            self._show_ballots(records[row])
        self.form.refresh_choices()
        self.experts.reload()

    def _enable(self) -> None:
        row, count = self.events.currentRow(), self.events.count()
        self.buttons["remove"].setEnabled(0 <= row < count)
        self.buttons["up"].setEnabled(0 < row < count)
        self.buttons["down"].setEnabled(0 <= row < count - 1)

    def _model_changed(self, path: str) -> None:
        if path in ("", "item", "meeting", schema.DECISION, PATH) or path.startswith(
            schema.MEETING_PARTICIPANTS
        ):
            self.reload()
            return
        found = _ROW.match(path)
        if found is None:
            if path in (schema.LANGUAGE, schema.ORGANIZATION) or path.startswith("meeting."):
                self._schedule_print()
            return
        row = int(found[1])
        self._summaries()
        if path == f"{PATH}[{row}]" and row == self.events.currentRow():
            self.select(row)  # the whole event: its kind may have changed
        elif row != self.events.currentRow():
            self.form.refresh_choices()  # a proposal's name or proposer, offered in a vote
        self._schedule_print()

    def _show_ballots(self, event: HandlingEvent) -> None:
        """The members who vote on the item, then anyone else the vote gives a ballot (a
        record made elsewhere: shown, not hidden), each with their ballot."""
        roster = self.roster()
        refs = live.voters(self.document.draft)
        refs += [r for side in live.SIDES for r in getattr(event, side) if r not in refs]
        self.ballots.show_vote(refs, {r: _name(roster, r) for r in refs}, event)

    # --- as it will print ------------------------------------------------------------

    def _schedule_print(self) -> None:
        """The text at once while it is cheap, else after a pause in typing."""
        if self.print_cost > PRINT_BUDGET_S:
            self.print_timer.start()
        else:
            self.show_printed()

    def words(self, draft: Draft) -> produce.Words | None:
        key = (draft.organization, draft.language, draft.meeting.date)
        if key not in self._words:
            try:
                self._words[key] = produce.words_for(draft)
            except resources.UnknownOrganization:
                self._words[key] = None
        return self._words[key]

    def show_printed(self) -> None:
        draft = self.document.draft
        words = self.words(draft)  # read once per organisation, language and date
        start = time.perf_counter()
        if words is None:
            text = _("The organisation is not known, so its words are not at hand.")
        else:
            try:
                text = handling.text(draft, words)
            except (KeyError, ValueError, IndexError) as error:
                text = _("The handling text cannot be written yet: {error}").format(error=error)
        if not text:
            text = _("(Nothing prints under Käsittely.)")
        # A line break inside a paragraph prints as one ("JAA-ehdotus: …" / "EI-ehdotus: …").
        shown = "\n\n".join(p.replace("\n", "  \n") for p in text.split("\n\n"))
        if shown != self._shown:
            self._shown = shown
            self.printed.setMarkdown(shown)
        self.print_cost = time.perf_counter() - start

    # --- widgets → model -----------------------------------------------------------------

    def _replace(self, records: list[HandlingEvent], text: str, current: int) -> None:
        self.binder.flush()
        self.document.set_value(PATH, records, text=text, merge=False)
        if 0 <= current < self.events.count():
            self.events.setCurrentRow(current)

    def _show_add_menu(self) -> None:
        button = self.buttons["add"]
        self.add_menu.popup(button.mapToGlobal(QPoint(0, button.height())))

    def add(self, kind: str) -> None:
        """A new event of `kind` after the chosen one (at the end when none is chosen)."""
        records = copy.deepcopy(self.records())
        row = self.events.currentRow()
        at = row + 1 if 0 <= row < len(records) else len(records)
        records.insert(at, new_event(kind, records[:at]))
        self._replace(records, _("Add: {kind}").format(kind=kind_label(kind)), at)
        self.form.setFocus()
        first = next((w for w in self.form.focusable() if w.isVisible()), self.kind)
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove(self) -> None:
        row = self.events.currentRow()
        records = copy.deepcopy(self.records())
        if 0 <= row < len(records):
            del records[row]
            self._replace(records, _("Remove"), min(row, len(records) - 1))

    def move_event(self, step: int) -> None:
        row = self.events.currentRow()
        records = moved(copy.deepcopy(self.records()), row, step)
        if records is not None:
            self._replace(records, _("Move"), row + step)

    def _cast(self, ref: str, side: str) -> None:
        """One ballot: the member out of every list, into `side`'s; one undo step."""
        row, records = self.events.currentRow(), self.records()
        if 0 <= row < len(records) and records[row].event == "vote":
            self.binder.flush()
            self.document.set_value(
                f"{PATH}[{row}]",
                live.with_ballot(records[row], ref, side),
                text=_("Ballot"),
                merge=False,
            )

    def _kind_chosen(self, index: int) -> None:
        row = self.events.currentRow()
        records = self.records()
        kind = self.kind.itemData(index)
        if not 0 <= row < len(records) or records[row].event == kind:
            return
        self.binder.flush()
        self.document.set_value(
            f"{PATH}[{row}]",
            converted(records[row], kind),
            text=_("Kind of event"),
            merge=False,
        )

    # --- focus, names, words -------------------------------------------------------------

    def focusable(self) -> list[QWidget]:
        """Tab's order: the list, its buttons, the kind, the fields, the experts, the text."""
        return [
            self.events,
            *(self.buttons[k] for k in ("add", "remove", "up", "down")),
            self.kind,
            *self.form.focusable(),
            self.ballots.name_field,
            *self.ballots.move_buttons.values(),
            self.ballots.table,
            *self.experts.focusable(),
            self.printed,
        ]

    def describe(self, path: str) -> str:
        """ "Handling, event 2: Proposer" for a path in the record; "" for another path."""
        found = _ROW.match(path)
        if found is None:
            return self.title() if path == PATH else ""
        where = _("Handling, event {number}").format(number=int(found[1]) + 1)
        spec = schema.FIELD.get(schema.pattern(path))
        return (
            f"{where}: {spec.label()}"
            if spec is not None and spec.path != schema.HANDLING
            else where
        )

    def focus(self, path: str) -> QWidget | None:
        """Choose the event a path names and focus its field (the list when the path names
        the whole event, or a field the event's kind does not show); the widget focused."""
        found = _ROW.match(path)
        if found is None:
            self.events.setFocus(Qt.FocusReason.OtherFocusReason)
            return self.events
        row = int(found[1])
        if 0 <= row < self.events.count():
            self.events.setCurrentRow(row)
        widget: QWidget | None = None
        if path.startswith(f"{PATH}[{row}].experts"):
            widget = self.experts.table
        elif self.ballots.isVisibleTo(self) and schema.pattern(path).startswith(_BALLOTS):
            widget = self.ballots.table
        elif path.startswith(f"{PATH}[{row}]."):
            widget = self.binder.widget_for(path)
        if widget is None or widget.isHidden():
            widget = self.events
        if isinstance(widget, PeopleField):
            widget = widget.current_input()
        target = getattr(widget, "editor", widget)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return target

    def retranslate(self) -> None:
        self.setTitle(_("Handling (Käsittely)"))
        self.events.setAccessibleName(_("Events of the handling"))
        self.help.setText(
            _(
                "No handling recorded. Add the events in the order they happened: "
                "proposals, votes, notes… The minutes print them under Käsittely."
            )
        )
        texts = {
            "add": (_("Add…"), _("Add an event")),
            "remove": (_("Remove"), _("Remove the event")),
            "up": (_("Move up"), _("Move the event up")),
            "down": (_("Move down"), _("Move the event down")),
        }
        for key, (text, name) in texts.items():
            self.buttons[key].setText(text)
            self.buttons[key].setAccessibleName(name)
        self.add_menu.setTitle(_("Add an event"))
        for action, (text, _kind) in zip(
            self.add_menu.actions(), schema.FIELD[_EVENT].options(), strict=True
        ):
            action.setText(text)
        blocker = self.kind.blockSignals(True)
        current = self.kind.currentData()
        self.kind.clear()
        for text, kind in schema.FIELD[_EVENT].options():
            self.kind.addItem(text, kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.kind.blockSignals(blocker)
        label = schema.FIELD[_EVENT].label()
        self.kind_label.setText(label + ":")
        self.kind.setAccessibleName(label)
        self.form.retranslate()
        self.experts.retranslate()
        self.ballots.retranslate()
        self.roster_hint.setText(
            _(
                "The names come from the meeting's participants: open the item from the "
                "meeting view. Names typed here are kept, and the checks list them."
            )
        )
        self.printed_label.setText(_("As it will print:"))
        self.printed.setAccessibleName(_("The handling as it will print"))
        self._words.clear()
        self.reload()
