"""Editable lists of records (contacts, attachments, extracts, handling lines) as tables.

Every change is one undoable step: a cell edit sets one field, adding, removing and moving
replace the list. The table redraws itself when the model changes under it (undo, open).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting import dates
from drafting.i18n import _
from ui.services.document import DraftDocument
from ui.widgets.binding import parse_date


@dataclass(frozen=True)
class Column:
    key: str
    label: Callable[[], str]  # translated at display time
    kind: str = "text"  # text | bool | ints | date | member (group "member"/"other")
    stretch: bool = False
    chars: int = 12  # starting width of a text column, in average characters
    # What an empty cell of a text column shows, grey, from its row's record (a participant's
    # generated genitive): a hint in the cell and in its editor, never stored; typing stores.
    hint: Callable[[Any], str] | None = None


class _CompletingDelegate(QStyledItemDelegate):
    """Cell editor that offers names from the people directory."""

    def __init__(self, people, parent: QWidget) -> None:
        super().__init__(parent)
        self.people = people

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setCompleter(self.people.completer(editor))
        return editor


class _HintDelegate(QStyledItemDelegate):
    """An empty cell shows its row's hint in the placeholder colour, italic; its editor shows
    the hint as its placeholder, so typing replaces it."""

    def __init__(self, hint: Callable[[int], str], parent: QWidget) -> None:
        super().__init__(parent)
        self.hint = hint

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        if not option.text and (shown := self.hint(index.row())):
            option.text = shown
            grey = option.palette.color(QPalette.ColorRole.PlaceholderText)
            option.palette.setColor(QPalette.ColorRole.Text, grey)
            option.font.setItalic(True)  # told apart from typed text on a selected row too

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setPlaceholderText(self.hint(index.row()))
        return editor


def moved(records: list, index: int, step: int) -> list | None:
    """A copy of `records` with the one at `index` moved `step` places (-1 up, 1 down), or
    None when there is no such row or no room to move it."""
    target = index + step
    if not (0 <= index < len(records) and 0 <= target < len(records)):
        return None
    order = list(records)
    order[index], order[target] = order[target], order[index]
    return order


def _show(value: Any, kind: str) -> str:
    if kind == "ints":
        return ", ".join(str(v) for v in value or [])
    if kind == "date":
        return dates.for_input(value)
    return "" if value is None else str(value)


def _parse(text: str, kind: str) -> tuple[Any, str]:
    """(value, error): an error keeps the typed text in the cell and the model unchanged."""
    if kind == "ints":
        numbers = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        if all(p.isdigit() for p in numbers):
            return [int(p) for p in numbers], ""
        return None, _('"{value}": write attachment numbers, e.g. 1, 3').format(value=text)
    if kind == "date":
        return parse_date(text)
    return text, ""


FIT_CHARS = 40  # the widest a column grows to show its entries, in average characters
CELL_PADDING = 8  # pixels each side of a cell's text (the style's margin and some air)


class RecordTable(QWidget):
    """A table bound to a list path such as `item.contacts`."""

    current_changed = Signal(int)

    def __init__(
        self,
        document: DraftDocument,
        path: str,
        columns: list[Column],
        factory: Callable[[], Any],
        name: Callable[[], str],
        parent: QWidget | None = None,
        people=None,
        buttons_below: bool = False,
    ) -> None:
        super().__init__(parent)
        self.people = people  # a PeopleDirectory: names offered in the first column
        self.document = document
        self.path = path
        self.columns = columns
        self.factory = factory
        self.name = name
        self.table = QTableWidget(0, len(columns), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(110)
        # One line a row: a phone number or a name wrapped in two is misread; the columns
        # widen to their contents instead (see _fit_columns).
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Without a stretching column the last one takes the room left over, and only that.
        header.setStretchLastSection(not any(c.stretch for c in columns))
        for n, column in enumerate(columns):
            # Text columns start wide enough to type into, also while the table is empty
            # (sized to contents they were as narrow as their heading).
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else QHeaderView.ResizeMode.ResizeToContents
                if column.kind in ("bool", "member")
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(n, mode)
        self.input_errors: dict[str, str] = {}
        if people is not None:
            self.table.setItemDelegateForColumn(0, _CompletingDelegate(people, self.table))
        for n, column in enumerate(columns):
            if column.hint is not None:
                delegate = _HintDelegate(functools.partial(self._hint, column), self.table)
                self.table.setItemDelegateForColumn(n, delegate)
        self.table.itemChanged.connect(self._cell_changed)
        self.table.currentCellChanged.connect(self._current_cell_changed)
        self.buttons: dict[str, QPushButton] = {}
        # Beside the table, or two by two below it where the table is narrow (history).
        buttons = QGridLayout() if buttons_below else QVBoxLayout()
        for n, key in enumerate(("add", "remove", "up", "down")):
            button = QPushButton(self)
            # clicked(bool) would hand `checked` to a slot that takes an argument: the
            # slots here take none.
            button.clicked.connect(getattr(self, key))
            self.buttons[key] = button
            if isinstance(buttons, QGridLayout):
                buttons.addWidget(button, n // 2, n % 2)
            else:
                buttons.addWidget(button)
        if isinstance(buttons, QVBoxLayout):
            buttons.addStretch(1)
        self.buttons_layout = buttons
        layout = QVBoxLayout(self) if buttons_below else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        document.changed.connect(self._model_changed)
        self.retranslate()
        self.reload()

    def focusable(self) -> list[QWidget]:
        """The table, then its buttons as they stand beside (or below) it: Tab's order."""
        side = self.buttons_layout
        buttons = [item.widget() for n in range(side.count()) if (item := side.itemAt(n))]
        return [self.table, *(b for b in buttons if isinstance(b, QPushButton))]

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([c.label() for c in self.columns])
        header = self.table.horizontalHeader()
        average = self.table.fontMetrics().averageCharWidth()
        for n, column in enumerate(self.columns):
            if header.sectionResizeMode(n) == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(n, max(average * column.chars, header.sectionSizeHint(n)))
        self._fit_columns()
        self.table.setAccessibleName(self.name())
        texts = {"add": _("Add"), "remove": _("Remove"), "up": _("Move up"), "down": _("Move down")}
        for key, button in self.buttons.items():
            button.setText(texts[key])
            button.setAccessibleName(f"{texts[key]}: {self.name()}")

    # --- model → table -----------------------------------------------------------------

    def records(self) -> list[Any]:
        return self.document.value(self.path, []) or []

    def _hint(self, column: Column, row: int) -> str:
        records = self.records()
        if column.hint is None or not 0 <= row < len(records):
            return ""
        return column.hint(records[row])

    def reload(self) -> None:
        row = self.table.currentRow()
        self.input_errors = {
            k: v for k, v in self.input_errors.items() if not k.startswith(self.path + "[")
        }
        with QSignalBlocker(self.table):
            records = self.records()
            self.table.setRowCount(len(records))
            for r, record in enumerate(records):
                for c, column in enumerate(self.columns):
                    value = getattr(record, column.key)
                    item = QTableWidgetItem()
                    if column.kind in ("bool", "member"):
                        if column.kind == "member":  # a participant's group as a checkbox
                            value = value == "member"
                        item.setFlags(
                            Qt.ItemFlag.ItemIsEnabled
                            | Qt.ItemFlag.ItemIsSelectable
                            | Qt.ItemFlag.ItemIsUserCheckable
                        )
                        item.setCheckState(
                            Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
                        )
                    else:
                        item.setText(_show(value, column.kind))
                        if column.hint is not None and not item.text():
                            # Read out as the cell's description: the hint is not its text.
                            described = _("{hint} (generated; type to correct it)").format(
                                hint=column.hint(record)
                            )
                            item.setToolTip(described)
                            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, described)
                    self.table.setItem(r, c, item)
            if records:
                self.table.setCurrentCell(
                    max(0, min(row, len(records) - 1)), max(0, self.table.currentColumn())
                )
        self._fit_columns()
        self._enable()

    def _fit_columns(self) -> None:
        """A text column is as wide as its longest entry (up to FIT_CHARS characters), never
        narrower than it started: a role or a phone number is not cut while a note column
        takes the room. A stretching column gets what is left."""
        header = self.table.horizontalHeader()
        average = self.table.fontMetrics().averageCharWidth()
        last = len(self.columns) - 1
        for n in range(len(self.columns)):
            interactive = header.sectionResizeMode(n) == QHeaderView.ResizeMode.Interactive
            if not interactive or (n == last and header.stretchLastSection()):
                continue
            # Measured from the texts: the table may not be on screen yet (a hidden tab).
            metrics = self.table.fontMetrics()
            texts = (self.table.item(r, n) for r in range(self.table.rowCount()))
            longest = max((metrics.horizontalAdvance(i.text()) for i in texts if i), default=0)
            wanted = min(longest + 2 * CELL_PADDING, average * FIT_CHARS)
            if wanted > header.sectionSize(n):
                header.resizeSection(n, wanted)

    def _enable(self) -> None:
        row, count = self.table.currentRow(), self.table.rowCount()
        self.buttons["remove"].setEnabled(0 <= row < count)
        self.buttons["up"].setEnabled(0 < row < count)
        self.buttons["down"].setEnabled(0 <= row < count - 1)

    def _current_cell_changed(self, row: int, *_previous: int) -> None:
        self._enable()  # Move up/down and Remove follow the row the user chose
        self.current_changed.emit(row)

    def _model_changed(self, path: str) -> None:
        if (
            path == self.path
            or path.startswith(self.path + "[")
            or not path
            or (self.path.startswith(path + ".") or self.path.startswith(path + "["))
        ):
            self.reload()

    # --- table → model -----------------------------------------------------------------

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        column = self.columns[item.column()]
        path = f"{self.path}[{item.row()}].{column.key}"
        if column.kind in ("bool", "member"):
            value: Any = item.checkState() == Qt.CheckState.Checked
            if column.kind == "member":
                value = "member" if value else "other"
        else:
            value, error = _parse(item.text(), column.kind)
            with QSignalBlocker(self.table):
                item.setBackground(QColor("#ffd7d7") if error else QBrush())
                item.setToolTip(error)
            if error:
                self.input_errors[path] = error  # the typed text stays in the cell
                self.document.typing.emit()
                return
            self.input_errors.pop(path, None)
        known = self.people.find(value) if self.people and column.key == "name" else None
        record = self.records()[item.row()]
        if known and not any(getattr(record, k, "") for k in ("title", "phone", "email")):
            # A name from the directory brings its title, phone and e-mail: one step.
            filled = copy.deepcopy(record)
            filled.name = value
            for key in ("title", "phone", "email"):
                if hasattr(filled, key):
                    setattr(filled, key, known.get(key, ""))
            self.document.set_value(f"{self.path}[{item.row()}]", filled, merge=False)
            return
        self.document.set_value(path, value, merge=column.kind == "text")

    def _replace(self, records: list[Any], text: str, current: int) -> None:
        self.document.set_value(self.path, records, text=text, merge=False)
        if 0 <= current < self.table.rowCount():
            self.table.setCurrentCell(current, 0)
        self._enable()

    def add(self) -> None:
        """A new empty row, ready to type into."""
        self.append(self.factory())
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.table.setFocus()

    def append(self, record: Any) -> None:
        records = copy.deepcopy(self.records())
        records.append(record)
        self._replace(records, _("Add"), len(records) - 1)

    def remove(self) -> None:
        row = self.table.currentRow()
        records = copy.deepcopy(self.records())
        if 0 <= row < len(records):
            del records[row]
            self._replace(records, _("Remove"), min(row, len(records) - 1))

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        records = moved(copy.deepcopy(self.records()), row, step)
        if records is not None:
            self._replace(records, _("Move"), row + step)

    def up(self) -> None:
        self._move(-1)

    def down(self) -> None:
        self._move(1)
