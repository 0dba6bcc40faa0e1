"""The preview says once that the pages print unhyphenated when LibreOffice cannot hyphenate
a Swedish document (the same banner that reports a missing UNO bridge); Finnish hyphenation
ships with the program."""

from __future__ import annotations

import json

import pytest

from drafting.render import hyphenation
from tests.conftest import EXAMPLE_885
from tests.ui.conftest import type_text

pytestmark = pytest.mark.libreoffice  # the preview's pages, from its own LibreOffice

WAIT = 60_000


def test_missing_hyphenation_is_said_once(make_window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(hyphenation, "available", lambda soffice, language: language != "sv")
    swedish = tmp_path / "sv.pykala"
    draft = json.loads(EXAMPLE_885.read_text(encoding="utf-8"))
    swedish.write_text(json.dumps({**draft, "language": "sv"}), encoding="utf-8")
    window = make_window(converter=None)  # its own LibreOffice: hyphenation is looked up anew
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        window.open_path(swedish)
    assert window.preview.page_count() == 2  # the pages are there; the banner informs
    assert "no Swedish hyphenation" in window.preview.banner.text()
    assert window.preview.banner.isVisible()
    title = window.form.binder.widget_for("item.title")
    title.setFocus()
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        type_text(title, "x")
    assert not window.preview.banner.isVisible()  # said once
