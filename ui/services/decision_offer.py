"""The decision written from the proposal in the past tense, offered to the secretary (issue
27): the proposal beside the suggested decision, which they accept, edit or cancel. Nothing is
applied until they accept (`drafting.pasttense` writes the suggestion)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _


class DecisionOffer(QDialog):
    """The proposal (read only) beside the suggested decision (editable)."""

    def __init__(self, proposal: str, suggestion: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Decision from the proposal"))
        self.setAccessibleName(_("Decision from the proposal"))
        self.proposal = QPlainTextEdit(proposal)
        self.proposal.setReadOnly(True)
        # Read only, yet a Tab stop that shows its focus (its text can be selected and read).
        self.proposal.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.proposal.setTabChangesFocus(True)
        self.proposal.setAccessibleName(_("Proposal"))
        self.suggestion = QPlainTextEdit(suggestion)
        self.suggestion.setTabChangesFocus(True)
        self.suggestion.setAccessibleName(_("Decision in the past tense"))
        proposal_label = QLabel(_("&Proposal"))
        proposal_label.setBuddy(self.proposal)
        suggestion_label = QLabel(_("&Decision in the past tense (you can edit it)"))
        suggestion_label.setBuddy(self.suggestion)
        self.note = QLabel(
            _(
                "The lead verbs of the body's own sentences are in the past tense; the rest "
                "is the proposal as it is. Accepting puts this text in the decision (one undo "
                "step)."
            )
            if suggestion != proposal
            else _(
                "No lead verb in the present tense was found: the text is the proposal as it "
                "is. Edit it before accepting."
            )
        )
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.accept_button = QPushButton(_("&Use as the decision"))
        self.accept_button.setAccessibleName(_("Use as the decision"))
        self.accept_button.setDefault(True)
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Qt's own words for Cancel, as in every other dialog of the program (its accessible
        # name is its text).
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        grid.addWidget(proposal_label, 0, 0)
        grid.addWidget(suggestion_label, 0, 1)
        grid.addWidget(self.proposal, 1, 0)
        grid.addWidget(self.suggestion, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(grid, 1)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.proposal, self.suggestion)
        QWidget.setTabOrder(self.suggestion, self.accept_button)
        QWidget.setTabOrder(self.accept_button, self.cancel_button)
        self.resize(900, 420)
        self.suggestion.setFocus()

    def text(self) -> str:
        return self.suggestion.toPlainText()
