"""Print the preview's own PDF without blocking the window.

The Qt print dialog gathers the user's choices (printer, copies, pages, duplex); they become a
`drafting.printing.Request`, and the print runs in a worker, as vectors, by the first of:
- CUPS (Linux, macOS): the very PDF of the preview goes to the queue; the status bar shows
  where it is, with a Cancel button, until the queue has printed it;
- LibreOffice (Windows): the warm LibreOffice that made the PDF prints the same document
  through the system's printer driver (the same engine, so the same pages).
"Print to file" in the dialog writes the chosen pages of the same PDF.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QWidget,
)

from drafting import atomic, names, printing, produce, scratch
from drafting.i18n import _
from ui.services import folders, worker

POLL_MS = 1000  # how often the queue is asked whether the job has printed

_SIDES = {
    QPrinter.DuplexMode.DuplexNone: printing.ONE_SIDED,
    QPrinter.DuplexMode.DuplexAuto: printing.LONG_EDGE,
    QPrinter.DuplexMode.DuplexLongSide: printing.LONG_EDGE,
    QPrinter.DuplexMode.DuplexShortSide: printing.SHORT_EDGE,
}


def request_from(printer: QPrinter, title: str) -> printing.Request:
    """The choices made in the print dialog, for the print service."""
    ranges: tuple[tuple[int, int], ...] = ()
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        ranges = tuple((r.from_, r.to) for r in printer.pageRanges().toRangeList())
    return printing.Request(
        printer=printer.printerName(),
        copies=printer.copyCount(),
        ranges=ranges,
        sides=_SIDES.get(printer.duplex(), printing.ONE_SIDED),
        collate=printer.collateCopies(),
        title=title,
    )


def to_file(printer: QPrinter) -> Path | None:
    """The file chosen with "Print to file", if that was the choice."""
    name = printer.outputFileName()
    to_pdf = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    return Path(name) if to_pdf and name else None


class PrintStatus(QWidget):
    """Where the print is, and its Cancel button, in the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)  # moving while the print is on its way
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(80)
        self.progress.setTextVisible(False)
        self.cancel = QPushButton(_("Cancel print"), self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel)
        self.hide()

    def retranslate(self) -> None:
        self.cancel.setText(_("Cancel print"))


class PrintController(QObject):
    """One print at a time for its window: hand-off in a worker, then the queue watched."""

    finished = Signal(str)  # what the status bar says at the end

    def __init__(self, window: QMainWindow, ask, converter: Callable[[], Any]) -> None:
        super().__init__(window)
        self.window = window
        self.ask = ask  # the window's Asker: the print dialog, messages, the close question
        self.converter = converter  # the window's LibreOffice, for printing without CUPS
        self.printer: QPrinter | None = None  # kept: the dialog remembers the last choices
        self.status = PrintStatus(window)
        window.statusBar().addPermanentWidget(self.status, 1)  # the room a sentence needs
        self.status.cancel.clicked.connect(self.cancel)
        self.job: printing.Job | None = None
        self._handing_over = False  # until the worker's answer is heard (UI thread)
        self._work_done = threading.Event()  # set by the worker itself when it ends
        self._submitted: printing.Job | None = None  # the worker's job, before it is heard
        self._cancel_wanted = False
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self._ask_queue)
        self._asking = False

    # --- state -------------------------------------------------------------------------

    def busy(self) -> bool:
        """A print is on its way to the queue or waits in it."""
        return self._handing_over or self.job is not None

    def _show(self, text: str) -> None:
        self.status.label.setText(text)
        self.status.label.setToolTip(text)
        self.status.show()

    def _end(self, message: str) -> None:
        self.poll.stop()
        self.job = None
        self._cancel_wanted = False
        self.status.hide()
        self.window.statusBar().showMessage(message, 10000)
        self.finished.emit(message)

    # --- printing ----------------------------------------------------------------------

    def ask_and_print(self, data: bytes, pages: int, title: str, docx: Callable[[], bytes]) -> None:
        """The print dialog for a PDF of `pages` pages, then the print as chosen there.
        `docx()` gives the document the PDF was made of (called in the worker, and only where
        LibreOffice prints)."""
        if not data or pages == 0:
            if produce.find_soffice() is None:  # no pages will come: say what makes them
                self.ask.error(
                    _("Cannot print"),
                    _(
                        "The pages to print are made by LibreOffice, which is not installed. {hint}"
                    ).format(hint=produce.install_hint()),
                )
            else:
                self.ask.error(_("Nothing to print yet"), _("The pages are still being made."))
            return
        if self.busy():
            self.ask.error(
                _("A print is on its way"),
                _("Wait until it has printed, or cancel it in the status bar, and print again."),
            )
            return
        if not QPrinterInfo.availablePrinterNames():
            # The print dialog would offer only "Print to file", into the home folder: say
            # what to install or set up, and offer a PDF in a folder of the user's choice.
            worker.start(
                printing.no_printer_reason,
                lambda reason: self._no_printer(reason, data, title),
                lambda exc: self._no_printer(str(exc), data, title),
            )
            return
        if self.printer is None:
            self.printer = QPrinter()
        self.printer.setDocName(title)
        if self.ask.print_setup(self.printer, pages):
            self.start(data, self.printer, title, docx)

    def _no_printer(self, reason: str, data: bytes, title: str) -> None:
        if not self.ask.no_printer(reason):
            return
        suggestion = folders.start(folders.EXPORTS) / f"{names.file_stem(title) or 'pykala'}.pdf"
        target = self.ask.save_path(str(suggestion), kind="pdf-print")
        if target is None:
            return
        self._handing_over = True
        self._work_done.clear()
        self._show(_("Writing {name}…").format(name=target.name))
        work = self._file_work(data, printing.Request(title=title), target)
        worker.start(self._finally_done(work), self._saved, self._not_handed_over)

    def _saved(self, target: Path) -> None:
        self._handing_over = False
        self._end(
            _("Saved the pages as {name} in the folder {folder}").format(
                name=target.name, folder=target.parent
            )
        )

    def start(self, data: bytes, printer: QPrinter, title: str, docx: Callable[[], bytes]) -> None:
        """Print `data` (a PDF) as chosen in `printer`, in a worker."""
        target = to_file(printer)
        request = request_from(printer, title)
        self._handing_over = True
        self._work_done.clear()
        self._submitted = None
        self._cancel_wanted = False
        if target is not None:
            self._show(_("Writing {name}…").format(name=target.name))
            work = self._file_work(data, request, target)
        else:
            self._show(_("Sending to the printer…"))
            work = self._queue_work(data, request, docx)
        worker.start(self._finally_done(work), self._handed_over, self._not_handed_over)

    def _finally_done(self, work):
        def run():
            try:
                return work()
            finally:
                self._work_done.set()

        return run

    @staticmethod
    def _file_work(data: bytes, request: printing.Request, target: Path):
        def work() -> Path:
            atomic.write_bytes(target, printing.select_pages(data, request.ranges))
            return target

        return work

    def _queue_work(self, data: bytes, request: printing.Request, docx: Callable[[], bytes]):
        converter = self.converter()

        def work() -> printing.Job | str:
            if not printing.available():  # no CUPS (Windows): LibreOffice prints
                converter.print_docx(docx(), printing.libreoffice_options(request))
                return request.printer
            with scratch.temporary_directory("print-") as folder:
                source = Path(folder) / "print.pdf"
                source.write_bytes(data)
                self._submitted = printing.submit(source, request)  # the queue has a copy
                return self._submitted

        return work

    def _handed_over(self, result) -> None:
        self._handing_over = False
        if isinstance(result, Path):
            self._end(_("Printed to {name}").format(name=result.name))
            return
        if isinstance(result, str):  # LibreOffice handed it to the printer driver
            self._end(_("Sent to the printer {printer}").format(printer=result or "—"))
            return
        self.job = result
        if self._cancel_wanted:
            self.cancel()
            return
        if result.paused:
            self._show(
                _(
                    "The printer {printer} is paused: the print waits in its queue. Resume the "
                    "printer in the system's printer settings, or cancel the print."
                ).format(printer=result.printer)
            )
        else:
            self._show(_("Printing on {printer}…").format(printer=result.printer))
        self.poll.start()

    def _not_handed_over(self, exc: Exception) -> None:
        self._handing_over = False
        self.job = None
        self.status.hide()
        self._say_failed(exc)

    def _say_failed(self, exc: Exception) -> None:
        if isinstance(exc, OSError):  # a PrintError or ConversionError says it already
            exc = printing.PrintError(
                _("The print failed: {reason}").format(reason=exc.strerror or exc)
            )
        self.ask.error(_("Cannot print"), str(exc))

    def _ask_queue(self) -> None:
        if self.job is None or self._asking:
            return
        self._asking = True
        job = self.job
        worker.start(lambda: printing.pending(job), self._queue_said, self._queue_failed)

    def _queue_said(self, pending: bool) -> None:
        self._asking = False
        if not pending and self.job is not None:
            self._end(_("Printed on {printer}").format(printer=self.job.printer))

    def _queue_failed(self, exc: Exception) -> None:
        self._asking = False  # the next poll asks again

    # --- cancelling ----------------------------------------------------------------------

    def cancel(self) -> None:
        """Cancel the print: still on its way, it is cancelled as soon as the queue has it."""
        if self._handing_over:
            self._cancel_wanted = True
            self._show(_("Cancelling the print…"))
            return
        job = self.job
        if job is None:
            return
        self.poll.stop()
        self._show(_("Cancelling the print…"))
        worker.start(
            lambda: printing.cancel(job),
            lambda _none: self._end(_("Print cancelled")),
            self._cancel_failed,
        )

    def _cancel_failed(self, exc: Exception) -> None:
        self.poll.start()
        self._show(_("Printing on {printer}…").format(printer=self.job.printer if self.job else ""))
        self._say_failed(exc)

    def may_close(self) -> bool:
        """The window closes: a print on its way or in its queue is cancelled or left to print,
        as the user says; False if they would rather stay."""
        if not self.busy():
            return True
        answer = self.ask.print_running()
        if answer == "stay":
            return False
        self.finish_now(cancel=answer == "cancel")
        return True

    def finish_now(self, cancel: bool) -> None:
        """The window closes: wait for a hand-off under way (seconds at most), then cancel the
        job if asked; a job left in the queue prints on without us."""
        if self._handing_over:
            self._cancel_wanted = self._cancel_wanted or cancel
            self._work_done.wait(printing.COMMAND_SECONDS + 5)  # lp has its own time limit
        self.poll.stop()
        job, self.job = self.job or self._submitted, None
        self._handing_over = False
        if cancel and job is not None:
            with contextlib.suppress(printing.PrintError):
                printing.cancel(job)
