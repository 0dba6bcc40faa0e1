"""The meeting's numbers shown in the drafting window: the item opened from the meeting view
gets the agenda item and section numbers, the meeting's body and date it will print with, and
the meeting's participants with who was there for the item (the handling record's people), as
one undoable edit that stays unsaved until the user saves."""

from __future__ import annotations

from drafting import meeting, paths, schema
from drafting.i18n import _
from drafting.model import MeetingDraft


def show_as_numbered(drafting, meeting_draft: MeetingDraft, index: int) -> None:
    """Give the item open in `drafting` this meeting's numbers, body and date, so its form
    and preview show what will print: one undoable edit, unsaved until the user saves."""
    document = drafting.document
    printed = meeting.numbered(document.draft, meeting_draft, index)
    # The roster as the meeting gives it to this item (meeting.numbered): the names the
    # handling's person fields offer and the checks count.
    given = (*meeting.MEETING_FIELDS, schema.MEETING_PARTICIPANTS)
    changes = [
        (path, value)
        for path in given
        if (value := paths.get(printed, path)) != document.value(path)
    ]
    if not changes:
        return
    document.undo_stack.beginMacro(_("Numbers from the meeting"))
    for path, value in changes:
        document.set_value(path, value, merge=False)
    document.undo_stack.endMacro()
    item = printed.item
    shown = (
        _("Asia {agenda_item}, § {section}").format(
            agenda_item=item.agenda_item, section=item.section
        )
        if item.section is not None
        else _("Asia {agenda_item}").format(agenda_item=item.agenda_item)
    )
    number = printed.meeting.number
    drafting.statusBar().showMessage(
        _("Shown with the numbers of meeting {number}: {numbers}. Save to keep them.").format(
            number=number, numbers=shown
        )
        if number
        else _("Shown with the meeting's numbers: {numbers}. Save to keep them.").format(
            numbers=shown
        )
    )
