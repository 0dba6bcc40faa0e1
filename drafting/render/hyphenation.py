"""Can LibreOffice hyphenate the document's language? Without a hyphenator it prints the pages
unhyphenated (lines break at spaces only, so breaks move); everything else is complete.

Finnish needs Voikko's LibreOffice extension, Swedish a hyphenation dictionary (hyph_sv_*.dic).
They are looked for where the LibreOffice that converts (a private profile, see pdf.py) finds
them: its own installation (bundled extensions, extensions installed for all users) and, on
Linux, the system's hyphenation dictionaries. An extension installed only into a user's own
profile is not seen by that LibreOffice either, so it is not counted.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from functools import cache
from pathlib import Path

from drafting.i18n import _

SYSTEM_DIRS = (Path("/usr/share/hyphen"), Path("/usr/share/myspell/dicts"))
_LANG = re.compile(rb'<w:rPrDefault>.*?<w:lang [^>]*?w:val="([A-Za-z-]+)"', re.S)


def _shares(soffice: Path) -> list[Path]:
    """LibreOffice's share folders: <install>/share (Linux, Windows), Contents/Resources
    (macOS), and where `unopkg add --shared` unpacks extensions."""
    program = soffice.resolve().parent
    roots = [program.parent / "share", program.parent / "Resources"]
    return [r for r in roots if r.is_dir()]


def _has_voikko(soffice: Path) -> bool:
    for share in _shares(soffice):
        for folder in (share / "extensions", share / "uno_packages" / "cache" / "uno_packages"):
            if folder.is_dir() and any(
                "voikko" in p.name.lower() for p in [*folder.iterdir(), *folder.glob("*/*")]
            ):
                return True
    return False


def _has_patterns(soffice: Path, language: str, system_dirs) -> bool:
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
        return _has_voikko(soffice)
    if language == "sv":
        return _has_patterns(soffice, "sv", system_dirs)
    return True


def document_language(docx: bytes) -> str:
    """The language a rendered document declares ("fi" of fi-FI), or "" if none."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            styles = archive.read("word/styles.xml")
    except (zipfile.BadZipFile, KeyError):
        return ""
    match = _LANG.search(styles)
    return match.group(1).decode("ascii").split("-")[0].lower() if match else ""


def install_hint(language: str) -> str:
    linux = sys.platform.startswith("linux")
    if language == "fi":
        if linux:
            return _("Install it with: apt-get install libreoffice-voikko")
        return _(
            "Install the extension “Voikko for LibreOffice” (voikko.puimula.org) for all "
            "users of the computer."
        )
    if linux:
        return _("Install it with: apt-get install hyphen-sv")
    return _("Install LibreOffice's Swedish dictionary (part of LibreOffice's installer).")


def missing_notice(language: str) -> str:
    """What the preview says, once, when the language cannot be hyphenated."""
    if language == "fi":
        what = _("LibreOffice has no Finnish hyphenation (Voikko)")
    else:
        what = _("LibreOffice has no Swedish hyphenation")
    return _(
        "{what}, so the pages print without hyphenation: lines break at spaces only and page "
        "breaks may move; nothing else is missing. {hint}"
    ).format(what=what, hint=install_hint(language))
