"""The files a draft points at, and how it writes them: one rule for attachments and items.

A saved draft or meeting writes each file it points at relative to its own folder
(`liitteet/aloite.pdf`, `../asiat/01.pykala`), so the folder can move as a whole. A draft that
has no file yet holds absolute paths: it has no folder to be relative to. When a draft is saved
(into its own folder or another), every path is written again relative to the new folder; a
file that cannot be reached relatively (another drive on Windows) stays absolute.
"""

from __future__ import annotations

import os
from pathlib import Path

from drafting import paths
from drafting.model import Draft, MeetingDraft

_GROUPS = ("attachments", "supplementary")


def fields(draft: Draft | MeetingDraft) -> list[str]:
    """The field paths that name a file: a meeting's items, an item's attachment files."""
    if isinstance(draft, MeetingDraft):
        return [f"items[{n}]" for n in range(len(draft.items))]
    return [
        f"item.{group}[{n}].file"
        for group in _GROUPS
        for n, attachment in enumerate(getattr(draft.item, group))
        if attachment.file
    ]


def resolve(stored: str, folder: Path | None) -> Path:
    """The file `stored` names in a draft held in `folder` (None: a draft not saved yet, whose
    paths are absolute; a relative one is taken from the working folder)."""
    path = Path(stored)
    if path.is_absolute() or folder is None:
        return path
    return Path(folder) / path


def stored(path: Path, folder: Path | None) -> str:
    """How a draft held in `folder` writes `path`: relative to the folder, with forward
    slashes; absolute when the draft has no folder yet or no relative path leads there."""
    absolute = Path(path).resolve()
    if folder is None:
        return str(absolute)
    try:
        return Path(os.path.relpath(absolute, Path(folder).resolve())).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return str(absolute)


def rebase(draft: Draft | MeetingDraft, old: Path | None, new: Path | None) -> list[str]:
    """Rewrite (in place) the draft's file paths, read relative to `old`, as a draft held in
    `new` writes them; the field paths that changed."""
    changed = []
    for field in fields(draft):
        value = paths.get(draft, field)
        if not value or "\0" in value:  # no file has that name: the checks say so; kept as typed
            continue
        rebased = stored(resolve(value, old), new)
        if rebased != value:
            paths.set(draft, field, rebased)
            changed.append(field)
    return changed
