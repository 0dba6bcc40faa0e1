"""Keys a user presses: Ctrl+Y redoes in every field (issue 21, item 4); Tab walks a tab's
fields with visible focus (item 9)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import field, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_y_redoes_in_the_title(window, qtbot):
    title = field(window, "item.title")
    window.form.setCurrentIndex(0)
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    type_text(title, "Avustus")
    QTest.keyClick(title, Qt.Key.Key_Z, CTRL)
    assert title.text() == ""
    QTest.keyClick(title, Qt.Key.Key_Y, CTRL)
    assert title.text() == "Avustus"


def test_ctrl_y_redoes_in_a_rich_field(window, qtbot):
    window.form.setCurrentIndex(1)
    editor = field(window, "item.proposal.text")
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    type_text(editor, "Kaupunginhallitus päättää")
    QTest.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == ""
    QTest.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert editor.toPlainText() == "Kaupunginhallitus päättää"
