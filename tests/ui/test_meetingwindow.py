"""The meeting view: numbers as they will print, reordering, status, builds. Driven as a user
drives it: a click on the row, on the button, a key, a menu entry, a drag with the mouse."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from drafting import draftfile
from tests.conftest import EXAMPLES, ROOT
from tests.support.documents import pdf_pages
from tests.ui.conftest import type_text
from tests.ui.test_meeting_view_walk import close_summary
from tests.ui.user import CTRL, click, key, menu

MEETING = EXAMPLES / "meeting" / "kh-18-2021.pykala"


def rows(view):
    return [
        [view.items.topLevelItem(n).text(c) for c in range(4)]
        for n in range(view.items.topLevelItemCount())
    ]


def choose_row(view, row: int) -> None:
    """Click an item's row in the list."""
    items = view.items
    rect = items.visualItemRect(items.topLevelItem(row))
    QTest.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert items.currentItem() is items.topLevelItem(row)


def test_items_show_the_numbers_they_will_print(view):
    shown = rows(view)
    assert [r[:2] for r in shown] == [["1", "§ 332"], ["2", "§ 333"], ["3", "§ 334"]]
    assert shown[1][2].startswith("Valtuutettu Eva Biaudetin aloite")
    assert all(r[3].startswith("✓") for r in shown)


def test_moving_renumbers_and_undo_restores(view):
    titles = [r[2] for r in rows(view)]
    choose_row(view, 0)
    click(view.buttons["down"])
    assert [r[2] for r in rows(view)] == [titles[1], titles[0], titles[2]]
    assert [r[1] for r in rows(view)] == ["§ 332", "§ 333", "§ 334"]  # numbers stay in place
    assert view.isWindowModified()
    click(view.buttons["down"])  # the same item, once more
    assert [r[2] for r in rows(view)] == [titles[1], titles[2], titles[0]]
    click(view.buttons["up"])
    assert [r[2] for r in rows(view)] == [titles[1], titles[0], titles[2]]
    menu(view, "Edit", "Undo")
    menu(view, "Edit", "Undo")
    menu(view, "Edit", "Undo")
    assert [r[2] for r in rows(view)] == titles
    assert not view.isWindowModified()


@pytest.mark.slow
def test_dragging_an_item_renumbers_and_undo_restores(meeting_copy, tmp_path):
    """Offscreen Qt cannot drag and drop (its drag ends at once): the drag is made by the
    mouse in a child on a virtual X screen (drag_child.py), where Qt really drags."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="xcb",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    done = subprocess.run(
        ["xvfb-run", "-a", sys.executable, str(Path(__file__).with_name("drag_child.py"))]
        + [str(meeting_copy)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    dropped, undone = (json.loads(line) for line in done.stdout.splitlines())
    before = [r[2] for r in undone["rows"]]
    assert [r[2] for r in dropped["rows"]] == [before[1], before[2], before[0]]  # first → last
    assert [r[1] for r in dropped["rows"]] == ["§ 332", "§ 333", "§ 334"]
    assert dropped["modified"] and not undone["modified"]
    assert before[0].startswith("Kokouksen laillisuuden")


def test_status_names_what_an_item_lacks(view, meeting_copy, qtbot):
    item = meeting_copy.parent / "01-laillisuus.pykala"
    data = json.loads(item.read_text(encoding="utf-8"))
    data["item"]["decision"]["text"] = ""
    data["item"]["decision"]["as_proposed"] = False  # so the decision is its own text
    item.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    view.check_as.setCurrentIndex(view.check_as.findData("minutes"))
    # The view watches its items: the changed file shows by itself.
    qtbot.waitUntil(lambda: rows(view)[0][3].startswith("✖"), timeout=5000)
    status = rows(view)[0][3]
    assert status.startswith("✖ 1 problems") and "The decision is empty" in status
    view.check_as.setCurrentIndex(view.check_as.findData("agenda"))
    assert rows(view)[0][3].startswith("✓")


@pytest.mark.libreoffice
def test_build_from_the_view_follows_the_new_order(view, qtbot, tmp_path):
    choose_row(view, 2)
    click(view.buttons["up"])  # the § 885 item now second: § 333
    out = tmp_path / "out"
    view.answers.update(build_choices=(["minutes"], True, False), folder=out)
    with qtbot.waitSignal(
        view.statusBar().messageChanged,
        timeout=120_000,
        check_params_cb=lambda m: m.startswith("Built"),
    ):
        click(view.build_button)
    close_summary(view, qtbot)
    text = "\n".join(pdf_pages(out / "Pöytäkirja 18-2021.pdf"))
    order = re.findall(r"^§ (\d+)\n(.+)$", text, re.MULTILINE)
    assert [(n, t[:32]) for n, t in order] == [
        ("332", "Kokouksen laillisuuden ja päätös"),
        ("333", "Valtuutettu Eva Biaudetin toivom"),
        ("334", "V 19.5.2021, Valtuutettu Eva Bia"),
    ]


def test_numbers_go_into_the_items_only_when_asked(view, meeting_copy):
    item = meeting_copy.parent.parent / "kh-2021-11-22-s885.pykala"
    assert draftfile.load(item).item.section == 885
    click(view.number_button)
    assert draftfile.load(item).item.section == 334


def test_open_an_item_in_the_drafting_window(view, window):
    choose_row(view, 1)
    click(view.buttons["open"])
    assert window.document.path.name == "kh-2021-05-03-s333.pykala"


def type_chair(view, text: str):
    chair = view.binder.widget_for("chair")
    chair.setFocus()
    chair.selectAll()
    type_text(chair, text)
    return chair


def test_save_and_reopen_the_meeting(view, meeting_copy, tmp_path):
    chair = type_chair(view, "Åke Öhman")
    assert view.isWindowModified()
    key(chair, Qt.Key.Key_S, CTRL)
    assert draftfile.load_meeting(meeting_copy).chair == "Åke Öhman"
    assert not view.isWindowModified()


def changed_elsewhere(path):
    """Another program edits the meeting file: the place changes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meeting"]["place"] = "Toisen ohjelman paikka"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_saving_over_a_meeting_changed_elsewhere_asks_and_keeps_theirs(view, meeting_copy):
    chair = type_chair(view, "Åke Öhman")
    changed_elsewhere(meeting_copy)
    asked = []
    view.answers["overwrite_changed_file"] = lambda path: asked.append(path.name) or False
    menu(view, "Meeting", "Save meeting")
    assert asked == [meeting_copy.name]
    theirs = draftfile.load_meeting(meeting_copy)
    assert theirs.meeting.place == "Toisen ohjelman paikka" and theirs.chair != "Åke Öhman"
    assert view.isWindowModified()  # ours is still unsaved, not lost
    assert chair.text() == "Åke Öhman"


def test_saving_over_a_meeting_changed_elsewhere_replaces_it_when_told(view, meeting_copy):
    type_chair(view, "Åke Öhman")
    changed_elsewhere(meeting_copy)
    view.answers["overwrite_changed_file"] = True
    menu(view, "Meeting", "Save meeting")
    assert draftfile.load_meeting(meeting_copy).chair == "Åke Öhman"
    assert not view.isWindowModified()
    # Saved by us: the next save does not ask again.
    view.answers["overwrite_changed_file"] = lambda path: pytest.fail("asked again")
    type_chair(view, "Åke Öhman II")
    menu(view, "Meeting", "Save meeting")
    assert draftfile.load_meeting(meeting_copy).chair == "Åke Öhman II"


def test_a_build_names_every_unreadable_item(view, window, meeting_copy):
    items = ["puuttuu-1.pykala", *view.draft.items, "puuttuu-2.pykala"]
    view.document.set_value("items", items, merge=False)
    assert rows(view)[0][3].startswith("✖") and rows(view)[-1][3].startswith("✖")
    click(view.build_button)
    title, text, detail = window.messages[-1]
    assert "puuttuu-1.pykala" in detail and "puuttuu-2.pykala" in detail


def test_moved_is_the_one_move_of_the_record_tables_and_the_item_list():
    from ui.widgets.records import moved

    rows_ = ["a", "b", "c"]
    assert moved(rows_, 0, 1) == ["b", "a", "c"] and rows_ == ["a", "b", "c"]
    assert moved(rows_, 2, -1) == ["a", "c", "b"]
    assert (
        moved(rows_, 0, -1) is None and moved(rows_, 2, 1) is None and moved(rows_, -1, 1) is None
    )
