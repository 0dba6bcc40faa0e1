"""A small directory of people typed before, offered again for presenters and contacts."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter

from drafting import atomic, files, schema
from drafting.model import Contact, Draft

LIMIT = 500


def data_folder() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class PeopleDirectory:
    """name → {title, phone, email}, most recently used first; kept in the data folder."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_folder() / "people.json"
        self.people: dict[str, dict[str, str]] = {}
        # A file that is there but cannot be read (damaged, another encoding, a folder, a
        # pipe) is never written over: the names remembered now last until Pykälä closes.
        self.writable = True
        try:
            data = json.loads(files.read_bytes(self.path, files.WORD_LIST_LIMIT).decode("utf-8"))
            if not isinstance(data, list):
                raise ValueError("not a list")
            self.people = {
                p["name"]: p
                for p in data
                if isinstance(p, dict) and isinstance(p.get("name"), str) and p["name"]
            }
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            self.writable = False
        self.model = QStringListModel(list(self.people))

    def completer(self, parent=None) -> QCompleter:
        completer = QCompleter(self.model, parent)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        return completer

    def find(self, name: str) -> dict[str, str] | None:
        return self.people.get(name.strip())

    def remember(self, draft: Draft) -> None:
        """Add the draft's presenters and contacts; a newer entry replaces an older one."""
        found: list[dict[str, str]] = []
        for _path, person in schema.people(draft, history=False):
            if isinstance(person, Contact):
                found.append(_contact(person))
            else:
                # A meeting participant has a role, not a title.
                title = getattr(person, "title", "")
                found.append({"name": person.name.strip(), "title": title})
        for entry in found:
            old = self.people.pop(entry["name"], {})
            self.people = {
                entry["name"]: {**old, **{k: v for k, v in entry.items() if v}},
                **self.people,
            }
        self.people = dict(list(self.people.items())[:LIMIT])
        self.model.setStringList(list(self.people))
        if not self.writable:
            return
        # A folder we cannot write costs the suggestions, never the user's work.
        with contextlib.suppress(OSError):
            atomic.write_bytes(
                self.path,
                json.dumps(list(self.people.values()), ensure_ascii=False, indent=1).encode(
                    "utf-8"
                ),
            )


def _contact(contact: Contact) -> dict[str, str]:
    return {
        "name": contact.name.strip(),
        "title": contact.title,
        "phone": contact.phone,
        "email": contact.email,
    }
