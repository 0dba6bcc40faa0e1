"""A version-1 draft with a text handling (format version 1: one Markdown text) opens in the
window with its text in the Decision tab, is saved as version 2 (the text as one note event)
and prints the same; typing a handling into a draft without one makes that note."""

from __future__ import annotations

import json
import shutil

from PySide6.QtCore import Qt

from drafting import draftfile, produce
from tests.conftest import EXAMPLES
from tests.support.documents import docx_text
from tests.ui.conftest import field, type_text
from tests.ui.user import CTRL, SHIFT, key

V1 = EXAMPLES / "avustus-muutettu-paatos.pykala"


def minutes_text(draft) -> str:
    ((made),) = produce.produce(draft, ("docx",))
    return docx_text(made.data)


def test_a_v1_handling_opens_saves_as_v2_and_prints_the_same(window, tmp_path, qtbot):
    path = tmp_path / "v1.pykala"
    shutil.copy(V1, path)
    v1 = json.loads(path.read_text(encoding="utf-8"))
    assert v1["version"] == 1 and isinstance(v1["item"]["decision"]["handling"], str)
    before = minutes_text(draftfile.load(path))

    assert window.open_path(path)
    editor = field(window, "item.decision.handling")
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


def test_typing_a_handling_makes_one_note_event(window, tmp_path, qtbot):
    path = tmp_path / "v1.pykala"
    data = json.loads(V1.read_text(encoding="utf-8"))
    data["item"]["decision"]["handling"] = ""
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert window.open_path(path)
    assert window.document.draft.item.decision.handling == []
    editor = field(window, "item.decision.handling")
    editor.setFocus()
    type_text(editor, "Asia pantiin pöydälle.")
    qtbot.waitUntil(lambda: bool(window.document.draft.item.decision.handling))
    (note,) = window.document.draft.item.decision.handling
    assert (note.event, note.text) == ("note", "Asia pantiin pöydälle.")
    editor.selectAll()
    key(editor, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.document.draft.item.decision.handling == [])
