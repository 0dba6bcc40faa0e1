"""Issue 27, the council's words and the rest of the formulas, as a secretary meets them:
`main.py handling` prints an item's handling text, `main.py check` tells its problems and
`main.py build --minutes --html` prints a meeting's minutes.

- a counter-proposal's `effect` decides the EI label (adds: "… mukaisesti muutettuna";
  replaces: "… vastaehdotuksen mukaan");
- a return vote followed by other events: "päätti tässä äänestyksessä jatkaa …", and the
  substantive result line after it;
- a council numbers its votes through the meeting: the meeting build gives each item the
  number of its first vote ("3 äänestys" in the third item with votes);
- the body's seats (`meeting.seats`): quorum counts them when given; a council's wish clause
  needs at least half of them, and the minutes say when it fell.
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.drafting.conftest import run_cli

pytestmark = pytest.mark.slow  # `python main.py` in a process of its own

BOARD = ROOT / "tests" / "handling" / "01-kh-vote-counter-proposal.pykala"
MEETING = EXAMPLES / "meeting" / "kh-11-2026.pykala"
ENGLISH = {**os.environ, "LANGUAGE": "en"}


def norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def write(tmp_path: Path, data: dict, name: str = "item.pykala") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return path


def printed(path: Path) -> str:
    result = run_cli("handling", path, env=ENGLISH)
    assert result.returncode == 0, result.stderr
    return norm(result.stdout)


def board() -> dict:
    """The City Board's sample 01: a counter-proposal that adds a sentence, voted on."""
    return json.loads(BOARD.read_text("utf-8"))


def events(data: dict) -> list[dict]:
    return data["item"]["decision"]["handling"]


# --- a counter-proposal's effect ------------------------------------------------------------


def test_a_counter_proposal_that_replaces_the_decision_has_its_own_ei_label(tmp_path):
    data = board()
    assert "EI-ehdotus: Paavo Arhinmäen vastaehdotuksen mukaisesti muutettuna" in printed(
        write(tmp_path, data)
    )
    events(data)[0]["effect"] = "replaces"
    text = printed(write(tmp_path, data))
    assert "EI-ehdotus: Paavo Arhinmäen vastaehdotuksen mukaan" in text
    assert "muutettuna" not in text


# --- a return vote, and what follows it -----------------------------------------------------


def return_vote(follow: bool) -> dict:
    data = board()
    proposal, vote = events(data)
    proposal.update(proposal="return", text="Asia palautetaan uudelleen valmisteltavaksi.")
    proposal.pop("effect")
    vote["yes"] = "continue"
    events(data)[:] = [proposal, vote] + ([{"event": "outcome", "decision": "presenter"}] * follow)
    return data


def test_a_return_vote_the_handling_goes_on_after_says_so_in_this_vote(tmp_path):
    text = printed(write(tmp_path, return_vote(follow=True)))
    assert text.endswith(
        "Kaupunginhallitus päätti tässä äänestyksessä jatkaa asian käsittelyä äänin 12 - 2 "
        "(1 tyhjä). Kaupunginhallitus hyväksyi esittelijän ehdotuksen."
    ), text
    alone = printed(write(tmp_path, return_vote(follow=False)))
    assert alone.endswith(
        "Kaupunginhallitus päätti jatkaa asian käsittelyä äänin 12 - 2 (1 tyhjä)."
    )


# --- the body's seats: quorum ---------------------------------------------------------------


def check(path: Path) -> str:
    result = run_cli("check", path, env=ENGLISH)
    return result.stdout + result.stderr


def test_quorum_counts_the_seats_of_the_body_when_the_meeting_gives_them(tmp_path):
    data = board()  # 15 members of the roster, all present
    assert "Kuntalaki 103" not in check(write(tmp_path, data))
    data["meeting"]["seats"] = 31  # 15 of 31 is not more than half
    out = check(write(tmp_path, data))
    assert "15 of the 31 members are present for the item" in out, out
    assert "Kuntalaki 103 §" in out


# --- a council's wish clause ----------------------------------------------------------------


def council_wish(yes: int) -> dict:
    data = board()
    data["meeting"]["body"] = "Kaupunginvaltuusto"
    data["meeting"]["seats"] = 20
    # A council meeting of today's wording (the profile keeps the council's words of 2021 and
    # earlier for documents of that time: vocabulary_until).
    data["meeting"]["date"] = "2024-11-13"
    people = data["meeting"]["participants"]
    wish = {
        "event": "proposal",
        "id": "1",
        "proposal": "wish",
        "proposer": "arhinmaki",
        "seconders": ["honkasalo"],
        "text": "Valtuusto edellyttää, että selvitetään asia.",
    }
    refs = [p["id"] for p in people]
    vote = {"event": "vote", "yes": "1", "no": "oppose", "jaa": refs[:yes], "ei": refs[yes:]}
    events(data)[:] = [wish, {"event": "unanimous", "decision": "presenter"}, vote]
    return data


def test_a_council_wish_clause_needs_half_of_the_seats(tmp_path):
    passed = printed(write(tmp_path, council_wish(yes=10)))  # 10 of 20 seats: half
    assert passed.startswith(
        "Valtuutettu Paavo Arhinmäki ehdotti valtuutettu Veronika Honkasalon kannattamana "
        "hyväksyttäväksi seuraavan toivomusponnen: Valtuusto edellyttää, että selvitetään asia. "
        "Kaupunginvaltuusto hyväksyi ensin yksimielisesti kaupunginhallituksen ehdotuksen. "
        "1 äänestys Valtuutettu Paavo Arhinmäen ehdottama toivomusponsi JAA, vastustus EI "
        "JAA-ehdotus: Valtuutettu Paavo Arhinmäen ehdottama toivomusponsi EI-ehdotus: Vastustaa"
    ), passed
    assert passed.endswith(
        "Kaupunginvaltuusto hyväksyi valtuutettu Paavo Arhinmäen ehdottaman toivomusponnen "
        "äänin 10 - 5."
    )
    path = write(tmp_path, council_wish(yes=9))  # a majority, 9 - 6, but not half of 20
    short = printed(path)
    assert short.endswith(
        "Kaupunginvaltuusto hylkäsi valtuutettu Paavo Arhinmäen ehdottaman toivomusponnen "
        "äänin 9 - 6. Toivomusponsi hyväksytään, jos se saa vähintään 10 jaa-ääntä."
    ), short
    assert "needs at least 10 (half of the 20 seats), so it falls" in check(path)


# --- a council's votes numbered through the meeting -----------------------------------------


def test_a_council_meeting_numbers_its_votes_through_the_meeting(tmp_path):
    folder = tmp_path / "kv"
    shutil.copytree(MEETING.parent / "kh-11-2026", folder / "kh-11-2026")
    data = json.loads(MEETING.read_text("utf-8"))
    data["meeting"]["body"] = "Kaupunginvaltuusto"
    path = write(folder, copy.deepcopy(data), "kv.pykala")
    out = tmp_path / "out"
    result = run_cli("build", path, "--minutes", "--html", "--internal", "-o", out, env=ENGLISH)
    assert result.returncode == 0, result.stdout + result.stderr
    page = "\n".join(p.read_text("utf-8") for p in sorted(out.rglob("*.html")))
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    # Items 1, 3 and 4 hold a vote each (2 and 5 none): numbered 1, 2, 3 through the meeting.
    headings = re.findall(r"\b(\d+) äänestys\b", text)
    assert headings == ["1", "2", "3"], headings
