"""The minutes with their PDF: each section counts its own pages ("3 (7)") in one LibreOffice
load of the combined document, not one per section plus one; the DOCX made beside the PDF
carries the same counts, and nothing of the counting."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from drafting import meeting, produce
from drafting.render import pdf, warm
from tests.drafting.test_meeting import MEETING, page_frames, sections_of

pytestmark = pytest.mark.libreoffice

NAME = "Pöytäkirja 18-2021"


def counted(frames) -> list[int]:
    """Each section's pages, checked to print "1 (M)" … "M (M)"."""
    groups = sections_of(frames)
    for group in groups:
        assert [(n, m) for n, m, _asia in group] == [
            (k, len(group)) for k in range(1, len(group) + 1)
        ]
    return [len(group) for group in groups]


def build_minutes(folder: Path, converter: warm.Converter) -> tuple[Path, Path]:
    """The minutes of the example meeting with their PDF, as `pykala build --minutes --pdf`
    and the meeting window build them."""
    loaded = meeting.load(MEETING)
    written = produce.build(loaded, ["minutes"], folder, ("docx", "pdf"), converter=converter)
    assert sorted(p.name for p in written) == [f"{NAME}.docx", f"{NAME}.pdf"]
    return folder / f"{NAME}.docx", folder / f"{NAME}.pdf"


def shown_by_libreoffice(docx_path: Path, folder: Path) -> list[int]:
    """The DOCX opened in LibreOffice (a cold conversion): its sections' counts."""
    shown = folder / "opened.pdf"
    shown.write_bytes(pdf.convert(docx_path.read_bytes()))
    return counted(page_frames(shown))


def test_minutes_with_their_pdf_take_one_libreoffice_load(tmp_path, monkeypatch):
    loads = []
    ask = warm.WarmConverter._ask

    def counting(self, request: dict, deadline: float) -> dict:
        loads.append(request)
        return ask(self, request, deadline)

    monkeypatch.setattr(warm.WarmConverter, "_ask", counting)
    converter = produce.Converter()
    try:
        docx_path, pdf_path = build_minutes(tmp_path, converter)
        assert converter.warm is not None  # the warm LibreOffice made it
    finally:
        converter.stop()
    assert len(loads) == 1
    # Cover, three items (the second of seven pages: LibreOffice puts a blank page after it,
    # which the PDF leaves out and nobody counts), appeal instructions.
    assert counted(page_frames(pdf_path)) == [2, 2, 7, 2, 1]
    assert shown_by_libreoffice(docx_path, tmp_path) == [2, 2, 7, 2, 1]
    with zipfile.ZipFile(io.BytesIO(docx_path.read_bytes())) as archive:
        xml = "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        )
    assert "Pykala" not in xml  # the counting's bookmarks stay out of the user's file
    assert "SECTIONPAGES" in xml  # Word counts each section itself


def test_without_the_warm_libreoffice_the_counts_are_the_same(tmp_path, monkeypatch):
    """No Python bridge to LibreOffice (the Python named cannot import uno): each section is
    measured alone, as before."""
    monkeypatch.setenv("PYKALA_UNO_PYTHON", str(Path(pdf.__file__)))  # not a Python at all
    converter = produce.Converter()
    try:
        docx_path, pdf_path = build_minutes(tmp_path, converter)
        assert converter.warm is None
    finally:
        converter.stop()
    assert counted(page_frames(pdf_path)) == [2, 2, 7, 2, 1]
    assert shown_by_libreoffice(docx_path, tmp_path) == [2, 2, 7, 2, 1]
