"""Run by test_recovery in a child process: open a draft, type into the reasoning through the
keyboard, and report while the last words are still in the typing pause (not yet written into
the draft). The parent then kills it, stops it, or waits for the autosave.

Modes (argv[2]):
  sigterm   type, report TYPED; the parent sends SIGTERM.
  sigkill   type the first words, let the pause pass and the autosave write them (SAVED),
            type more, report TYPED; the parent sends SIGKILL.
  autosave  keep typing a key every 100 ms; the autosave fires between two keys, while the
            pause is not over; report AUTOSAVED and how many characters were typed by then.
Each report says whether words were still waiting in the pause ("pending"/"flushed").
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui.conftest import type_text  # noqa: E402
from ui import app  # noqa: E402
from ui.services import settings  # noqa: E402

FIRST = " Ensimmäinen lause tallentui."
LAST = " Viimeiset sanat tauolla."


def main() -> int:
    mode = sys.argv[2]
    app.application()
    settings.Settings()[settings.AUTOSAVE_SECONDS] = 1
    window = app.create_window([sys.argv[1]])
    window.show()
    notifier = app._on_sigterm(window)  # noqa: F841 - kept alive for the event loop
    reasoning = window.form.binder.widget_for("item.proposal.reasoning").editor

    def pending() -> str:
        return "pending" if any(b.has_pending() for b in window.form.binders()) else "flushed"

    def type_words(words: str) -> None:
        reasoning.setFocus()
        QTest.keyClick(reasoning, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        type_text(reasoning, words)

    def report(word: str) -> None:
        print(f"{word} {pending()}", flush=True)

    def start() -> None:
        if mode == "autosave":
            # A user who keeps typing: a key every 100 ms restarts the typing pause, the
            # autosave (started by the first key) fires in the middle of the words.
            reasoning.setFocus()
            QTest.keyClick(reasoning, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            typed: list[str] = []
            typist = QTimer(window, interval=100)
            # However busy the machine, the keys come faster than the pause (so the test
            # cannot depend on the load): the pause and the checks that flush wait a minute.
            for binder in window.form.binders():
                binder._flush_timer.setInterval(60_000)
            window.check_timer.setInterval(60_000)

            def next_key() -> None:
                typed.append(LAST[len(typed)])
                type_text(reasoning, typed[-1])
                if len(typed) == len(LAST):
                    typist.stop()

            typist.timeout.connect(next_key)
            autosave = window.session.autosave_timer.timeout
            autosave.disconnect(window.session.autosave)

            def autosaved() -> None:
                before = pending()  # as the autosave finds the field
                window.session.autosave()
                typist.stop()
                print(f"AUTOSAVED {before} {len(typed)}", flush=True)

            autosave.connect(autosaved)
            typist.start()
        elif mode == "sigkill":

            def saved() -> None:
                window.session.autosave_timer.timeout.disconnect(saved)
                report("SAVED")
                type_words(LAST)
                report("TYPED")

            window.session.autosave_timer.timeout.connect(saved)  # after the autosave itself
            type_words(FIRST)
        else:
            type_words(LAST)
            report("TYPED")

    QTimer.singleShot(0, start)
    return QApplication.instance().exec()


if __name__ == "__main__":
    sys.exit(main())
