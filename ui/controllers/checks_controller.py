"""Keeps the checks in step with the draft, as ui/controllers/preview_controller.py keeps the pages.

A pause in typing asks for checks. The draft's own checks (and the values its form cannot take)
run at once on the UI thread; its spelling and grammar run off it, and an answer for text that
changed since is dropped (worker.Latest, the one way to drop stale results). The window shows
what `shown` announces.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from drafting import checks, i18n
from drafting.model import Draft
from ui.services import worker
from ui.widgets.spellcheck import Spelling

DELAY_MS = 600


class ChecksController(QObject):
    shown = Signal()  # new findings: `problems`, the spelling's or all
    failed = Signal(str)  # the spelling could not be checked, and why

    def __init__(
        self,
        spelling: Spelling,
        gather: Callable[[], list[checks.Problem]],
        snapshot: Callable[[], Draft],
        parent: QObject | None = None,
    ) -> None:
        """`gather`: the draft's problems but its spelling, the form's pending text first;
        `snapshot`: a copy of the draft for the worker."""
        super().__init__(parent)
        self.spelling = spelling
        self.gather = gather
        self.snapshot = snapshot
        self.timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self.timer.timeout.connect(self.run)
        self.problems: list[checks.Problem] = []  # what the panel shows
        # Spelling findings of the last full check (made off the UI thread after a pause),
        # and the other problems as last checked.
        self.spelling_problems: list[checks.Problem] = []
        self._checked: list[checks.Problem] = []
        self._latest = worker.Latest()

    def new_document(self) -> None:
        """Another draft: the findings of the one before are gone."""
        self.spelling_problems = []

    def changed(self) -> None:
        """The draft changed: checks after a pause."""
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def current_problems(self) -> list[checks.Problem]:
        self._checked = self.gather()
        return self._checked + self.spelling_problems

    def run(self) -> None:
        """Check now: the draft at once, its spelling in the background."""
        self.timer.stop()
        self._check_spelling()  # first: the panel then knows a check is on its way
        self._show()

    def pending(self) -> bool:
        """True while a spelling check runs whose findings are not shown yet."""
        return self._latest.waiting()

    def _show(self, recheck: bool = True) -> None:
        """`recheck` False: only the spelling findings are new."""
        self.problems = (
            self.current_problems() if recheck else self._checked + self.spelling_problems
        )
        self.shown.emit()

    def _check_spelling(self) -> None:
        """The whole draft's spelling and grammar, off the UI thread (paragraphs checked
        before come from the cache)."""
        stamp = self._latest.renew()
        checker = self.spelling.active()
        if checker is None:
            self._latest.settle()
            if self.spelling_problems:
                self.spelling_problems = []
                self._show(recheck=False)
            return
        draft, language = self.snapshot(), i18n.language()
        worker.start(
            lambda: (stamp, checks.spelling_problems(draft, checker, language)),
            self._spelling_checked,
            self._spelling_failed,
        )

    def _spelling_checked(self, result: tuple[int, list[checks.Problem]]) -> None:
        stamp, problems = result
        if not self._latest.fresh(stamp):
            return  # the text changed since; a newer check is on its way
        self._latest.settle()
        self.spelling_problems = problems
        self._show(recheck=False)

    def _spelling_failed(self, exc: Exception) -> None:
        self._latest.settle()
        self.failed.emit(str(exc))
