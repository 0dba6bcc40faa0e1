"""Printing sends the preview's own PDF, as vectors, to a real CUPS queue
(tests/support/print_queue.py):
through Ctrl+P and the print dialog's choices, off the UI thread, with Cancel in the status
bar, and with a message that says what to do when there is no printer to print on."""

from __future__ import annotations

import os
import re
import subprocess

import psutil
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest

from tests.conftest import EXAMPLE_333
from tests.ui.test_preview import WAIT, shown

pytestmark = [pytest.mark.libreoffice, pytest.mark.cups]


def choose(window, printer_name: str, pages: tuple[int, int] | None = None, file=None):
    """What the user picks in the print dialog."""

    def setup(printer: QPrinter, count: int) -> bool:
        if file is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(file))
        else:
            printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
            printer.setOutputFileName("")
            printer.setPrinterName(printer_name)
        if pages:
            ranges = QPageRanges()
            ranges.addRange(*pages)
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setPageRanges(ranges)
        else:
            printer.setPrintRange(QPrinter.PrintRange.AllPages)
        return True

    window.answers["print_setup"] = setup


def press_print(window) -> None:
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)


def printed(window, qtbot, queue) -> bytes:
    """Press Ctrl+P and wait until the queue has printed the job; the job's PDF."""
    with qtbot.waitSignal(window.printing.finished, timeout=WAIT) as done:
        press_print(window)
    assert done.args[0] == f"Printed on {queue.name}", window.messages
    assert queue.jobs() == []
    return queue.output.read_bytes()


def pdftotext(data: bytes, tmp_path) -> list[str]:
    """The text of each page."""
    source = tmp_path / "job.pdf"
    source.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def children() -> list[psutil.Process]:
    return psutil.Process(os.getpid()).children(recursive=True)


@pytest.fixture
def opened(window, qtbot):
    shown(window, qtbot, lambda: window.open_path(EXAMPLE_333))
    assert window.preview.page_count() == 7
    return window


def test_ctrl_p_prints_the_seven_pages_as_text_with_their_numbers(
    opened, qtbot, printer_queue, tmp_path
):
    choose(opened, printer_queue.name)
    job = printed(opened, qtbot, printer_queue)
    pages = pdftotext(job, tmp_path)
    assert len(pages) == 7
    for number, page in enumerate(pages, 1):
        assert f"{number} (7)" in page  # the header's "N (M)": text, not a picture of it
    assert len(job) <= 3 * len(opened.preview.data())
    assert not opened.printing.status.isVisible()
    (tmp_path / "page").mkdir()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-", str(tmp_path / "page" / "p")],
        input=job,
        check=True,
    )


def test_a_page_range_prints_those_pages(opened, qtbot, printer_queue, tmp_path):
    choose(opened, printer_queue.name, pages=(2, 3))
    pages = pdftotext(printed(opened, qtbot, printer_queue), tmp_path)
    assert len(pages) == 2
    assert "2 (7)" in pages[0] and "3 (7)" in pages[1]


def test_cancel_in_the_status_bar_takes_the_job_out_of_the_queue(opened, qtbot, printer_queue):
    printer_queue.pause()  # the job waits in the queue, as behind a busy printer
    choose(opened, printer_queue.name)
    press_print(opened)
    status = opened.printing.status
    qtbot.waitUntil(lambda: "is paused" in status.label.text(), timeout=WAIT)
    assert printer_queue.jobs(), "the job waits in the queue"
    assert status.isVisible() and status.cancel.isVisible()
    with qtbot.waitSignal(opened.printing.finished, timeout=WAIT) as done:
        qtbot.mouseClick(status.cancel, Qt.MouseButton.LeftButton)
    assert done.args[0] == "Print cancelled"
    assert printer_queue.jobs() == []
    assert not [p for p in children() if p.name() in ("lp", "lpstat", "cancel")]


def test_closing_during_a_print_asks_and_can_cancel_it(opened, qtbot, printer_queue):
    printer_queue.pause()
    choose(opened, printer_queue.name)
    press_print(opened)
    qtbot.waitUntil(lambda: opened.printing.job is not None, timeout=WAIT)
    opened.answers["print_running"] = "stay"
    assert not opened.close()
    assert printer_queue.jobs()
    opened.answers["print_running"] = "cancel"
    assert opened.close()
    assert printer_queue.jobs() == []
    assert not [p for p in children() if p.name() in ("lp", "lpstat", "cancel")]


def test_without_cups_libreoffice_prints_the_same_pages(
    opened, qtbot, printer_queue, tmp_path, monkeypatch
):
    """Windows has no CUPS: there the warm LibreOffice prints through the printer driver.
    Here its driver is CUPS too, so the same queue shows what it printed."""
    from drafting import printing

    monkeypatch.setattr(printing, "available", lambda: False)
    choose(opened, printer_queue.name, pages=(2, 3))
    with qtbot.waitSignal(opened.printing.finished, timeout=WAIT) as done:
        press_print(opened)
    assert done.args[0] == f"Sent to the printer {printer_queue.name}", opened.messages
    qtbot.waitUntil(lambda: printer_queue.jobs() == [] and printer_queue.output.stat().st_size > 0)
    pages = pdftotext(printer_queue.output.read_bytes(), tmp_path)
    assert len(pages) == 2 and "2 (7)" in pages[0] and "3 (7)" in pages[1]


def test_print_to_file_writes_the_chosen_pages_of_the_same_pdf(
    opened, qtbot, printer_queue, tmp_path
):
    target = tmp_path / "printed.pdf"
    choose(opened, "", pages=(5, 7), file=target)
    with qtbot.waitSignal(opened.printing.finished, timeout=WAIT):
        press_print(opened)
    pages = pdftotext(target.read_bytes(), tmp_path)
    assert [p for p in ("5 (7)", "6 (7)", "7 (7)") if p in "".join(pages)] == [
        "5 (7)",
        "6 (7)",
        "7 (7)",
    ]
    assert len(pages) == 3


def test_with_no_printer_installed_the_message_says_to_add_one(opened, qtbot, print_scheduler):
    choose(opened, "")  # the service runs, but has no printer and so no default one
    press_print(opened)
    qtbot.waitUntil(lambda: bool(opened.messages), timeout=WAIT)
    title, text = opened.messages[-1][:2]
    assert title == "Cannot print"
    assert text.startswith("No printer is installed. Add one")
    assert not opened.printing.busy() and not opened.printing.status.isVisible()


def test_without_a_running_print_service_the_message_says_to_start_it(
    opened, qtbot, monkeypatch, tmp_path
):
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-scheduler.sock"))
    choose(opened, "any")
    press_print(opened)
    qtbot.waitUntil(lambda: bool(opened.messages), timeout=WAIT)
    assert "is not running" in opened.messages[-1][1]
    assert not opened.printing.busy()


def test_the_meeting_view_prints_the_agenda_and_one_item(view, qtbot, printer_queue, tmp_path):
    choose(view, printer_queue.name)
    with qtbot.waitSignal(view.printing.finished, timeout=WAIT) as done:
        view.act_print_agenda.trigger()  # the menu entry
    assert done.args[0] == f"Printed on {printer_queue.name}", view.messages
    agenda = pdftotext(printer_queue.output.read_bytes(), tmp_path)
    assert len(agenda) > 2 and "Esityslista" in agenda[0]
    # Each page has its header's "N (M)", with M filled in (each section counts its own).
    numbered = [bool(re.search(r"\b\d+ \(\d+\)", page)) for page in agenda]
    assert all(numbered), agenda[numbered.index(False)].splitlines()[:1]

    view.items.setCurrentItem(view.items.topLevelItem(2))  # the third: § 885
    printer_queue.output.write_bytes(b"")
    with qtbot.waitSignal(view.printing.finished, timeout=WAIT):
        view.act_print_item.trigger()
    item = pdftotext(printer_queue.output.read_bytes(), tmp_path)
    assert len(item) == 2 and "1 (2)" in item[0]  # § 885 alone: its own two pages
    assert "Biaudetin" in "".join(item)


def test_without_libreoffice_print_says_what_to_install(make_window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("PYKALA_SOFFICE", str(tmp_path / "no-soffice"))
    window = make_window(converter=None)  # its own converter, which finds no LibreOffice
    messages = window.messages
    window.open_path(EXAMPLE_333)
    qtbot.waitUntil(lambda: window.preview.banner.isVisible(), timeout=WAIT)
    press_print(window)
    assert messages[-1][0] == "Cannot print"
    assert "apt-get install libreoffice-writer-nogui" in messages[-1][1]
