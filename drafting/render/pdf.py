"""DOCX → PDF through LibreOffice, the one layout engine behind preview, print and export.

A cold `soffice --convert-to` per call. It exits 0 even when it failed, so the result is
checked to be a PDF; a stuck process is killed with its whole process group.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

from drafting import scratch
from drafting.i18n import _
from drafting.render import hyphenation

TIMEOUT_SECONDS = 120


def time_limit() -> float:
    """Seconds one conversion may take in all (warm start, warm or cold conversion):
    $PYKALA_PDF_TIMEOUT, or TIMEOUT_SECONDS."""
    try:
        value = float(os.environ.get("PYKALA_PDF_TIMEOUT", ""))
    except ValueError:
        return TIMEOUT_SECONDS
    return value if value > 0 else TIMEOUT_SECONDS


# PDF/A-2b and a structure tree (tagged PDF): what an archive and a screen reader need.
# The one list of them: the cold converter writes it as --convert-to's JSON, the warm one
# hands it to the bridge, which makes UNO properties of it.
ARCHIVAL_OPTIONS: dict[str, int | bool] = {"SelectPdfVersion": 2, "UseTaggedPDF": True}


class ConversionError(Exception):
    """The PDF could not be made; the message says why and what to do."""


class LibreOfficeMissing(ConversionError):
    pass


def _candidates() -> list[Path]:
    found = [shutil.which(name) for name in ("soffice", "libreoffice")]
    paths = [Path(p) for p in found if p]
    if sys.platform == "win32":
        for root in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            if root:
                paths.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        paths.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    else:
        paths += [
            Path("/usr/bin/soffice"),
            Path("/usr/lib/libreoffice/program/soffice"),
            Path("/opt/libreoffice/program/soffice"),
        ]
    return paths


def find_soffice() -> Path | None:
    """LibreOffice's soffice: $PYKALA_SOFFICE, the PATH, then the usual install folders."""
    override = os.environ.get("PYKALA_SOFFICE")
    if override:
        return Path(override) if Path(override).is_file() else None
    return next((p for p in _candidates() if p.is_file()), None)


def require_soffice() -> Path:
    """soffice, ready to run; LibreOfficeMissing or ConversionError saying what is wrong."""
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing(
            _("LibreOffice was not found, so no PDF was made. {hint}").format(hint=install_hint())
        )
    if sys.platform != "win32" and not os.access(soffice, os.X_OK):
        raise LibreOfficeMissing(
            _(
                "{path} cannot be run (it is not executable), so no PDF was made. "
                "Point PYKALA_SOFFICE at LibreOffice's soffice, or make the file executable."
            ).format(path=soffice)
        )
    return soffice


def install_hint() -> str:
    if sys.platform == "win32" or sys.platform == "darwin":
        return _("Install LibreOffice from libreoffice.org, then try again.")
    return _("Install LibreOffice: apt-get install libreoffice-writer-nogui")


# Directories that hold the system's own programs, first on LibreOffice's PATH.
SYSTEM_PATH = ("/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin", "/sbin")
# Variables that point a Python at another installation: LibreOffice runs Python inside
# (Voikko's hyphenator, the UNO bridge) and must get its own.
PYTHON_VARIABLES = ("PYTHON", "PYENV", "VIRTUAL_ENV", "CONDA_")


def _foreign_python_dir(entry: str) -> bool:
    """A virtualenv's or pyenv's bin (or shims) directory."""
    path = Path(entry)
    return (
        (path.parent / "pyvenv.cfg").is_file()
        or ".pyenv" in path.parts
        or (path.name == "shims" and (path.parent / "versions").is_dir())
    )


def soffice_env(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every LibreOffice we start gets (cold, warm bridge, meeting builds).

    With libreoffice-voikko, soffice aborts (exit 134) when a virtualenv's or pyenv's bin is
    first on PATH: its Python components then pick up the wrong interpreter. So: no Python
    variables, no virtualenv or pyenv directories on PATH, and the system's directories
    first. Everything else (HOME, LANG, fonts, …) is kept.
    """
    source = os.environ if environ is None else environ
    env = {k: v for k, v in source.items() if not k.upper().startswith(PYTHON_VARIABLES)}
    entries = [e for e in source.get("PATH", "").split(os.pathsep) if e]
    venv = source.get("VIRTUAL_ENV")
    kept = [
        e
        for e in entries
        if not _foreign_python_dir(e) and not (venv and Path(e).parent == Path(venv))
    ]
    if sys.platform != "win32":
        kept = list(SYSTEM_PATH) + [e for e in kept if e not in SYSTEM_PATH]
    env["PATH"] = os.pathsep.join(kept)
    # LibreOffice's own temporary files (lu*.tmp, OSL_PIPE_*) go to this process's private
    # scratch folder, which the next start removes if this process was killed.
    private = str(scratch.process_dir())
    for name in ("TMPDIR", "TMP", "TEMP"):
        env[name] = private
    return env


def _filter(archival: bool) -> str:
    if not archival:
        return "pdf:writer_pdf_Export"
    typed = {
        name: {"type": "boolean", "value": str(value).lower()}
        if isinstance(value, bool)
        else {"type": "long", "value": str(value)}
        for name, value in ARCHIVAL_OPTIONS.items()
    }
    return "pdf:writer_pdf_Export:" + json.dumps(typed, separators=(",", ":"))


_profile_lock = threading.Lock()
_profile_dir: Path | None = None


def new_profile(prefix: str) -> Path:
    """A new private LibreOffice profile folder (-env:UserInstallation), in this process's
    scratch folder, set up as every soffice we start needs it (Finnish hyphenation)."""
    profile = scratch.mkdtemp(prefix)
    hyphenation.seed_profile(profile)
    return profile


def _profile() -> Path:
    """One private LibreOffice profile per process: two processes must never share one."""
    global _profile_dir
    if _profile_dir is None:
        _profile_dir = new_profile("lo-profile-")
        atexit.register(shutil.rmtree, _profile_dir, ignore_errors=True)
    return _profile_dir


def kill_tree(process: subprocess.Popen, also: Iterable[int] = ()) -> None:
    """End `process`, every process below it and the pids in `also` (a soffice.bin that left
    its launcher's group), on every system (psutil); then collect `process`."""
    import psutil

    victims = []
    with contextlib.suppress(psutil.Error):
        root = psutil.Process(process.pid)
        victims = [root, *root.children(recursive=True)]
    for pid in also:
        with contextlib.suppress(psutil.Error):
            victims.append(psutil.Process(pid))
    for victim in victims:
        with contextlib.suppress(psutil.Error):
            victim.kill()
    if sys.platform != "win32":  # children already handed to init keep the group
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def convert(docx: bytes, archival: bool = False, timeout: float | None = None) -> bytes:
    """The PDF of `docx`, as bytes. Raises ConversionError with a message for the user."""
    timeout = time_limit() if timeout is None else timeout
    soffice = require_soffice()
    with _profile_lock, scratch.temporary_directory("pdf-") as work:
        source = Path(work) / "document.docx"
        source.write_bytes(docx)
        command = [
            str(soffice),
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={_profile().as_uri()}",
            "--convert-to",
            _filter(archival),
            "--outdir",
            work,
            str(source),
        ]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=soffice_env(),
                start_new_session=sys.platform != "win32",
            )
        except OSError as exc:
            raise LibreOfficeMissing(
                _("{path} could not be started ({reason}), so no PDF was made.").format(
                    path=soffice, reason=exc.strerror or exc
                )
            ) from None
        try:
            err = process.communicate(timeout=timeout)[1]
        except subprocess.TimeoutExpired:
            kill_tree(process)
            raise ConversionError(
                _("LibreOffice did not finish within {seconds} s and was stopped.").format(
                    seconds=int(timeout)
                )
            ) from None
        target = Path(work) / "document.pdf"
        data = target.read_bytes() if target.is_file() else b""
        if not data.startswith(b"%PDF") and process.returncode < 0:
            raise ConversionError(
                _(
                    "LibreOffice stopped before the PDF was finished (it was ended by signal "
                    "{signal}). Try again; if it keeps happening, close other LibreOffice "
                    "windows or restart the computer."
                ).format(signal=-process.returncode)
            )
        if not data.startswith(b"%PDF"):
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise ConversionError(
                _("LibreOffice could not convert the document to PDF. {detail}").format(
                    detail=detail[0]
                )
            )
        return data
