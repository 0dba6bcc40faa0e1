"""Issue 22 (holes 03, 05, 07) as a user meets them in the window: File → Open of a damaged
Word document, the Import button of Settings → Organisations with a profile whose template
is named after another profile, and the preview of a draft whose organisation's template
never ends."""

from __future__ import annotations

import base64
import json

import pytest
from PySide6.QtCore import Qt

from drafting import draftfile, profiles, resources
from drafting.render import docx, limits
from tests.conftest import EXAMPLE_333
from tests.drafting.test_hostile2_docx import _damaged
from tests.drafting.test_hostile2_templates import HOSTILE, _install, _template
from tests.support import espoo
from tests.ui.test_organizations import _choose, _open_dialog


def test_file_open_of_a_damaged_word_document_says_so(window, tmp_path):
    path = tmp_path / "vaurioitunut.docx"
    path.write_bytes(_damaged(docx.render_item(draftfile.load(EXAMPLE_333))))
    before = path.read_bytes()
    window.answers["open_path"] = path
    window.act_open.trigger()
    title, text, detail = window.messages[-1]
    assert title == "Cannot open Word document"
    assert text == "vaurioitunut.docx could not be opened. The file was not changed."
    assert "its part word/document.xml is damaged" in detail
    assert window.document.path is None and path.read_bytes() == before


def test_import_button_keeps_the_profile_a_template_name_points_at(window, qtbot, tmp_path):
    espoo.install()
    folder = profiles.user_folder()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    data = espoo.profile_data(template=None)
    data.update(id="evil", template="espoo.json")
    data[profiles.EXPORTED_TEMPLATE] = base64.b64encode(docx.ITEM_TEMPLATE.read_bytes()).decode()
    source = tmp_path / "evil.json"
    source.write_text(json.dumps(data), encoding="utf-8")

    dialog = _open_dialog(window, qtbot)
    window.answers["profile_import_path"] = source
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.profile.id == "evil"
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert {k: after[k] for k in before} == before
    assert resources.organization("espoo").name("fi") == "Espoon kaupunki"

    # the same file again: the id is taken, and said so
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    title, text, detail = window.messages[-1]
    assert title == "Import failed" and "evil.json cannot be used as a profile" in text
    assert detail.startswith('id: there is already a profile "evil"')
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == after


@pytest.mark.libreoffice  # the preview says it
def test_the_preview_names_a_template_that_never_ends(window, qtbot, tmp_path):
    """The preview's Word document is made in a process of its own (drafting.word_process),
    with the program's own time limit: the message names that limit."""
    _install(_template(HOSTILE["nested loop"]))
    data = json.loads(EXAMPLE_333.read_text(encoding="utf-8"))
    data["organization"] = "evil"
    draft = tmp_path / "evil.pykala"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert window.open_path(draft)  # its pages are asked for as it opens
    qtbot.waitUntil(lambda: window.preview.banner.isVisible(), timeout=40_000)
    said = window.preview.banner.text()
    assert "The Word template evil.docx of the organisation's profile cannot be filled in" in said
    assert f"it took longer than {limits.SECONDS:g} seconds to fill in" in said


def test_choosing_a_template_that_never_ends_is_refused_at_once(
    window, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(limits, "SECONDS", 2.0)
    espoo.install()
    hostile = tmp_path / "ikuinen.docx"
    hostile.write_bytes(_template(HOSTILE["nested loop"]))
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, "espoo")
    before = (profiles.user_folder() / "espoo.docx").read_bytes()
    window.answers["profile_template_path"] = hostile
    qtbot.mouseClick(dialog.template_choose, Qt.MouseButton.LeftButton)
    said = dialog.problems.text()
    assert "ikuinen.docx cannot be the template" in said
    assert "it cannot be filled in: it took longer than 2 seconds to fill in" in said
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert (profiles.user_folder() / "espoo.docx").read_bytes() == before
