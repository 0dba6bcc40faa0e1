"""What the bundle ships and under which licences, read from the installed packages' own
metadata (the bundle carries their dist-info folders), never typed in by hand.

A package whose wheel carries no licence text (PySide6, shiboken6, docxtpl) gets the text of
its licence from resources/licenses/.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from drafting import __version__
from drafting.location import RESOURCES

# The runtime dependencies and theirs (tests/drafting/test_licenses.py checks this against
# pyproject's dependencies), as PyPI spells them.
SHIPPED = (
    "PySide6-Essentials",
    "PySide6-Addons",
    "shiboken6",
    "python-docx",
    "docxtpl",
    "Jinja2",
    "MarkupSafe",
    "lxml",
    "typing_extensions",
    "babel",
    "markdown-it-py",
    "mdurl",
    "pypdf",
    "psutil",
    "pyenchant",
    "libvoikko",
    # Signing (drafting.signing): pyHanko and what it needs, the PKCS#11 binding, the fonts.
    "pyHanko",
    "pyhanko-certvalidator",
    "asn1crypto",
    "oscrypto",
    "cryptography",
    "cffi",
    "pycparser",
    "tzlocal",
    "uritools",
    "aiohttp",
    "aiohappyeyeballs",
    "aiosignal",
    "attrs",
    "frozenlist",
    "multidict",
    "propcache",
    "yarl",
    "idna",
    "certifi",
    "python-pkcs11",
    "fonttools",
    "uharfbuzz",
)
# Licence texts for the wheels that carry none (LGPLv3 is read together with the GPLv3).
TEXTS_BY_LICENCE = {
    "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only": ("LGPL-3.0.txt", "GPL-3.0.txt"),
    "LGPL-2.1-only": ("LGPL-2.1.txt",),
    # libvoikko's Python module: MPL 1.1, GPLv2+ or LGPLv2+, at the user's choice; we use it
    # under the LGPL.
    "MPL 1.1 OR GPLv2+ OR LGPLv2+": ("LGPL-2.1.txt",),
}
LICENCES = RESOURCES / "licenses"
_TEXT_NAMES = ("LICEN", "COPYING", "NOTICE", "AUTHORS")


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    texts: tuple[Path, ...] = field(default=())

    def text(self) -> str:
        return "\n\n".join(p.read_text(encoding="utf-8", errors="replace") for p in self.texts)


def licence_of(meta: metadata.PackageMetadata) -> str:
    """The SPDX expression when the package declares one, else its License field, else the
    licence its trove classifier names."""
    for key in ("License-Expression", "License"):
        value = next(iter(meta.get_all(key) or []), "").strip()
        if value and value != "UNKNOWN" and "\n" not in value and len(value) < 100:
            return value
    named = [
        classifier.rsplit(" :: ", 1)[-1]
        for classifier in meta.get_all("Classifier") or []
        if classifier.startswith("License :: ")
    ]
    # "Mozilla Public License 1.1 (MPL 1.1)" → "MPL 1.1": a choice of licences, short
    short = [n[n.rfind("(") + 1 : -1] if n.endswith(")") else n for n in named]
    return " OR ".join(short) or "?"


def _texts(distribution: metadata.Distribution, licence: str) -> tuple[Path, ...]:
    own = [
        Path(str(distribution.locate_file(f)))
        for f in distribution.files or ()
        if ".dist-info" in str(f) and any(n in f.name.upper() for n in _TEXT_NAMES)
    ]
    found = tuple(p for p in own if p.is_file())
    return found or tuple(LICENCES / name for name in TEXTS_BY_LICENCE.get(licence, ()))


def component(name: str) -> Component:
    distribution = metadata.distribution(name)
    licence = licence_of(distribution.metadata)
    return Component(name, distribution.version, licence, _texts(distribution, licence))


def shipped() -> list[Component]:
    """Pykälä itself, Python, every package the program runs on, and the Finnish
    hyphenation patterns it gives LibreOffice (drafting/render/hyphenation.py)."""
    own = Component("Pykälä", __version__, "EUPL-1.2")
    finnish = Component(
        "hyph-fi (Finnish hyphenation patterns, Kauko Saarinen)",
        "2.2",
        "freely distributable",
        (LICENCES / "hyph-fi.txt",),
    )
    python = Component(
        "Python",
        platform.python_version(),
        "PSF-2.0",
        (LICENCES / "Python-3.11.txt",),
    )
    return [own, python, *(component(name) for name in SHIPPED), finnish]
