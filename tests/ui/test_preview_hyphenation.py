"""The preview says once that the pages print unhyphenated when LibreOffice cannot hyphenate
the document's language (the same banner that reports a missing UNO bridge)."""

from __future__ import annotations

from drafting.render import hyphenation
from tests.conftest import EXAMPLE_885
from tests.ui.conftest import type_text

WAIT = 60_000


def test_missing_hyphenation_is_said_once(qtbot, monkeypatch):
    from ui.mainwindow import MainWindow

    monkeypatch.setattr(hyphenation, "available", lambda soffice, language: False)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        window.open_path(EXAMPLE_885)
    assert window.preview.page_count() == 2  # the pages are there; the banner informs
    assert "without hyphenation" in window.preview.banner.text()
    assert window.preview.banner.isVisible()
    title = window.form.binder.widget_for("item.title")
    title.setFocus()
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        type_text(title, "x")
    assert not window.preview.banner.isVisible()  # said once
    window.close_unasked = True
    window.close()
