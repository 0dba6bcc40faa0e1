"""File → Open recent: the stored paths at once; what each file is, looked at off the UI thread.

Whether a recent file is a meeting, a draft or gone is read from the file itself (a meeting is
a .pykala file that says so: its JSON is read), which is no work for the UI thread on a slow
or network drive. The menu opens with each entry named as the last look found it (by its file
name alone before the first), and a worker looks at every file; when it answers, a menu still
open is filled again with what it found.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from drafting import draftfile
from drafting.i18n import _
from ui.services import worker

MEETING, ITEM, MISSING = "meeting", "item", "missing"


def look(paths: list[str]) -> dict[str, str]:
    """What each file is now (MEETING, ITEM, MISSING): reads them, so not on the UI thread."""
    found = {}
    for path in paths:
        if not Path(path).is_file():
            found[path] = MISSING
        elif draftfile.sniff(Path(path)) == draftfile.MEETING:
            found[path] = MEETING
        else:  # a draft, or a file open_path will explain it cannot read
            found[path] = ITEM
    return found


class RecentMenu(QObject):
    """Fills `menu` when it opens (`fill`), from the paths it is given; an entry chosen
    calls `open_path`. Kept as the menu's child: one per menu."""

    def __init__(self, menu: QMenu, open_path: Callable[[Path], object]) -> None:
        super().__init__(menu)
        self.setObjectName("recent-files")
        self.menu = menu
        self.open_path = open_path
        self.kinds: dict[str, str] = {}  # path → what the last look found
        self.paths: list[str] = []
        self.looking = False  # a look is on its way

    def fill(self, paths: list[str]) -> None:
        """The entries at once, then a look at the files."""
        self.paths = list(paths)
        self._entries()
        if paths:
            self.looking = True
            asked = list(paths)
            worker.start(lambda: look(asked), self._looked, self._failed)

    def _looked(self, found: dict[str, str]) -> None:
        if not shiboken6.isValid(self.menu):
            return
        self.looking = False
        changed = any(self.kinds.get(path) != kind for path, kind in found.items())
        self.kinds.update(found)
        # The open menu shows it now; a closed one at its next opening, in the language
        # of that day.
        if changed and set(found) == set(self.paths) and self.menu.isVisible():
            self._entries()

    def _failed(self, exc: Exception) -> None:
        self.looking = False  # the entries stay as they are; opening one says what is wrong

    def _entries(self) -> None:
        """Meetings first, then drafts, each as its kind and file name (the path in the
        tip); a file that is gone stays listed, disabled, so the user sees what happened."""
        menu = self.menu
        menu.clear()
        menu.setToolTipsVisible(True)
        sections: dict[str, list[tuple[str, str]]] = {MEETING: [], ITEM: [], MISSING: []}
        for path in self.paths:
            name = Path(path).name.replace("&", "&&")
            kind = self.kinds.get(path)
            if kind == MISSING:
                sections[MISSING].append((path, _("{name} (missing)").format(name=name)))
            elif kind == MEETING:
                sections[MEETING].append((path, _("Meeting — {name}").format(name=name)))
            elif kind == ITEM:
                sections[ITEM].append((path, _("Draft — {name}").format(name=name)))
            else:  # not looked at yet: its name, until the look says what it is
                sections[ITEM].append((path, name))
        for kind, entries in sections.items():
            if entries and not menu.isEmpty():
                menu.addSeparator()
            for path, text in entries:
                action = menu.addAction(text)
                action.setStatusTip(path)
                action.setToolTip(path)
                action.setEnabled(kind != MISSING)
                action.triggered.connect(lambda _c, p=path: self.open_path(Path(p)))
        if menu.isEmpty():
            menu.addAction(_("(none)")).setEnabled(False)


def fill(menu: QMenu, paths: list[str], open_path: Callable[[Path], object]) -> RecentMenu:
    """Fill the Open recent `menu` with `paths` (see RecentMenu); what the last look at the
    files found is kept with the menu."""
    recent = menu.findChild(RecentMenu, "recent-files")
    if recent is None:
        recent = RecentMenu(menu, open_path)
    recent.fill(paths)
    return recent
