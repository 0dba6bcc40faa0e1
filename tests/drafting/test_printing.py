"""The print service's own answers, read into messages a user can act on (a real, private
CUPS scheduler: tests/support/print_queue.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from drafting import printing
from tests.conftest import EXAMPLE_885, ROOT

pytestmark = [pytest.mark.libreoffice, pytest.mark.cups]


@pytest.fixture
def pdf(tmp_path):
    """A two-page PDF: § 885 as the program prints it."""
    out = tmp_path / "885.pdf"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "render",
            str(EXAMPLE_885),
            "-o",
            str(tmp_path / "885.docx"),
            "--pdf",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out


def test_a_printer_that_does_not_exist_is_named(print_scheduler, tmp_path):
    source = tmp_path / "x.pdf"
    source.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(printing.PrintError, match="no-such-printer does not exist"):
        printing.submit(source, printing.Request(printer="no-such-printer"))


def test_a_paused_printer_keeps_the_job_and_says_so(printer_queue, pdf):
    printer_queue.pause()
    job = printing.submit(pdf, printing.Request(printer=printer_queue.name, copies=2))
    assert job.paused and job.printer == printer_queue.name
    assert printing.pending(job) and printer_queue.jobs() == [job.id]
    printing.cancel(job)
    assert not printing.pending(job) and printer_queue.jobs() == []


def test_the_request_names_pages_as_cups_and_libreoffice_write_them():
    assert printing.Request(ranges=((2, 3), (5, 5))).pages() == "2-3,5"


def test_select_pages_keeps_only_the_chosen_pages(pdf):
    import io

    from pypdf import PdfReader

    data = pdf.read_bytes()
    assert len(PdfReader(io.BytesIO(printing.select_pages(data, ((2, 2),)))).pages) == 1
    assert printing.select_pages(data, ()) == data
