"""Keeps the preview's pages in step with the draft.

A pause in typing asks for new pages; the draft is rendered and converted in a worker, one run
at a time (a request during a run waits for it); pages of a replaced draft are thrown away;
the old pages stay, marked out of date, until new ones come.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from drafting import produce, word_process
from drafting.i18n import _
from drafting.model import Draft
from ui.services import worker
from ui.widgets.preview import PreviewPane

DELAY_MS = 300


class PreviewController(QObject):
    def __init__(
        self,
        pane: PreviewPane,
        converter: produce.Converter,
        snapshot: Callable[[], Draft],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.pane = pane
        self.converter = converter
        # Makes the Word documents in a process of its own, started by the first run (in the
        # worker, not delaying the window) and ended by `stop` (the window closes).
        self.words = word_process.WordProcess()
        self.snapshot = snapshot  # a copy of the draft for the worker, pending text included
        self.timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self._job: worker.Job | None = None
        self._wanted = False
        self._latest = worker.Latest()  # pages of a replaced draft are dropped
        self.shown_docx = b""  # the Word document the shown pages were made of
        self._missing = False  # LibreOffice was not found: the banner says so

    def new_document(self) -> None:
        """Another draft: its pages at once; the old draft's pages, if they come, are not."""
        self._latest.renew()
        self.pane.set_stale(True)
        self.refresh()

    def changed(self) -> None:
        """The draft changed: new pages after a pause."""
        self.pane.set_stale(True)
        self.timer.start()

    def retranslate(self) -> None:
        """The interface language changed: a banner this controller words is said anew."""
        if self._missing:
            self.pane.show_banner(
                _(
                    "The preview needs LibreOffice, which is not installed. {hint} Saving and "
                    "exporting the Word document work without it."
                ).format(hint=produce.install_hint())
            )

    def stop(self) -> None:
        """The window closes: no new pages, and the child process ends (for good)."""
        self.timer.stop()
        self.words.stop()

    def busy(self) -> bool:
        """New pages are on their way: a pause is being waited for, or a run works."""
        return self.timer.isActive() or self._job is not None or self._wanted

    def refresh(self) -> None:
        """Make new pages in the background; while one run works, the next waits for it."""
        if self._job is not None:
            self.timer.stop()
            self._wanted = True
            return
        self._wanted = False
        # The snapshot first writes the text still waiting in a rich field into the draft;
        # that change announces itself (`changed`) and re-arms the timer, but these pages
        # already show it: stop the timer only now, or one pause makes two runs.
        draft = self.snapshot()
        self.timer.stop()
        generation, converter = self._latest.stamp(), self.converter
        # View → Show the public copy
        copy = produce.PUBLIC if self.pane.public else produce.FULL

        words = self.words

        def work() -> tuple[int, bytes, bytes]:
            # The Word document in the child process (its long C calls would hold the
            # interpreter's lock, stalling the window); LibreOffice's PDF from here, since
            # waiting on its pipe lets the window run.
            document = words.render(draft, copy)
            return generation, document, produce.pages(draft, document, converter)

        self.pane.set_stale(True)
        self._job = worker.start(work, self._done, self._failed)

    def _finished(self) -> None:
        self._job = None
        if self._wanted:
            self.refresh()

    def _done(self, result: tuple[int, bytes, bytes]) -> None:
        generation, document, data = result
        if self._latest.fresh(generation):
            self._missing = False
            self.shown_docx = document
            self.pane.show_pdf(data)
            if self.converter.notice:
                self.pane.show_banner(self.converter.notice)
                self.converter.notice = ""  # said once
        self._finished()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, produce.LibreOfficeMissing):
            self._missing = True
            self.retranslate()
            self.pane.set_stale(False)
            self._job = None
            return
        if isinstance(exc, word_process.WordProcessClosed):
            self._job = None  # the window closed meanwhile: nobody looks any more
            return
        self.pane.show_banner(str(exc))
        if isinstance(exc, produce.ConverterStopped):
            self._wanted = True  # the converter starts again: try once more
        self._finished()
