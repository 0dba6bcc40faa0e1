"""Issue 27, more real items: Helsinki handling texts of kinds the seven samples do not cover,
transcribed as records in tests/handling/more/, print their published text exactly with
`main.py handling` (whitespace aside), as a user or a script prints one item's handling.

Most are whole handling sections from the City's Ahjo interface (decisions of November and
December 2021, as the City's own repository keeps them; the address and the decision's Ahjo id
are in each .json): a committee's vote after two counter-proposals, one not seconded ("1
äänestys", the EI label the proposal's own text, "Esittelijän ehdotus jäi voimaan äänin 9-4."),
a counter-proposal adopted unanimously ("… hyväksyi Shawn Huffin vastaehdotuksen
yksimielisesti."), a return proposal seconded by two ("Marko Karvisen palautusehdotusta
kannattivat Anita Hellman ja Nina Sundell."), experts heard, a disqualified member with and
without the ground ("Esteelliset: …"), the City Council's wish clause voted down in the words of
2021 with all 85 ballots (W sorted as V), a board's unanimous tabling. Others are from
paatokset.hel.fi pages: a hyphenated surname's genitive, a committee's tabling, the City
Council's Swedish sentence for a disqualified official, its return vote of 2020; one line from
a listing of older minutes (several disqualified on one line).

Where a stored page breaks off (a long vote list), `compare_before` names the group it breaks
off in, and the test compares the text up to that group, as test_council_published.py does.
Where the published text lacks a full stop the formula prints (Ahjo's pages of a committee's
meeting of 16.11.2021 end two sentences without one), `corrections` names each [as published,
as corrected] pair, and the test compares with the corrected text.

Twelve more from the same data (mined with every other handling section of it; the counts are
in the report of the branch mine27): a presenter's removal of a paragraph, a return proposal
seconded and adopted unanimously, three experts, a board's sections naming themselves short
("Jaosto päätti …", "Konsernijaosto päätti yksimielisesti X:n ehdotuksesta panna …"), the
Social Services and Health Committee's "jätti asian yksimielisesti pöydälle puheenjohtaja X:n
ehdotuksesta", the Education Committee's "Asian aikana oli kuultavana …".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.drafting.conftest import run_cli

pytestmark = pytest.mark.slow  # the program runs in a child process, as a user runs it

RECORDS = Path(__file__).parent / "more"
NAMES = sorted(p.stem for p in RECORDS.glob("*.pykala"))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def meta(name: str) -> dict:
    return json.loads((RECORDS / f"{name}.json").read_text("utf-8"))


def test_the_items_are_transcribed_with_their_addresses():
    assert len(NAMES) == 26
    for name in NAMES:
        data = meta(name)
        assert data["url"].startswith("https://")
        assert data["handling_text"].strip() and data["note"].strip()
        if "compare_before" in data:
            assert data["compare_before"] in data["handling_text"]
        for published, _corrected in data.get("corrections", []):
            assert published in data["handling_text"]


@pytest.mark.parametrize("name", NAMES)
def test_an_item_prints_as_published(name):
    data = meta(name)
    published = data["handling_text"]
    for was, corrected in data.get("corrections", []):
        published = published.replace(was, corrected, 1)
    cut = data.get("compare_before")
    result = run_cli("handling", RECORDS / f"{name}.pykala")
    assert result.returncode == 0, result.stderr
    printed = norm(result.stdout)
    if cut is None:
        assert printed == norm(published)
        return
    expected = norm(published[: published.index(cut)])
    assert printed[: len(expected)] == expected
    # …and the next thing printed is the group the stored copy breaks off in.
    assert printed[len(expected) :].lstrip().startswith(cut.split(":")[0])
