"""Run by test_session_recovery in a child process: the program with a meeting open in its view
and the meeting in session: Noora Salmi marked absent in the roll call, then, in the first
item, Petteri Kallio's counter-proposal seconded by Satu Nurmi and a roll-call vote with the
first BALLOTS ballots given, all with keys; autosave after 1 s; then it reports EDITED and runs
until the parent kills it.

    session_child.py MEETING
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui.conftest import type_text  # noqa: E402
from tests.ui.launch import edit_then_run  # noqa: E402
from tests.ui.user import CTRL, click, menu  # noqa: E402
from ui import app  # noqa: E402
from ui.services import settings, translation  # noqa: E402

BALLOTS = "JJEJJJJTJE"  # the first ten members present, in the body's order
ABSENT = "Noora Salmi"


def press(key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    QTest.keyClick(widget, key, modifiers)


def main() -> int:
    meeting = Path(sys.argv[1])
    app.application()
    settings.Settings()[settings.AUTOSAVE_SECONDS] = 1
    window = app.create_window([])
    translation.apply("fi")  # the ballot keys are J, E and T
    window.show()
    notifier = app._on_sigterm(window)  # noqa: F841 - kept alive for the event loop

    def edit() -> None:
        window.ask.open_path = lambda _folder: meeting  # the file dialog's answer
        menu(window, "Tiedosto", "Avaa kokous")
        view = window.meeting_windows[-1]
        click(view.session_button)
        session = view.session_view
        session.activateWindow()
        deadline = time.monotonic() + 10
        while QApplication.activeWindow() is not session:  # the keys go to the active window
            assert time.monotonic() < deadline, QApplication.activeWindow()
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        roster = session.rollcall.roster
        for n in range(roster.topLevelItemCount()):
            if roster.topLevelItem(n).text(0) == ABSENT:
                roster.setCurrentItem(roster.topLevelItem(n))
        roster.setFocus()
        press(Qt.Key.Key_Space)
        press(Qt.Key.Key_1, CTRL)
        type_text(session.f_proposer, "Kallio")
        session.f_seconders.setFocus()
        type_text(session.f_seconders, "Nurmi")
        press(Qt.Key.Key_Return, CTRL)
        press(Qt.Key.Key_7, CTRL)
        for letter in BALLOTS:
            press(getattr(Qt.Key, f"Key_{letter}"))
        print("EDITED", flush=True)

    return edit_then_run(edit)


if __name__ == "__main__":
    sys.exit(main())
