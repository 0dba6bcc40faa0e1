"""The item's roster in the form: a name field that completes from the meeting's participants,
and a list of people (seconders, ballots) as the members to tick.

The roster is the item's `meeting.participants` (its own, or the meeting's with who was
present for the item, given when the item is opened from the meeting view). A handling
record names people by reference (drafting.attendance.reference); the form shows names.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStackedWidget,
    QWidget,
)

from drafting import attendance
from drafting.i18n import _
from drafting.model import Participant
from ui.services.shortcuts import give_keys_to_window

Roster = Callable[[], list[Participant]]
# The references that name no participant: "chair" (a unanimous decision on the chair's
# proposal, drafting.handling), shown and typed as its words.
SPECIAL: dict[str, Callable[[], str]] = {"chair": lambda: _("the chair")}


def shown_name(participants: list[Participant], ref: str) -> str:
    """How a reference is shown: the participant's name, a special reference's words, or
    the reference itself (a name the roster does not have)."""
    found = attendance.find(participants, ref)
    if found is not None:
        return found.name
    return SPECIAL[ref]() if ref in SPECIAL else ref


def reference_for(participants: list[Participant], typed: str) -> str:
    """The reference for what a user typed (drafting.attendance.named; "the chair" too)."""
    ref = attendance.named(participants, typed)
    if attendance.find(participants, ref) is None:
        low = " ".join(typed.split()).casefold()
        ref = next((k for k, words in SPECIAL.items() if low in (k, words().casefold())), ref)
    return ref


def matching(participants: list[Participant], typed: str) -> list[str]:
    """The names of the participants that `typed` begins, or begins a word of (any case):
    "hon", "Veronika H" and "veronika" all find Veronika Honkasalo."""
    typed = " ".join(typed.split()).casefold()
    if not typed:
        return []
    found = []
    for p in participants:
        name = p.name.casefold()
        words = name.replace("-", " ").split()
        if name.startswith(typed) or any(w.startswith(typed) for w in words):
            found.append(p.name)
    return found


class RosterCompleter(QCompleter):
    """Offers the roster's names as the user types a few letters of any of their words."""

    def __init__(self, line: QLineEdit, roster: Roster) -> None:
        self.names = QStringListModel()
        super().__init__(self.names, line)
        self.roster = roster
        # More to offer than the roster (the chair, where the field takes it): references.
        self.extra: Callable[[], list[str]] = list
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The model holds only the matches (matching()): shown as they are.
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        line.textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        names = matching(self.roster(), text)
        typed = " ".join(text.split()).casefold()
        for ref in self.extra():
            words = SPECIAL[ref]() if ref in SPECIAL else ref
            if typed and any(
                w.startswith(typed) for w in [words.casefold(), *words.casefold().split()]
            ):
                names.append(words)
        self.names.setStringList(names)
        popup = self.popup()
        if not names and popup is not None:
            popup.hide()


def roster_line(parent: QWidget, roster: Roster) -> QLineEdit:
    """A name field that offers the roster's names (bind it with Binder.person)."""
    line = QLineEdit(parent)
    line.setClearButtonEnabled(True)
    give_keys_to_window(line)
    line.setCompleter(RosterCompleter(line, roster))
    return line


class _TickList(QListWidget):
    """The members to tick; the first ticked name is kept in sight until the user moves in
    the list (a list laid out later, on a tab not shown yet, scrolls again)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.in_sight: QListWidgetItem | None = None

    def keep_in_sight(self, item: QListWidgetItem | None) -> None:
        self.in_sight = item
        self._scroll()

    def _scroll(self) -> None:
        if self.in_sight is not None:
            self.scrollToItem(self.in_sight, QListWidget.ScrollHint.PositionAtTop)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._scroll()

    def focusInEvent(self, event) -> None:
        self.in_sight = None  # the user's own place in the list from now on
        super().focusInEvent(event)


class PeopleField(QStackedWidget):
    """A list of people: the roster's members to tick (Space ticks the current one), or,
    while the item has no roster, names typed one per line. Names not in the roster are
    kept, shown at the end."""

    edited = Signal(bool)  # True: typed text, to write back after a pause

    def __init__(self, roster: Roster, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roster = roster
        self.list = _TickList(self)
        self.list.setMinimumHeight(130)  # eight names or so in sight
        self.list.setMaximumHeight(200)
        # Ticked, not selected: a highlighted row would read as a chosen name.
        self.list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        self.text.setUndoRedoEnabled(False)  # the window's undo stack owns undo
        self.text.setPlaceholderText(_("one name per line"))
        give_keys_to_window(self.text)
        self.addWidget(self.list)
        self.addWidget(self.text)
        self.list.itemChanged.connect(lambda _item: self.edited.emit(False))
        self.text.textChanged.connect(lambda: self.edited.emit(True))
        self._refs: list[str] = []

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.list.setAccessibleName(name)
        self.text.setAccessibleName(name)

    def current_input(self) -> QListWidget | QPlainTextEdit:
        """The input in use: the list, or the text while there is no roster."""
        return self.text if self.currentWidget() is self.text else self.list

    def value(self) -> list[str]:
        if self.currentWidget() is self.text:
            people = self.roster()
            return [
                attendance.named(people, line)
                for line in self.text.toPlainText().splitlines()
                if line.strip()
            ]
        return [
            self.list.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]

    def show_value(self, refs: list[str] | None) -> None:
        refs = list(refs or [])
        people = self.roster()
        members = [p for p in people if p.group == "member"]
        self.setCurrentWidget(self.list if members else self.text)
        self.setFocusProxy(self.current_input())
        with QSignalBlocker(self.text):
            names = [
                found.name if (found := attendance.find(people, r)) is not None else r for r in refs
            ]
            if self.text.toPlainText().splitlines() != names:
                self.text.setPlainText("\n".join(names))
        with QSignalBlocker(self.list):
            row = self.list.currentRow()  # -1: the user has not moved in the list yet
            self.list.clear()
            listed = set()
            for p in members:
                ref = attendance.reference(p)
                listed.add(ref)
                shown = p.name if p.present else _("{name} (absent)").format(name=p.name)
                self._add(shown, ref, ref in refs)
            for ref in refs:
                if ref not in listed:
                    found = attendance.find(people, ref)
                    shown = (
                        _("{name} (not a member)").format(name=found.name)
                        if found is not None
                        else _("{name} (not in the roster)").format(name=ref)
                    )
                    self._add(shown, ref, True)
            if 0 <= row < self.list.count():
                self.list.setCurrentRow(row)
            else:  # the first name ticked in sight (a seconder far down the roster)
                ticked = [
                    self.list.item(n)
                    for n in range(self.list.count())
                    if self.list.item(n).checkState() == Qt.CheckState.Checked
                ]
                self.list.keep_in_sight(ticked[0] if ticked else None)

    def _add(self, text: str, ref: str, checked: bool) -> None:
        item = QListWidgetItem(text, self.list)
        item.setData(Qt.ItemDataRole.UserRole, ref)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
