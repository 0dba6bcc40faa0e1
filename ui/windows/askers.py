"""The windows' askers: every question a window asks, in one object that tests can replace.
The generic questions are `ui.services.dialogs.Asker`'s; here are those that open a window of
this room (Help ▸ About, the build dialog) or belong to the meeting view alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from drafting.i18n import _, ngettext
from ui.controllers.building import BuildChoices
from ui.services import folders
from ui.services.dialogs import Asker, where
from ui.windows.build_dialog import BuildDialog

SUMMARY_NAMES = 15  # file names listed in the build's summary; all of them under Details


class WindowAsker(Asker):
    """The drafting window's questions: the generic ones and Help ▸ About."""

    def about(self) -> None:
        from ui.windows.about import AboutDialog  # its licence list reads package metadata

        AboutDialog(self.parent).exec()


class MeetingAsker(Asker):
    def build_choices(self) -> BuildChoices | None:
        dialog = BuildDialog(self.parent)
        return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def folder(self, suggestion: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(
            self.parent, _("Build into folder"), where(folders.BUILDS, suggestion)
        )
        return self._chosen(folders.BUILDS, name)

    def item_paths(self, folder: str) -> list[Path]:
        from PySide6.QtWidgets import QFileDialog

        names, _filter = QFileDialog.getOpenFileNames(
            self.parent, _("Add items"), where(folders.ITEMS, folder), "Pykälä (*.pykala)"
        )
        if names:
            folders.remember(folders.ITEMS, Path(names[0]))
        return [Path(n) for n in names]

    def built(self, files: list[Path], folder: Path, open_folder: Callable[[], object]) -> None:
        """What the build wrote and where, with a button that calls `open_folder`. Not
        modal for the program: the user may look at the files while it is shown."""
        box = QMessageBox(
            QMessageBox.Icon.Information, _("Documents built"), "", parent=self.parent
        )
        box.setText(
            ngettext(
                "{count} file was written into {folder}",
                "{count} files were written into {folder}",
                len(files),
            ).format(count=len(files), folder=folder)
        )
        names = [path.name for path in files]
        shown = names[:SUMMARY_NAMES]
        if len(names) > len(shown):
            shown.append(_("… and {count} more").format(count=len(names) - len(shown)))
            box.setDetailedText("\n".join(names))
        box.setInformativeText("\n".join(shown))
        open_button = box.addButton(_("Open folder"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_button)
        box.setObjectName("build_summary")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: button is open_button and open_folder())
        box.open()
