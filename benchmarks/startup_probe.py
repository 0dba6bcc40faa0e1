"""Started by benchmarks/run.py: report seconds from process start to a shown window.

python startup_probe.py START_EPOCH pykala|bare
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    start, kind = float(sys.argv[1]), sys.argv[2]
    from PySide6.QtCore import QStandardPaths, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    QStandardPaths.setTestModeEnabled(True)
    if kind == "pykala":
        from ui import app

        window = app.create_window([str(ROOT / "resources/examples/kh-2021-05-03-s333.pykala")])
    else:
        QApplication([sys.argv[0]])
        window = QLabel("Pykälä")
    window.show()

    def shown() -> None:
        print(f"{time.time() - start:.4f}", flush=True)
        QApplication.instance().quit()

    QTimer.singleShot(0, shown)  # runs once the show and its first paint are processed
    QApplication.instance().exec()
    if kind == "pykala":
        window.close_unasked = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
