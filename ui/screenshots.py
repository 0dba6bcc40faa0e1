"""Screenshots of the main window in every interface language, for the README.

    python -m ui.screenshots [FOLDER]        # default docs/screenshots

Runs without a display (Qt's offscreen platform) and never touches the user's settings.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "kh-2021-05-03-s333.pykala"
SIZE = (1200, 820)


def take(folder: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QStandardPaths

    from ui import app, translation
    from ui.mainwindow import MainWindow

    QStandardPaths.setTestModeEnabled(True)
    application = app.application()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in ("en", "fi", "sv"):
        translation.apply(language)
        window = MainWindow()
        window.open_path(EXAMPLE)
        window.resize(*SIZE)
        window.show()
        for tab, name in ((0, "main"), (1, "proposal")):
            window.form.setCurrentIndex(tab)
            application.processEvents()
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
