"""What the UI thread does on disk while a test acts: the files it opens, the folders it lists
and the paths it looks at (os.stat), seen through Python's audit hooks."""

from __future__ import annotations

import os
import sys
import threading

_watching: list[list[str]] = []  # while a test watches: what the UI thread did on disk


def _audit(event: str, args: tuple) -> None:
    if (
        _watching
        and event in ("open", "os.scandir", "os.listdir")
        and threading.current_thread() is threading.main_thread()
    ):
        _watching[-1].append(f"{event} {args[0]}")


sys.addaudithook(_audit)  # hooks stay for the session; this one is idle unless a test watches


def disk_while(monkeypatch, action) -> list[str]:
    """What the UI thread did on disk during `action`, one line each ("open PATH", …)."""
    seen: list[str] = []
    stat = os.stat

    def watched_stat(path, *args, **kwargs):
        if threading.current_thread() is threading.main_thread():
            seen.append(f"stat {path}")
        return stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", watched_stat)
    _watching.append(seen)
    try:
        action()
    finally:
        _watching.remove(seen)
        monkeypatch.setattr(os, "stat", stat)
    return seen
