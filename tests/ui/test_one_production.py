"""Every document is made one way (drafting.produce.produce, issue 24 part 2): the command
line, the window's exports, the preview and a meeting's build, each driven as a user does,
all call it, with the copy the user asked for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from drafting import cli, produce, word_process
from tests.conftest import EXAMPLE_885
from tests.ui.conftest import open_view
from tests.ui.user import menu

pytestmark = pytest.mark.libreoffice
WAIT = 120_000


@pytest.fixture
def calls(monkeypatch) -> list[tuple[str, tuple[str, ...], str]]:
    """(what, formats, copy) of every call of the one production function."""
    seen: list[tuple[str, tuple[str, ...], str]] = []
    real = produce.produce

    def spy(subject, formats, copy=produce.FULL, **kwargs):
        seen.append((type(subject).__name__, tuple(formats), copy.name))
        return real(subject, formats, copy, **kwargs)

    monkeypatch.setattr(produce, "produce", spy)
    # The preview's Word document is made by produce.word (produce's "docx") in a process of
    # its own (drafting.word_process), where no spy of this process sees it: its requests.
    real_render = word_process.WordProcess.render

    def preview_spy(self, draft, copy):
        seen.append((type(draft).__name__, ("docx",), copy.name))
        return real_render(self, draft, copy)

    monkeypatch.setattr(word_process.WordProcess, "render", preview_spy)
    return seen


def test_the_command_line_renders_through_it(calls, tmp_path, capsys):
    out = tmp_path / "a.docx"
    assert cli.main(["render", str(EXAMPLE_885), "-o", str(out), "--public"]) == 0
    assert out.stat().st_size > 0
    assert calls == [("Draft", ("docx",), "public")]


def test_the_windows_exports_go_through_it(window, qtbot, tmp_path, calls):
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        assert window.open_path(EXAMPLE_885)
    assert calls == [("Draft", ("docx",), "full")]  # the preview's pages (PDF: produce.pages)
    for entry, name, expected in (
        ("Export Word document", "a.docx", ("Draft", ("docx",), "full")),
        ("Export web page", "a.html", ("Draft", ("html",), "web")),
    ):
        calls.clear()
        window.answers["save_path"] = tmp_path / name
        with qtbot.waitSignal(
            window.statusBar().messageChanged,
            timeout=WAIT,
            check_params_cb=lambda m: m.startswith("Exported"),
        ):
            menu(window, "File", entry)
        assert (tmp_path / name).stat().st_size > 0
        assert calls == [expected], entry
    assert not window.messages


def test_the_preview_of_the_public_copy_goes_through_it(window, qtbot, calls):
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        assert window.open_path(EXAMPLE_885)
    calls.clear()
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        menu(window, "View", "Show the public copy")
    assert calls == [("Draft", ("docx",), "public")]


def test_a_meeting_build_goes_through_it(window, meeting_copy, monkeypatch, qtbot, tmp_path, calls):
    view = open_view(window, meeting_copy, monkeypatch)
    calls.clear()
    out = tmp_path / "out"
    # Minutes and one file per item, public, with the web pages (BuildDialog's choices).
    view.answers.update(build_choices=(["minutes", "items"], False, True, False, True), folder=out)
    qtbot.mouseClick(view.build_button, Qt.MouseButton.LeftButton)

    def summary():
        box = view.findChild(QMessageBox, "build_summary")
        return box if box is not None and box.isVisible() else None

    qtbot.waitUntil(lambda: summary() is not None, timeout=WAIT)
    assert calls == [
        ("Meeting", ("docx",), "public"),
        ("Meeting", ("html",), "web"),
    ]
    names = {p.name for p in out.iterdir()}
    assert "Pöytäkirja 18-2021 (julkinen).docx" in names
    assert (out / "Pöytäkirja 18-2021 verkkosivut" / "index.html").is_file()
    qtbot.mouseClick(summary().button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    view.close_unasked = True
    view.close()
