"""What typing costs: one pause makes one set of pages (one LibreOffice conversion, whatever
the field), and a keystroke touches no disk on the UI thread.

A rich field's text reaches the draft only when the preview asks for it (the flush before
its snapshot); that late change must not ask for the same pages a second time.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import EXAMPLE_885
from tests.ui.conftest import field
from tests.ui.disk import disk_while

pytestmark = pytest.mark.libreoffice
WAIT = 60_000


def show_tab(window, title: str) -> None:
    """Click the form's tab with this title (a narrow tab bar shows it in the tooltip)."""
    tabs = window.form.tabBar()
    (index,) = [n for n in range(tabs.count()) if tabs.tabToolTip(n).replace("&", "") == title]
    QTest.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())
    assert window.form.currentIndex() == index


def conversions_for_one_pause(window, qtbot, monkeypatch, tab: str, path: str) -> int:
    """Open § 885, let its pages come, type three letters into `path` and wait for the new
    pages and until no more are on their way; the LibreOffice conversions that took."""
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        window.open_path(EXAMPLE_885)
    qtbot.waitUntil(lambda: not window.previews.busy(), timeout=WAIT)
    converted = []
    convert = window.converter.convert
    monkeypatch.setattr(
        window.converter, "convert", lambda data, **kw: converted.append(1) or convert(data, **kw)
    )
    show_tab(window, tab)
    editor = field(window, path)
    editor.setFocus()
    # To the end of the text (Ctrl+End in a rich field, End in a line).
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor, Qt.Key.Key_End)
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        QTest.keyClicks(editor, "abc")
    qtbot.waitUntil(lambda: not window.previews.busy(), timeout=WAIT)
    assert not window.preview.stale  # the pages shown are those of the text typed
    return len(converted)


def test_a_pause_in_a_rich_field_converts_once(window, qtbot, monkeypatch):
    converted = conversions_for_one_pause(
        window, qtbot, monkeypatch, "Proposal", "item.proposal.text"
    )
    assert converted == 1
    assert window.document.draft.item.proposal.text.endswith("abc")


def test_a_pause_in_a_line_field_converts_once(window, qtbot, monkeypatch):
    pauses = conversions_for_one_pause(window, qtbot, monkeypatch, "Meeting and item", "item.title")
    assert pauses == 1
    assert window.document.draft.item.title.endswith("abc")


# --- no disk per keystroke ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tab", "path"),
    [
        ("Meeting and item", "item.title"),
        ("Decision", "item.decision.presenter.name"),
        ("Proposal", "item.proposal.text"),
    ],
)
def test_a_keystroke_touches_no_disk(window, qtbot, monkeypatch, tab, path):
    """The help notes follow every keystroke; what they quote comes from memory, not from the
    organisation profiles on disk."""
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        window.open_path(EXAMPLE_885)
    show_tab(window, tab)
    editor = field(window, path)
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "a")  # the first key may look once (a note's words)
    assert disk_while(monkeypatch, lambda: QTest.keyClicks(editor, "bcdef")) == []
    assert window.form.decision.notes[0].text().startswith("The minutes print")


def test_the_chosen_problem_stays_chosen_while_typing_elsewhere(window, qtbot):
    """The checks run after each pause; the same problems leave the panel's list alone."""
    panel = window.checks_panel.list
    row = next(n for n in range(panel.count()) if panel.item(n).text().startswith("✖  Title"))
    rect = panel.visualItemRect(panel.item(row))
    QTest.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.currentRow() == row
    show_tab(window, "Proposal")
    editor = field(window, "item.proposal.summary")
    editor.setFocus()
    QTest.keyClicks(editor, "talo")  # a word in the dictionary: no new finding
    qtbot.waitUntil(lambda: window.document.draft.item.proposal.summary == "talo")
    qtbot.waitUntil(lambda: not window.check_timer.isActive())  # the checks after the pause
    qtbot.waitUntil(lambda: not window.spelling_pending())
    assert panel.currentRow() == row
    assert panel.item(row).text().startswith("✖  Title")
