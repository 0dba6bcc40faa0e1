"""Reopening a Word document Pykälä wrote (issue 15, item 2), on the user's path: Export
Word, then File → Open (Ctrl+O) on the .docx, then Save."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from drafting import draftfile
from drafting.render import docx, embed
from tests.conftest import EXAMPLE_333, EXAMPLES
from tests.drafting.test_embed import replace_text
from tests.ui.test_preview import WAIT
from tests.ui.user import menu

pytestmark = pytest.mark.libreoffice

CTRL = Qt.KeyboardModifier.ControlModifier
SECRET = EXAMPLES / "lausunto-salassa-pidettava-liite.pykala"


def export(window, qtbot, action, target):
    """File → Export (Word, or the public copy) into `target`, waiting until it is written."""
    window.answers["save_path"] = lambda *a: target
    with qtbot.waitSignal(
        window.statusBar().messageChanged,
        timeout=WAIT,
        check_params_cb=lambda m: m.startswith("Exported"),
    ):
        action.trigger()
    assert target.is_file()


def open_with_ctrl_o(window, path):
    window.answers["open_path"] = path
    QTest.keyClick(window, Qt.Key.Key_O, CTRL)


def test_export_word_open_it_and_save_as_pykala_gives_the_same_draft(window, qtbot, tmp_path):
    draft = tmp_path / "s333.pykala"
    shutil.copy(EXAMPLE_333, draft)
    assert window.open_path(draft)
    word = tmp_path / "Pöytäkirja s333.docx"
    export(window, qtbot, window.act_export, word)
    written = word.read_bytes()

    menu(window, "File", "New")
    open_with_ctrl_o(window, word)
    document = window.document
    assert document.path is None and document.modified  # new, unsaved work
    assert window.windowTitle().startswith("Draft from Pöytäkirja s333.docx")
    assert "Save it as a .pykala draft" in window.statusBar().currentMessage()

    suggested = []
    saved = tmp_path / "takaisin.pykala"
    window.answers["save_path"] = lambda suggestion, *a: suggested.append(suggestion) or saved
    QTest.keyClick(window, Qt.Key.Key_S, CTRL)  # Save asks where: it has no file yet
    assert suggested == [str(word.with_suffix(".pykala"))]
    assert json.loads(saved.read_text(encoding="utf-8")) == json.loads(
        EXAMPLE_333.read_text(encoding="utf-8")
    )
    assert word.read_bytes() == written  # the Word document is never written over
    assert not window.document.modified and window.document.path == saved


def test_a_changed_word_document_asks_and_no_opens_nothing(window, tmp_path):
    word = tmp_path / "muutettu.docx"
    word.write_bytes(
        replace_text(docx.render_item(draftfile.load(EXAMPLE_333)), "Kaupunginhallitus", "Kaupunki")
    )
    asked = []
    window.answers["docx_changed"] = lambda name: asked.append(name) or False
    before = window.document
    open_with_ctrl_o(window, word)
    assert asked == ["muutettu.docx"]
    assert window.document is before and window.messages == []

    window.answers["docx_changed"] = lambda name: asked.append(name) or True
    open_with_ctrl_o(window, word)
    assert len(asked) == 2 and window.document is not before
    assert window.document.draft == draftfile.load(EXAMPLE_333)


def test_a_word_document_not_made_by_pykala_says_so(window, tmp_path):
    foreign = tmp_path / "muistio.docx"
    source = docx.render_item(draftfile.load(EXAMPLE_333))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(out, "w") as target:
        for info in archive.infolist():
            if b"urn:pykala" not in archive.read(info):
                target.writestr(info, archive.read(info))
    foreign.write_bytes(out.getvalue())
    before = window.document
    open_with_ctrl_o(window, foreign)
    ((title, text, detail),) = window.messages
    assert title == "Cannot open Word document"
    assert "muistio.docx could not be opened" in text
    assert "not made by Pykälä, or the draft was removed" in detail
    assert window.document is before


def test_a_public_copy_carries_only_the_masked_draft(window, qtbot, tmp_path):
    draft = tmp_path / "salainen.pykala"
    shutil.copy(SECRET, draft)
    assert window.open_path(draft)
    word = tmp_path / "julkinen.docx"
    export(window, qtbot, window.act_export_public, word)
    with zipfile.ZipFile(word) as archive:
        for name in archive.namelist():
            assert "Meikäläi" not in archive.read(name).decode("utf-8", "replace"), name

    open_with_ctrl_o(window, word)
    assert window.document.path is None and window.document.origin == word
    item = window.document.draft.item
    assert "[**********]{.personal}" in item.proposal.reasoning
    assert item.attachments[0].title == "Salassa pidettävä, JulkL 24.1 § 25 k."
    assert "marked names are masked" in window.statusBar().currentMessage()


def test_main_py_with_a_word_document_opens_its_draft(converter, qtbot, tmp_path, monkeypatch):
    """`python main.py FILE.docx`: the program starts with the draft the file carries."""
    from ui import app
    from ui.windows.mainwindow import MainWindow

    word = tmp_path / "s333.docx"
    word.write_bytes(docx.render_item(draftfile.load(EXAMPLE_333)))
    monkeypatch.setattr(
        app, "MainWindow", lambda path=None: MainWindow(converter=converter, path=path)
    )
    window = app.create_window([str(word)])
    qtbot.addWidget(window)
    try:
        assert window.document.origin == word and window.document.path is None
        assert window.document.draft == draftfile.load(EXAMPLE_333)
        assert embed.read(word.read_bytes()) is not None
    finally:
        window.close_unasked = True
        window.close()
