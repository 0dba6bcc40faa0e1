"""Reading the parts of a zip (a Word document, a profile's template) with limits.

A .docx is a zip, and a hostile one can hold a part that inflates a thousandfold (1.5 MB
becoming 1.5 GB), a damaged deflate stream or a wrong checksum. Every part Pykälä reads
goes through `read`: it is inflated in pieces and given up as soon as it grows past its
limit, whatever size the zip declares, and every way a damaged zip can fail ends as one
exception, `PartError`, whose message says what is wrong for the user.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from typing import IO

from drafting.i18n import _

MB = 1024 * 1024
PART_LIMIT = 16 * MB  # no part of a document Pykälä writes or reads comes near this
# Word's XML inflates 5 to 20 times; a part far beyond that is a bomb, not a document.
RATIO_LIMIT = 200
_SMALL = MB  # a part this small may compress as well as it likes
_CHUNK = 256 * 1024
# Every way zipfile and its decompressors fail on a damaged or strange archive.
DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,  # a compression method zipfile does not know
    RuntimeError,  # an encrypted member
    ValueError,
    OSError,
)


class PartError(Exception):
    """A part that cannot be read: damaged, or larger than its limit. `str()` says so."""


class TooLarge(PartError):
    pass


class NotZip(PartError):
    pass


def open_zip(source: str | IO[bytes]) -> zipfile.ZipFile:
    """The zip at `source`; PartError for a file that is no zip or a damaged one."""
    try:
        return zipfile.ZipFile(source)
    except FileNotFoundError:
        raise
    except DAMAGE as exc:
        raise NotZip(_("it is damaged or not a zip file ({reason})").format(reason=exc)) from None


def _info(archive: zipfile.ZipFile, name: str, limit: int) -> zipfile.ZipInfo:
    info = archive.getinfo(name)  # KeyError: the part is not there
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limit or (info.file_size > _SMALL and ratio > RATIO_LIMIT):
        raise TooLarge(
            _("its part {part} inflates to {size} MB, more than a document holds").format(
                part=name, size=info.file_size // MB
            )
        )
    return info


def check_sizes(archive: zipfile.ZipFile, total_limit: int = 4 * PART_LIMIT) -> None:
    """PartError if any part of `archive` declares more than the limits allow, or all of
    them together more than `total_limit`: for an archive another library reads whole
    (python-docx reads each part up to its declared size)."""
    total = 0
    for info in archive.infolist():
        _info(archive, info.filename, PART_LIMIT)
        total += info.file_size
    if total > total_limit:
        raise TooLarge(
            _("its parts inflate to {size} MB, more than a document holds").format(size=total // MB)
        )


def read(archive: zipfile.ZipFile, name: str, limit: int = PART_LIMIT) -> bytes:
    """The part `name`, inflated; KeyError if it is not there, PartError if it is damaged or
    grows past `limit` bytes (counted as it inflates, not as the zip declares)."""
    info = _info(archive, name, limit)
    pieces, total = [], 0
    try:
        with archive.open(info) as part:
            while piece := part.read(_CHUNK):
                total += len(piece)
                if total > limit:
                    raise TooLarge(
                        _("its part {part} inflates to more than {size} MB").format(
                            part=name, size=limit // MB
                        )
                    )
                pieces.append(piece)
    except DAMAGE as exc:
        raise PartError(
            _("its part {part} is damaged ({reason})").format(part=name, reason=exc)
        ) from None
    return b"".join(pieces)


def head(archive: zipfile.ZipFile, name: str, size: int = 4096) -> bytes:
    """The first `size` bytes of the part `name` (at most), without inflating the rest."""
    try:
        with archive.open(archive.getinfo(name)) as part:
            return part.read(size)
    except DAMAGE as exc:
        raise PartError(
            _("its part {part} is damaged ({reason})").format(part=name, reason=exc)
        ) from None
