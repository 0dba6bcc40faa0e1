"""File → Export: the draft as a Word document, a PDF (archival, public) or a web page.

Each export refuses while the draft has errors (and names them), asks where, and writes the
file in a worker from a copy of the draft; the status bar says when it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from drafting import atomic, checks, produce
from drafting.i18n import _
from drafting.model import Draft
from drafting.resources import UnknownOrganization
from ui.services import folders, worker

# What a failed export says, by format.
FAILURES: dict[str, Callable[[], str]] = {
    "docx": lambda: _("The Word document could not be written."),
    "pdf": lambda: _("The PDF could not be written."),
    "html": lambda: _("The web page could not be written."),
}


class Exports(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window  # the drafting window: its draft, questions, checks, converter

    # --- the three kinds ---------------------------------------------------------------

    def word(self, public: bool = False) -> None:
        self._export("docx", produce.PUBLIC if public else produce.FULL, "word")

    def pdf(self, archival: bool = False, public: bool = False) -> None:
        self._export("pdf", produce.PUBLIC if public else produce.FULL, "pdf", archival)

    def web(self) -> None:
        """The item as an accessible web page, for publication: personal data masked."""
        self._export("html", produce.WEB, "web")

    # --- what they share ---------------------------------------------------------------

    def _export(self, format: str, copy: produce.Copy, kind: str, archival: bool = False) -> None:
        """Produce the draft's `format` as the `copy` may show it (drafting.produce) and write
        it where the user says."""
        window = self.window
        if not self.ready():
            return
        # A public copy's dialog says so in its title.
        kind = f"{kind}-public" if copy.says_public else kind
        suffix = f".{format}"
        path = window.ask.save_path(str(self.suggested_name(suffix, copy.says_public)), kind=kind)
        if path is None:
            return
        draft, converter = window.snapshot(), window.converter

        def work() -> Path:
            (made,) = produce.produce(draft, [format], copy, converter=converter, archival=archival)
            atomic.write_bytes(path, made.data)
            return path

        def failed(exc: Exception) -> None:
            window.statusBar().clearMessage()
            window.ask.error(_("Export failed"), FAILURES[format](), str(exc))

        window.statusBar().showMessage(_("Exporting…"))
        worker.start(work, self._exported, failed)

    def _exported(self, path: Path) -> None:
        self.window.statusBar().showMessage(_("Exported {name}").format(name=path.name), 8000)

    def ready(self) -> bool:
        """Export refuses while there are errors, and says which."""
        window = self.window
        errors = checks.errors(window.current_problems())
        if errors:
            window.run_checks()
            window.ask.error(
                _("Cannot export yet"),
                _("Fix these problems first; the Checks panel leads to each field:"),
                "\n".join(window.said(p) for p in errors[:15]),
            )
        return not errors

    def suggested_name(self, suffix: str, public: bool = False) -> Path:
        """A file name from § and title; a public copy's says so ("… (julkinen).pdf")."""
        document = self.window.document
        copy = produce.PUBLIC if public else produce.FULL
        name = produce.file_stem(document.draft, copy, _words(document.draft)("public_copy"))
        folder = folders.start(folders.EXPORTS, document.path.parent if document.path else None)
        return folder / f"{name}{suffix}"


def _words(draft: Draft) -> produce.Words:
    try:
        return produce.words_for(draft)
    except UnknownOrganization:  # the checks name it; the file name gets Finnish words
        return produce.words_for(Draft())
