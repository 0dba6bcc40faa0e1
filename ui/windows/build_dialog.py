"""The meeting view's build dialog: which documents to build (agenda, minutes, one file per
item, extracts) and how (PDF too, public copies, changes, web pages)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QVBoxLayout, QWidget

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
        self.public.toggled.connect(self._public_toggled)
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

    def choices(self) -> BuildChoices:
        kinds = [k for k, box in self.boxes.items() if box.isChecked()]
        return BuildChoices(
            kinds,
            self.pdf.isChecked(),
            self.public.isChecked(),
            self.changes.isChecked(),
            self.web.isChecked(),
            self.pdf.isChecked() and self.archival.isChecked(),
        )
