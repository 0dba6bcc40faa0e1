"""The meeting view: numbers as they will print, reordering, status, builds."""

from __future__ import annotations

import json
import re

import pytest

from drafting import draftfile
from tests.conftest import EXAMPLES
from tests.documents import pdf_pages

MEETING = EXAMPLES / "meeting" / "kh-18-2021.pykala"


def rows(view):
    return [
        [view.items.topLevelItem(n).text(c) for c in range(4)]
        for n in range(view.items.topLevelItemCount())
    ]


def test_items_show_the_numbers_they_will_print(view):
    shown = rows(view)
    assert [r[:2] for r in shown] == [["1", "§ 332"], ["2", "§ 333"], ["3", "§ 334"]]
    assert shown[1][2].startswith("Valtuutettu Eva Biaudetin aloite")
    assert all(r[3].startswith("✓") for r in shown)


def test_moving_and_dropping_renumber_and_undo_restores(view):
    titles = [r[2] for r in rows(view)]
    view.items.setCurrentItem(view.items.topLevelItem(0))
    view.down_item()
    assert [r[2] for r in rows(view)] == [titles[1], titles[0], titles[2]]
    assert [r[1] for r in rows(view)] == ["§ 332", "§ 333", "§ 334"]
    assert view.isWindowModified()
    view.items.reordered.emit(list(reversed(view.draft.items)))  # what a drop reports
    assert [r[2] for r in rows(view)] == [titles[2], titles[0], titles[1]]
    view.undo()
    view.undo()
    assert [r[2] for r in rows(view)] == titles
    assert not view.isWindowModified()


def test_status_names_what_an_item_lacks(view, meeting_copy):
    item = meeting_copy.parent / "01-laillisuus.pykala"
    data = json.loads(item.read_text(encoding="utf-8"))
    data["item"]["decision"]["text"] = ""
    data["item"]["decision"]["as_proposed"] = False  # so the decision is its own text
    item.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    view.check_as.setCurrentIndex(view.check_as.findData("minutes"))
    view.refresh_items()  # as when the user comes back from editing the item
    status = rows(view)[0][3]
    assert status.startswith("✖ 1 problems") and "The decision is empty" in status
    view.check_as.setCurrentIndex(view.check_as.findData("agenda"))
    assert rows(view)[0][3].startswith("✓")


@pytest.mark.libreoffice
def test_build_from_the_view_follows_the_new_order(view, qtbot, tmp_path):
    view.items.setCurrentItem(view.items.topLevelItem(2))
    view.up_item()  # the § 885 item now second: § 333
    out = tmp_path / "out"
    view.answers.update(build_choices=(["minutes"], True, False), folder=out)
    with qtbot.waitSignal(
        view.statusBar().messageChanged,
        timeout=120_000,
        check_params_cb=lambda m: m.startswith("Built"),
    ):
        view.build()
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
    view.write_numbers()
    assert draftfile.load(item).item.section == 334


def test_open_an_item_in_the_drafting_window(view, window):
    view.items.setCurrentItem(view.items.topLevelItem(1))
    view.open_item()
    assert window.document.path.name == "kh-2021-05-03-s333.pykala"


def test_save_and_reopen_the_meeting(view, meeting_copy, tmp_path):
    chair = view.binder.widget_for("chair")
    chair.setText("Åke Öhman")
    chair.textEdited.emit(chair.text())
    assert view.save()
    assert draftfile.load_meeting(meeting_copy).chair == "Åke Öhman"
    assert not view.isWindowModified()


def test_a_build_names_every_unreadable_item(view, window, meeting_copy):
    items = ["puuttuu-1.pykala", *view.draft.items, "puuttuu-2.pykala"]
    view.document.set_value("items", items, merge=False)
    assert rows(view)[0][3].startswith("✖") and rows(view)[-1][3].startswith("✖")
    view.build()
    title, text, detail = window.messages[-1]
    assert "puuttuu-1.pykala" in detail and "puuttuu-2.pykala" in detail


def test_moved_is_the_one_move_of_the_record_tables_and_the_item_list():
    from ui.records import moved

    rows_ = ["a", "b", "c"]
    assert moved(rows_, 0, 1) == ["b", "a", "c"] and rows_ == ["a", "b", "c"]
    assert moved(rows_, 2, -1) == ["a", "c", "b"]
    assert (
        moved(rows_, 0, -1) is None and moved(rows_, 2, 1) is None and moved(rows_, -1, 1) is None
    )
