"""Messages of the core in the user's language (gettext, catalogs in resources/locale).

The core never touches builtins: modules import `_` from here. The GUI and the CLI call
`set_language` once; a missing catalog falls back to the English source strings.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from drafting.location import RESOURCES

LOCALE_DIR = RESOURCES / "locale"
DOMAIN = "pykala"
UI_LANGUAGES = ("fi", "sv", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def catalog_bytes(po: Path) -> bytes:
    """Compile a .po catalog to .mo bytes with babel."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _load(language: str) -> gettext.NullTranslations:
    """The catalog of `language`. The .mo files are built by `make`; one missing or older
    than its .po (a source checkout after a pull) is compiled in memory, so the program
    never shows stale translations and never writes into its own folder."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:  # the bundle ships the .mo alone
            return gettext.GNUTranslations(handle)
    if not po.exists():
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(catalog_bytes(po)))


def set_language(language: str) -> None:
    global _translation, _language
    _language = language if language in UI_LANGUAGES else "en"
    _translation = _load(_language) if _language != "en" else gettext.NullTranslations()


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
