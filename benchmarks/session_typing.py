"""The meeting in session while the secretary types (benchmarks/run.py, `session_typing`): the
longest time the UI thread is busy with one key, events it posts included, while a proposer's
and a seconder's names are typed and a 15-member roll-call vote is given, one key a ballot.
The baseline is the same keys into a bare QLineEdit and a bare QTableWidget in this process."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"


def _key(widget, key, modifiers=None) -> float:
    """One key to `widget` and the events it posted: seconds the UI thread was busy."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    QTest.keyClick(widget, key, modifiers or Qt.KeyboardModifier.NoModifier)
    QApplication.processEvents()
    return time.perf_counter() - start


def _letters(widget, text: str) -> list[float]:
    from PySide6.QtCore import Qt

    return [_key(widget, getattr(Qt.Key, f"Key_{c.upper()}")) for c in text]


def _fresh(folder: Path) -> Path:
    shutil.copytree(EXAMPLES, folder / "examples")
    path = folder / "examples" / "meeting" / "kh-11-2026.pykala"
    from drafting import draftfile

    draft = draftfile.load_meeting(path)
    draft.attendance = []  # Noora Salmi there from the start: 15 members vote
    for person in draft.participants:
        person.present = person.present or person.id == "salmi"
    draftfile.save(draft, path)
    for stored in draft.items:
        item = draftfile.load(path.parent / stored)
        if item.item.decision is not None:
            item.item.decision.handling = []
        draftfile.save(item, path.parent / stored)
    return path


def longest_blocks(repeat: int) -> tuple[list[float], list[float], list[float]]:
    """Per run: the longest key typed in the view (names, ballots), the same in the bare
    widgets, and the longest of the view's action keys (record, open and close the vote)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QStandardPaths, Qt
    from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidget

    from ui import app
    from ui.services import translation
    from ui.windows.meetingwindow import MeetingWindow, load_meeting

    QStandardPaths.setTestModeEnabled(True)
    app.application()
    translation.apply("fi")
    ours, bare, actions = [], [], []
    ctrl = Qt.KeyboardModifier.ControlModifier
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            window = MeetingWindow(load_meeting(_fresh(Path(tmp))))
            window.show()
            window.act_session.trigger()
            view = window.session_view
            view.activateWindow()
            QApplication.processEvents()
            acted = [_key(view.record_buttons["counter"], Qt.Key.Key_1, ctrl)]
            times = _letters(view.f_proposer, "kallio")
            times += _letters(view.f_seconders, "nurmi")
            acted.append(_key(view.f_seconders, Qt.Key.Key_Return, ctrl))
            acted.append(_key(view.record_buttons["counter"], Qt.Key.Key_7, ctrl))
            times += _letters(view.ballots.table, "JJJEJJJJJJJEJJT")
            acted.append(_key(view.ballots.table, Qt.Key.Key_Return))
            ours.append(max(times))
            actions.append(max(acted))
            view.close_unasked = window.close_unasked = True
            window.close()
            line, table = QLineEdit(), QTableWidget(15, 4)
            line.show()
            table.show()
            plain = _letters(line, "kallionurmi") + _letters(table, "JJJEJJJJJJJEJJT")
            bare.append(max(plain))
            line.close()
            table.close()
    return ours, bare, actions
