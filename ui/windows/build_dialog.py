"""The meeting view's build dialog: which documents to build (agenda, minutes, one file per
item, extracts) and how (PDF too, public copies and the signed original they say was signed,
changes, web pages)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _
from ui.controllers.building import BuildChoices


class BuildDialog(QDialog):
    """Which documents to build, and PDF or not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Build documents"))
        layout = QVBoxLayout(self)
        self.boxes = {
            "agenda": QCheckBox(_("Agenda"), self),
            "minutes": QCheckBox(_("Minutes"), self),
            "items": QCheckBox(_("One file per item"), self),
            "extracts": QCheckBox(_("Extracts"), self),
        }
        self.boxes["minutes"].setChecked(True)
        for box in self.boxes.values():
            layout.addWidget(box)
        self.pdf = QCheckBox(_("Also as PDF"), self)
        layout.addWidget(self.pdf)
        self.archival = QCheckBox(_("PDF as PDF/A, for the archive and for signing"), self)
        self.archival.setEnabled(False)
        self.pdf.toggled.connect(self.archival.setEnabled)
        layout.addWidget(self.archival)
        self.public = QCheckBox(
            _("Public copies (personal data masked, secret attachments withheld)"), self
        )
        self.public.setToolTip(_("Extracts keep the full text: they go to the parties."))
        layout.addWidget(self.public)
        self.changes = QCheckBox(_("Amended decisions as changes from the proposal"), self)
        self.changes.setToolTip(_("Internal copies only: a public copy never shows them."))
        layout.addWidget(self.changes)
        self.web = QCheckBox(_("Web pages of the agenda and minutes (public)"), self)
        self.web.setToolTip(_("An accessible web version, each in a folder of its own."))
        layout.addWidget(self.web)
        # The signed original minutes (drafting.signing), optional: the public minutes and
        # their web pages then say who signed them and when.
        self.signed_label = QLabel(_("Signed original (PDF):"), self)
        self.signed = QLineEdit(self)
        self.signed.setAccessibleName(_("Signed original minutes (PDF)"))
        self.signed.setPlaceholderText(_("optional"))
        self.signed.setMinimumWidth(self.signed.fontMetrics().averageCharWidth() * 36)
        self.signed_label.setBuddy(self.signed)
        self.pick_signed = QPushButton(_("Choose…"), self)
        self.pick_signed.setAccessibleName(_("Choose the signed original minutes"))
        self.pick_signed.clicked.connect(self._choose_signed)
        tip = _(
            "The minutes everyone has signed: the public minutes and their web pages then say "
            "who signed them and when. Only if every signature is valid."
        )
        for widget in (self.signed_label, self.signed, self.pick_signed):
            widget.setToolTip(tip)
        signed_row = QHBoxLayout()
        signed_row.addWidget(self.signed_label)
        signed_row.addWidget(self.signed, 1)
        signed_row.addWidget(self.pick_signed)
        layout.addLayout(signed_row)
        self.public.toggled.connect(self._public_toggled)
        for box in (self.boxes["minutes"], self.public, self.web):
            box.toggled.connect(self._signed_possible)
        self._signed_possible()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _public_toggled(self, public: bool) -> None:
        self.changes.setEnabled(not public)  # changes are never published
        if public:
            self.changes.setChecked(False)

    def _signed_possible(self) -> None:
        """The signed original is for the published minutes: public copies or web pages."""
        possible = self.boxes["minutes"].isChecked() and (
            self.public.isChecked() or self.web.isChecked()
        )
        for widget in (self.signed_label, self.signed, self.pick_signed):
            widget.setEnabled(possible)

    def _choose_signed(self) -> None:
        path, _kind = QFileDialog.getOpenFileName(
            self,
            _("Choose the signed original minutes"),
            self.signed.text(),
            _("PDF files (*.pdf)"),
        )
        if path:
            self.signed.setText(path)

    def choices(self) -> BuildChoices:
        kinds = [k for k, box in self.boxes.items() if box.isChecked()]
        signed = self.signed.text().strip() if self.signed.isEnabled() else ""
        return BuildChoices(
            kinds,
            self.pdf.isChecked(),
            self.public.isChecked(),
            self.changes.isChecked(),
            self.web.isChecked(),
            self.pdf.isChecked() and self.archival.isChecked(),
            Path(signed) if signed else None,
        )
