"""Every user setting declared once, typed, with its default, over QSettings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")
VERSION = 1


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T

    def get(self, settings: QSettings) -> T:
        # Converted to the default's type below (mypy cannot follow `type(self.default)`).
        return cast(T, self._converted(settings.value(self.key, self.default)))

    def _converted(self, value: Any) -> object:
        kind = type(self.default)
        if kind is list:
            if value in (None, ""):
                return []
            return list(value) if isinstance(value, (list, tuple)) else [value]
        if kind is bool:
            return value in (True, "true", "1", 1)
        if kind is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return self.default
        return value if isinstance(value, kind) else self.default

    def set(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, value)


LANGUAGE = Option("ui/language", "")  # "" = from the system: fi, sv, else en
GEOMETRY = Option("window/geometry", QByteArray())
WINDOW_STATE = Option("window/state", QByteArray())
MEETING_GEOMETRY = Option("meeting_window/geometry", QByteArray())
RECENT_FILES: Option[list[str]] = Option("files/recent", [])
LAST_FOLDER = Option("files/last_folder", "")
AUTOSAVE_SECONDS = Option("autosave/seconds", 30)
SPELLING = Option("spelling/as_you_type", True)
GRAMMAR = Option("spelling/grammar", True)
RECENT_LIMIT = 8


class Settings:
    """The application's settings; one instance, one QSettings behind it."""

    def __init__(self, backend: QSettings | None = None) -> None:
        self.backend = backend or QSettings()
        version: Any = self.backend.value("version", 0)
        if int(version or 0) < VERSION:
            self.backend.setValue("version", VERSION)

    def __getitem__(self, option: Option[T]) -> T:
        return option.get(self.backend)

    def __setitem__(self, option: Option[Any], value: Any) -> None:
        option.set(self.backend, value)

    def add_recent(self, path: str) -> list[str]:
        recent = [p for p in self[RECENT_FILES] if p != path]
        recent.insert(0, path)
        self[RECENT_FILES] = recent[:RECENT_LIMIT]
        return self[RECENT_FILES]
