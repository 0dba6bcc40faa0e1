"""Printing the very PDF the preview shows, as vectors, through the system's print service.

Where CUPS is (Linux, macOS; its `lp`, `lpstat` and `cancel` commands) the PDF goes to the
queue as it is: the queue's filters honour copies, page ranges and duplex, and the text stays
text. Where it is not (Windows), the warm LibreOffice prints the same pages through the
system's printer driver (`drafting.render.warm`). Nothing is rasterised here.

Every failure is a PrintError whose message says what to do; every command has a time limit,
so nothing waits for ever on a print service that does not answer.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from drafting.i18n import _

COMMAND_SECONDS = 30

# IPP's `sides` keywords, which CUPS takes as they are.
ONE_SIDED = "one-sided"
LONG_EDGE = "two-sided-long-edge"
SHORT_EDGE = "two-sided-short-edge"


class PrintError(Exception):
    """The print did not reach a printer; the message says why and what to do."""


@dataclass(frozen=True)
class Request:
    """What the user chose in the print dialog."""

    printer: str = ""  # a queue name; "" is the system's default printer
    copies: int = 1
    ranges: tuple[tuple[int, int], ...] = ()  # 1-based, inclusive; () prints every page
    sides: str = ONE_SIDED
    collate: bool = True
    title: str = "Pykälä"

    def pages(self) -> str:
        """The ranges as CUPS and LibreOffice write them: "2-3,5"."""
        return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in self.ranges)


def libreoffice_options(request: Request) -> dict[str, object]:
    """The request as LibreOffice's print takes it (the UNO bridge's "print" request)."""
    duplex = {ONE_SIDED: 1, LONG_EDGE: 2, SHORT_EDGE: 3}  # com.sun.star.view.DuplexMode
    return {
        "printer": request.printer,
        "copies": request.copies,
        "pages": request.pages(),
        "collate": request.collate,
        "duplex": duplex.get(request.sides, 1),
    }


@dataclass(frozen=True)
class Job:
    """A print handed to the queue."""

    id: str  # "queue-12"
    printer: str
    paused: bool = False  # the printer is paused: the job waits in its queue


def available() -> bool:
    """True where CUPS's commands are (Linux, macOS)."""
    return all(shutil.which(name) for name in ("lp", "lpstat", "cancel"))


def _env() -> dict[str, str]:
    """The commands' own messages in English, so that they can be read here; the rest of the
    environment (CUPS_SERVER among it) as it is."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANGUAGE")}
    env["LC_MESSAGES"] = "C"
    return env


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, timeout=COMMAND_SECONDS, env=_env()
        )
    except FileNotFoundError as exc:
        raise PrintError(no_print_service()) from exc
    except subprocess.TimeoutExpired as exc:
        raise PrintError(
            _(
                "The print service did not answer in {seconds} seconds. Check that it runs "
                "and that the printer is reachable, then print again."
            ).format(seconds=COMMAND_SECONDS)
        ) from exc


def no_print_service() -> str:
    return _(
        "No print service was found. On Linux install CUPS (Debian: apt-get install cups) "
        "and add a printer in the system's printer settings."
    )


def no_printer_reason() -> str:
    """Why there is no printer to print on, and what to install or set up (the print dialog
    would offer only "Print to file")."""
    if not available() and not sys.platform.startswith("win"):
        return no_print_service()
    if available() and not running():
        return _problem("scheduler is not running", "")
    return _problem("no destinations added", "")


def _problem(output: str, printer: str) -> str:
    """The user's message for what `lp` or `lpstat` said."""
    said = output.lower()
    if "scheduler is not running" in said or "unable to connect" in said:
        return _(
            "The print service (CUPS) is not running. Start it (Linux: systemctl start cups) "
            "and print again."
        )
    if "no default destination" in said or "no destinations added" in said:
        return _(
            "No printer is installed. Add one in the system's printer settings and print again."
        )
    if "does not exist" in said or "unknown destination" in said or "invalid destination" in said:
        return _("The printer {printer} does not exist. Choose another printer.").format(
            printer=printer
        )
    if "not accepting" in said:
        return _(
            "The printer {printer} does not accept jobs now. Let it accept jobs again in the "
            "system's printer settings, or choose another printer."
        ).format(printer=printer)
    return _("The print failed: {reason}").format(reason=output.strip() or "?")


def default_printer() -> str:
    """The system's default queue, or ""."""
    result = _run("lpstat", "-d")
    match = re.search(r"destination:\s*(\S+)", result.stdout)
    return match.group(1) if match else ""


def is_paused(printer: str) -> bool:
    result = _run("lpstat", "-p", printer)
    return " disabled" in result.stdout


def running() -> bool:
    """True when the print service answers (CUPS's commands give other answers without it)."""
    return _run("lpstat", "-r").stdout.strip() == "scheduler is running"


def submit(pdf: Path, request: Request) -> Job:
    """Hand `pdf` to the print queue; returns when the queue holds the job (the spool has its
    own copy), not when paper comes out."""
    if not request.printer.isprintable():  # a NUL or a line break: no queue is named so
        shown = "".join(ch if ch.isprintable() else "?" for ch in request.printer)
        raise PrintError(_problem("does not exist", shown))
    if not running():
        raise PrintError(_problem("scheduler is not running", ""))
    printer = request.printer or default_printer()
    if not printer:
        raise PrintError(_problem("no default destination", ""))
    title = "".join(ch for ch in request.title if ch.isprintable()) or "Pykälä"
    command = ["lp", "-d", printer, "-n", str(max(1, request.copies)), "-t", title]
    command += ["-o", f"sides={request.sides}"]
    command += ["-o", "collate=true" if request.collate else "collate=false"]
    if request.ranges:
        command += ["-P", request.pages()]
    result = _run(*command, "--", str(pdf))
    match = re.search(r"request id is (\S+)", result.stdout)
    if result.returncode != 0 or not match:
        raise PrintError(_problem(result.stderr + result.stdout, printer))
    return Job(match.group(1), printer, paused=is_paused(printer))


def pending(job: Job) -> bool:
    """True while the job waits or prints in its queue."""
    result = _run("lpstat", "-o", job.printer)
    return any(line.split()[:1] == [job.id] for line in result.stdout.splitlines())


def cancel(job: Job) -> None:
    """Take the job out of its queue (done already is fine)."""
    result = _run("cancel", job.id)
    if result.returncode != 0 and pending(job):
        raise PrintError(_problem(result.stderr, job.printer))


def select_pages(data: bytes, ranges: tuple[tuple[int, int], ...]) -> bytes:
    """The PDF `data` with only the pages in `ranges` (all when there are none): what "Print
    to file" writes. Pages are numbered from 1; pages outside the document (0, negative,
    past its end) are left out, and a range whose end is before its start is empty.
    PrintError when no page asked for is in the document."""
    if not ranges:
        return data
    from pypdf import PdfReader, PdfWriter

    reader, writer = PdfReader(io.BytesIO(data)), PdfWriter()
    count = len(reader.pages)
    for first, last in ranges:
        for number in range(max(first, 1), min(last, count) + 1):
            writer.add_page(reader.pages[number - 1])
    if not writer.pages:
        raise PrintError(
            _(
                "None of the pages asked for ({pages}) is in the document, which has {count} "
                "pages. Give pages from 1 to {count}."
            ).format(pages=Request(ranges=ranges).pages(), count=count)
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
