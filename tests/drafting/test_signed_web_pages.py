"""The web version of the minutes says who signed the original, as their public copy does
(issue 29): "Allekirjoitettu sähköisesti" / "Elektroniskt undertecknat" on the first page,
each signer with role and time, as a heading and its lines like every other section; never
on the agenda, an item's page or the internal web version."""

from __future__ import annotations

import datetime as _dt
import re

import pytest

from drafting import copies, meeting, produce
from tests.conftest import EXAMPLES

MEETING = EXAMPLES / "meeting" / "kh-18-2021.pykala"
SIGNED = [
    ("Aino Lehtonen", "pöytäkirjantarkastaja", _dt.datetime(2021, 5, 4, 9, 5, tzinfo=_dt.UTC)),
    ("Anna Virtanen", "puheenjohtaja", _dt.datetime(2021, 5, 4, 14, 30, tzinfo=_dt.UTC)),
]


@pytest.fixture(scope="module")
def loaded() -> meeting.Meeting:
    return meeting.load(MEETING)


def said(page: str, heading: str) -> list[str]:
    """The lines under `heading` (an <h2>), "" when the page has no such section."""
    found = re.search(rf"<h2>{heading}</h2>\n<p>(.*?)</p>", page)
    return found.group(1).split("<br>") if found else []


@pytest.mark.parametrize(
    "language, heading, lines",
    [
        (
            "fi",
            "Allekirjoitettu sähköisesti",
            [
                "Aino Lehtonen, pöytäkirjantarkastaja, 4.5.2021 klo 9.05",
                "Anna Virtanen, puheenjohtaja, 4.5.2021 klo 14.30",
            ],
        ),
        (
            "sv",
            "Elektroniskt undertecknat",
            [
                "Aino Lehtonen, pöytäkirjantarkastaja, 4.5.2021 kl. 9.05",
                "Anna Virtanen, puheenjohtaja, 4.5.2021 kl. 14.30",
            ],
        ),
    ],
)
def test_the_web_minutes_say_who_signed(loaded, tmp_path, language, heading, lines):
    written = produce.build(
        loaded, ["minutes"], tmp_path, ("html",), copies.WEB, language=language, signed=SIGNED
    )
    index = (tmp_path / "index.html").read_text("utf-8")
    assert said(index, heading) == lines
    for page in written:
        if page.name != "index.html":  # an item's page is not the signed minutes' cover
            assert heading not in page.read_text("utf-8"), page.name


def test_the_build_s_web_folder_says_it_beside_the_public_minutes(loaded, tmp_path):
    """The build dialog's way: public Word minutes and the web pages in one build."""
    written = produce.build(
        loaded, ["minutes"], tmp_path, ("docx",), copies.PUBLIC, web=True, signed=SIGNED
    )
    (index,) = [p for p in written if p.name == "index.html"]
    assert said(index.read_text("utf-8"), "Allekirjoitettu sähköisesti") == [
        "Aino Lehtonen, pöytäkirjantarkastaja, 4.5.2021 klo 9.05",
        "Anna Virtanen, puheenjohtaja, 4.5.2021 klo 14.30",
    ]


def test_only_the_published_web_minutes_say_it(loaded, tmp_path):
    internal = produce.build(
        loaded, ["minutes"], tmp_path / "internal", ("html",), copies.FULL, signed=SIGNED
    )
    agenda = produce.build(
        loaded, ["agenda"], tmp_path / "agenda", ("html",), copies.WEB, signed=SIGNED
    )
    for page in internal + agenda:
        assert "Allekirjoitettu sähköisesti" not in page.read_text("utf-8"), page
