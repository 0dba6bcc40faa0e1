"""The rendered PDFs read like the real Helsinki documents in shared/reference/.

pdftotext -layout of our PDF must show the same section headings in the same order, every
paragraph of the reference, and on every page the header and the footer.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLE_333, EXAMPLE_885, REFERENCE
from tests.support.documents import pdf_pages, squash

pytestmark = pytest.mark.libreoffice

CASES = [
    (EXAMPLE_333, REFERENCE / "kh-2021-05-03-s333-item.txt", "18/2021", "03.05.2021"),
    (EXAMPLE_885, REFERENCE / "kh-2021-11-22-s885-item.txt", "45/2021", "22.11.2021"),
]
HEADINGS_FI = {
    "Päätös",
    "Käsittely",
    "Esittelijä",
    "Lisätiedot",
    "Liitteet",
    "Muutoksenhaku",
    "Otteet",
    "Päätösehdotus",
    "Esitysehdotus",
    "Lausuntoehdotus",
    "Tiivistelmä",
    "Esittelijän perustelut",
    "Oheismateriaali",
    "Tiedoksi",
    "Päätöshistoria",
    "Lausunto",
    "Esitys",
}
FOOTER_FI = [
    "Postiosoite",
    "Käyntiosoite",
    "Puhelin",
    "Y-tunnus",
    "Tilinro",
    "Faksi",
    "Alv.nro",
    "PL 1",
    "Pohjoisesplanadi 11-13",
    "+358 9 310 1641",
    "0201256-6",
    "FI0680001200062637",
    "00099 HELSINGIN KAUPUNKI",
    "Helsinki 17",
    "kaupunginkanslia@hel.fi",
    "http://www.hel.fi/kaupunginkanslia",
    "FI02012566",
]

_FRAME = re.compile(
    r"^\s*(Helsingin kaupunki\s+(Pöytäkirja|Esityslista).*|Kaupunginhallitus|Asia/\d+|"
    r"\d\d\.\d\d\.\d{4}|Postiosoite\s.*|PL 1\s.*|00099 HELSINGIN.*|kaupunginkanslia@.*)\s*$"
)


def body_lines(text: str) -> list[str]:
    """The text without the page header and footer lines."""
    return [line for line in text.splitlines() if not _FRAME.match(line)]


def headings(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip() in HEADINGS_FI]


def paragraphs(lines: list[str]) -> list[str]:
    out, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append(" ".join(current))
            current = []
    return out


@pytest.mark.parametrize(("draft", "reference", "number", "date"), CASES, ids=["s333", "s885"])
def test_sections_in_the_reference_order(rendered, draft, reference, number, date):
    _, pdf = rendered(draft)
    ours = body_lines("\n".join(pdf_pages(pdf)))
    theirs = body_lines(reference.read_text(encoding="utf-8"))
    assert headings(ours) == headings(theirs)


@pytest.mark.parametrize(("draft", "reference", "number", "date"), CASES, ids=["s333", "s885"])
def test_every_reference_paragraph_is_printed_in_order(rendered, draft, reference, number, date):
    _, pdf = rendered(draft)
    ours = squash(" ".join(body_lines("\n".join(pdf_pages(pdf)))))
    position = 0
    missing = []
    for paragraph in paragraphs(body_lines(reference.read_text(encoding="utf-8"))):
        found = ours.find(squash(paragraph), position)
        if found < 0:
            missing.append(paragraph)
        else:
            position = found
    assert missing == []


@pytest.mark.parametrize(("draft", "reference", "number", "date"), CASES, ids=["s333", "s885"])
def test_every_page_has_header_and_footer(rendered, draft, reference, number, date):
    _, pdf = rendered(draft)
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    for n, page in enumerate(pages, 1):
        lines = [line for line in page.splitlines() if line.strip()]
        first = " ".join(lines[0].split())
        assert first == f"Helsingin kaupunki Pöytäkirja {number} {n} ({len(pages)})"
        assert [line.strip() for line in lines[1:4]] == ["Kaupunginhallitus", "Asia/17", date]
        footer = " ".join(" ".join(lines[-4:]).split())
        for value in FOOTER_FI:
            if value != "+358 9 655 783":
                assert value in footer, (n, value)


def test_footer_values_follow_the_meeting_date(rendered):
    """The fax number was still printed in May 2021 and gone by November."""
    _, may = rendered(EXAMPLE_333)
    _, november = rendered(EXAMPLE_885)
    assert all("+358 9 655 783" in page for page in pdf_pages(may))
    assert not any("+358 9 655 783" in page for page in pdf_pages(november))


def test_swedish_words_and_dates(rendered):
    _, pdf = rendered(EXAMPLE_333, "--language", "sv")
    pages = pdf_pages(pdf)
    first = " ".join(pages[0].split())
    assert first.startswith(
        f"Helsingfors stad Protokoll 18/2021 1 ({len(pages)}) Stadsstyrelsen Ärende/17 03.05.2021"
    )
    text = "\n".join(pages)
    lines = [line.strip() for line in text.splitlines()]
    for heading in (
        "Beslut",
        "Föredragande",
        "Upplysningar",
        "Bilagor",
        "Sökande av ändring",
        "Beslutsförslag",
        "Föredragandens motiveringar",
        "Beslutshistorik",
    ):
        assert heading in lines
    assert "F 19.5.2021, Valtuutettu" in text
    assert "Beslutet stämmer överens med förslaget." in text
    assert "Social- och hälsovårdsnämnden 30.03.2021 § 69" in text
    assert "telefon: 310 36184" in text
    assert "Postadress" in text and "00099 HELSINGFORS STAD" in text
    assert not {"Päätös", "Esittelijä", "Lisätiedot"} & set(lines)


def test_agenda_has_only_the_motion_part(rendered):
    _, pdf = rendered(EXAMPLE_885, "--document", "agenda")
    pages = pdf_pages(pdf)
    text = "\n".join(pages)
    assert " ".join(pages[0].split()).startswith(
        f"Helsingin kaupunki Esityslista 45/2021 1 ({len(pages)})"
    )
    found = headings(body_lines(text))
    assert found == [
        "Päätösehdotus",
        "Esittelijän perustelut",
        "Esittelijä",
        "Lisätiedot",
        "Oheismateriaali",
        "Muutoksenhaku",
        "Otteet",
        "Tiedoksi",
    ]
    assert "Päätös on ehdotuksen mukainen." not in text
    assert "Kaupunginhallitus päättää merkitä tiedoksi selvityksen" in " ".join(text.split())
    assert "Tuula Saxholm" not in text  # the decision-time presenter belongs to the minutes
