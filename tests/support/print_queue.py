"""A real print queue for the tests: a private CUPS scheduler with its own socket, spool and
logs, and queues whose jobs end as PDF files the tests can read.

Each queue is CUPS's "Generic PDF Printer" (from cups-filters) on a `file:` device: the job goes
through the scheduler and its filters (pdftopdf honours page ranges and copies), and what the
printer would receive lands in a file. Nothing here is mocked; nothing touches the machine's
own CUPS or its printers (`CUPS_SERVER` points every program of the test run here).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

PPD = Path("/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd")
# Known before the run starts (CUPS_SERVER is set then); made when the scheduler starts.
ROOT = Path(tempfile.gettempdir()) / f"pykala-cups-{os.getpid()}"
SOCKET = ROOT / "cups.sock"
START_SECONDS = 20


def missing() -> str:
    """What this machine lacks for the queue, or ""."""
    needed = ["cupsd", "lpadmin", "lp", "lpstat", "cancel", "cupsdisable", "cupsenable"]
    absent = [name for name in needed if not shutil.which(name, path=_path())]
    if absent or not PPD.exists():
        return (
            "the print tests need CUPS and its filters (make test installs them: apt-get install "
            f"cups cups-bsd cups-client cups-filters); missing: {' '.join(absent) or PPD}"
        )
    return ""


def _path() -> str:
    return os.environ.get("PATH", "") + os.pathsep + "/usr/sbin:/sbin"


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CUPS_SERVER=str(SOCKET), PATH=_path())
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=30)


class Scheduler:
    """The private cupsd, started once for the test run."""

    def __init__(self) -> None:
        shutil.rmtree(ROOT, ignore_errors=True)
        ROOT.mkdir()
        for name in ("spool", "cache", "state", "log", "out"):
            (ROOT / name).mkdir(exist_ok=True)
        user = "lp" if os.geteuid() == 0 else os.environ.get("USER", "")
        (ROOT / "cupsd.conf").write_text(
            f"Listen {SOCKET}\nLogLevel info\nWebInterface No\nBrowsing No\n"
            "DefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )
        (ROOT / "cups-files.conf").write_text(
            f"ServerRoot {ROOT}\nRequestRoot {ROOT}/spool\nCacheDir {ROOT}/cache\n"
            f"StateDir {ROOT}/state\nTempDir {ROOT}/spool\nAccessLog {ROOT}/log/access_log\n"
            f"ErrorLog {ROOT}/log/error_log\nPageLog {ROOT}/log/page_log\n"
            "ServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
            f"User {user}\nGroup lp\nFileDevice Yes\n"
        )
        os.chmod(ROOT, 0o755)
        for name in ("spool", "cache", "state", "log", "out"):
            with contextlib.suppress(PermissionError, KeyError):
                shutil.chown(ROOT / name, group="lp")
            os.chmod(ROOT / name, 0o777)
        cupsd = shutil.which("cupsd", path=_path()) or "cupsd"
        self.process = subprocess.Popen(
            [cupsd, "-f", "-c", str(ROOT / "cupsd.conf"), "-s", str(ROOT / "cups-files.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_SECONDS
        while _run("lpstat", "-r").stdout.strip() != "scheduler is running":
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the private CUPS scheduler did not start: {self.log()}")
            time.sleep(0.1)  # polling a starting daemon, not synchronising a test

    def log(self) -> str:
        with contextlib.suppress(OSError):
            return (ROOT / "log" / "error_log").read_text()[-2000:]
        return ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(ROOT, ignore_errors=True)


class Queue:
    """One printer of the private scheduler; its jobs end in `self.output`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.output = ROOT / "out" / f"{name}.pdf"
        self.output.write_bytes(b"")  # the scheduler writes into it, it does not create it
        os.chmod(self.output, 0o666)
        result = _run("lpadmin", "-p", name, "-E", "-v", f"file://{self.output}", "-P", str(PPD))
        assert result.returncode == 0, result.stderr

    def jobs(self) -> list[str]:
        """The ids of the jobs that wait or print."""
        out = _run("lpstat", "-o", self.name).stdout
        return [line.split()[0] for line in out.splitlines() if line.strip()]

    def completed(self) -> list[str]:
        out = _run("lpstat", "-W", "completed", "-o", self.name).stdout
        return [line.split()[0] for line in out.splitlines() if line.strip()]

    def pause(self) -> None:
        assert _run("cupsdisable", self.name).returncode == 0

    def remove(self) -> None:
        _run("cancel", "-a", self.name)
        _run("lpadmin", "-x", self.name)
