"""The meeting's builds: which documents the user chose, built by `drafting.produce.build` on a
worker thread, and what was written (or why nothing was) told to the user."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow

from drafting import produce
from drafting.i18n import _
from ui.services import folders, worker

if TYPE_CHECKING:  # drafting.meeting brings the Word renderer: not at start (issue 24)
    from drafting import meeting


class BuildChoices(NamedTuple):
    """What the build dialog asks: which documents, and how."""

    kinds: list[str]
    pdf: bool
    public: bool = False
    changes: bool = False  # amended decisions as changes (internal copies only)
    web: bool = False  # the agenda's and minutes' web pages (public), each in its folder
    archival: bool = False  # the PDFs as PDF/A with tags (the minutes to sign, issue 29)
    signed: Path | None = None  # the signed original minutes, which the public ones cite


class BuildController:
    """Builds a meeting's documents for `window`: asks `ask` which and into which folder (the
    first offered from `start`), converts with `converter()` when PDF is wanted."""

    def __init__(
        self,
        window: QMainWindow,
        ask,
        converter: Callable[[], produce.Converter],
        start: Callable[[str], Path],
    ) -> None:
        self.window = window
        self.ask = ask
        self.converter = converter
        self.start = start

    def build(self, loaded: meeting.Meeting) -> None:
        choices = self.ask.build_choices()
        if not choices or not choices[0]:
            return
        kinds, with_pdf, public, changes, web, archival, signed_original = BuildChoices(*choices)
        folder = self.ask.folder(str(self.start(folders.BUILDS)))
        if folder is None:
            return
        converter = self.converter() if with_pdf else None

        def work() -> tuple[list[Path], Path]:
            signed = []
            if signed_original is not None:  # who signed it, as the command line's --signed
                from drafting import signing

                signed = signing.signed_original(loaded, signed_original)
            built = produce.build(
                loaded,
                kinds,
                folder,
                ("docx", "pdf") if with_pdf else ("docx",),
                produce.PUBLIC if public else produce.FULL,
                changes=changes,
                converter=converter,
                web=web,
                archival=with_pdf and archival,
                signed=signed,
            )
            return built, folder

        self.window.statusBar().showMessage(_("Building…"))
        worker.start(work, self._built, self._build_failed)

    def _built(self, result: tuple[list[Path], Path]) -> None:
        files, folder = result
        self.window.statusBar().showMessage(
            _("Built {count} files into {folder}").format(count=len(files), folder=folder), 10000
        )
        self.ask.built(
            files, folder, partial(QDesktopServices.openUrl, QUrl.fromLocalFile(str(folder)))
        )

    def _build_failed(self, exc: Exception) -> None:
        from drafting import signing  # light now: the meeting (drafting.meeting) is loaded

        self.window.statusBar().clearMessage()
        detail = "\n".join(getattr(exc, "problems", [str(exc)])[:20])
        if isinstance(exc, signing.SigningError):
            text = _("The signed original cannot be used; nothing was written.")
        else:
            text = _("Nothing was written.")
        self.ask.error(_("Build failed"), text, detail)
