"""A warm LibreOffice, driven over UNO. Runs under LibreOffice's own Python (it needs `uno`),
started by drafting.render.warm, never imported by Pykälä itself.

    python uno_bridge.py SOFFICE PROFILE_DIR

It starts soffice listening on a private named pipe (no network port), then answers one
JSON request per line on stdin with one JSON line on stdout:

    {"in": "/tmp/a.docx", "out": "/tmp/a.pdf", "archival": false}  →  {"ok": true}
    {"in": …, "out": …, "sections": 5}  →  {"ok": true, "pages": [2, 2, 7, 2, 1]}
                                        (a document compose.combine marked: its sections'
                                         pages, counted and written into its headers)
    {"print": "/tmp/a.docx", "printer": "Office", "copies": 1, "pages": "2-3",
     "collate": true, "duplex": 2}                                   →  {"ok": true}
    {"quit": true}                                                 →  (exits)

When stdin closes (its parent died or quit) it ends soffice too: no orphans.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import uno  # only LibreOffice's Python has it
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

START_SECONDS = 60


def _prop(name: str, value: Any) -> Any:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _connect(office: subprocess.Popen[bytes], pipe: str) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)  # soffice is still starting: poll its pipe


# The bookmarks of a marked document (drafting.render.compose), by part index.
SECTION_MARK = "PykalaSection%d"
PAGES_MARK = "PykalaPages"


def _count_sections(document: Any, sections: int) -> list[int]:
    """Each of a marked document's `sections` counts its own pages in this layout, from the
    page where its text starts to the page where it ends (just before the next one starts:
    the blank page LibreOffice puts before a section whose numbering starts anew on a left
    page is nobody's, and the PDF leaves it out). The counts are written into every header's
    PAGES_MARK, the stored result of its SECTIONPAGES, and returned. The views are locked
    while they are written: one layout after all of them, not one after each."""
    cursor = document.getCurrentController().getViewCursor()
    marks = document.getBookmarks()
    starts, ends = [], []
    for n in range(sections):
        cursor.gotoRange(marks.getByName(SECTION_MARK % n).getAnchor(), False)
        starts.append(cursor.getPage())
        if n:
            cursor.goLeft(1, False)  # the end of the section before
            ends.append(cursor.getPage())
    cursor.gotoEnd(False)
    ends.append(cursor.getPage())
    pages = [max(1, ends[n] - starts[n] + 1) for n in range(sections)]
    document.lockControllers()
    try:
        for name in marks.getElementNames():
            if name.startswith(PAGES_MARK):
                index = int(name[len(PAGES_MARK) :].split("_")[0])
                marks.getByName(name).getAnchor().setString(str(pages[index]))
    finally:
        document.unlockControllers()
    return pages


def _convert(desktop: Any, request: dict[str, Any]) -> dict[str, Any]:
    """Convert one document; a marked one's section page counts are written into it first,
    and returned."""
    source = uno.systemPathToFileUrl(str(Path(request["in"]).resolve()))
    target = uno.systemPathToFileUrl(str(Path(request["out"]).resolve()))
    document = desktop.loadComponentFromURL(
        source, "_blank", 0, (_prop("Hidden", True), _prop("ReadOnly", True))
    )
    try:
        found: dict[str, Any] = {}
        if request.get("sections"):
            found["pages"] = _count_sections(document, request["sections"])
        options = [_prop("FilterName", "writer_pdf_Export")]
        if request.get("filter_data"):  # drafting.render.pdf.ARCHIVAL_OPTIONS
            data = tuple(_prop(name, value) for name, value in request["filter_data"].items())
            options.append(_prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", data)))
        document.storeToURL(target, tuple(options))
        return found
    finally:
        document.close(True)


def _print(desktop: Any, request: dict[str, Any]) -> None:
    """Print a document through the system's printer driver, as LibreOffice prints: vectors,
    the same layout as its PDF. Returns when the job has been handed over."""
    source = uno.systemPathToFileUrl(str(Path(request["print"]).resolve()))
    document = desktop.loadComponentFromURL(
        source, "_blank", 0, (_prop("Hidden", True), _prop("ReadOnly", True))
    )
    try:
        if request.get("printer"):
            document.setPrinter((_prop("Name", request["printer"]),))
        options = [
            _prop("Wait", True),
            _prop("CopyCount", uno.Any("short", max(1, int(request.get("copies", 1))))),
            _prop("Collate", bool(request.get("collate", True))),
        ]
        if request.get("pages"):
            options.append(_prop("Pages", request["pages"]))
        if request.get("duplex"):  # com.sun.star.view.DuplexMode: 1 off, 2 long, 3 short edge
            options.append(_prop("DuplexMode", uno.Any("short", int(request["duplex"]))))
        uno.invoke(document, "print", (tuple(options),))
    finally:
        document.close(True)


def _descendants(pid: int) -> list[int]:
    """soffice is a launcher that starts soffice.bin: report every process below it (Linux
    /proc; elsewhere just the launcher)."""
    found: list[int] = []
    frontier = [pid]
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    while frontier:
        parent = frontier.pop()
        for stat in proc.glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                child = int(stat.parent.name)
                found.append(child)
                frontier.append(child)
    return found


def main() -> int:
    soffice, profile = sys.argv[1], Path(sys.argv[2])
    pipe = "pykala" + uuid.uuid4().hex
    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = [office.pid]
    try:
        try:
            context = _connect(office, pipe)
        except Exception as exc:  # reported to the parent, which falls back to cold runs
            _say({"ready": False, "error": f"{type(exc).__name__}: {exc}"})
            return 1
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        started = [office.pid] + _descendants(office.pid)
        _say({"ready": True, "office_pids": started})
        for line in sys.stdin:
            request = json.loads(line)
            if request.get("quit"):
                break
            try:
                found = (_print if "print" in request else _convert)(desktop, request)
                _say({"ok": True, **(found or {})})
            except Exception as exc:
                stopped = office.poll() is not None  # soffice died under us: end too
                _say({"ok": False, "stopped": stopped, "error": f"{type(exc).__name__}: {exc}"})
                if stopped:
                    return 1
        with contextlib.suppress(Exception):
            desktop.terminate()
        return 0
    finally:
        _end(office, started)


def _end(office: subprocess.Popen[bytes], started: list[int]) -> None:
    """soffice is gone when this returns: asked to terminate, then killed, launcher and
    soffice.bin alike (killing the launcher alone would orphan soffice.bin)."""
    try:
        office.wait(timeout=5)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()
    for pid in started[1:]:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
