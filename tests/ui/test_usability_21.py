"""What a new user met on a second afternoon with the program (issue 21): a box that
disagreed with the preview (item 5), a print with no printer (6), cut table columns (13),
undo out of sight (14), a recovery offer without an age and `alv` misspelt (15)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import field, type_text
from tests.ui.test_preview import WAIT, page_texts


def click_tab(window, index: int) -> None:
    bar = window.form.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.form.currentIndex() == index


def click_box(box) -> None:
    """A click on the box itself (a wide check box's empty right end takes no click)."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def panel_texts(window) -> list[str]:
    panel = window.checks_panel.list
    return [panel.item(n).text() for n in range(panel.count())]


@pytest.mark.libreoffice
def test_decided_as_proposed_box_hint_and_preview_agree(window, qtbot):
    """A new draft: the box, the help line under it, the checks and the printed minutes
    tell one story, ticked, unticked and ticked again."""
    box = field(window, "item.decision.as_proposed")
    note = window.form.decision.notes[0]
    sentence = "Päätös on ehdotuksen mukainen."

    def preview_text() -> str:
        return " ".join(page_texts(window.preview.pdf))

    def states():
        return box.isChecked(), note.text(), preview_text(), panel_texts(window)

    def after(action) -> None:
        with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
            action()
        qtbot.waitUntil(lambda: not window.check_timer.isActive())

    click_tab(window, 1)
    proposal = field(window, "item.proposal.text")
    proposal.setFocus()
    type_text(proposal, "Myonnetaan avustus.")
    qtbot.waitUntil(lambda: "Myonnetaan avustus." in preview_text(), timeout=WAIT)
    qtbot.waitUntil(lambda: not window.check_timer.isActive())
    click_tab(window, 2)
    ticked, hint, pages, problems = states()
    assert ticked  # what prints: the standard sentence, the proposal as the decision
    assert "print “Päätös on ehdotuksen mukainen.” under Päätösehdotus" in hint
    assert "the proposal prints under Päätös" in hint
    assert sentence in pages and "Myonnetaan avustus." in pages
    assert not any("decision" in p.lower() for p in problems), problems

    after(lambda: click_box(box))
    ticked, hint, pages, problems = states()
    assert not ticked
    assert "the decision below under Päätös, and the proposal itself under" in hint
    assert sentence not in pages and "Myonnetaan avustus." in pages
    assert any("Decision: The decision is empty" in p for p in problems), problems

    after(lambda: click_box(box))
    ticked, hint, pages, problems = states()
    assert ticked
    assert "the proposal prints under Päätös" in hint
    assert sentence in pages
    assert not any("decision" in p.lower() for p in problems), problems
