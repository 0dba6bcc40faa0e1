"""Screenshots of the main window in every interface language, for the README.

    python -m tests.support.screenshots [FOLDER]        # default docs/screenshots

Runs without a display (Qt's offscreen platform), with settings and data in a temporary
folder, never the user's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "kh-2021-05-03-s333.pykala"
SIZE = (1400, 860)
SHOTS = ((0, "main"), (1, "proposal"), (5, "history"))
MEETING = ROOT / "resources" / "examples" / "meeting" / "kh-18-2021.pykala"


def _settle(application, milliseconds: int) -> None:
    """Let the preview draw its pages (QPdfView renders them in the background)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    application.processEvents()


def _open_and_wait(window) -> None:
    """Show the window with the example and wait (at most a minute) for its pages."""
    from PySide6.QtCore import QEventLoop, QTimer

    window.show()
    wait = QEventLoop()
    window.preview.shown.connect(wait.quit)
    QTimer.singleShot(60_000, wait.quit)
    window.open_path(EXAMPLE)
    wait.exec()


def take(folder: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="pykala-shots-")
    os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = home

    from ui import app
    from ui.services import translation
    from ui.windows.mainwindow import MainWindow

    application = app.application()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in ("en", "fi", "sv"):
        translation.apply(language)
        window = MainWindow()
        window.resize(*SIZE)
        _open_and_wait(window)
        for tab, name in SHOTS:
            window.item_form.setCurrentIndex(tab)
            _settle(application, 1500)
            target = folder / f"{name}-{language}.png"
            window.grab().save(str(target))
            written.append(target)
        window.open_meeting(MEETING)
        meeting_window = window.meeting_windows[-1]
        meeting_window.resize(1300, 820)
        _settle(application, 300)
        target = folder / f"meeting-{language}.png"
        meeting_window.grab().save(str(target))
        written.append(target)
        if language == "fi":
            written.append(_minutes_first_page(window, folder / "minutes-page-1.png"))
        window.close_unasked = True
        window.close()
        window.deleteLater()
        application.processEvents()
    return written


TAB_NAMES = ("meeting", "proposal", "decision", "contacts", "appeal", "history")


def small_window_tabs(folder: Path, size: tuple[int, int] = (1024, 700)) -> list[Path]:
    """Every tab of the drafting window at a small size, in Finnish, with the example."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui import app
    from ui.services import translation
    from ui.windows.mainwindow import MainWindow

    application = app.application()
    translation.apply("fi")
    window = MainWindow()
    _open_and_wait(window)
    window.resize(*size)
    written = []
    for tab, name in enumerate(TAB_NAMES):
        window.item_form.setCurrentIndex(tab)
        _settle(application, 200)
        target = folder / f"tab-{name}-{size[0]}x{size[1]}-fi.png"
        window.grab().save(str(target))
        written.append(target)
    window.close_unasked = True
    window.close()
    return written


SPELLING_TEXTS = {
    "fi": (
        "Kaupungihallitus päätti päätti hyväksyä ehdotuksen. Päätöös annetaan tiedoksi "
        "kaupunginvaltuustolle, ja toimenpiteistä vastaa asiantuntijatyöryhmän puheenjohtaja "
        "(HEL 2021-004370, etunimi.sukunimi(a)hel.fi).",
        "Päätöös",
    ),
    "sv": (
        "Kommunstyrellsen beslutade att godkänna förslaget. Stadsfullmäktige beslutadde om "
        "ärendet den 3.5.2021 (§ 333, HEL 2021-004370).",
        "Kommunstyrellsen",
    ),
}


def spelling_shots(folder: Path, size: tuple[int, int] = (1100, 640)) -> list[Path]:
    """Underlined words and the right-click menu of one, in Finnish and in Swedish."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="pykala-shots-")
    os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = home
    from PySide6.QtGui import QContextMenuEvent, QPainter
    from PySide6.QtWidgets import QApplication, QScrollArea

    from ui import app
    from ui.services import translation
    from ui.widgets.richtext_edit import RichTextField
    from ui.windows.mainwindow import MainWindow

    application = app.application()
    written = []
    for language, (text, word) in SPELLING_TEXTS.items():
        translation.apply(language)
        window = MainWindow()
        window.resize(*size)
        window.show()
        window.document.apply("language", language)
        window.document.apply("item.proposal.reasoning", text)
        window.splitter.setSizes([size[0] - 220, 220])
        window.item_form.setCurrentIndex(1)
        field = window.item_form.binder.widget_for("item.proposal.reasoning")
        page = window.item_form.currentWidget()
        assert isinstance(field, RichTextField) and isinstance(page, QScrollArea)
        editor = field.editor
        page.ensureWidgetVisible(editor)
        window.run_checks()
        _settle(application, 500)
        for _ in range(100):  # the checks panel's findings come from a worker
            if not window.spelling_pending():
                break
            _settle(application, 100)
        cursor = editor.document().find(word)
        cursor.setPosition(cursor.selectionStart() + 2)
        pos = editor.cursorRect(cursor).bottomLeft()  # the menu opens below the line
        global_pos = editor.viewport().mapToGlobal(pos)
        QApplication.sendEvent(
            editor.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, global_pos)
        )
        _settle(application, 300)
        shot = window.grab()
        menu = QApplication.activePopupWidget()
        if menu is not None:  # a popup is a window of its own: drawn onto the shot
            painter = QPainter(shot)
            painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())
            painter.end()
            menu.close()
        target = folder / f"spelling-{language}.png"
        shot.save(str(target))
        written.append(target)
        window.close_unasked = True
        window.close()
        window.deleteLater()
        application.processEvents()
    return written


def organizations_dialog(folder: Path) -> Path:
    """Settings → Organisations in Finnish, the built-in profile chosen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui import app
    from ui.services import translation
    from ui.services.dialogs import Asker
    from ui.windows.organizations import OrganizationsDialog

    application = app.application()
    translation.apply("fi")
    dialog = OrganizationsDialog(Asker(None))
    dialog.resize(1100, 760)
    dialog.show()
    _settle(application, 300)
    target = folder / "organizations-fi.png"
    dialog.grab().save(str(target))
    dialog.close()
    return target


def about_and_icon(folder: Path) -> list[Path]:
    """Help → About in Finnish, and the icon as it is drawn at 16 and 256 px."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from ui import app
    from ui.services import translation
    from ui.windows.about import AboutDialog

    application = app.application()
    translation.apply("fi")
    dialog = AboutDialog()
    dialog.show()
    _settle(application, 300)
    written = [folder / "about-fi.png"]
    dialog.grab().save(str(written[0]))
    dialog.close()
    renderer = QSvgRenderer(str(app.ICON))
    for size in (16, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = folder / f"icon-{size}.png"
        image.save(str(target))
        written.append(target)
    return written


def _minutes_first_page(window, target: Path) -> Path:
    """The example meeting's minutes as built, page 1, drawn by QtPdf on white."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    from drafting import meeting, produce

    loaded = meeting.load(MEETING)
    with tempfile.TemporaryDirectory() as folder:
        built = produce.build(
            loaded, ["minutes"], Path(folder), ("docx", "pdf"), converter=window.converter
        )
        (pdf,) = [p for p in built if p.suffix == ".pdf"]
        document = QPdfDocument()
        document.load(str(pdf))
        image = document.render(0, QSize(827, 1169))
    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    page.save(str(target))
    return target


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    if sys.argv[2:] == ["--spelling"]:
        for path in spelling_shots(target):
            print(f"wrote {path}")
        sys.exit(0)
    shots = take(target) + small_window_tabs(target) + spelling_shots(target)
    for path in shots + [organizations_dialog(target)] + about_and_icon(target):
        print(f"wrote {path}")
