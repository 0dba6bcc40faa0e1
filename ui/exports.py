"""File → Export: the draft as a Word document, a PDF (archival, public) or a web page.

Each export refuses while the draft has errors (and names them), asks where, and writes the
file in a worker from a copy of the draft; the status bar says when it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from drafting import atomic, checks, names
from drafting.i18n import _
from drafting.model import Draft
from drafting.render import context, docx, html
from drafting.resources import UnknownOrganization
from ui import folders, worker


class Exports(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window  # the drafting window: its draft, questions, checks, converter

    # --- the three kinds ---------------------------------------------------------------

    def word(self, public: bool = False) -> None:
        options = context.Options(public=public)
        self._export(
            ".docx",
            "word",
            public,
            lambda draft: docx.render_item(draft, options),
            _("The Word document could not be written."),
        )

    def pdf(self, archival: bool = False, public: bool = False) -> None:
        options, converter = context.Options(public=public), self.window.converter
        self._export(
            ".pdf",
            "pdf",
            public,
            lambda draft: converter.convert(docx.render_item(draft, options), archival=archival),
            _("The PDF could not be written."),
        )

    def web(self) -> None:
        """The item as an accessible web page, for publication: personal data masked."""
        options = context.Options(public=True)
        self._export(
            ".html",
            "web",
            False,  # the page is always public; its name needs no "(julkinen)"
            lambda draft: html.render(context.build(draft, options)),
            _("The web page could not be written."),
        )

    # --- what they share ---------------------------------------------------------------

    def _export(
        self,
        suffix: str,
        kind: str,
        public: bool,
        make: Callable[[Draft], bytes],
        failure: str,
    ) -> None:
        window = self.window
        if not self.ready():
            return
        # A public copy's dialog says so in its title.
        kind = f"{kind}-public" if public else kind
        path = window.ask.save_path(str(self.suggested_name(suffix, public)), kind=kind)
        if path is None:
            return
        draft = window.snapshot()

        def work() -> Path:
            atomic.write_bytes(path, make(draft))
            return path

        def failed(exc: Exception) -> None:
            window.statusBar().clearMessage()
            window.ask.error(_("Export failed"), failure, str(exc))

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
        name = names.item_stem(document.draft)
        if public:
            name = f"{name} ({_words(document.draft)('public_copy')})".strip()
        folder = folders.start(folders.EXPORTS, document.path.parent if document.path else None)
        return folder / f"{name or 'pykala'}{suffix}"


def _words(draft: Draft) -> context.Words:
    try:
        return context.words_for(draft)
    except UnknownOrganization:  # the checks name it; the file name gets Finnish words
        return context.words_for(Draft())
