"""Where each file dialog opens, in one place: the folder of the file being worked on when it
has one, else the folder last chosen for the same purpose, else the last folder chosen at all,
else Documents (else home). Never the program's own folder: that is only the working folder
the program happened to start in.

The Asker (ui/services/dialogs.py) remembers every folder the user chooses; the windows ask `start`
where a dialog should open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from ui.services import settings

# The purposes that remember a folder of their own.
DRAFTS = "drafts"  # open, save and save as: drafts and meetings
ITEMS = "items"  # a meeting's "Add items…" and "New item…"
ATTACHMENTS = "attachments"
EXPORTS = "exports"  # Word, PDF, web page of one draft
BUILDS = "builds"  # the folder a meeting's documents are built into
PROFILES = "profiles"  # organisation profiles and their Word templates
PURPOSES = (DRAFTS, ITEMS, ATTACHMENTS, EXPORTS, BUILDS, PROFILES)


def _option(purpose: str) -> settings.Option[str]:
    assert purpose in PURPOSES, purpose
    return settings.Option(f"files/last_folder/{purpose}", "")


def documents() -> Path:
    """The user's Documents folder, or home when there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def _usable(text: str) -> Path | None:
    return Path(text) if text and Path(text).is_dir() else None


def start(purpose: str, near: Path | None = None) -> Path:
    """Where a dialog for `purpose` opens; `near`: the folder of the saved file it is for."""
    if near is not None and Path(near).is_dir():
        return Path(near)
    store = settings.Settings()
    return _usable(store[_option(purpose)]) or _usable(store[settings.LAST_FOLDER]) or documents()


def remember(purpose: str, chosen: Path | None) -> None:
    """The user chose `chosen` (a file, or a folder for a build): its folder is where the
    next dialog for `purpose` opens, and the fallback of the others."""
    if chosen is None:
        return
    chosen = Path(chosen)
    folder = chosen if chosen.is_dir() else chosen.parent
    store = settings.Settings()
    store[_option(purpose)] = str(folder.resolve())
    store[settings.LAST_FOLDER] = str(folder.resolve())
