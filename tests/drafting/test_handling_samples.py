"""Issue 27, the words: the seven published items in ../shared/acceptance/handling/, each
transcribed as a record in tests/handling/, print their published handling text exactly
(whitespace between paragraphs aside) under Käsittely / Behandling in the Word document, the
web page and (with LibreOffice) the PDF, as a user renders them with `main.py render`."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.drafting.conftest import run_cli
from tests.support.documents import docx_paragraphs, pdf_pages, squash

pytestmark = pytest.mark.slow  # the program renders in a child process

# The shared folder beside the project (../shared from the main checkout, ../../shared from a
# worktree); the samples are copied beside their records, so the test runs without it.
SHARED = [root / "shared" / "acceptance" / "handling" for root in (ROOT.parent, ROOT.parent.parent)]
SAMPLES = next((folder for folder in SHARED if folder.exists()), SHARED[0])
RECORDS = ROOT / "tests" / "handling"
NAMES = sorted(p.stem for p in RECORDS.glob("*.pykala"))
HEADINGS = ("Käsittely", "Behandling")
FOOTERS = ("Postiosoite", "Postadress")  # the first label of the page's footer
HEADER_LINES = 4  # a page's header in Helsinki's template: organisation, body, Asia/N, date


def published(name: str) -> str:
    """The sample's handling text, as published: its copy beside the record (the same as the
    shared folder's, when that is there)."""
    own = json.loads((RECORDS / f"{name}.json").read_text("utf-8"))["handling_text"]
    shared = SAMPLES / f"{name}.json"
    if shared.exists():
        assert own == json.loads(shared.read_text("utf-8"))["handling_text"]
    return own


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def render(name: str, folder: Path, *extra: str) -> Path:
    out = folder / f"{name}.docx"
    page = folder / f"{name}.html"
    result = run_cli(
        "render", RECORDS / f"{name}.pykala", "-o", out, "--html", page, "--internal", *extra
    )
    assert result.returncode == 0, result.stderr
    return out


def docx_section(data: bytes) -> str:
    """The paragraphs under the Käsittely heading, up to the next heading of its level."""
    paragraphs = docx_paragraphs(data)
    at = next(i for i, (_style, text) in enumerate(paragraphs) if text in HEADINGS)
    level = paragraphs[at][0]
    body = []
    for style, text in paragraphs[at + 1 :]:
        if style == level:
            break
        body.append(text)
    return norm(" ".join(body))


def html_section(page: str) -> str:
    found = re.search(
        r"<h(\d)[^>]*>\s*(?:Käsittely|Behandling)\s*</h\1>(.*?)(?=<h\1[^>]*>|</main>|</section>)",
        page,
        re.S,
    )
    assert found, "no Käsittely/Behandling section on the page"
    return norm(html.unescape(re.sub(r"<[^>]+>", " ", found.group(2))))


def test_every_sample_is_transcribed():
    assert len(NAMES) == 7
    if SAMPLES.exists():
        assert sorted(p.stem for p in SAMPLES.glob("*.json")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_word_and_web_page_print_the_published_text(name, tmp_path):
    docx = render(name, tmp_path)
    expected = norm(published(name))
    assert docx_section(docx.read_bytes()) == expected
    assert html_section(docx.with_suffix(".html").read_text("utf-8")) == expected


@pytest.mark.parametrize("name", NAMES)
def test_the_record_holds_no_published_text_in_one_string(name):
    """The text is written from the record: no string of the draft holds the section."""
    data = json.loads((RECORDS / f"{name}.pykala").read_text("utf-8"))
    events = data["item"]["decision"]["handling"]
    assert len(events) >= 1 and all(e["event"] != "note" or len(events) > 1 for e in events)
    strings = json.dumps(data, ensure_ascii=False)
    assert norm(published(name)) not in norm(strings)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_pdf_prints_the_published_text(name, tmp_path):
    docx = render(name, tmp_path, "--pdf", str(tmp_path / f"{name}.pdf"))
    lines: list[str] = []
    for page in pdf_pages(docx.with_suffix(".pdf")):
        rows = page.splitlines()
        footer = next(i for i, row in enumerate(rows) if row.startswith(FOOTERS))
        lines += rows[HEADER_LINES:footer]  # the page's text without its header and footer
    at = next(i for i, row in enumerate(lines) if row.strip() in HEADINGS)
    section = []
    for row in lines[at + 1 :]:
        if row.strip() and not row[0].isspace():  # the next heading, at the left margin
            break
        section.append(row)
    # Lines are wrapped and hyphenated in the PDF: its letters and digits must be the same.
    assert squash("\n".join(section)) == squash(published(name))
