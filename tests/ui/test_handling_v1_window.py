"""A version-1 draft with a text handling (format version 1: one Markdown text) opens in the
window with its text as the one note of the Decision tab's handling record, is saved as
version 2 (the text as one note event) and prints the same; a note added to a draft without
a handling is that note."""

from __future__ import annotations

import json
import shutil

from PySide6.QtCore import Qt

from drafting import draftfile, produce
from tests.conftest import EXAMPLES, ROOT
from tests.support.documents import docx_text
from tests.ui.conftest import field, type_text
from tests.ui.test_handling_editor import add_event
from tests.ui.user import CTRL, SHIFT, key

EXAMPLE = EXAMPLES / "avustus-muutettu-paatos.pykala"


def write_v1(path, handling=None) -> None:
    """The example as version 1 wrote it: its handling one Markdown text."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["version"] = 1
    (note,) = data["item"]["decision"]["handling"]
    data["item"]["decision"]["handling"] = note["text"] if handling is None else handling
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def minutes_text(draft) -> str:
    ((made),) = produce.produce(draft, ("docx",))
    return docx_text(made.data)


def test_a_v1_handling_opens_saves_as_v2_and_prints_the_same(window, tmp_path, qtbot):
    path = tmp_path / "v1.pykala"
    write_v1(path)
    v1 = json.loads(path.read_text(encoding="utf-8"))
    assert v1["version"] == 1 and isinstance(v1["item"]["decision"]["handling"], str)
    before = minutes_text(draftfile.load(path))

    assert window.open_path(path)
    events = window.form.handling_editor.events
    assert events.count() == 1 and events.item(0).text().startswith("Note: ")
    editor = field(window, "item.decision.handling[0].text")
    assert editor.isVisible() or window.form.currentIndex() != 2
    assert editor.toPlainText().split("\n") == [
        p for p in v1["item"]["decision"]["handling"].split("\n") if p
    ]
    target = tmp_path / "v2.pykala"
    window.answers["save_path"] = target
    key(editor, Qt.Key.Key_S, CTRL | SHIFT)  # Save As
    assert target.exists() and not window.isWindowModified()

    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["version"] == 2
    assert saved["item"]["decision"]["handling"] == [
        {"event": "note", "text": v1["item"]["decision"]["handling"]}
    ]
    after = minutes_text(draftfile.load(target))
    assert after == before
    # The v1 text prints under Käsittely, paragraph by paragraph.
    lines = after.split("\n")
    start = lines.index("Käsittely") + 1
    paragraphs = v1["item"]["decision"]["handling"].split("\n\n")
    assert [line for line in lines[start:] if line][: len(paragraphs)] == paragraphs


def test_a_note_added_to_an_empty_handling_is_one_note_event(window, tmp_path, qtbot):
    path = tmp_path / "v1.pykala"
    write_v1(path, handling="")
    assert window.open_path(path)
    assert window.document.draft.item.decision.handling == []
    add_event(window, "Note (Merkintä)")
    editor = field(window, "item.decision.handling[0].text")
    editor.setFocus()
    type_text(editor, "Asia pantiin pöydälle.")
    handling = window.document.draft.item.decision.handling
    qtbot.waitUntil(lambda: bool(handling[0].text))
    (note,) = window.document.draft.item.decision.handling
    assert (note.event, note.text) == ("note", "Asia pantiin pöydälle.")
    editor.selectAll()
    key(editor, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.document.draft.item.decision.handling[0].text == "")


def test_an_item_with_its_own_roster_saves_and_offers_the_names(window, tmp_path):
    """A standalone item carries its roster (meeting.participants): saving it remembers
    the participants' names for the name fields, as it does the presenters'."""
    path = tmp_path / "v2.pykala"
    shutil.copy(ROOT / "tests" / "fixtures" / "format" / "v2-item.pykala", path)
    assert window.open_path(path)
    editor = window.form.handling_editor.events
    target = tmp_path / "tallennettu.pykala"
    window.answers["save_path"] = target
    key(editor, Qt.Key.Key_S, CTRL | SHIFT)  # Save As
    assert target.exists() and not window.isWindowModified()
    assert "Pekka Mäkinen" in window.people.people
