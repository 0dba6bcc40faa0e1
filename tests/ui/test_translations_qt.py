"""Qt's own dialogs speak the interface language: the file dialogs' labels and file types."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLabel

from tests.conftest import EXAMPLES

LABELS = {
    "fi": ("&Lähde:", "&Tiedostotyyppi:", "Kansio"),
    "sv": ("&Titta i:", "Filer av &typ:", "Mapp"),
    "en": ("&Look in:", "Files of &type:", "Folder"),
}


@pytest.fixture
def qt_language(qapp):
    from ui.services import translation

    yield translation.apply
    translation.apply("en")


def labels(dialog: QFileDialog) -> tuple[str, str]:
    return tuple(dialog.findChild(QLabel, name).text() for name in ("lookInLabel", "fileTypeLabel"))


def folder_type(dialog: QFileDialog) -> str:
    """The Type column of a folder in the dialog's list."""
    model = dialog.findChild(QFileSystemModel)
    return model.type(model.index(str(EXAMPLES / "meeting")))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_file_dialog_labels_in_the_interface_language(qtbot, qt_language, language, tmp_path):
    qt_language(language)
    dialog = QFileDialog(None, "", str(EXAMPLES), "Pykälä (*.pykala)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.resize(800, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    look_in, file_type, folder = LABELS[language]
    assert labels(dialog) == (look_in, file_type)
    assert folder_type(dialog) == folder
    dialog.grab().save(str(tmp_path / f"file-dialog-{language}.png"))  # to look at


def test_an_open_dialog_follows_a_language_switch(qtbot, qt_language):
    qt_language("fi")
    dialog = QFileDialog(None, "", str(EXAMPLES))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    assert labels(dialog) == LABELS["fi"][:2]
    qt_language("sv")  # Qt posts the language change to every window
    qtbot.waitUntil(lambda: labels(dialog) == LABELS["sv"][:2])
    qt_language("en")
    qtbot.waitUntil(lambda: labels(dialog) == LABELS["en"][:2])


def when_modal(qtbot, inspect):
    """Run `inspect(dialog)` on the next modal dialog, then close it as Cancel would."""
    seen = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isVisible():
            QTimer.singleShot(10, look)
            return
        seen.append(inspect(dialog))
        dialog.reject()

    QTimer.singleShot(0, look)
    return seen


def test_open_dialog_of_the_finnish_window_is_finnish(window, qtbot, monkeypatch, qt_language):
    monkeypatch.delattr(window.ask, "open_path")  # the real question, not the test's answer
    window.language_actions["fi"].trigger()  # Settings → Interface language → suomi
    seen = when_modal(qtbot, labels)
    window.act_open.trigger()
    assert seen == [LABELS["fi"][:2]]


def test_add_items_dialog_of_the_swedish_meeting_view_is_swedish(
    window, qtbot, tmp_path, qt_language
):
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    window.language_actions["sv"].trigger()
    assert window.open_path(folder / "meeting" / "kh-18-2021.pykala")
    (view,) = window.meeting_windows
    seen = when_modal(qtbot, labels)
    qtbot.mouseClick(view.buttons["add"], Qt.MouseButton.LeftButton)
    assert seen == [LABELS["sv"][:2]]
    assert len(view.draft.items) == 3  # cancelled: nothing added
    view.close_unasked = True
    view.close()


@pytest.mark.parametrize("button", ["build", "new"])
def test_folder_and_save_dialogs_of_the_meeting_view_are_finnish(
    window, qtbot, tmp_path, monkeypatch, qt_language, button
):
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    window.language_actions["fi"].trigger()
    assert window.open_path(folder / "meeting" / "kh-18-2021.pykala")
    (view,) = window.meeting_windows
    monkeypatch.setattr(view.ask, "build_choices", lambda: (["minutes"], False, False))
    seen = when_modal(qtbot, lambda dialog: labels(dialog)[0])
    clicked = view.build_button if button == "build" else view.buttons["new"]
    qtbot.mouseClick(clicked, Qt.MouseButton.LeftButton)
    assert seen == [LABELS["fi"][0]]  # Build into folder… / New item… asked in Finnish
    assert len(view.draft.items) == 3  # cancelled: nothing added, nothing built
    view.close_unasked = True
    view.close()
