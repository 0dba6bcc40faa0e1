"""Acceptance: an "Espoo" profile with its own footer and a Word template carrying a logo in
its header; the reference item rendered with it prints Espoo's name, footer and logo on every
page and nothing of Helsinki's.

The reference item's own text speaks of Helsinki (its police, its services). The draft
rendered here is that item with every word beginning "Helsin" in its text replaced by the
single word "Espoossa" (and the contacts' @hel.fi with @espoo.fi), so that "no Helsin
anywhere" can be checked on the whole page, not only in the header and footer.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests.conftest import EXAMPLE_333
from tests.drafting.conftest import run_cli
from tests.support import espoo

pytestmark = pytest.mark.libreoffice  # the logo is counted on each page of the PDF


def _espoo_draft(tmp_path):
    data = json.loads(EXAMPLE_333.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    text = re.sub(r"Helsin\w*", "Espoossa", text).replace("@hel.fi", "@espoo.fi")
    data = json.loads(text)
    data["organization"] = "espoo"
    path = tmp_path / "espoo-s333.pykala"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _pages(pdf) -> list[str]:
    count = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout,
        ).group(1)
    )
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def _images_per_page(pdf) -> dict[int, int]:
    listing = subprocess.run(
        ["pdfimages", "-list", pdf], capture_output=True, text=True, check=True
    ).stdout
    counts: dict[int, int] = {}
    for line in listing.splitlines()[2:]:
        fields = line.split()
        if fields and fields[2] == "image":
            counts[int(fields[0])] = counts.get(int(fields[0]), 0) + 1
    return counts


def test_an_espoo_item_prints_espoos_name_footer_and_logo_on_every_page(tmp_path):
    profile = espoo.install()
    assert (profile.parent / "espoo.docx").is_file()
    draft = _espoo_draft(tmp_path)
    out_docx, out_pdf = tmp_path / "espoo.docx", tmp_path / "espoo.pdf"

    result = run_cli("render", draft, "-o", out_docx, "--pdf", out_pdf)
    assert result.returncode == 0, result.stderr

    pages = _pages(out_pdf)
    assert len(pages) >= 3  # the item runs over several pages: "every page" means something
    for number, page in enumerate(pages, start=1):
        assert "Espoon kaupunki" in page, f"page {number} lacks the name"
        for text in espoo.FOOTER_TEXT:
            assert text in page, f"page {number} lacks Espoo's footer"
        assert "Espoonkatu 5" in page and "0101263-6" in page
        assert f"{number} ({len(pages)})" in page
    whole = "".join(pages)
    assert "Helsin" not in whole and "Helsing" not in whole
    assert "hel.fi" not in whole and "PL 1," not in whole  # Helsinki's footer is gone

    images = _images_per_page(out_pdf)
    assert sorted(images) == list(range(1, len(pages) + 1)), images
    assert all(count >= 1 for count in images.values())


def test_the_same_item_with_helsinki_has_no_logo(tmp_path):
    """The control: our own template has no image, so the count above is the logo's."""
    data = json.loads(EXAMPLE_333.read_text(encoding="utf-8"))
    draft = tmp_path / "s333.pykala"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out_pdf = tmp_path / "s333.pdf"
    result = run_cli("render", draft, "-o", tmp_path / "s333.docx", "--pdf", out_pdf)
    assert result.returncode == 0, result.stderr
    assert _images_per_page(out_pdf) == {}
