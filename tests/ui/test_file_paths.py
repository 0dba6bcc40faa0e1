"""Files a draft or meeting points at survive saving, save as and moving the folder; file
dialogs open where the user works (issue 21, items 2 and 12).

The system's file dialogs cannot be driven by a test, so their static getters are replaced by
the test's answers (and record the folder they were opened in); everything else is the real
button, key or menu action."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from tests.conftest import EXAMPLE_333, EXAMPLE_885, EXAMPLES, ROOT

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Dialogs:
    """The answers of the system file dialogs, in order, and the folders they opened in."""

    def __init__(self, monkeypatch) -> None:
        self.answers: dict[str, list] = {"open": [], "opens": [], "save": [], "folder": []}
        self.opened_in: dict[str, list[str]] = {key: [] for key in self.answers}
        for key, name in (
            ("open", "getOpenFileName"),
            ("opens", "getOpenFileNames"),
            ("save", "getSaveFileName"),
            ("folder", "getExistingDirectory"),
        ):
            monkeypatch.setattr(QFileDialog, name, staticmethod(self._answer(key)))

    def _answer(self, key: str):
        def answer(parent=None, caption="", folder="", *_args, **_kwargs):
            self.opened_in[key].append(str(folder))
            given = self.answers[key].pop(0)
            if key == "opens":
                return [str(p) for p in given], ""
            if key == "folder":
                return str(given)
            return str(given), ""

        return answer


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


@pytest.fixture
def window(qtbot, monkeypatch, converter, dialogs):
    """A drafting window whose file dialogs answer through `dialogs`; message boxes are
    recorded (a test that sees one it did not expect fails on it)."""
    from ui.services import recovery, translation
    from ui.windows.mainwindow import MainWindow

    QSettings().clear()
    for copy in recovery.pending():
        recovery.discard(copy.id)
    translation.apply("en")
    win = MainWindow(converter=converter)
    qtbot.addWidget(win)
    win.messages = []
    monkeypatch.setattr(win.ask, "error", lambda *a: win.messages.append(a))
    monkeypatch.setattr(win.ask, "save_changes", lambda *a: "discard")
    from ui.windows.askers import MeetingAsker

    monkeypatch.setattr(MeetingAsker, "save_changes", lambda *a: "discard")
    monkeypatch.setattr(MeetingAsker, "error", lambda self, *a: win.messages.append(a))
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.close_unasked = True
    for view in list(win.meeting_windows):
        view.close_unasked = True
        view.close()
    win.close()


def copy_item(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(source, folder))


def press(qtbot, widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed in `widget`'s window, once the window is the active one (a shortcut
    belongs to the active window)."""
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    QTest.keyClick(widget, key, modifiers)


def statuses(view) -> list[str]:
    return [view.items.topLevelItem(n).text(3) for n in range(view.items.topLevelItemCount())]


def titles(view) -> list[str]:
    return [view.items.topLevelItem(n).text(2) for n in range(view.items.topLevelItemCount())]


def new_meeting(window, qtbot):
    window.act_new_meeting.trigger()  # File → New meeting
    view = window.meeting_windows[-1]
    qtbot.waitExposed(view)
    return view


def open_example(window, path: Path) -> None:
    """File → Examples → the example: a new, unsaved draft with its text."""
    examples = sorted(EXAMPLES.glob("*.pykala"))
    window.menu_examples.actions()[examples.index(path)].trigger()
    assert window.document.path is None and window.document.draft.item.title


ITEMS = [EXAMPLES / "meeting" / "01-laillisuus.pykala", EXAMPLE_333, EXAMPLE_885]


# --- item 2: paths relative to the file that holds them -----------------------------------


def test_items_added_before_the_first_save_are_found_after_it(window, dialogs, qtbot, tmp_path):
    items = [copy_item(s, tmp_path / f) for s, f in zip(ITEMS, ("a", "b", "c"), strict=True)]
    view = new_meeting(window, qtbot)
    dialogs.answers["opens"] += [items[:2], items[2:]]
    qtbot.mouseClick(view.buttons["add"], Qt.MouseButton.LeftButton)  # "Add items…"
    qtbot.mouseClick(view.buttons["add"], Qt.MouseButton.LeftButton)
    assert len(statuses(view)) == 3 and not any("not found" in s for s in statuses(view))
    saved = tmp_path / "d" / "kokous.pykala"
    saved.parent.mkdir()
    dialogs.answers["save"].append(saved)
    press(qtbot, view, Qt.Key.Key_S, CTRL)  # Save meeting: asks where, the first time
    assert saved.is_file()
    assert json.loads(saved.read_text(encoding="utf-8"))["items"] == [
        "../a/01-laillisuus.pykala",
        "../b/kh-2021-05-03-s333.pykala",
        "../c/kh-2021-11-22-s885.pykala",
    ]
    assert not any("not found" in s for s in statuses(view)), statuses(view)
    view.close()
    dialogs.answers["open"].append(saved)
    press(qtbot, window, Qt.Key.Key_O, CTRL)  # File → Open: a meeting opens in its view
    reopened = window.meeting_windows[-1]
    qtbot.waitExposed(reopened)
    assert reopened.document.path == saved
    assert len(statuses(reopened)) == 3
    assert not any("not found" in s for s in statuses(reopened)), statuses(reopened)
    assert titles(reopened)[1].startswith("Valtuutettu Eva Biaudetin aloite")


def test_save_as_into_another_folder_keeps_the_items(window, dialogs, qtbot, tmp_path):
    items = [copy_item(s, tmp_path / "asiat") for s in ITEMS]
    view = new_meeting(window, qtbot)
    dialogs.answers["opens"].append(items)
    qtbot.mouseClick(view.buttons["add"], Qt.MouseButton.LeftButton)
    first = tmp_path / "kokous.pykala"
    dialogs.answers["save"] += [first, tmp_path / "arkisto" / "2021" / "kokous.pykala"]
    press(qtbot, view, Qt.Key.Key_S, CTRL)
    assert json.loads(first.read_text(encoding="utf-8"))["items"][0] == (
        "asiat/01-laillisuus.pykala"
    )
    (tmp_path / "arkisto" / "2021").mkdir(parents=True)
    press(qtbot, view, Qt.Key.Key_S, CTRL | SHIFT)  # Save meeting as…
    moved = json.loads((tmp_path / "arkisto" / "2021" / "kokous.pykala").read_text("utf-8"))
    assert moved["items"][0] == "../../asiat/01-laillisuus.pykala"
    assert not any("not found" in s for s in statuses(view)), statuses(view)
    assert not view.isWindowModified()


def attachment_files(window) -> list[str]:
    table = window.form.attachments.table
    return [table.item(row, 1).text() for row in range(table.rowCount())]


def missing_warnings(window) -> list[str]:
    panel = window.checks_panel.list
    return [panel.item(n).text() for n in range(panel.count()) if "missing" in panel.item(n).text()]


def opened_urls(monkeypatch) -> list[Path]:
    shown: list[Path] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: shown.append(Path(url.toLocalFile()))
    )
    return shown


def test_an_attachment_beside_a_draft_survives_moving_the_folder(
    window, dialogs, qtbot, tmp_path, monkeypatch
):
    folder = tmp_path / "valmistelu"
    folder.mkdir()
    attachment = folder / "aloite.pdf"
    attachment.write_bytes(b"%PDF-1.4\n")
    open_example(window, EXAMPLE_885)  # File → Examples: a new, unsaved draft
    dialogs.answers["opens"].append([attachment])
    qtbot.mouseClick(window.form.attachments.add_files_button, Qt.MouseButton.LeftButton)
    dialogs.answers["save"].append(folder / "aloite-asia.pykala")
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert (folder / "aloite-asia.pykala").is_file()
    assert attachment_files(window)[-1] == "aloite.pdf"

    share = tmp_path / "verkkolevy" / "valmistelu"
    share.parent.mkdir()
    shutil.move(folder, share)  # the whole folder to a network share
    dialogs.answers["open"].append(share / "aloite-asia.pykala")
    press(qtbot, window, Qt.Key.Key_O, CTRL)
    assert window.document.path == share / "aloite-asia.pykala"
    assert attachment_files(window)[-1] == "aloite.pdf"  # the checks ran as it opened
    assert missing_warnings(window) == []
    shown = opened_urls(monkeypatch)
    table = window.form.attachments.table
    table.setCurrentCell(table.rowCount() - 1, 0)
    qtbot.mouseClick(window.form.attachments.open_button, Qt.MouseButton.LeftButton)
    assert shown == [share / "aloite.pdf"]


def test_save_as_elsewhere_keeps_attachments_and_undo_follows(
    window, dialogs, qtbot, tmp_path, monkeypatch
):
    folder = tmp_path / "a"
    draft = copy_item(EXAMPLE_885, folder)
    (folder / "liite.pdf").write_bytes(b"%PDF-1.4\n")
    dialogs.answers["open"].append(draft)
    press(qtbot, window, Qt.Key.Key_O, CTRL)
    before = len(attachment_files(window))
    dialogs.answers["opens"].append([folder / "liite.pdf"])
    qtbot.mouseClick(window.form.attachments.add_files_button, Qt.MouseButton.LeftButton)
    assert attachment_files(window)[-1] == "liite.pdf"
    (tmp_path / "b").mkdir()
    dialogs.answers["save"].append(tmp_path / "b" / "kopio.pykala")
    press(qtbot, window, Qt.Key.Key_S, CTRL | SHIFT)  # Save As into another folder
    assert attachment_files(window)[-1] == "../a/liite.pdf"
    written = json.loads((tmp_path / "b" / "kopio.pykala").read_text(encoding="utf-8"))
    assert written["item"]["attachments"][-1]["file"] == "../a/liite.pdf"
    window.act_undo.trigger()  # the attachment goes…
    assert len(attachment_files(window)) == before
    window.act_redo.trigger()  # …and comes back as the draft in b/ writes it
    assert attachment_files(window)[-1] == "../a/liite.pdf"
    qtbot.waitUntil(lambda: not window.check_timer.isActive())  # the checks after the pause
    assert missing_warnings(window) == []


# --- item 12: where the file dialogs open --------------------------------------------------


def test_file_dialogs_open_where_the_user_works_not_in_the_program_folder(
    window, dialogs, qtbot, tmp_path
):
    def outside_program(folder: str) -> bool:
        return not Path(folder).resolve().is_relative_to(ROOT.resolve())

    home_or_documents = {str(Path.home()), str(Path.home() / "Documents")}
    view = new_meeting(window, qtbot)
    items = [copy_item(s, tmp_path / "asiat") for s in ITEMS]
    dialogs.answers["opens"] += [items[:1], items[1:]]
    qtbot.mouseClick(view.buttons["add"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.buttons["add"], Qt.MouseButton.LeftButton)
    first, second = dialogs.opened_in["opens"]
    assert outside_program(first) and first in home_or_documents, first
    assert second == str((tmp_path / "asiat").resolve())  # the folder chosen last time
    dialogs.answers["save"].append(tmp_path / "kokous" / "k.pykala")
    (tmp_path / "kokous").mkdir()
    press(qtbot, view, Qt.Key.Key_S, CTRL)
    assert Path(dialogs.opened_in["save"][-1]).parent == (tmp_path / "asiat").resolve()
    view.close()

    # the drafting window: attachments of a new draft, then Save As, then an export
    open_example(window, EXAMPLE_885)
    attachments = tmp_path / "liitteet"
    attachments.mkdir()
    (attachments / "a.pdf").write_bytes(b"%PDF-1.4\n")
    dialogs.answers["opens"].append([attachments / "a.pdf"])
    qtbot.mouseClick(window.form.attachments.add_files_button, Qt.MouseButton.LeftButton)
    assert outside_program(dialogs.opened_in["opens"][-1])
    dialogs.answers["opens"].append([])
    qtbot.mouseClick(window.form.attachments.add_files_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened_in["opens"][-1] == str(attachments.resolve())
    saved = tmp_path / "valmistelu" / "asia.pykala"
    saved.parent.mkdir()
    dialogs.answers["save"] += [saved, tmp_path / "valmistelu" / "asia.docx"]
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert outside_program(dialogs.opened_in["save"][-1])
    window.act_export.trigger()  # File → Export Word document: beside the draft
    assert not window.messages, window.messages
    qtbot.waitUntil((tmp_path / "valmistelu" / "asia.docx").is_file, timeout=60_000)
    assert Path(dialogs.opened_in["save"][-1]).parent == saved.parent
    dialogs.answers["opens"].append([])
    qtbot.mouseClick(window.form.attachments.add_files_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened_in["opens"][-1] == str(saved.parent)  # a saved draft: its folder


# --- item 10: the window's exports are named as a build names the item ---------------------


def suggested_export(window, dialogs, qtbot) -> str:
    """File → Export Word document: the name its dialog suggests (then cancelled)."""
    dialogs.answers["save"].append("")
    window.act_export.trigger()
    assert not window.messages, window.messages
    return Path(dialogs.opened_in["save"][-1]).name


def test_exports_suggest_whole_words_and_the_number_a_build_uses(window, dialogs, qtbot, tmp_path):
    draft = copy_item(EXAMPLE_885, tmp_path)
    dialogs.answers["open"].append(draft)
    press(qtbot, window, Qt.Key.Key_O, CTRL)
    assert suggested_export(window, dialogs, qtbot) == (
        "885 Valtuutettu Eva Biaudetin toivomusponsi monialaisen.docx"
    )
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["item"]["section"], data["item"]["agenda_item"] = None, 3  # on an agenda: no § yet
    unnumbered = tmp_path / "esityslista" / "asia.pykala"
    unnumbered.parent.mkdir()
    unnumbered.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    dialogs.answers["open"].append(unnumbered)
    press(qtbot, window, Qt.Key.Key_O, CTRL)
    assert suggested_export(window, dialogs, qtbot) == (
        "3 Valtuutettu Eva Biaudetin toivomusponsi monialaisen.docx"
    )
