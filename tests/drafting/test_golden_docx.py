"""The Word XML of both reference items, kept in tests/golden/: a change to the renderer or
the template that changes what prints shows up here as a readable diff. After a change
that is meant, write them again:

    PYKALA_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/drafting/test_golden_docx.py
"""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest
from lxml import etree

from drafting import draftfile
from drafting.render import context, docx
from tests.conftest import EXAMPLE_333, EXAMPLE_885, ROOT

GOLDEN = ROOT / "tests" / "golden"
PARTS = ("word/document.xml", "word/header1.xml", "word/footer1.xml")


def readable(xml: bytes) -> str:
    """Pretty-printed, with ids that carry no meaning (rsid, paraId, textId) left out."""
    text = etree.tostring(etree.fromstring(xml), pretty_print=True, encoding="unicode")
    return re.sub(r' w1[45]?:(rsid\w*|paraId|textId)="[^"]*"', "", text)


@pytest.mark.parametrize("example", [EXAMPLE_333, EXAMPLE_885], ids=lambda p: p.stem)
@pytest.mark.parametrize("part", PARTS)
def test_word_xml_is_as_kept(example, part):
    data = docx.render(context.build(draftfile.load(example)))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        ours = readable(archive.read(part))
    kept = GOLDEN / f"{example.stem}-{part.replace('/', '-')}"
    if os.environ.get("PYKALA_UPDATE_GOLDEN"):
        kept.write_text(ours, encoding="utf-8")
    assert ours == kept.read_text(encoding="utf-8"), f"{kept.name} differs"
