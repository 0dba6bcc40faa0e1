"""Messages of the core in the user's language (gettext, catalogs in resources/locale).

The core never touches builtins: modules import `_` from here. The GUI and the CLI call
`set_language` once; a missing catalog falls back to the English source strings.
"""

from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"
DOMAIN = "pykala"
UI_LANGUAGES = ("fi", "sv", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    global _translation, _language
    _language = language if language in UI_LANGUAGES else "en"
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
