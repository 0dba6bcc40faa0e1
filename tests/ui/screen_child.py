"""Run by test_window_fit in a child process on a virtual screen of a given size (the offscreen
platform's configfile): start the program as a user does, open a meeting view, and print
what a user would see as one JSON line: where each window lies, whether the checks panel,
the status bar and the build button are on the screen, and which buttons fell into a
toolbar's overflow. Screenshots go to the folder named by the second argument.

Arguments: LANGUAGE SCREENSHOT_FOLDER [resize WIDTHxHEIGHT]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication, QTabBar, QToolBar, QToolButton, QWidget

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from ui import app  # noqa: E402
from ui.services import settings  # noqa: E402


def on_screen(widget: QWidget, screen: QRect) -> bool:
    """Shown, of some size, and wholly inside the screen's free area."""
    if not widget.isVisible() or widget.width() < 4 or widget.height() < 4:
        return False
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return screen.contains(QRect(top_left, widget.size()))


def in_overflow(toolbar: QToolBar, action) -> bool:
    """True when the action's button is not shown on the bar (it sits behind "»")."""
    button = toolbar.widgetForAction(action)
    return button is None or not button.isVisible()


def tabs_fit(bar: QTabBar) -> bool:
    """Every tab of the bar is wholly shown (no scroll arrows hide one)."""
    return all(
        bar.rect().contains(bar.tabRect(n)) for n in range(bar.count()) if bar.isTabVisible(n)
    )


def report(window, view, screen: QRect, folder: Path, language: str) -> dict:
    from ui.widgets.richtext_edit import RichTextField

    window.grab().save(str(folder / f"main-{language}.png"))
    view.grab().save(str(folder / f"meeting-{language}.png"))
    form = window.form
    hidden_personal = []
    for index in range(form.count()):
        form.setCurrentIndex(index)
        QApplication.processEvents()
        for field in form.currentWidget().findChildren(RichTextField):
            if field.isVisible() and in_overflow(field.toolbar, field.editor.action_personal):
                hidden_personal.append(field.editor.accessibleName())
    form.setCurrentIndex(1)
    QApplication.processEvents()
    window.grab().save(str(folder / f"main-proposal-{language}.png"))
    preview = window.preview
    return {
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "main": window.frameGeometry().getRect(),
        "main_fits": screen.contains(window.frameGeometry()),
        "meeting": view.frameGeometry().getRect(),
        "main_size": [window.width(), window.height()],
        "meeting_size": [view.width(), view.height()],
        "meeting_fits": screen.contains(view.frameGeometry()),
        "checks_panel": on_screen(window.checks_panel, screen),
        "status_bar": on_screen(window.statusBar(), screen),
        "build_button": on_screen(view.build_button, screen),
        "build_text": view.build_button.text(),
        "personal_hidden": hidden_personal,
        "tabs_fit": tabs_fit(form.tabBar()),
        "fit_width_hidden": in_overflow(preview.toolbar, preview.act_fit),
        "preview_toolbar_hidden": [
            a.text()
            for a in preview.toolbar.actions()
            if a.text() and in_overflow(preview.toolbar, a)
        ],
        "overflow_buttons": [
            b.accessibleName() or b.text()
            for b in window.findChildren(QToolButton)
            if b.objectName() == "qt_toolbar_ext_button" and b.isVisible()
        ],
    }


def main() -> int:
    language, folder = sys.argv[1], Path(sys.argv[2])
    qapp = app.application()
    settings.Settings()[settings.LANGUAGE] = language
    window = app.create_window([])
    window.show()
    window.new_meeting()
    view = window.meeting_windows[-1]
    resize = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "resize" else ""

    def measure() -> None:
        QApplication.processEvents()
        screen = window.screen().availableGeometry()
        result = report(window, view, screen, folder, language)
        if resize:
            width, height = (int(n) for n in resize.split("x"))
            window.resize(width, height)
            view.resize(width, height)
        view.close_unasked = window.close_unasked = True
        window.close()  # as the user closes it: the geometry is saved
        print("RESULT " + json.dumps(result), flush=True)
        qapp.quit()

    QTimer.singleShot(0, measure)  # once the windows are shown and laid out
    return qapp.exec()


if __name__ == "__main__":
    sys.exit(main())
