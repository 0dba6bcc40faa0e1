"""A field for the names of the meeting's people, typed a few letters at a time: a completer
that matches anywhere in the name (a surname is enough), and, for a list of names (seconders,
dissenters), one that completes the name after the last comma."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


class NameField(QLineEdit):
    """One name (`several=False`) or names separated by commas, completed from `names`."""

    def __init__(self, several: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.several = several
        self.model = QStringListModel(self)
        completer = QCompleter(self.model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_ = completer
        if not several:
            self.setCompleter(completer)
        else:  # the name after the last comma is completed; the ones before it stay
            completer.setWidget(self)
            self.textEdited.connect(self._complete)
            completer.activated.connect(self._chosen)

    def _complete(self, text: str) -> None:
        self.completer_.setCompletionPrefix(text.rsplit(",", 1)[-1].strip())
        if self.completer_.completionPrefix():
            self.completer_.complete()
        elif (popup := self.completer_.popup()) is not None:
            popup.hide()

    def _chosen(self, name: str) -> None:
        done = self.text().rsplit(",", 1)
        self.setText(f"{done[0]}, {name}" if len(done) > 1 else name)

    def set_names(self, names: list[str]) -> None:
        if self.model.stringList() != names:
            self.model.setStringList(names)

    def names(self) -> list[str]:
        """What was typed: each name (several) or the one name, stripped; none empty."""
        parts = self.text().split(",") if self.several else [self.text()]
        return [p.strip() for p in parts if p.strip()]
