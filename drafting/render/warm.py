"""A LibreOffice kept running for conversions: ≈0.2 s a page set instead of ≈1 s cold.

One bridge process (drafting/render/uno_bridge.py, under LibreOffice's Python) owns one
soffice with its own profile, reachable only through a private pipe. It is started at the
first conversion, restarted after it dies or hangs, and stopped with the program; if the
parent dies, the bridge sees its stdin close and ends soffice too. When no warm converter
can run, `Converter` falls back to cold `soffice --convert-to` and says so once.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from drafting import scratch
from drafting.i18n import _
from drafting.location import ROOT
from drafting.render import hyphenation, pdf

# A data file in the bundle (LibreOffice's Python runs it, never frozen).
BRIDGE = ROOT / "drafting" / "render" / "uno_bridge.py"
START_TIMEOUT = 90.0
CONVERT_TIMEOUT = 60.0


class ConverterStopped(pdf.ConversionError):
    """The warm LibreOffice died or hung; it is started again at the next conversion."""


class ConverterClosed(pdf.ConversionError):
    """The converter was stopped for good (its window closed): a conversion that comes late,
    from a worker still running, starts no LibreOffice that would outlive the window."""


def uno_python(soffice: Path) -> Path | None:
    """A Python that can `import uno`: LibreOffice's own, or the system's with python3-uno."""
    override = os.environ.get("PYKALA_UNO_PYTHON")
    program = soffice.resolve().parent
    if override:  # the administrator's choice, and nothing else
        return Path(override) if _imports_uno(Path(override)) else None
    candidates = [
        program / "python.exe",
        program / "python",
        program.parent / "Resources" / "python",
        Path("/usr/bin/python3"),
    ]
    for candidate in candidates:
        if candidate.is_file() and _imports_uno(candidate):
            return candidate
    return None


def _imports_uno(python: Path) -> bool:
    try:
        return (
            subprocess.run(
                [str(python), "-c", "import uno"],
                capture_output=True,
                timeout=30,
                env=_bridge_env(),
            ).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return False


def _bridge_env() -> dict[str, str]:
    # Our own venv must not leak into LibreOffice's Python; the bridge passes this
    # environment on to the soffice it starts.
    return pdf.soffice_env()


class WarmConverter:
    def __init__(self, soffice: Path, python: Path) -> None:
        self.soffice = soffice
        self.python = python
        self.process: subprocess.Popen | None = None
        self.office_pids: list[int] = []
        self.profile: Path | None = None
        self._replies: queue.Queue = queue.Queue()
        self._lock = threading.Lock()

    @property
    def pids(self) -> list[int]:
        """The processes this converter started (bridge, soffice), for tests and cleanup."""
        return ([self.process.pid] if self.process else []) + self.office_pids

    def _start(self, timeout: float = START_TIMEOUT) -> None:
        self.profile = pdf.new_profile("warm-profile-")
        try:
            self.process = subprocess.Popen(
                [str(self.python), str(BRIDGE), str(self.soffice), str(self.profile)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                env=_bridge_env(),
                start_new_session=sys.platform != "win32",
            )
        except OSError as exc:
            self._kill()
            raise pdf.ConversionError(
                _("LibreOffice could not be started for the preview: {error}").format(
                    error=exc.strerror or exc
                )
            ) from None
        self._replies = queue.Queue()
        threading.Thread(target=self._read, args=(self.process, self._replies), daemon=True).start()
        ready = self._reply(min(START_TIMEOUT, timeout))
        if not ready.get("ready"):
            self._kill()
            raise pdf.ConversionError(
                _("LibreOffice could not be started for the preview: {error}").format(
                    error=ready.get("error", "")
                )
            )
        self.office_pids = list(ready.get("office_pids", []))

    @staticmethod
    def _read(process: subprocess.Popen, replies: queue.Queue) -> None:
        for line in process.stdout or ():  # a pipe: never None
            try:
                replies.put(json.loads(line))
            except ValueError:
                continue
        replies.put(None)  # the bridge ended

    def _reply(self, timeout: float) -> dict:
        try:
            reply = self._replies.get(timeout=timeout)
        except queue.Empty:
            self._kill()
            raise ConverterStopped(
                _("LibreOffice did not answer in {seconds} s; it is being restarted.").format(
                    seconds=int(timeout)
                )
            ) from None
        if reply is None:
            self._kill()
            raise ConverterStopped(
                _("LibreOffice stopped while making the PDF; it is being restarted.")
            )
        return reply

    def _ask(self, request: dict, deadline: float) -> dict:
        """Send one request to the bridge (starting LibreOffice if it is not running) and
        return its reply; ConverterStopped if LibreOffice went away meanwhile."""
        if self.process is None or self.process.poll() is not None:
            self._kill()
            self._start(max(deadline - time.monotonic(), 0.1))
        stdin = self.process.stdin if self.process else None
        try:
            if stdin is None:  # started with a pipe: not reached
                raise OSError("no pipe to the bridge")
            stdin.write(json.dumps(request) + "\n")
            stdin.flush()
        except OSError:
            self._kill()
            raise ConverterStopped(
                _("LibreOffice stopped while making the PDF; it is being restarted.")
            ) from None
        reply = self._reply(max(deadline - time.monotonic(), 0.1))
        if reply.get("stopped"):
            self._kill()
            raise ConverterStopped(
                _("LibreOffice stopped while making the PDF; it is being restarted.")
            )
        return reply

    def convert(
        self, docx: bytes, archival: bool = False, timeout: float = CONVERT_TIMEOUT
    ) -> bytes:
        """`timeout`: the seconds for all of it, a start of LibreOffice included."""
        return self.convert_sections(docx, 0, archival, timeout)[0]

    def convert_sections(
        self, docx: bytes, sections: int, archival: bool = False, timeout: float = CONVERT_TIMEOUT
    ) -> tuple[bytes, list[int]]:
        """The PDF of a document compose.combine marked, and the pages of each of its
        `sections`, counted and written into its headers in the same load (none when 0)."""
        deadline = time.monotonic() + timeout
        with self._lock, scratch.temporary_directory("warm-") as work:
            source, target = Path(work) / "document.docx", Path(work) / "document.pdf"
            source.write_bytes(docx)
            request = {
                "in": str(source),
                "out": str(target),
                "filter_data": pdf.ARCHIVAL_OPTIONS if archival else {},
                "sections": sections,
            }
            reply = self._ask(request, deadline)
            data = target.read_bytes() if target.is_file() else b""
            pages = reply.get("pages", []) if sections else []
            if (
                not reply.get("ok")
                or not data.startswith(b"%PDF")
                or len(pages) != sections
                or not all(isinstance(n, int) and n > 0 for n in pages)
            ):
                raise pdf.ConversionError(
                    _("LibreOffice could not convert the document to PDF. {detail}").format(
                        detail=reply.get("error", "")
                    )
                )
            return data, pages

    def print_docx(self, docx: bytes, options: dict, timeout: float = CONVERT_TIMEOUT) -> None:
        """Print `docx` through LibreOffice and the system's printer driver (`options`: the
        bridge's printer, copies, pages, collate, duplex). Returns once it is handed over."""
        deadline = time.monotonic() + timeout
        with self._lock, scratch.temporary_directory("warm-") as work:
            source = Path(work) / "document.docx"
            source.write_bytes(docx)
            reply = self._ask({"print": str(source), **options}, deadline)
            if not reply.get("ok"):
                raise pdf.ConversionError(
                    _("LibreOffice could not print the document. {detail}").format(
                        detail=reply.get("error", "")
                    )
                )

    def _kill(self) -> None:
        process, self.process = self.process, None
        office, self.office_pids = self.office_pids, []
        if process is not None:
            pdf.kill_tree(process, also=office)
            for stream in (process.stdin, process.stdout):
                with contextlib.suppress(OSError):
                    if stream is not None:
                        stream.close()
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None

    def stop(self) -> None:
        """Ask the bridge to end soffice, then make sure both are gone."""
        process = self.process
        if process is not None and process.poll() is None:
            try:
                if process.stdin is not None:  # a pipe: always
                    process.stdin.write(json.dumps({"quit": True}) + "\n")
                    process.stdin.close()
                process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._kill()


class Converter:
    """Warm when it can be, cold when it cannot; one object for the whole program (or, with
    `warm=False`, for one command-line run: LibreOffice started anew for each conversion)."""

    def __init__(self, warm: bool = True) -> None:
        self.warm: WarmConverter | None = None
        self.notice = ""  # set once when falling back to cold conversions, or once per
        # language that LibreOffice cannot hyphenate; the preview shows it and clears it
        self._told_hyphenation: set[str] = set()
        self._checked = not warm  # never warm: nothing to look for
        self._closed = False
        self._lock = threading.Lock()
        atexit.register(self.stop)

    def _warm(self) -> WarmConverter | None:
        if self._closed:
            raise ConverterClosed(_("LibreOffice was closed with its window."))
        if not self._checked:
            self._checked = True
            soffice = pdf.require_soffice()
            python = uno_python(soffice)
            if python is None:
                self.notice = _(
                    "The preview runs LibreOffice anew for every page set (about "
                    "a second), because its Python bridge was not found."
                )
            else:
                self.warm = WarmConverter(soffice, python)
        return self.warm

    def convert(self, docx: bytes, archival: bool = False, language: str = "") -> bytes:
        """One time limit for the whole conversion (pdf.time_limit()): a warm LibreOffice
        that fails to start leaves the cold one only the time that is left. `language` is
        the document's (fi or sv), as whoever made it knows it: without a hyphenator for it
        the notice says so, once."""
        counted = self._convert(docx, 0, archival)
        if counted is None:
            data = pdf.convert(docx, archival=archival)
        elif isinstance(counted, float):
            data = pdf.convert(docx, archival=archival, timeout=counted)
        else:
            data = counted[0]
        self._check_hyphenation(language)
        return data

    def convert_sections(
        self, docx: bytes, sections: int, archival: bool = False, language: str = ""
    ) -> tuple[bytes, list[int]] | None:
        """The PDF of a document compose.combine marked, and each of its `sections`' page
        count, written into its headers as they are counted: one load of the document in
        the warm LibreOffice. None when there is no warm one (a cold one cannot count)."""
        counted = self._convert(docx, sections, archival)
        if counted is None or isinstance(counted, float):
            return None
        self._check_hyphenation(language)
        return counted

    def _convert(
        self, docx: bytes, sections: int, archival: bool
    ) -> tuple[bytes, list[int]] | float | None:
        """Through the warm LibreOffice; None when there is none, and when it never started
        (cold from now on, said once) the seconds a cold conversion has left of the one
        limit."""
        limit = pdf.time_limit()
        deadline = time.monotonic() + limit
        with self._lock:
            warm = self._warm()
        if warm is None:
            return None
        try:
            return warm.convert_sections(docx, sections, archival=archival, timeout=limit)
        except ConverterStopped:
            raise
        except pdf.ConversionError as exc:
            if warm.process is not None:
                raise
            self.warm = None  # it never started: cold from now on, said once
            self.notice = str(exc)
            remaining = deadline - time.monotonic()
            if remaining < 1:
                raise pdf.ConversionError(
                    _("LibreOffice did not finish within {seconds} s and was stopped.").format(
                        seconds=int(limit)
                    )
                ) from None
            return remaining

    def print_docx(self, docx: bytes, options: dict) -> None:
        """Print through the warm LibreOffice (where there is no CUPS: Windows)."""
        with self._lock:
            warm = self._warm()
        if warm is None:
            raise pdf.ConversionError(
                _(
                    "Printing needs LibreOffice's Python bridge here, and it was not found. "
                    "Reinstall LibreOffice with its Python scripting component."
                )
            )
        warm.print_docx(docx, options, timeout=pdf.time_limit())

    def _check_hyphenation(self, language: str) -> None:
        """Without a hyphenator for the document's language the pages print unhyphenated:
        say so once per language."""
        soffice = pdf.find_soffice()
        if not language or language in self._told_hyphenation or soffice is None:
            return
        self._told_hyphenation.add(language)
        if not hyphenation.available(soffice, language):
            notice = hyphenation.missing_notice()
            self.notice = f"{self.notice} {notice}" if self.notice else notice

    @property
    def pids(self) -> list[int]:
        return self.warm.pids if self.warm else []

    def stop(self) -> None:
        """For good: LibreOffice ends, and a conversion asked for later starts none."""
        self._closed = True
        if self.warm is not None:
            self.warm.stop()
