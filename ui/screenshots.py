"""Screenshots of the main window in every interface language, for the README.

    python -m ui.screenshots [FOLDER]        # default docs/screenshots

Runs without a display (Qt's offscreen platform), with settings and data in a temporary
folder, never the user's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "kh-2021-05-03-s333.pykala"
SIZE = (1400, 860)
SHOTS = ((0, "main"), (1, "proposal"), (5, "history"))


def _settle(application, milliseconds: int) -> None:
    """Let the preview draw its pages (QPdfView renders them in the background)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    application.processEvents()


def take(folder: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="pykala-shots-")
    os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = home
    from PySide6.QtCore import QEventLoop, QTimer

    from ui import app, translation
    from ui.mainwindow import MainWindow

    application = app.application()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in ("en", "fi", "sv"):
        translation.apply(language)
        window = MainWindow()
        window.resize(*SIZE)
        window.show()
        wait = QEventLoop()
        window.preview.shown.connect(wait.quit)
        QTimer.singleShot(60_000, wait.quit)
        window.open_path(EXAMPLE)
        wait.exec()
        for tab, name in SHOTS:
            window.form.setCurrentIndex(tab)
            _settle(application, 1500)
            target = folder / f"{name}-{language}.png"
            window.grab().save(str(target))
            written.append(target)
        window._terminating = True
        window.close()
        window.deleteLater()
        application.processEvents()
    return written


if __name__ == "__main__":
    for path in take(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"):
        print(f"wrote {path}")
