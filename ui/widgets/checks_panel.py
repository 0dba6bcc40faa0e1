"""The Checks panel: the draft's problems as the user types; a click goes to the field."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from drafting import checks, i18n, pasttense
from drafting.i18n import _

WORD_ROLE = Qt.ItemDataRole.UserRole + 1
OFFER_ROLE = Qt.ItemDataRole.UserRole + 2


class _ShortList(QListWidget):
    def sizeHint(self) -> QSize:
        return QSize(400, 64)


class ChecksPanel(QDockWidget):
    """Problems of the draft as the user types; a click goes to the field."""

    jump = Signal(str)
    #: A spelling or grammar finding: field path, the words, which occurrence of them.
    jump_to_word = Signal(str, str, int)
    #: A finding whose remedy is the past-tense offer (drafting.pasttense.OFFER): its field.
    offer_past_tense = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checks")
        self.list = _ShortList(self)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.setWidget(self.list)
        self._shown: tuple[str, list] | None = None
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Checks"))
        self.list.setAccessibleName(_("Problems in the draft"))

    def show_problems(self, problems: list[tuple[str, checks.Problem]]) -> None:
        # The same problems after a pause in typing (the usual case) leave the list as it is:
        # no rebuild on the UI thread, and the line the user chose stays chosen.
        shown = (i18n.language(), problems)
        if shown == self._shown:
            return
        self._shown = shown
        self.list.clear()
        if not problems:
            item = QListWidgetItem(_("No problems found."))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
            return
        for said, problem in problems:
            mark = "✖" if problem.severity == checks.ERROR else "⚠"
            item = QListWidgetItem(f"{mark}  {said}")
            item.setData(Qt.ItemDataRole.UserRole, problem.path)
            if problem.word:
                item.setData(WORD_ROLE, (problem.word, problem.occurrence))
            if problem.finding == pasttense.OFFER:
                item.setData(OFFER_ROLE, True)
            item.setToolTip(problem.path)
            self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        word = item.data(WORD_ROLE)
        if path and word:
            self.jump_to_word.emit(path, word[0], word[1])
        elif path and item.data(OFFER_ROLE):
            self.offer_past_tense.emit(path)
        elif path:
            self.jump.emit(path)
