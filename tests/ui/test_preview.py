"""The preview shows the pages that print: same pipeline, same pages, same text."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest
from PySide6.QtPdf import QPdfDocument

from tests.conftest import EXAMPLE_333, EXAMPLE_885
from tests.ui.conftest import alive, type_text
from tests.ui.user import click, menu

pytestmark = pytest.mark.libreoffice
WAIT = 60_000


def shown(window, qtbot, action):
    """Run `action` and wait until the preview shows new pages."""
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        action()


def page_texts(document: QPdfDocument) -> list[str]:
    return [" ".join(document.getAllText(n).text().split()) for n in range(document.pageCount())]


def exported(window, qtbot, tmp_path, archival=False):
    target = tmp_path / ("archival.pdf" if archival else "export.pdf")
    window.answers["save_path"] = target
    with qtbot.waitSignal(
        window.statusBar().messageChanged,
        timeout=WAIT,
        check_params_cb=lambda m: m.startswith("Exported"),
    ):
        menu(window, "File", "Export archival PDF (PDF/A)" if archival else "Export PDF")
    return target


def test_preview_pages_equal_the_exported_pdf(window, qtbot, tmp_path):
    shown(window, qtbot, lambda: window.open_path(EXAMPLE_333))
    target = exported(window, qtbot, tmp_path)
    printed = QPdfDocument()
    printed.load(str(target))
    assert window.preview.page_count() == printed.pageCount() == 7
    assert page_texts(window.preview.pdf) == page_texts(printed)
    assert "7 (7)" in page_texts(printed)[6]


def test_typing_refreshes_the_preview_by_itself(window, qtbot):
    shown(window, qtbot, lambda: window.open_path(EXAMPLE_885))
    title = window.form.binder.widget_for("item.title")
    title.setFocus()
    title.selectAll()
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        type_text(title, "Uusi otsikko äänestyksestä")
        assert window.preview.stale  # marked out of date while the new pages are made
    assert "Uusi otsikko äänestyksestä" in page_texts(window.preview.pdf)[0]
    assert not window.preview.stale


def test_a_killed_libreoffice_is_restarted_and_nothing_is_left(make_window, qtbot, tmp_path):
    window = make_window(converter=None)  # with a converter of its own, which it must stop
    shown(window, qtbot, lambda: window.open_path(EXAMPLE_885))
    first = window.converter.pids
    assert len(first) >= 2 and all(alive(p) for p in first)
    office = first[-1]  # soffice.bin itself

    title = window.form.binder.widget_for("item.title")
    title.setFocus()

    def kill_while_converting():
        type_text(title, "x")  # new pages are on their way
        os.kill(office, signal.SIGKILL)

    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        kill_while_converting()
        qtbot.waitUntil(lambda: window.preview.banner.isVisible(), timeout=WAIT)
        assert "restarted" in window.preview.banner.text()
    second = window.converter.pids
    assert second and set(second).isdisjoint(first)
    assert window.preview.page_count() == 2  # § 885: two pages, as the original
    window.answers["save_changes"] = "discard"
    menu(window, "File", "Quit")
    assert not window.isVisible()
    assert not [p for p in first + second if alive(p)]


def test_archival_export_is_pdfa_and_tagged(window, qtbot, tmp_path):
    shown(window, qtbot, lambda: window.open_path(EXAMPLE_885))
    target = exported(window, qtbot, tmp_path, archival=True)
    data = target.read_bytes()
    assert b"pdfaid:part" in data
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info


def test_without_libreoffice_a_banner_says_what_to_install(
    make_window, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setenv("PYKALA_SOFFICE", str(tmp_path / "no-soffice"))
    window = make_window(converter=None)
    window.open_path(EXAMPLE_885)
    qtbot.waitUntil(lambda: window.preview.banner.isVisible(), timeout=WAIT)
    assert "libreoffice-writer-nogui" in window.preview.banner.text()
    target = tmp_path / "still.docx"
    window.answers["save_path"] = target
    with qtbot.waitSignal(
        window.statusBar().messageChanged,
        timeout=WAIT,
        check_params_cb=lambda m: m.startswith("Exported"),
    ):
        menu(window, "File", "Export Word document")
    assert target.read_bytes()[:2] == b"PK"


def test_page_navigation_and_zoom(window, qtbot):
    shown(window, qtbot, lambda: window.open_path(EXAMPLE_333))
    pane = window.preview
    assert pane.page_label.text() == "Page 1 of 7"

    def button(action):
        return pane.toolbar.widgetForAction(action)

    click(button(pane.act_next))
    assert pane.view.pageNavigator().currentPage() == 1
    assert pane.page_label.text() == "Page 2 of 7"
    click(button(pane.act_previous))
    assert pane.page_label.text() == "Page 1 of 7"
    click(button(pane.act_zoom_in))
    assert pane.view.zoomMode() != pane.view.ZoomMode.FitToWidth
    click(button(pane.act_fit))
    assert pane.view.zoomMode() == pane.view.ZoomMode.FitToWidth


def test_without_the_uno_bridge_the_preview_runs_cold_and_says_so_once(
    make_window, qtbot, monkeypatch
):
    import sys

    monkeypatch.setenv("PYKALA_UNO_PYTHON", sys.executable)  # a Python without `uno`
    window = make_window(converter=None)
    shown(window, qtbot, lambda: window.open_path(EXAMPLE_885))
    assert window.converter.warm is None
    assert window.preview.page_count() == 2  # § 885: two pages, as the original
    assert "anew for every page set" in window.preview.banner.text()
    title = window.form.binder.widget_for("item.title")
    title.setFocus()
    shown(window, qtbot, lambda: type_text(title, "x"))
    assert not window.preview.banner.isVisible()  # said once
