"""Issue 27, the council's words: real Helsinki City Council items (Kaupunginvaltuusto /
Stadsfullmäktige), transcribed as records in tests/handling/council/, print their published
handling text exactly with `main.py handling` (whitespace aside): the proposal as a sentence
("Valtuutettu X ehdotti valtuutettu Y:n kannattamana, että …" / "Ledamoten X understödd av
ledamoten Y föreslog att …"), a wish clause with no heading, the vote numbered through the
meeting ("8 äänestys" / "8 omröstningen", from `item.decision.first_vote`), the proposition
line ("Asian käsittelyn jatko JAA, palautus EI"), the labels and the names sorted by surname.

Each record's .json beside it holds the published text as the stored copy of the page has it
and the page's address. The stored copies break off inside the long vote lists (85 seats), so
each record lists the names that are there and the test compares the published text up to
the group where the copy breaks off (`compare_before`); the note in each .json says what is
missing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.drafting.conftest import run_cli

pytestmark = pytest.mark.slow  # the program runs in a child process, as a user runs it

RECORDS = Path(__file__).parent / "council"
NAMES = sorted(p.stem for p in RECORDS.glob("*.pykala"))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_the_council_items_are_transcribed():
    assert len(NAMES) == 4
    for name in NAMES:
        meta = json.loads((RECORDS / f"{name}.json").read_text("utf-8"))
        assert meta["url"].startswith("https://")
        assert meta["compare_before"] in meta["handling_text"]


@pytest.mark.parametrize("name", NAMES)
def test_a_council_item_prints_as_published(name):
    meta = json.loads((RECORDS / f"{name}.json").read_text("utf-8"))
    published = meta["handling_text"]
    expected = norm(published[: published.index(meta["compare_before"])])
    result = run_cli("handling", RECORDS / f"{name}.pykala")
    assert result.returncode == 0, result.stderr
    printed = norm(result.stdout)
    assert printed[: len(expected)] == expected
    # …and the next thing printed is the group the stored copy breaks off in.
    assert printed[len(expected) :].lstrip().startswith(meta["compare_before"].split(":")[0])
