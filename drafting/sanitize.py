"""One cleaning step for every user string before it reaches the DOCX XML.

python-docx raises on XML-illegal characters, docxtpl silently drops them, and a lone
surrogate once deleted every paragraph after it. So every value passes here exactly once.
"""

from __future__ import annotations

import re

# Characters XML 1.0 forbids: C0 controls except TAB, LF, CR; the two non-characters
# U+FFFE/U+FFFF; and lone surrogates (which UTF-8 cannot even encode).
_ILLEGAL = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Return `value` safe for OOXML, keeping every legal character.

    VT (U+000B) is Word's manual line break when text is pasted, so it becomes a newline;
    CR LF and lone CR become LF; illegal characters become U+FFFD so that the reader can
    see where something was, instead of losing it silently.
    """
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _ILLEGAL.sub("\ufffd", value)
