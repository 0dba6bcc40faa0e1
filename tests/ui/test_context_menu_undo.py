"""A rich field's right-click Undo is the window's Edit → Undo, as Ctrl+Z is: the field keeps
no history of its own (one undo history), also after a draft is opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from tests.ui import user
from tests.ui.test_spellcheck import reasoning_editor, right_click_menu

WORD = "Kokeilusana"


def _entry(menu: QMenu, verb: str):
    found = [a for a in menu.actions() if a.text().replace("&", "").startswith(verb)]
    assert len(found) == 1, [a.text() for a in menu.actions()]
    return found[0]


def test_right_click_undo_is_the_windows_undo(window, qtbot):
    editor = reasoning_editor(window, f"{WORD} ja muuta tekstiä")
    assert not editor.document().isUndoRedoEnabled()  # opened draft: still no own history
    qtbot.waitUntil(lambda: window.act_undo.isEnabled())
    menu = right_click_menu(editor, WORD)
    undo = _entry(menu, "Undo")
    assert undo is window.act_undo
    assert undo.isEnabled()
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(undo).center())
    qtbot.waitUntil(lambda: WORD not in editor.toPlainText())
    user.menu(window, "Edit", "Redo")
    qtbot.waitUntil(lambda: WORD in editor.toPlainText())
