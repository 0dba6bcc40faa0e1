"""Keys a user presses (issue 21): Ctrl+Y redoes in every field (item 4); Tab walks a tab's
fields in order, with the focus in sight (item 9)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import field
from tests.ui.launch import environment


@pytest.mark.slow
def test_ctrl_y_redoes_in_the_title_and_in_a_rich_field(tmp_path):
    """On an X11 desktop, where Qt's Redo is Ctrl+Shift+Z alone (the offscreen platform has
    Ctrl+Y too and would not show the fault): type, Ctrl+Z, Ctrl+Y."""
    xvfb = shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is needed (Debian: xvfb, as the Makefile installs)"
    env = environment(tmp_path)
    env["QT_QPA_PLATFORM"] = "xcb"
    child = Path(__file__).with_name("keys_child.py")
    done = subprocess.run(
        [xvfb, "-a", sys.executable, str(child)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    seen = json.loads(lines[-1].removeprefix("RESULT "))
    assert seen["platform"] == ["xcb"]
    assert seen["title"] == ["Avustus", "", "Avustus"]
    assert seen["proposal"] == ["Myonnetaan avustus", "", "Myonnetaan avustus"]


def click_tab(window, index: int) -> None:
    bar = window.form.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.form.currentIndex() == index


def press_tab() -> QWidget:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return QApplication.focusWidget()


@pytest.mark.parametrize(
    "tab,first",
    [(0, "Document language"), (1, "Kind of proposal"), (2, "Decided as proposed")],
)
def test_after_a_click_on_a_tab_tab_goes_to_its_first_field(window, tab, first):
    click_tab(window, (tab + 1) % 3)  # from another tab, as a user comes
    click_tab(window, tab)
    assert press_tab().accessibleName() == first


def test_tab_walks_the_proposal_tab_field_by_field(window):
    """No stop without a visible focus between the fields (a scroll area, a toolbar's
    buttons): each Tab lands on the next field, in reading order."""
    click_tab(window, 1)
    names = [press_tab().accessibleName() for _ in range(6)]
    assert names == [
        "Kind of proposal",
        "Presenting official's title",
        "Presenting official",
        "Proposal",
        "Summary",
        "Reasoning",
    ]


def test_a_rich_text_editor_shows_where_the_focus_is(window):
    """Tabbed into, the proposal editor's frame takes the highlight colour, as a line edit's;
    tabbed out of, it loses it."""
    click_tab(window, 1)
    editor = field(window, "item.proposal.text")
    highlight = editor.palette().highlight().color().name()

    def frame() -> str:
        return editor.grab().toImage().pixelColor(0, editor.height() // 2).name()

    for _ in range(4):  # the three fields above it
        assert frame() != highlight
        press_tab()
    assert QApplication.focusWidget() is editor
    assert frame() == highlight
    press_tab()
    assert frame() != highlight
