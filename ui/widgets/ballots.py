"""The ballots of a vote in session: the members who vote, in the body's order, and each one's
ballot. A roll call takes one key per member (J, E, T in Finnish: drafting.session.BALLOT_KEYS)
and moves on to the next; a show of hands starts with everyone on the JAA side and moves the
names typed (or clicked) to EI or blank. The widget only says what the user chose (`cast`,
`close_asked`); the window records it in the item and shows the vote again (`show`). The item
window's handling record edits a vote's ballots with the same panel, without its close
button (`closable=False`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting import i18n
from drafting import session as live
from drafting.i18n import _
from drafting.model import HandlingEvent, Participant
from ui.widgets.people_field import NameField

MARK = "●"


def side_names() -> dict[str, str]:
    return {"jaa": _("Yes"), "ei": _("No"), "blank": _("Blank")}


class BallotTable(QTableWidget):
    """Name | JAA | EI | blank; the ballot keys set the current member's and move down."""

    cast = Signal(str, str)  # reference, side
    close_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.refs: list[str] = []
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.cellClicked.connect(self._clicked)

    def keys(self) -> dict[str, str]:
        return live.ballot_keys(i18n.language())

    def retranslate(self) -> None:
        names, keys = side_names(), self.keys()
        self.setHorizontalHeaderLabels(
            [_("Member")] + [f"{names[s]} ({keys[s]})" for s in live.SIDES]
        )
        self.setAccessibleName(_("Ballots"))

    def show_vote(self, refs: list[str], names: dict[str, str], event: HandlingEvent) -> None:
        """The voters (references, body's order) and their ballots in `event`."""
        row = max(self.currentRow(), 0)
        if refs != self.refs:
            self.refs = list(refs)
            self.setRowCount(len(refs))
            for n, ref in enumerate(refs):
                self.setItem(n, 0, QTableWidgetItem(names.get(ref, ref)))
        for n, ref in enumerate(self.refs):
            ballot = live.ballot_of(event, ref)
            for column, side in enumerate(live.SIDES, start=1):
                cell = self.item(n, column)
                if cell is None:
                    cell = QTableWidgetItem()
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.setItem(n, column, cell)
                text = MARK if ballot == side else ""
                if cell.text() != text:
                    cell.setText(text)
        if self.refs and self.currentRow() < 0:
            self.setCurrentCell(min(row, len(self.refs) - 1), 0)

    def select(self, ref: str) -> None:
        if ref in self.refs:
            self.setCurrentCell(self.refs.index(ref), 0)

    def _clicked(self, row: int, column: int) -> None:
        if column >= 1 and 0 <= row < len(self.refs):
            self.cast.emit(self.refs[row], live.SIDES[column - 1])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text().upper()
        by_key = {key: side for side, key in self.keys().items()}
        row = self.currentRow()
        if (
            text
            and text in by_key
            and 0 <= row < len(self.refs)
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self.cast.emit(self.refs[row], by_key[text])
            if row + 1 < len(self.refs):
                self.setCurrentCell(row + 1, 0)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.close_asked.emit()
            return
        super().keyPressEvent(event)


class BallotPanel(QWidget):
    """The ballots, a field to move a named member, the tally and the close button."""

    cast = Signal(str, str)
    close_asked = Signal()

    def __init__(self, parent: QWidget | None = None, closable: bool = True) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}  # reference -> name
        self.table = BallotTable(self)
        self.table.cast.connect(self.cast)
        self.table.close_asked.connect(self.close_asked)
        self.name_label = QLabel(self)
        self.name_field = NameField(parent=self)
        self.name_label.setBuddy(self.name_field)
        self.name_field.returnPressed.connect(lambda: self._move("ei"))
        self.move_buttons: dict[str, QPushButton] = {}
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_label)
        name_row.addWidget(self.name_field, 1)
        for side in ("ei", "blank", "jaa"):
            button = QPushButton(self)
            button.clicked.connect(lambda _c=False, s=side: self._move(s))
            self.move_buttons[side] = button
            name_row.addWidget(button)
        self.tally = QLabel(self)
        self.tally.setWordWrap(True)
        self.missing = QLabel(self)
        self.missing.setWordWrap(True)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close_asked)
        self.close_button.setVisible(closable)
        bottom = QHBoxLayout()
        bottom.addWidget(self.tally, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(name_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.missing)
        self.message = ""

    def retranslate(self) -> None:
        self.table.retranslate()
        self.name_label.setText(_("&Name:"))
        self.name_field.setAccessibleName(_("Name of a member to move"))
        self.name_field.setPlaceholderText(_("a few letters; Enter moves to EI"))
        self.name_field.setToolTip(self.name_field.placeholderText())  # whole where narrow
        texts = {"ei": _("→ EI"), "blank": _("→ Blank"), "jaa": _("→ JAA")}
        for side, button in self.move_buttons.items():
            button.setText(texts[side])
            button.setAccessibleName(
                _("Move the named member: {side}").format(side=side_names()[side])
            )
        self.close_button.setText(_("Close the vote (Enter)"))
        self.close_button.setAccessibleName(_("Close the vote"))

    def _move(self, side: str) -> None:
        people = [(ref, name) for ref, name in self.names.items() if ref in self.table.refs]
        typed = self.name_field.text().strip()
        roster = [Participant(name=name, id=ref) for ref, name in people]
        found = live.resolve(roster, typed)
        if found is None:
            self.say(
                _(
                    'Name: "{typed}" is none of the members voting; type a few letters of a name'
                ).format(typed=typed)
                if typed
                else _("Name: type a few letters of a member's name first")
            )
            return
        self.name_field.clear()
        self.table.select(found.id)
        self.cast.emit(found.id, side)

    def say(self, text: str) -> None:
        self.message = text
        self.missing.setText(text)

    def show_vote(self, refs: list[str], names: dict[str, str], event: HandlingEvent) -> None:
        self.names = dict(names)
        self.name_field.set_names([names.get(r, r) for r in refs])
        self.table.show_vote(refs, names, event)
        counts = {side: len(getattr(event, side)) for side in live.SIDES}
        self.tally.setText(
            _("Yes {jaa} – No {ei} – Blank {blank}; {given} of {voters} ballots given").format(
                given=sum(counts.values()), voters=len(refs), **counts
            )
        )
        missing = live.missing(event, refs)
        self.say(
            _("No ballot yet: {names}").format(names=", ".join(names.get(r, r) for r in missing))
            if missing
            else ""
        )
