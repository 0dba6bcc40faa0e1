"""The meeting view's fields and participants' columns are the meeting file's declaration
(drafting.schema.MEETING_FIELDS): its labels, kinds and order, in every interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from drafting import schema
from drafting.model import MeetingDraft


def _named(view) -> list[str]:
    return [w.accessibleName() for w in view.details.findChildren(QWidget) if w.accessibleName()]


def test_the_meeting_views_fields_are_the_declared_ones(view):
    declared = [f.label() for f in schema.group("meeting", MeetingDraft)]
    named = _named(view)
    assert [label for label in declared if label not in named] == []
    table = view.participants.table
    headers = [table.horizontalHeaderItem(n).text() for n in range(table.columnCount())]
    assert headers == [f.label() for f in schema.row_fields(schema.PARTICIPANTS, MeetingDraft)]
    view.details.grab().save("/tmp/core24-meeting-details.png")
    view.grab().save("/tmp/core24-meeting-view.png")


def test_a_declared_date_field_edits_the_meeting_file(view, qtbot):
    """The public display date is declared a date: typed as D.M.YYYY, the file gets it."""
    from tests.ui.conftest import type_text

    label = schema.MEETING_FIELD[schema.PUBLIC_DISPLAY].label()
    (editor,) = [w for w in view.details.findChildren(QWidget) if w.accessibleName() == label]
    editor.setFocus()
    editor.selectAll()
    type_text(editor, "3.5.2021")
    qtbot.waitUntil(lambda: str(view.document.draft.public_display) == "2021-05-03")
