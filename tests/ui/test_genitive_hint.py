"""Issue 27: the meeting view's participants table shows each person's generated Finnish
genitive, grey, in the genitive column while none is stored; what the secretary types there
is kept with the person (the meeting file's `participants[].genitive`) and shows as text."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from drafting import schema
from drafting.model import MeetingDraft
from tests.ui.conftest import edit_cell


def _column(table, label: str) -> int:
    headers = [table.horizontalHeaderItem(n).text() for n in range(table.columnCount())]
    return headers.index(label)


def _shown(table, row: int, column: int) -> tuple[str, bool]:
    """The cell's text as drawn, and whether it is drawn in the placeholder colour."""
    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    table.itemDelegateForColumn(column).initStyleOption(option, index)
    grey = option.palette.color(QPalette.ColorRole.PlaceholderText)
    return option.text, option.palette.color(QPalette.ColorRole.Text) == grey


def test_the_generated_genitive_shows_until_the_secretary_corrects_it(view, qtbot):
    table = view.participants.table
    label = schema.MEETING_FIELD[f"{schema.PARTICIPANTS}[].genitive"].label()
    column = _column(table, label)
    people = view.document.draft.participants
    assert (people[0].name, people[0].genitive) == ("Anna Virtanen", "")
    assert _shown(table, 0, column) == ("Anna Virtasen", True)  # generated, grey
    assert table.item(0, column).text() == ""  # a hint, not stored
    assert "Anna Virtasen" in table.item(0, column).toolTip()
    assert _shown(table, 3, column) == ("Pekka Mäkisen", True)
    view.participants.grab().save("/tmp/council27-genitive-hint.png")

    edit_cell(table, 0, column, "Annan Virtasen")
    qtbot.waitUntil(lambda: view.document.draft.participants[0].genitive == "Annan Virtasen")
    assert _shown(table, 0, column) == ("Annan Virtasen", False)  # the person's own, as text
    assert _shown(table, 3, column) == ("Pekka Mäkisen", True)
    assert isinstance(view.document.draft, MeetingDraft)
    view.participants.grab().save("/tmp/council27-genitive-corrected.png")
