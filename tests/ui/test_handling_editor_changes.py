"""The presenter's changes found in published minutes, chosen in the handling record's form as
a user does (issue 27): removing a part of the proposal ("Esittelijä poisti päätösehdotuksen
viidennen kappaleen: …") and taking the item off the agenda print in the city's words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import EXAMPLES
from tests.ui.conftest import field, type_text
from tests.ui.test_handling_editor import add_event, printed

ITEM = EXAMPLES / "meeting" / "kh-11-2026" / "02-katuvalaistus.pykala"


def test_the_presenter_removes_a_paragraph_or_takes_the_item_off_the_agenda(window, qtbot):
    assert window.open_path(ITEM)
    add_event(window, "Presenter's change (Esittelijän muutos)")
    events = window.document.draft.item.decision.handling
    (at,) = [n for n, e in enumerate(events) if e.event == "presenter_change"]
    change = field(window, f"item.decision.handling[{at}].change")
    change.setFocus()
    for _ in range(change.count()):  # down the list to it, as a user does
        if change.currentText() == "Removed a part (poisti)":
            break
        QTest.keyClick(change, Qt.Key.Key_Down)
    assert change.currentText() == "Removed a part (poisti)"
    text = field(window, f"item.decision.handling[{at}].text")
    text.setFocus()
    type_text(text, "päätösehdotuksen viidennen kappaleen")
    change.setFocus()  # on to the next field, as a user does
    qtbot.waitUntil(
        lambda: "Esittelijä poisti päätösehdotuksen viidennen kappaleen." in printed(window)
    )
    assert window.document.draft.item.decision.handling[at].change == "removed"

    QTest.keyClick(change, Qt.Key.Key_Down)
    assert change.currentText() == "Took the item off the agenda (poisti asian esityslistalta)"
    assert "Esittelijä poisti asian esityslistalta." in printed(window)
    assert window.document.draft.item.decision.handling[at].change == "off_agenda"
    window.grab().save("/tmp/mine27-presenter-change.png")
