"""Every question the program asks, in one object that tests can replace.

The main window never calls QMessageBox or QFileDialog directly; it asks `self.ask`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from drafting.i18n import _
from ui.services import folders

DRAFT_FILTER = "Pykälä (*.pykala)"
PROFILE_FILTER = "JSON (*.json)"
FILTERS = {
    "draft": ("Pykälä (*.pykala)", ".pykala"),
    "word": ("Word (*.docx)", ".docx"),
    "pdf": ("PDF (*.pdf)", ".pdf"),
    "web": ("HTML (*.html)", ".html"),
}


def where(purpose: str, suggestion: str = "") -> str:
    """Where a file dialog for `purpose` opens: `suggestion` when it names a folder (a path
    with its folder), else the suggested name in the folder `ui.services.folders` chooses."""
    path = Path(suggestion) if suggestion else None
    if path is not None and path.is_absolute():
        return str(path)
    folder = folders.start(purpose)
    return str(folder / path) if path is not None else str(folder)


class Asker:
    """Every file dialog opens where `where` says and remembers the folder chosen."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def _box(self, icon, title: str, text: str, buttons, default, detail: str = "") -> int:
        box = QMessageBox(icon, title, text, buttons, self.parent)
        box.setDefaultButton(default)
        if detail:
            box.setInformativeText(detail)
        return box.exec()

    def past_tense_decision(self, proposal: str, suggestion: str) -> str | None:
        """The decision written in the past tense, shown beside the proposal: the text the
        secretary accepted (perhaps edited), or None (cancelled)."""
        from ui.services.decision_offer import DecisionOffer

        offer = DecisionOffer(proposal, suggestion, self.parent)
        return offer.text() if offer.exec() == DecisionOffer.DialogCode.Accepted else None

    def save_changes(self, name: str) -> str:
        """ "save", "discard" or "cancel"."""
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = self._box(
            QMessageBox.Icon.Warning,
            _("Unsaved changes"),
            _("Save the changes to {name}?").format(name=name),
            buttons,
            QMessageBox.StandardButton.Save,
        )
        return {
            QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard",
        }.get(QMessageBox.StandardButton(answer), "cancel")

    def overwrite_changed_file(self, path: Path) -> bool:
        buttons = QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel
        answer = self._box(
            QMessageBox.Icon.Warning,
            _("File changed on disk"),
            _("{name} was changed by another program after you opened it.").format(name=path.name),
            buttons,
            QMessageBox.StandardButton.Cancel,
            _("Saving replaces those changes with yours. Cancel keeps both: then use Save As."),
        )
        return answer == QMessageBox.StandardButton.Save

    def restore(self, when: str, title: str, meeting: bool = False) -> str:
        """ "restore", "later" or "discard"; `meeting`: the copy is of a meeting."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Restore unsaved work"),
            _("Pykälä was closed before a meeting was saved.")
            if meeting
            else _("Pykälä was closed before a draft was saved."),
            parent=self.parent,
        )
        box.setInformativeText(
            _("Recovery copy of “{title}”, saved {when}.").format(
                title=title or _("untitled"), when=when
            )
        )
        restore = box.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(_("Later"), QMessageBox.ButtonRole.RejectRole)
        discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.exec()
        clicked = box.clickedButton()
        return (
            "restore"
            if clicked is restore
            else "discard"
            if clicked is discard
            else ("later" if clicked is later else "later")
        )

    def error(self, title: str, text: str, detail: str = "") -> None:
        self._box(
            QMessageBox.Icon.Critical,
            title,
            text,
            QMessageBox.StandardButton.Ok,
            QMessageBox.StandardButton.Ok,
            detail,
        )

    def open_failed(self, title: str, path: Path, problems: list[str]) -> None:
        """A file that cannot be read: what is wrong with it, and that it was left alone."""
        self.error(
            title,
            _("{name} could not be opened. The file was not changed.").format(name=path.name),
            "\n".join(problems[:20]),
        )

    def save_failed(self, path: Path, error: OSError) -> None:
        """Saving failed; the user's text stays in the window."""
        self.error(
            _("Cannot save"),
            _("{name} could not be saved: {reason}").format(
                name=path.name, reason=error.strerror or error
            ),
            _("Your text is still here. Try Save As in another folder."),
        )

    def information(self, title: str, text: str, detail: str = "") -> None:
        self._box(
            QMessageBox.Icon.Information,
            title,
            text,
            QMessageBox.StandardButton.Ok,
            QMessageBox.StandardButton.Ok,
            detail,
        )

    def open_path(self, folder: str) -> Path | None:
        filters = ";;".join(
            (
                _("Pykälä drafts and Word documents") + " (*.pykala *.docx)",
                FILTERS["draft"][0],
                _("Word documents made by Pykälä") + " (*.docx)",
            )
        )
        name, _filter = QFileDialog.getOpenFileName(
            self.parent, _("Open draft"), where(folders.DRAFTS, folder), filters
        )
        return self._chosen(folders.DRAFTS, name)

    def _chosen(self, purpose: str, name: str) -> Path | None:
        """The file or folder a dialog returned (None when cancelled), its folder remembered."""
        if not name:
            return None
        folders.remember(purpose, Path(name))
        return Path(name)

    def docx_changed(self, name: str) -> bool:
        """A Word document edited after Pykälä wrote it: open the draft it was made from?"""
        buttons = QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel
        answer = self._box(
            QMessageBox.Icon.Question,
            _("Word document changed"),
            _(
                "{name} was changed after Pykälä wrote it; its changes cannot be read back. "
                "Open the draft it was made from?"
            ).format(name=name),
            buttons,
            QMessageBox.StandardButton.Cancel,
            _("The draft opens as it was when the Word document was written, without the changes."),
        )
        return answer == QMessageBox.StandardButton.Open

    def save_path(self, suggestion: str, kind: str = "draft") -> Path | None:
        """Where to write a draft, a Word document, a PDF or a web page; the right suffix is
        added."""
        titles = {
            "draft": _("Save draft as"),
            "word": _("Export Word document"),
            "pdf": _("Export PDF"),
            "web": _("Export web page"),
            "word-public": _("Export public copy (Word)"),
            "pdf-public": _("Export public copy (PDF)"),
            "pdf-print": _("Save the pages as PDF"),
        }
        file_filter, suffix = FILTERS[kind.split("-")[0]]
        purpose = folders.DRAFTS if kind == "draft" else folders.EXPORTS
        name, _filter = QFileDialog.getSaveFileName(
            self.parent, titles[kind], where(purpose, suggestion), file_filter
        )
        path = self._chosen(purpose, name)
        if path is None:
            return None
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def new_profile_id(self, source: str, taken: list[str]) -> str | None:
        """The id of a new organisation profile copied from `source`."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            self.parent,
            _("New organisation profile"),
            _(
                "A copy of {source}. The new profile's id (small letters, e.g. espoo); "
                "taken: {taken}"
            ).format(source=source, taken=", ".join(taken)),
        )
        return text.strip() if ok and text.strip() else None

    def profile_export_path(self, suggestion: str) -> Path | None:
        """Where to write an exported organisation profile (one JSON file)."""
        name, _filter = QFileDialog.getSaveFileName(
            self.parent,
            _("Export organisation profile"),
            where(folders.PROFILES, suggestion),
            PROFILE_FILTER,
        )
        path = self._chosen(folders.PROFILES, name)
        if path is None:
            return None
        return path if path.suffix.lower() == ".json" else path.with_name(path.name + ".json")

    def profile_import_path(self) -> Path | None:
        """An exported organisation profile to import."""
        name, _filter = QFileDialog.getOpenFileName(
            self.parent, _("Import organisation profile"), where(folders.PROFILES), PROFILE_FILTER
        )
        return self._chosen(folders.PROFILES, name)

    def profile_template_path(self) -> Path | None:
        """A Word template for an organisation profile."""
        name, _filter = QFileDialog.getOpenFileName(
            self.parent, _("Word template"), where(folders.PROFILES), FILTERS["word"][0]
        )
        return self._chosen(folders.PROFILES, name)

    def print_setup(self, printer: QPrinter, pages: int) -> bool:
        """The system print dialog: printer, pages, copies, duplex."""
        dialog = QPrintDialog(printer, self.parent)
        dialog.setMinMax(1, pages)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def no_printer(self, reason: str) -> bool:
        """There is no printer to print on: `reason` says what to install or set up. True if
        the user would save the pages as a PDF instead."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Cannot print"),
            reason,
            QMessageBox.StandardButton.NoButton,
            self.parent,
        )
        box.setInformativeText(
            _("You can save the pages as a PDF file instead, in a folder you choose.")
        )
        save = box.addButton(_("Save as PDF…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(save)
        box.exec()
        return box.clickedButton() is save

    def print_running(self) -> str:
        """The window closes during a print: "leave" it to print, "cancel" it, or "stay"."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("A print is on its way"),
            _("The print has not finished yet. Let it print, or cancel it?"),
            QMessageBox.StandardButton.NoButton,
            self.parent,
        )
        leave = box.addButton(_("Let it print"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(_("Cancel the print"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(leave)
        box.exec()
        clicked = box.clickedButton()
        return "leave" if clicked is leave else "cancel" if clicked is cancel else "stay"

    def attachment_paths(self, folder: str) -> list[Path]:
        """Files to attach, chosen in the system dialog."""
        names, _filter = QFileDialog.getOpenFileNames(
            self.parent, _("Add attachments"), where(folders.ATTACHMENTS, folder)
        )
        if names:
            folders.remember(folders.ATTACHMENTS, Path(names[0]))
        return [Path(n) for n in names]

    def show_file(self, path: Path) -> None:
        """Open a file in the program the system uses for it."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
