"""Recovery copies: what autosave writes, in the user's data folder, never over their file.

A copy holds an item draft or a meeting; its note says which ("kind"), so the next start
restores it into a window of its kind."""

from __future__ import annotations

import datetime as _dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from drafting import atomic, dates, draftfile
from drafting.model import Draft, MeetingDraft
from ui.services.people import data_folder


def folder() -> Path:
    path = data_folder() / "recovery"
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Copy:
    id: str
    original: Path | None  # the file the user was editing; None if never saved
    saved: _dt.datetime
    title: str
    signature: str | None = None  # the original file's hash when the copy was written
    kind: str = draftfile.ITEM  # or draftfile.MEETING

    @property
    def draft_path(self) -> Path:
        return folder() / f"{self.id}.pykala"

    def load(self) -> Draft | MeetingDraft:
        if self.kind == draftfile.MEETING:
            return draftfile.load_meeting(self.draft_path)
        return draftfile.load(self.draft_path)


def title_of(draft: Draft | MeetingDraft, original: Path | None) -> str:
    """What the offer calls a copy: an item's title; a meeting's body and number, else its
    file's name."""
    if isinstance(draft, MeetingDraft):
        named = " ".join(p for p in (draft.meeting.body, draft.meeting.number) if p)
        return named or (original.name if original else "")
    return draft.item.title


def write(
    copy_id: str,
    draft: Draft | MeetingDraft,
    original: Path | None,
    signature: str | None = None,
) -> None:
    """The draft first, then the note that points at it: a crash between leaves no note."""
    base = folder()
    atomic.write_bytes(base / f"{copy_id}.pykala", draftfile.dumps(draft).encode("utf-8"))
    meta = {
        "original": str(original) if original else None,
        "saved": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "title": title_of(draft, original),
        "signature": signature,
        "kind": draftfile.MEETING if isinstance(draft, MeetingDraft) else draftfile.ITEM,
    }
    atomic.write_bytes(base / f"{copy_id}.json", json.dumps(meta, ensure_ascii=False).encode())


def discard(copy_id: str) -> None:
    for suffix in (".json", ".pykala"):
        (folder() / f"{copy_id}{suffix}").unlink(missing_ok=True)


def pending(exclude: set[str] | frozenset[str] = frozenset()) -> list[Copy]:
    """Recovery copies left by earlier runs, newest first; unreadable notes are skipped."""
    found = []
    for note in folder().glob("*.json"):
        if note.stem in exclude or not (note.with_suffix(".pykala")).exists():
            continue
        try:
            meta = json.loads(note.read_text(encoding="utf-8"))
            saved = dates.parse_timestamp(meta["saved"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        original = Path(meta["original"]) if meta.get("original") else None
        kind = draftfile.MEETING if meta.get("kind") == draftfile.MEETING else draftfile.ITEM
        title = meta.get("title") or ""
        found.append(Copy(note.stem, original, saved, title, meta.get("signature"), kind))
    return sorted(found, key=lambda c: c.saved, reverse=True)
