"""Started by benchmarks/run.py: print the § 333 example's 7 pages once in this process and
print the seconds until the job is handed over and the peak memory (MB).

    python print_probe.py queue PDF      # Pykälä's path: the PDF to a CUPS queue (CUPS_SERVER)
    python print_probe.py raster PDF     # the old path: each page rasterised at 1200 dpi

The raster path is kept here, and only here, as the baseline it was replaced against.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from memory import peak_mb  # noqa: E402 - benchmarks/, beside this script


def queue(pdf: Path, printer: str) -> float:
    from drafting import printing

    start = time.perf_counter()
    printing.submit(pdf, printing.Request(printer=printer, title="benchmark"))
    return time.perf_counter() - start


def raster(pdf: Path, target: Path) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    document = QPdfDocument(app)
    buffer = QBuffer(app)
    buffer.setData(QByteArray(pdf.read_bytes()))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    start = time.perf_counter()
    printer.setFullPage(True)
    painter = QPainter()
    painter.begin(printer)
    for number in range(document.pageCount()):
        if number:
            printer.newPage()
        rect = printer.pageLayout().fullRectPixels(printer.resolution())
        size = document.pagePointSize(number)
        scale = min(rect.width() / size.width(), rect.height() / size.height())
        image = document.render(number, (size * scale).toSize())
        page = QImage(image.size(), QImage.Format.Format_RGB32)
        page.fill(QColor("white"))
        on_white = QPainter(page)
        on_white.drawImage(0, 0, image)
        on_white.end()
        painter.drawImage(0, 0, page)
    painter.end()
    return time.perf_counter() - start


def main() -> int:
    mode, pdf = sys.argv[1], Path(sys.argv[2])
    seconds = queue(pdf, sys.argv[3]) if mode == "queue" else raster(pdf, Path(sys.argv[3]))
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(children=True)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
