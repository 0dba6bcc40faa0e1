"""Typing and the pause after it list no organisation folder on the UI thread: the checks, the
help notes and the spelling look the organisation up in the catalogue kept in memory
(drafting/organization.py), which is read once (issue 24)."""

from __future__ import annotations

import os
import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from drafting import profiles
from tests.conftest import EXAMPLE_885
from tests.support import espoo
from tests.ui.conftest import field

pytestmark = pytest.mark.libreoffice
WAIT = 60_000


def test_typing_and_a_pause_list_no_profile_folder(window, qtbot, monkeypatch):
    espoo.install()  # the user has a profile folder of their own, last changed long ago
    past = time.time() - 3600
    os.utime(profiles.user_folder(), (past, past))
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        window.open_path(EXAMPLE_885)
    qtbot.waitUntil(lambda: not window.previews.busy(), timeout=WAIT)

    listed: list[str] = []
    scandir = os.scandir
    folders = {str(profiles.BUILTIN_FOLDER), str(profiles.user_folder())}

    def watched(path=".", *args):
        if str(path) in folders and threading.current_thread() is threading.main_thread():
            listed.append(str(path))
        return scandir(path, *args)

    monkeypatch.setattr(os, "scandir", watched)
    editor = field(window, "item.title")
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End)
    with qtbot.waitSignal(window.preview.shown, timeout=WAIT):
        QTest.keyClicks(editor, "abc")
        assert window.check_timer.isActive()  # the checks wait for the pause
    qtbot.waitUntil(lambda: not window.check_timer.isActive(), timeout=WAIT)
    qtbot.waitUntil(lambda: not window.spelling_pending(), timeout=WAIT)
    qtbot.waitUntil(lambda: not window.previews.busy(), timeout=WAIT)
    assert window.document.draft.item.title.endswith("abc")
    assert listed == []
