"""The launcher entry, icon and file type for the current user (freedesktop, Linux).

    python -m drafting.desktop install      # `make install-desktop`
    python -m drafting.desktop uninstall    # `make uninstall-desktop`

The entry starts this very program: the checkout's Python and main.py, or the bundle's
executable. Everything goes through xdg-utils with --mode user, so $XDG_DATA_HOME and
$XDG_CONFIG_HOME (the tests' temporary folders) decide where.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from drafting import location

MIME_TYPE = "application/x-pykala"
ENTRY = "pykala.desktop"
ICON_NAME = "pykala"
MIME_XML = location.RESOURCES / "desktop" / "pykala-mime.xml"
ICON_SVG = location.RESOURCES / "icons" / "pykala.svg"
TOOLS = ("xdg-mime", "xdg-desktop-menu", "update-mime-database")


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def command() -> list[str]:
    """What the launcher runs, before the file: the bundle's executable, or this Python with
    the checkout's main.py (its .venv when started from `make`)."""
    if location.frozen():
        return [str(Path(sys.executable).resolve())]
    return [str(Path(sys.executable).absolute()), str(location.ROOT / "main.py")]


def _exec_quote(argument: str) -> str:
    """The Desktop Entry spec's quoting: double quotes, with ", `, $ and \\ escaped."""
    if not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`="):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'.replace("%", "%%")


def entry() -> str:
    exec_line = " ".join(_exec_quote(a) for a in command()) + " %f"
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            "Name=Pykälä",
            "GenericName=Decision document drafting",
            "GenericName[fi]=Päätösasiakirjojen laadinta",
            "GenericName[sv]=Beslutsdokument",
            "Comment=Draft municipal decision items; Word and PDF in the minutes layout",
            "Comment[fi]=Laadi päätösasioita; Word ja PDF pöytäkirjan asettelussa",
            "Comment[sv]=Skriv beslutsärenden; Word och PDF i protokollets layout",
            f"Exec={exec_line}",
            f"TryExec={command()[0]}",
            f"Icon={ICON_NAME}",
            "Terminal=false",
            f"MimeType={MIME_TYPE};",
            "Categories=Office;WordProcessor;",
            "Keywords=minutes;decision;pöytäkirja;päätös;protokoll;",
            "StartupWMClass=pykala",
            "",
        ]
    )


def _run(*args: str) -> None:
    subprocess.run(args, check=True)


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def install() -> None:
    missing = missing_tools()
    if missing:
        raise SystemExit(
            "Missing: " + ", ".join(missing) + " (Debian: apt-get install xdg-utils "
            "shared-mime-info)"
        )
    icons = data_home() / "icons" / "hicolor" / "scalable"
    for kind, name in (("apps", ICON_NAME), ("mimetypes", MIME_TYPE.replace("/", "-"))):
        (icons / kind).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ICON_SVG, icons / kind / f"{name}.svg")
    (data_home() / "applications").mkdir(parents=True, exist_ok=True)
    _run("xdg-mime", "install", "--mode", "user", "--novendor", str(MIME_XML))
    with tempfile.TemporaryDirectory() as folder:
        desktop = Path(folder) / ENTRY
        desktop.write_text(entry(), encoding="utf-8")
        _run("xdg-desktop-menu", "install", "--mode", "user", "--novendor", str(desktop))
    _run("xdg-mime", "default", ENTRY, MIME_TYPE)
    print(f"Installed {ENTRY} in {data_home() / 'applications'}: {command()[0]}")


def _forget_default(associations: Path) -> None:
    """Drop the `xdg-mime default` line for our type (xdg-mime has no undo for it)."""
    if not associations.is_file():
        return
    lines = associations.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{MIME_TYPE}=")]
    if kept != lines:
        associations.write_text("".join(kept), encoding="utf-8")


def uninstall() -> None:
    icons = data_home() / "icons" / "hicolor" / "scalable"
    for file in (
        icons / "apps" / f"{ICON_NAME}.svg",
        icons / "mimetypes" / f"{MIME_TYPE.replace('/', '-')}.svg",
    ):
        file.unlink(missing_ok=True)
    if not missing_tools():
        _run("xdg-desktop-menu", "uninstall", "--mode", "user", "--novendor", ENTRY)
        _run("xdg-mime", "uninstall", "--mode", "user", "--novendor", str(MIME_XML))
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    for associations in (config / "mimeapps.list", data_home() / "applications" / "defaults.list"):
        _forget_default(associations)
    print(f"Removed {ENTRY}, its icon and file type.")


def main(argv: list[str]) -> int:
    actions = {"install": install, "uninstall": uninstall}
    if len(argv) != 1 or argv[0] not in actions:
        print("usage: python -m drafting.desktop install|uninstall", file=sys.stderr)
        return 2
    actions[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
