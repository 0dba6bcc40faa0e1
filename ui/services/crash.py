"""An uncaught exception never closes the program.

Whatever a slot raises reaches `sys.excepthook`. Here it is written to a log in the data
folder, every open document session (drafting window and meeting view alike: ui.services.session)
writes its recovery copy, and the user is told in plain words, with the details one click
away ("Copy details") for a bug report. The program goes on.
(Anki's error dialog and qutebrowser's crash handler are the models.)
"""

from __future__ import annotations

import datetime as _dt
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from drafting.i18n import _
from ui.services import session
from ui.services.people import data_folder

LOG_LIMIT = 1_000_000  # bytes; an older log is moved aside once it grows past this


def log_path() -> Path:
    folder = data_folder() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "errors.log"


def write_log(details: str) -> Path:
    """Append the traceback with a time stamp; never raises."""
    path = log_path()
    try:
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            path.replace(path.with_suffix(".old.log"))
        stamp = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {stamp}\n{details}\n")
    except OSError:
        pass
    return path


class CrashHandler:
    """Installed as `sys.excepthook` by the program (ui.app.run)."""

    def __init__(self) -> None:
        self._handling = False
        self._previous = sys.excepthook

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(details)
        log = write_log(details)
        if self._handling:  # an error while telling about one: the log has it
            return
        self._handling = True
        try:
            saved = self._save_work()
            self.show(value, details, log, saved)
        except Exception:  # the handler itself must never bring the program down
            write_log(traceback.format_exc())
        finally:
            self._handling = False

    @staticmethod
    def _save_work() -> int:
        """Every open session writes a recovery copy of its unsaved work; how many did."""
        saved = 0
        for each in session.open_sessions():
            try:
                saved += each.autosave()
            except Exception:  # keep going: the other sessions still save
                write_log(traceback.format_exc())
        return saved

    def show(self, error: BaseException, details: str, log: Path, saved: int) -> None:
        """The message; tests replace this."""
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_("Something went wrong"))
        box.setText(
            _("Pykälä ran into an error it did not expect. Your work is still open: save it now.")
        )
        info = _("The details are in {log}.").format(log=log)
        if saved:
            info = _("A recovery copy of your draft was written.") + " " + info
        box.setInformativeText(info)
        box.setDetailedText(details)
        copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        copy.clicked.disconnect()  # copying does not close the message
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        box.exec()


handler = CrashHandler()
