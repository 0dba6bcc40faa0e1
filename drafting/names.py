"""Output file names, in one place: what a title may become as the stem of a file name."""

from __future__ import annotations

import re

# Characters Windows, macOS or Linux refuse in a file name, and line breaks.
_UNSAFE = re.compile(r'[\\/:*?"<>|\n\r\t]+')

# Long enough to recognise a title, short enough that a folder path with the number and the
# suffix stays well under the 260 characters of a classic Windows path.
LIMIT = 60

# The first page of a meeting's web version: the one a web server shows for the folder.
INDEX_PAGE = "index.html"


def file_stem(text: str, limit: int = LIMIT) -> str:
    """`text` as (part of) a file name: unsafe characters and runs of white space become one
    space, cut at `limit` characters, no trailing space or dot (Windows drops them)."""
    text = " ".join(_UNSAFE.sub(" ", text).split())
    return text[:limit].rstrip(" .")
