"""Run by test_keyboard in a child process on an X11 screen (xvfb-run), where Qt's own Redo
keys are the desktop's (Ctrl+Shift+Z alone), not the offscreen platform's (which has Ctrl+Y):
type into a field, press Ctrl+Z, then Ctrl+Y, and print each field's text after each key as
one JSON line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from ui import app  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier


def main() -> int:
    qapp = app.application()
    window = app.create_window([])
    window.show()
    window.activateWindow()
    seen: dict[str, list[str]] = {}

    def press(widget, text: str, read) -> list[str]:
        widget.setFocus()
        QApplication.processEvents()
        QTest.keyClicks(widget, text)
        after = [read()]
        QTest.keyClick(widget, Qt.Key.Key_Z, CTRL)
        after.append(read())
        QTest.keyClick(widget, Qt.Key.Key_Y, CTRL)
        after.append(read())
        return after

    def run() -> None:
        QApplication.processEvents()
        form = window.form
        title = form.binder.widget_for("item.title")
        seen["title"] = press(title, "Avustus", title.text)
        form.setCurrentIndex(1)
        editor = form.binder.widget_for("item.proposal.text").editor
        seen["proposal"] = press(editor, "Myonnetaan avustus", editor.toPlainText)
        seen["platform"] = [qapp.platformName()]
        window.close_unasked = True
        window.close()
        print("RESULT " + json.dumps(seen), flush=True)
        qapp.quit()

    QTimer.singleShot(0, run)
    return qapp.exec()


if __name__ == "__main__":
    sys.exit(main())
