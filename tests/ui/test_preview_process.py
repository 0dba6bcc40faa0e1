"""The preview's Word documents are made in a process of their own (drafting.word_process), so
their long C calls never stall the window (issue 24: ui_blocked_during_refresh); the process
ends with its window, and one that dies is started again without a word to the user."""

from __future__ import annotations

import os
import signal

import pytest

from drafting.render import docx
from tests.conftest import EXAMPLE_885
from tests.ui.conftest import alive, type_text
from tests.ui.user import menu

pytestmark = pytest.mark.libreoffice
WAIT = 60_000


def _first_page(window) -> str:
    return " ".join(window.preview.pdf.getAllText(0).text().split())


def test_the_pages_are_made_outside_the_window_process(window, qtbot, monkeypatch):
    def not_here(*_args, **_kwargs):
        raise AssertionError("the Word document was made in the window's process")

    # Any Word rendering in this process fails (and would say so in the banner).
    monkeypatch.setattr(docx, "render", not_here)
    monkeypatch.setattr(docx, "render_item", not_here)
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        window.open_path(EXAMPLE_885)
    title = window.form.binder.widget_for("item.title")
    title.setFocus()
    title.selectAll()
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        type_text(title, "Toisessa prosessissa")
    assert "Toisessa prosessissa" in _first_page(window)
    assert not window.preview.banner.isVisible()
    child = window.previews.words.pid
    assert child is not None and child != os.getpid()


def test_closing_the_window_ends_its_word_process(make_window, qtbot):
    window = make_window()
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        window.open_path(EXAMPLE_885)
    child = window.previews.words.pid
    assert child is not None and alive(child)
    window.answers["save_changes"] = "discard"
    menu(window, "File", "Quit")
    assert not window.isVisible()
    assert not alive(child)


def test_a_killed_word_process_is_started_again_quietly(window, qtbot):
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        window.open_path(EXAMPLE_885)
    first = window.previews.words.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    title = window.form.binder.widget_for("item.title")
    title.setFocus()
    title.selectAll()
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        type_text(title, "Uudelleen")
    assert "Uudelleen" in _first_page(window)
    assert not window.preview.banner.isVisible()  # nothing alarming to say
    second = window.previews.words.pid
    assert second is not None and second != first


def test_the_child_makes_the_word_document_through_produce(monkeypatch):
    """The child's one call: produce.produce's "docx" for the copy asked (one production)."""
    from drafting import copies, draftfile, produce

    seen = []
    real = produce.produce

    def spy(subject, formats, copy=produce.FULL, **kwargs):
        seen.append((tuple(formats), copy.name, kwargs))
        return real(subject, formats, copy, **kwargs)

    monkeypatch.setattr(produce, "produce", spy)
    made = produce.word(draftfile.load(EXAMPLE_885), copies.PUBLIC, carry_draft=False)
    assert made.data[:2] == b"PK"
    assert seen == [(("docx",), "public", {"carry_draft": False})]
