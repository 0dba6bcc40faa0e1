"""Hostile Word documents handed to `check` and File → Open (issue 22, holes 03 and 04): a
damaged deflate stream is a message and exit 2, a part that inflates a thousandfold is not
read whole, and a main part past the limit is refused in words, quickly."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest

from drafting import cli, draftfile, zipparts
from drafting.render import docx, embed
from tests.conftest import EXAMPLE_333

MB = 1024 * 1024


@pytest.fixture(scope="module")
def written() -> bytes:
    """A Word document as Pykälä writes it, carrying its draft."""
    return docx.render_item(draftfile.load(EXAMPLE_333))


def _rebuilt(source: bytes, first: dict[str, int] | None = None, replace: dict | None = None):
    """`source` with parts of `first` (name → size in spaces) put before all others and parts
    of `replace` given new contents."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name, size in (first or {}).items():
            with target.open(name, "w", force_zip64=True) as part:
                part.write(b"<a>")
                for _ in range(size // MB):
                    part.write(b" " * MB)
                part.write(b"</a>")
        for info in original.infolist():
            data = (replace or {}).get(info.filename, original.read(info))
            target.writestr(info.filename, data)
    return out.getvalue()


def _damaged(source: bytes, part: str = "word/document.xml", at: int = 10) -> bytes:
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        info = archive.getinfo(part)
    raw = bytearray(source)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + at, start + at + 50):
        raw[offset] ^= 0x5A
    return bytes(raw)


def test_a_damaged_deflate_stream_is_a_message_and_exit_2(tmp_path, written, capsys):
    path = tmp_path / "bad-crc.docx"
    path.write_bytes(_damaged(written))
    before = path.read_bytes()
    assert cli.main(["check", str(path)]) == 2
    said = capsys.readouterr().err
    assert (
        "bad-crc.docx cannot be read as a Word document: its part word/document.xml is damaged"
        in said
    )
    assert "internal error" not in said
    assert cli.main(["render", str(path), "-o", str(tmp_path / "o.docx")]) == 2
    assert path.read_bytes() == before and not (tmp_path / "o.docx").exists()


def test_a_damaged_draft_part_is_a_message(tmp_path, written):
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        (part,) = (
            n
            for n in archive.namelist()
            if n.startswith("customXml/item") and b"<draft " in archive.read(n)
        )
    path = tmp_path / "bad.docx"
    path.write_bytes(_damaged(written, part, at=8000))  # past its first element
    with pytest.raises(draftfile.DraftError) as raised:
        embed.open_word(path)
    (problem,) = raised.value.problems
    assert problem.startswith(
        f"bad.docx cannot be read as a Word document: its part {part} is damaged"
    )


def test_a_part_that_inflates_a_thousandfold_is_not_read(tmp_path, written):
    """A 300 MB part of spaces before the draft's own part (the bomb took 3.1 GB to check)."""
    path = tmp_path / "bomb.docx"
    path.write_bytes(_rebuilt(written, first={"customXml/item0.xml": 300 * MB}))
    assert path.stat().st_size < 2 * MB
    tracemalloc.start()
    try:
        reopened = embed.open_word(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * MB
    assert reopened.draft.item.title == draftfile.load(EXAMPLE_333).item.title
    assert cli.main(["check", str(path)]) == 0


def test_a_main_part_past_the_limit_is_refused_quickly(tmp_path, written, capsys):
    """60 MB of document.xml took 22 s; past the limit it is refused before it is parsed."""
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        xml = archive.read("word/document.xml")
    body = xml.index(b"<w:body>") + len(b"<w:body>")
    paragraph = b"<w:p><w:r><w:t>" + b"sana " * 20 + b"</w:t></w:r></w:p>"
    big = xml[:body] + paragraph * (60 * MB // len(paragraph)) + xml[body:]
    path = tmp_path / "big.docx"
    path.write_bytes(_rebuilt(written, replace={"word/document.xml": big}))
    started = time.monotonic()
    assert cli.main(["check", str(path)]) == 2
    assert time.monotonic() - started < 5
    said = capsys.readouterr().err
    assert "big.docx cannot be read as a Word document: its part word/document.xml" in said
    assert "more than a document holds" in said


def test_reading_stops_at_the_limit_whatever_the_zip_declares(written):
    """A part whose header declares it small, but whose stream inflates on."""
    with zipfile.ZipFile(io.BytesIO(_rebuilt(written, first={"customXml/x.xml": 40 * MB}))) as z:
        info = z.getinfo("customXml/x.xml")
        info.file_size = 1000  # the central directory lies
        with pytest.raises(zipparts.PartError):
            zipparts.read(z, "customXml/x.xml", limit=MB)
