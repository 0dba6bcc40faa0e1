"""Pykälä: with no arguments (or a draft file) the desktop program, else the command line."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from drafting import __version__, cli, location

    location.restore_library_path()  # the bundle: children get the system's libraries
    if argv[:1] == ["--version"]:
        print(f"Pykälä {__version__}")
        return 0
    if argv[:1] == ["--licenses"]:  # what this program (or bundle) ships: Help → About's list
        from drafting import licenses

        for component in licenses.shipped():
            row = [component.name, component.version, component.licence, *component.texts]
            print("\t".join(str(column) for column in row))
        return 0
    if argv[:1] in (["--install-desktop"], ["--uninstall-desktop"]):
        from drafting import desktop  # the launcher entry for this program (bundle or checkout)

        return desktop.main([argv[0].removeprefix("--").removesuffix("-desktop")])
    if argv and (argv[0] in cli.COMMANDS or argv[0] in ("-h", "--help")):
        return cli.main(argv)
    from ui.app import run  # Qt is loaded only for the window

    return run(argv)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # the bundle: a child process (the preview's Word
        import multiprocessing  # documents, drafting.word_process) runs here, not the program

        multiprocessing.freeze_support()
    sys.exit(main(sys.argv[1:]))
