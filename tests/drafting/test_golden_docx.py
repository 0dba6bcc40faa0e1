"""The Word XML of both reference items, kept in tests/golden/: a change to the renderer or
the template that changes what prints shows up here as a readable diff. After a change
that is meant, write them again (each rewritten file then fails once, so that its diff is
looked at; never in CI):

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
    old = kept.read_text(encoding="utf-8") if kept.exists() else ""
    if ours != old and updating():
        kept.write_text(ours, encoding="utf-8")
        pytest.fail(f"{kept.name} written anew: look at `git diff {kept}`, then run again")
    assert ours == old, f"{kept.name} differs"


def updating() -> bool:
    """Golden files are written only when asked with PYKALA_UPDATE_GOLDEN=1, and never in CI
    (there a difference must fail, not be written away)."""
    if os.environ.get("CI"):
        return False
    return os.environ.get("PYKALA_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize(
    ("environment", "writes"),
    [
        ({}, False),
        ({"PYKALA_UPDATE_GOLDEN": "0"}, False),
        ({"PYKALA_UPDATE_GOLDEN": "yes"}, False),
        ({"PYKALA_UPDATE_GOLDEN": "1"}, True),
        ({"PYKALA_UPDATE_GOLDEN": "1", "CI": "true"}, False),
    ],
)
def test_golden_files_are_written_only_when_asked_and_never_in_ci(monkeypatch, environment, writes):
    for name in ("PYKALA_UPDATE_GOLDEN", "CI"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert updating() is writes
