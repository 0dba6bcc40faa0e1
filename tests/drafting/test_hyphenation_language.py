"""The hyphenation notice follows the language the document was made in, as drafting.produce
passes it on to the converter (it used to be read back from the DOCX with a regex)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from drafting import draftfile, meeting, produce
from drafting.render import hyphenation, pdf, warm
from tests.conftest import EXAMPLE_885, ROOT

MEETING = ROOT / "resources" / "examples" / "meeting" / "kh-18-2021.pykala"


@pytest.fixture
def cold(monkeypatch):
    """A converter that cannot hyphenate Swedish and records what it was asked to convert."""
    monkeypatch.setattr(hyphenation, "available", lambda soffice, language: language != "sv")
    monkeypatch.setattr(pdf, "find_soffice", lambda: pdf.Path("/usr/bin/soffice"))
    asked: list[str] = []
    page = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(page)

    def convert(data, archival=False, timeout=None):
        asked.append("docx")
        return page.getvalue()

    monkeypatch.setattr(pdf, "convert", convert)
    converter = warm.Converter(warm=False)
    return converter, asked


def test_a_swedish_draft_gives_the_notice_and_a_finnish_one_does_not(cold):
    converter, asked = cold
    draft = draftfile.load(EXAMPLE_885)
    produce.produce(draft, ("pdf",), converter=converter)
    assert asked and produce.notice(converter) == ""
    produce.produce(draft, ("pdf",), language="sv", converter=converter)
    assert "no Swedish hyphenation" in produce.notice(converter)
    draft.language = "sv"  # the draft's own language, no choice given
    converter._told_hyphenation.clear()
    produce.produce(draft, ("pdf",), converter=converter)
    assert "no Swedish hyphenation" in produce.notice(converter)


@pytest.mark.parametrize("kind", ["minutes", "items", "extracts"])
def test_a_meetings_documents_carry_their_language_to_the_converter(cold, kind):
    converter, _asked = cold
    loaded = meeting.load(MEETING)
    produce.produce(loaded, ("pdf",), kinds=(kind,), converter=converter)
    assert produce.notice(converter) == ""
    produce.produce(loaded, ("pdf",), kinds=(kind,), language="sv", converter=converter)
    assert "no Swedish hyphenation" in produce.notice(converter)


def test_the_converter_takes_the_language_it_is_given_and_never_reads_it_back(cold):
    converter, _asked = cold
    converter.convert(b"any bytes: not read for their language", language="sv")
    assert "no Swedish hyphenation" in produce.notice(converter)
