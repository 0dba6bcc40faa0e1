"""The start: a file given to Pykälä opens in the window's first and only form, and nothing the
start can leave for later (the examples' titles) is read before the window shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting import draftfile
from tests.conftest import EXAMPLE_333, EXAMPLE_885, EXAMPLES
from tests.ui.conftest import answered, close_without_blocking
from tests.ui.disk import disk_while
from tests.ui.user import menu


@pytest.fixture
def start(qtbot, monkeypatch, converter):
    """Start the window as `pykala FILE` does (ui.app.create_window hands the file to the
    window); the forms it made; the window is closed at teardown."""
    from PySide6.QtCore import QSettings

    from ui.windows import mainwindow

    QSettings().clear()
    made = []
    form = mainwindow.ItemForm

    def counted(*args, **kwargs):
        made.append(form(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(mainwindow, "ItemForm", counted)
    windows = []

    def run(path: Path | None):
        window = mainwindow.MainWindow(converter=converter, path=path)
        qtbot.addWidget(window)
        answered(window, monkeypatch)
        windows.append(window)
        return window, made

    yield run
    for window in windows:
        close_without_blocking(window)


def test_a_start_with_a_file_makes_one_form_and_reads_no_example(start, monkeypatch):
    shown = Path(EXAMPLE_885)
    found = {}

    def begin():
        found["window"], found["forms"] = start(shown)

    touched = disk_while(monkeypatch, begin)
    window, forms = found["window"], found["forms"]
    assert window.document.path == shown
    assert window.form.binder.widget_for("item.title").text().startswith("Valtuutettu Eva")
    assert len(forms) == 1  # not one for an empty draft first, thrown away
    read = {line for line in touched if line.startswith("open") and str(EXAMPLES) in line}
    assert read == {f"open {shown}"}  # the examples menu reads its titles when it opens


def test_a_start_without_a_file_shows_an_empty_draft(start):
    window, forms = start(None)
    assert len(forms) == 1
    assert window.document.path is None and not window.document.draft.item.title


def test_the_examples_menu_names_each_example_when_opened(start):
    window, _forms = start(None)
    item = draftfile.load(EXAMPLE_333).item
    label = f"§ {item.section} {item.title}"
    menu(window, "File", "New from example", label[:79])  # a long title ends in "…"
    assert window.document.draft.item.title == item.title
    assert window.document.path is None  # a new draft from it, unsaved
