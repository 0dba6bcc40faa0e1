"""The Decision tab shows an amended decision as its changes from the proposal."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.conftest import EXAMPLES
from tests.ui.conftest import field, type_text

AMENDED = EXAMPLES / "avustus-muutettu-paatos.pykala"


def test_ticking_the_box_shows_the_changes_and_they_follow_the_typing(window, qtbot, tmp_path):
    assert window.open_path(AMENDED)
    window.form.setCurrentIndex(2)  # the Decision tab
    view = window.form.changes
    assert not view.browser.isVisible()
    window.form.currentWidget().ensureWidgetVisible(view.toggle)
    box = QPoint(8, view.toggle.height() // 2)  # on the box itself, where a user clicks
    qtbot.mouseClick(view.toggle, Qt.MouseButton.LeftButton, pos=box)
    assert view.browser.isVisible() and view.legend.isVisible()
    html = view.browser.toHtml()
    assert "line-through" in html and "underline" in html
    text = view.browser.toPlainText()
    assert "2025 000 euron" in text  # "20" struck through, "25" underlined, side by side
    assert "31.3.2023 mennessä" in text
    editor = field(window, "item.decision.text")
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(editor, " Lisäys.")
    window.flush()
    qtbot.waitUntil(lambda: "Lisäys." in view.browser.toPlainText())
    grab = window.grab()
    assert not grab.isNull()
    grab.save(str(tmp_path / "decision-changes.png"))
