"""Where the program's own files are: the checkout, or the bundle PyInstaller unpacked.

Every file the program ships (resources/, templates/docx/, the UNO bridge script) is found
from here, so one rule decides where they are whether it runs from source or frozen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def frozen() -> bool:
    """Running from the bundle `make bundle` builds (PyInstaller), not from source."""
    return bool(getattr(sys, "frozen", False))


def program_folder() -> Path:
    """The folder holding resources/, templates/ and drafting/render/uno_bridge.py."""
    if frozen():
        # onedir: the folder the bootloader unpacked into (_internal next to the executable)
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)).resolve()
    return Path(__file__).resolve().parent.parent


def restore_library_path() -> None:
    """In the bundle, PyInstaller's bootloader puts its own folder on LD_LIBRARY_PATH for this
    process; the programs we start (LibreOffice, its Python, lp) must not load our copies of
    libraries. The loader read the variable at start, so changing it here affects children
    only."""
    if not frozen() or sys.platform == "win32":
        return
    for name in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
        original = os.environ.pop(name + "_ORIG", None)
        if original is not None:
            os.environ[name] = original
        else:
            os.environ.pop(name, None)


ROOT = program_folder()
RESOURCES = ROOT / "resources"
TEMPLATES = ROOT / "templates" / "docx"
