"""Tab stops at the deepest list level that prints, so reopening shows every item (issue 10)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from drafting import richtext
from ui.widgets.richtext_edit import RichTextField


@pytest.fixture
def field(qtbot) -> RichTextField:
    widget = RichTextField()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.editor.setFocus()
    return widget


def test_tab_never_nests_a_list_past_what_prints(field, qtbot):
    editor = field.editor
    editor.set_markdown("\n".join(f"- Kohta{n}" for n in range(10)))
    for n in range(1, 10):
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        cursor.movePosition(QTextCursor.MoveOperation.NextBlock, n=n)
        editor.setTextCursor(cursor)
        for _ in range(12):
            qtbot.keyClick(editor, Qt.Key.Key_Tab)
    saved = editor.markdown()
    blocks = richtext.parse(saved)
    assert [b["level"] for b in blocks] == [1, 2, 3, 4, 4, 4, 4, 4, 4, 4]
    assert not richtext.too_deep(saved)
    reopened = RichTextField()
    qtbot.addWidget(reopened)
    reopened.set_markdown(saved)
    assert all(f"Kohta{n}" in reopened.editor.toPlainText() for n in range(10))


@pytest.mark.parametrize("typed", ["\n", "]", "[x]"])
def test_typing_inside_a_marked_name_never_leaves_a_broken_span(field, qtbot, typed):
    editor = field.editor
    editor.set_markdown("Hakija [Bertta Backman]{.personal} haki.")
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index(" Backman"))
    editor.setTextCursor(cursor)
    if typed == "\n":
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    else:
        qtbot.keyClicks(editor, typed)
    saved = editor.markdown()
    assert not richtext.broken_spans(saved)
    names = [r["text"] for b in richtext.parse(saved) for r in b["runs"] if r["personal"]]
    assert "Bertta" in "".join(names) and "Backman" in "".join(names)
