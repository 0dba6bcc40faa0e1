"""Output file names, in one place: what a title may become as the stem of a file name."""

from __future__ import annotations

import re

from drafting.model import Draft

# Characters Windows, macOS or Linux refuse in a file name, and line breaks.
_UNSAFE = re.compile(r'[\\/:*?"<>|\n\r\t]+')

# Long enough to recognise a title, short enough that a folder path with the number and the
# suffix stays well under the 260 characters of a classic Windows path.
LIMIT = 60

# The first page of a meeting's web version: the one a web server shows for the folder.
INDEX_PAGE = "index.html"


def file_stem(text: str, limit: int = LIMIT) -> str:
    """`text` as (part of) a file name: unsafe characters and runs of white space become one
    space, shortened to the whole words that fit in `limit` characters (a single word longer
    than that is cut), no trailing space or dot (Windows drops them)."""
    text = " ".join(_UNSAFE.sub(" ", text).split())
    if len(text) > limit:
        cut = text[: limit + 1]  # a space just after the limit ends a whole word
        words = cut[: cut.rfind(" ")] if " " in cut else ""
        text = words if words.strip(" .") else text[:limit]
    return text.rstrip(" .")


def item_stem(draft: Draft, limit: int = LIMIT) -> str:
    """An item's file name, as every output of it is named (a build's item files, extracts
    and web pages, and the drafting window's exports): its § (else its Asia/N number) and
    title, "333 Valtuutettu Eva Biaudetin toivomusponsi …", in whole words."""
    item = draft.item
    number = item.section if item.section is not None else item.agenda_item
    return file_stem(" ".join(str(p) for p in (number, item.title) if p is not None), limit)
