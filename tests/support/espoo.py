"""An "Espoo" organisation profile made as an office would make it: its own name, bodies and
footer, and our template changed in Word (here with python-docx) to carry a logo in the
header. Shared by the drafting and window tests."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx as python_docx
from docx.shared import Cm

from drafting import profiles
from drafting.render.docx import ITEM_TEMPLATE

FOOTER_TEXT = ("PL 12", "02070 ESPOON KAUPUNKI")


def logo_png(width: int = 48, height: int = 24) -> bytes:
    """A small blue-and-white PNG, written by hand (no imaging library needed)."""
    rows = b"".join(
        b"\x00"
        + b"".join(
            b"\x00\x5a\xa0" if (x // 6 + y // 6) % 2 else b"\xff\xff\xff" for x in range(width)
        )
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def make_template(target: Path) -> Path:
    """item.docx with a logo in the header of the first page and of the others (Word shows
    them as "First Page Header" and "Header": the template has a different first page)."""
    document = python_docx.Document(str(ITEM_TEMPLATE))
    for section in document.sections:
        for header in (section.first_page_header, section.header):
            header.paragraphs[0].add_run().add_picture(io.BytesIO(logo_png()), width=Cm(2.5))
    document.save(str(target))
    return target


# What Espoo's appeal instructions print: its registry office, and the courts of its region.
APPEAL = {
    "registry": {
        "name": {"fi": "Espoon kaupungin kirjaamo", "sv": "Esbo stads registratorskontor"},
        "postal_address": {"fi": "PL 12, 02070 Espoon kaupunki", "sv": "PB 12, 02070 Esbo stad"},
        "visiting_address": {"fi": "Espoonkatu 5, Espoo", "sv": "Esbogatan 5, Esbo"},
        "email": "kirjaamo@espoo.fi",
        "phone": "+358 9 816 21",
        "hours": {"fi": "ma–pe klo 8.00–15.45", "sv": "mån–fre kl. 8.00–15.45"},
    },
    "administrative_court": {
        "name": {"fi": "Helsingin hallinto-oikeus", "sv": "Helsingfors förvaltningsdomstol"},
        "address": {
            "fi": "Radanrakentajantie 5, 00520 Helsinki",
            "sv": "Banbyggarvägen 5, 00520 Helsingfors",
        },
        "email": "helsinki.hao@oikeus.fi",
        "phone": "029 56 42000",
    },
    "market_court": {
        "name": {"fi": "Markkinaoikeus", "sv": "Marknadsdomstolen"},
        "address": {
            "fi": "Radanrakentajantie 5, 00520 Helsinki",
            "sv": "Banbyggarvägen 5, 00520 Helsingfors",
        },
        "email": "markkinaoikeus@oikeus.fi",
        "phone": "029 56 43300",
    },
    "procurement_unit": {
        "name": {"fi": "Espoon kaupunki, kirjaamo", "sv": "Esbo stad, registratorskontoret"},
        "address": {"fi": "PL 12, 02070 Espoon kaupunki", "sv": "PB 12, 02070 Esbo stad"},
        "email": "kirjaamo@espoo.fi",
    },
}


def profile_data(template: str | None = "espoo.docx") -> dict:
    data = {
        "id": "espoo",
        "name": {"fi": "Espoon kaupunki", "sv": "Esbo stad"},
        "email_at": "@",
        "bodies": {"Kaupunginhallitus": {"sv": "Stadsstyrelsen"}},
        "footer": [
            [{"label": "postal_address"}, *({"text": t} for t in FOOTER_TEXT)],
            [{"label": "visiting_address"}, {"text": {"fi": "Espoonkatu 5", "sv": "Esbogatan 5"}}],
            [{"label": "phone"}, {"text": "+358 9 816 21"}],
            [{"label": "business_id"}, {"text": "0101263-6"}],
        ],
        "vocabulary": {"fi": {"secrecy": "Salassa pidettävä (Espoo)"}},
        "appeal": APPEAL,
    }
    if template:
        data["template"] = template
    return data


def install() -> Path:
    """The profile and its template in the user's profile folder; the profile's path."""
    folder = profiles.user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    make_template(folder / "espoo.docx")
    return profiles.save(profile_data())
