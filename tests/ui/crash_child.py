"""Run by test_recovery in a child process: open, type, and keep running until killed."""

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


def main() -> int:
    app.application()
    settings.Settings()[settings.AUTOSAVE_SECONDS] = 1
    window = app.create_window([sys.argv[1]])
    window.show()
    notifier = app._on_sigterm(window)  # noqa: F841 - kept alive for the event loop

    def edit() -> None:
        form = window.form
        title = form.binder.widget_for("item.title")
        title.setFocus()
        title.selectAll()
        type_text(title, "Palautettava otsikko åäö")
        reasoning = form.binder.widget_for("item.proposal.reasoning").editor
        reasoning.setFocus()
        QTest.keyClick(reasoning, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        type_text(reasoning, " Kaatumisen jälkeen palautettu lause.")
        print("EDITED", flush=True)

    def previewed() -> None:
        print("PIDS " + " ".join(map(str, window.converter.pids)), flush=True)
        window.preview.shown.disconnect(previewed)

    window.preview.shown.connect(previewed)
    QTimer.singleShot(0, edit)
    return QApplication.instance().exec()


if __name__ == "__main__":
    sys.exit(main())
