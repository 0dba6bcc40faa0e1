"""Run by test_meetingwindow on a virtual X screen (xvfb-run, Qt's xcb platform): offscreen
Qt has no drag and drop at all (its drag ends at once), so the drag of a row of the meeting's
item list is made where Qt really drags. Drags the first item below the last with the mouse
(QTest press, moves, release), then chooses Edit > Undo; prints the list after each as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui.user import menu  # noqa: E402
from ui.services import translation  # noqa: E402
from ui.windows.meetingwindow import MeetingWindow, load_meeting  # noqa: E402


def shown(view) -> dict:
    items = view.items
    return {
        "rows": [
            [items.topLevelItem(n).text(c) for c in range(3)]
            for n in range(items.topLevelItemCount())
        ],
        "modified": view.isWindowModified(),
    }


def main() -> int:
    app = QApplication([sys.argv[0]])
    translation.apply("en")
    view = MeetingWindow(load_meeting(Path(sys.argv[1])))
    view.show()
    QTest.qWaitForWindowExposed(view)
    items, window = view.items, view.windowHandle()
    viewport = items.viewport()

    def at(point: QPoint) -> QPoint:
        return viewport.mapTo(view, point)

    model = items.model()
    start = items.visualRect(model.index(0, 2)).center()
    last = items.visualRect(model.index(model.rowCount() - 1, 2))
    end = QPoint(last.center().x(), last.bottom() - 2)  # the lower edge: below the last row

    def drop() -> None:  # runs inside the drag's own event loop
        for step in range(1, 6):
            QTest.mouseMove(window, at(start + (end - start) * step / 5))
            QTest.qWait(20)
        QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=at(end))

    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=start)  # choose the row
    QTimer.singleShot(200, drop)
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=at(start))
    QTest.mouseMove(window, at(start + QPoint(0, 20)))
    QTest.mouseMove(window, at(start + QPoint(0, 30)))  # the drag starts
    QTest.qWait(100)
    print(json.dumps(shown(view), ensure_ascii=False), flush=True)
    menu(view, "Edit", "Undo")
    print(json.dumps(shown(view), ensure_ascii=False), flush=True)
    view.close_unasked = True
    view.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
