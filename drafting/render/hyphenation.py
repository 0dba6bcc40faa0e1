"""Hyphenation in the LibreOffice that converts: Finnish from our own patterns, Swedish from the
system's; without a hyphenator the pages print unhyphenated (lines break at spaces only, so
breaks move), everything else complete.

Finnish: resources/hyphenation/hyph_fi_FI.dic (Kauko Saarinen's TeX patterns in libhyphen's
format). Their syllable rules hyphenate as Helsinki's printed minutes do ("toimin-taohjelman",
"kotoutumisa-jan"), where Voikko, which knows compounds, writes "toiminta-ohjelman": with
Voikko 28 of the 38 long lines of § 885 came out as the original's, with these 32, and page 2
starts with the original's line. `seed_profile` registers them in every private profile we
start soffice with (pdf.new_profile) and puts them before any other Finnish hyphenator, so a
Voikko extension installed on the computer changes nothing; they ship with the program, so
Finnish is hyphenated on every system.

Swedish needs a hyphenation dictionary (hyph_sv_*.dic), looked for where that LibreOffice
finds it: its own installation (bundled extensions, extensions installed for all users) and,
on Linux, the system's hyphenation dictionaries. An extension installed only into a user's
own profile is not seen by it either, so it is not counted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import cache
from html import escape
from pathlib import Path

from drafting.i18n import _
from drafting.location import RESOURCES

FINNISH = RESOURCES / "hyphenation" / "hyph_fi_FI.dic"
# LibreOffice's own hyphenator service (libhyphen), and Voikko's, which LibreOffice would
# otherwise put first for Finnish the moment it finds it installed.
LIBHYPHEN = "org.openoffice.lingu.LibHnjHyphenator"
VOIKKO = "voikko.Hyphenator"

SYSTEM_DIRS = (Path("/usr/share/hyphen"), Path("/usr/share/myspell/dicts"))


def _shares(soffice: Path) -> list[Path]:
    """LibreOffice's share folders: <install>/share (Linux, Windows), Contents/Resources
    (macOS), and where `unopkg add --shared` unpacks extensions."""
    program = soffice.resolve().parent
    roots = [program.parent / "share", program.parent / "Resources"]
    return [r for r in roots if r.is_dir()]


def _has_patterns(soffice: Path, language: str, system_dirs: Iterable[Path]) -> bool:
    pattern = f"hyph_{language}*.dic"
    folders = [s / "extensions" for s in _shares(soffice)]
    if sys.platform.startswith("linux"):
        folders += list(system_dirs)
    for folder in folders:
        if folder.is_dir() and (any(folder.glob(pattern)) or any(folder.glob(f"*/{pattern}"))):
            return True
    return False


@cache
def available(soffice: Path, language: str, system_dirs: tuple[Path, ...] = SYSTEM_DIRS) -> bool:
    """Whether the LibreOffice at `soffice` hyphenates `language` ("fi", "sv"); other
    languages are not asked about (True)."""
    if language == "fi":
        return FINNISH.is_file()  # ours: it ships with the program
    if language == "sv":
        return _has_patterns(soffice, "sv", system_dirs)
    return True


def install_hint() -> str:
    """How to add Swedish hyphenation (Finnish ships with the program)."""
    if sys.platform.startswith("linux"):
        return _("Install it with: apt-get install hyphen-sv")
    return _("Install LibreOffice's Swedish dictionary (part of LibreOffice's installer).")


def missing_notice() -> str:
    """What the preview says, once, when a Swedish document cannot be hyphenated."""
    return _(
        "{what}, so the pages print without hyphenation: lines break at spaces only and page "
        "breaks may move; nothing else is missing. {hint}"
    ).format(what=_("LibreOffice has no Swedish hyphenation"), hint=install_hint())


def _strings(*values: str) -> str:
    return "".join(f"<it>{escape(v, quote=False)}</it>" for v in values)


def seed_profile(profile: Path) -> None:
    """Prepare a new, empty LibreOffice profile folder (-env:UserInstallation) so that it
    hyphenates Finnish with FINNISH, whatever else is installed."""
    path = "/org.openoffice.Office.Linguistic/ServiceManager"
    items = (
        f'<item oor:path="{path}/Dictionaries"><node oor:name="HyphDic_fi_FI_pykala" '
        'oor:op="replace"><prop oor:name="Format" oor:op="fuse"><value>DICT_HYPH</value></prop>'
        f'<prop oor:name="Locales" oor:op="fuse"><value>{_strings("fi-FI")}</value></prop>'
        '<prop oor:name="Locations" oor:op="fuse">'
        f"<value>{_strings(FINNISH.resolve().as_uri())}</value></prop></node></item>",
        # ours alone for fi-FI; Voikko counted as already seen, else it is put first
        f'<item oor:path="{path}/HyphenatorList"><prop oor:name="fi-FI" oor:op="fuse" '
        f'oor:type="oor:string-list"><value>{_strings(LIBHYPHEN)}</value></prop></item>',
        f'<item oor:path="{path}/LastFoundHyphenators"><prop oor:name="fi-FI" oor:op="fuse" '
        f'oor:type="oor:string-list"><value>{_strings(VOIKKO, LIBHYPHEN)}</value></prop></item>',
    )
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        + "\n".join(items)
        + "\n</oor:items>\n",
        encoding="utf-8",
    )
