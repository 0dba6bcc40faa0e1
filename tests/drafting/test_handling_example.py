"""The example meeting of issue 27 (resources/examples/meeting/kh-11-2026.pykala): attendance
changes, a deputy, a seconded and an unseconded counter-proposal, a disqualification, a return
vote and a tabling, and § 101 in Swedish as a draft of its own. It checks clean, its minutes
print each item's handling as drafting.handling writes it from the item's roster, and each
check of drafting.handling_checks finds its error when it is made on purpose in a copy,
through `python main.py check` as a secretary runs it."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from drafting import attendance, handling, meeting
from drafting.model import Participant
from drafting.render import context
from tests.conftest import EXAMPLES
from tests.drafting.conftest import run_cli
from tests.support.documents import docx_paragraphs

MEETING = EXAMPLES / "meeting" / "kh-11-2026.pykala"
ITEMS = MEETING.parent / "kh-11-2026"
SWEDISH = ITEMS / "sv-01-bibliotekens-oppettider.pykala"
HEADINGS = ("Käsittely", "Behandling")
ENGLISH = {**os.environ, "LANGUAGE": "en"}


def check(path: Path) -> tuple[int, str]:
    result = run_cli("check", path, env=ENGLISH)
    return result.returncode, result.stdout + result.stderr


@pytest.mark.slow  # `python main.py` in a process of its own
def test_the_example_meeting_and_its_swedish_item_check_clean():
    code, out = check(MEETING)
    assert code == 0, out
    assert out.strip().endswith("kh-11-2026.pykala: no problems"), out
    assert out.count("  no problems") == 5  # every item, none with a warning
    code, out = check(SWEDISH)
    assert code == 0, out
    assert out.strip().endswith("no problems"), out


def norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def handling_sections(data: bytes) -> list[str]:
    """The text under each Käsittely heading of a document, up to the next heading."""
    paragraphs = docx_paragraphs(data)
    out = []
    for at, (level, text) in enumerate(paragraphs):
        if text not in HEADINGS:
            continue
        body = []
        for style, line in paragraphs[at + 1 :]:
            if style == level:
                break
            body.append(line)
        out.append(norm(" ".join(body)))
    return out


@pytest.mark.slow  # `python main.py` in a process of its own
def test_the_minutes_print_each_items_handling_from_its_roster(tmp_path):
    result = run_cli("build", MEETING, "--minutes", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    (minutes,) = tmp_path.glob("*.docx")
    drafts = meeting.load(MEETING).numbered()
    expected = [norm(handling.text(d, context.words_for(d))) for d in drafts]
    assert handling_sections(minutes.read_bytes()) == expected
    texts = dict(zip((d.item.section for d in drafts), expected, strict=True))
    # § 101: Salmi had not arrived; Lehtinen's seat is filled by his deputy: one seat empty
    assert "Ei-äänet: 4 Hanna Björk, Petteri Kallio, Ville Karjalainen, Satu Nurmi" in texts[101]
    assert "Poissa: 1 Noora Salmi Kaupunginhallitus hyväksyi" in texts[101]
    assert "äänin 10 - 4 (1 poissa)." in texts[101]
    assert "Tapio Väisäsen vastaehdotusta ei kannatettu, joten se raukesi." in texts[102]
    # § 103: the disqualified member is in no list and not absent: 9 + 5 of 15 seats
    assert "Esteelliset: Riikka Holm" in texts[103] and "Poissa" not in texts[103]
    assert "Holm" not in texts[103].split("Äänestys")[1]
    assert "äänin 9 - 5." in texts[103]
    # § 104: Heino left during the item; the return vote ("in this vote": the handling goes
    # on), then the presenter's proposal
    assert "Poissa: 1 Markku Heino" in texts[104]
    assert texts[104].endswith(
        "Kaupunginhallitus päätti tässä äänestyksessä jatkaa asian käsittelyä äänin 10 - 3 "
        "(1 tyhjä, 1 poissa). "
        "Kaupunginhallitus hyväksyi esittelijän ehdotuksen."
    )
    assert texts[105] == (
        "Kaupunginhallitus päätti yksimielisesti panna asian pöydälle Jari Lindqvistin "
        "ehdotuksesta 23.3.2026 saakka."
    )


@pytest.mark.slow  # `python main.py` in a process of its own
def test_the_swedish_item_prints_stadsstyrelsens_words(tmp_path):
    out = tmp_path / "sv.docx"
    result = run_cli("render", SWEDISH, "-o", out)
    assert result.returncode == 0, result.stderr
    (section,) = handling_sections(out.read_bytes())
    draft = meeting.draftfile.load(SWEDISH)
    assert section == norm(handling.text(draft, context.words_for(draft)))
    assert "Understödd av: Satu Nurmi" in section
    assert "Frånvarande: 1 Noora Salmi" in section
    assert "Stadsstyrelsen godkände föredragandens förslag med rösterna 10 - 4" in section


def test_a_seat_filled_by_a_deputy_is_not_absent():
    people = [
        Participant(name="Antti Lehtinen", present=False),
        Participant(name="Jussi Pelkonen", substitute_for="Antti Lehtinen"),
        Participant(name="Satu Nurmi", present=False),
        Participant(name="Ilkka Aro", substitute_for="Satu Nurmi", present=False),
    ]
    # Lehtinen's seat is filled; Nurmi's is empty and counted once, by its member
    assert attendance.absent(people, []) == ["Satu Nurmi"]


# --- each check, its error made on purpose in a copy of the example ---------------------------


def copy_of_example(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    shutil.copy(MEETING, folder)
    shutil.copytree(ITEMS, folder / ITEMS.name)
    return folder / MEETING.name


ITEM_FILES = {
    101: "01-kirjaston-aukioloajat.pykala",
    102: "02-katuvalaistus.pykala",
    103: "03-avustus.pykala",
    104: "04-koulun-sijainti.pykala",
    105: "05-pysakointimaksut.pykala",
}


def edited(folder: Path, section: int, change: Callable[[list[dict]], None]) -> Path:
    """A copy of the example whose item `section` has its handling events changed."""
    path = copy_of_example(folder)
    item = path.parent / ITEMS.name / ITEM_FILES[section]
    data = json.loads(item.read_text("utf-8"))
    change(data["item"]["decision"]["handling"])
    item.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def first(events: list[dict], kind: str) -> dict:
    return next(e for e in events if e["event"] == kind)


def finds(path: Path, message: str, error: bool = True) -> str:
    code, out = check(path)
    assert code == (1 if error else 0), out
    lines = [line.strip() for line in out.splitlines() if message in line]
    assert lines, out
    return lines[0]


@pytest.mark.slow  # `python main.py` in a process of its own
def test_a_member_present_without_a_ballot(tmp_path):
    path = edited(tmp_path, 101, lambda h: first(h, "vote")["ei"].remove("nurmi"))
    line = finds(path, "Satu Nurmi is present for this item but has no ballot")
    assert line.startswith("error: item.decision.handling[1]: § 101, Handling, vote 1:")


@pytest.mark.slow  # `python main.py` in a process of its own
def test_a_ballot_of_a_member_not_yet_arrived_or_disqualified(tmp_path):
    path = edited(tmp_path / "a", 101, lambda h: first(h, "vote")["jaa"].append("salmi"))
    finds(path, "Noora Salmi is not present for this item and has no vote")
    path = edited(tmp_path / "b", 103, lambda h: first(h, "vote")["jaa"].append("holm"))
    finds(path, "§ 103, Handling, vote 1: Riikka Holm is disqualified in this item")


@pytest.mark.slow  # `python main.py` in a process of its own
def test_a_name_in_two_lists(tmp_path):
    path = edited(tmp_path, 104, lambda h: first(h, "vote")["blank"].append("saarinen"))
    finds(path, "Mervi Saarinen is in the vote's lists 2 times")


@pytest.mark.slow  # `python main.py` in a process of its own
def test_a_seconded_proposal_nobody_voted_on(tmp_path):
    path = edited(tmp_path, 104, lambda h: h.remove(first(h, "vote")))
    line = finds(path, "the proposal of Mervi Saarinen was seconded, but no vote or decision")
    assert line.startswith("error: item.decision.handling[0].id: § 104, Handling, proposal 1:")


@pytest.mark.slow  # `python main.py` in a process of its own
def test_a_vote_on_an_unseconded_proposal(tmp_path):
    path = edited(tmp_path, 101, lambda h: first(h, "proposal").pop("seconders"))
    finds(path, "the vote is on the proposal of Petteri Kallio, which was not seconded")


@pytest.mark.slow  # `python main.py` in a process of its own
def test_a_dissent_by_a_member_who_supported_the_decision(tmp_path):
    path = edited(tmp_path, 101, lambda h: first(h, "dissent")["members"].append("rinne"))
    finds(path, "Kaisa Rinne did not oppose the decision")


@pytest.mark.slow  # `python main.py` in a process of its own
def test_no_quorum_after_members_left(tmp_path):
    path = copy_of_example(tmp_path)
    data = json.loads(path.read_text("utf-8"))
    for ref in ("aalto", "bjork", "holm", "jokinen", "kallio", "nurmi", "saarinen"):
        data["attendance"].append(
            {"person": ref, "change": "left", "time": "16:05", "section": 105}
        )
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    line = finds(path, "§ 105: 7 of the 15 members are present for the item")
    assert "more than half" in line and "Kuntalaki 103 §" in line


@pytest.mark.slow  # `python main.py` in a process of its own
def test_a_tie_decided_by_the_chair_is_told(tmp_path):
    def tie(events: list[dict]) -> None:
        vote = first(events, "vote")
        for ref in ("aalto", "hakala", "heino"):
            vote["jaa"].remove(ref)
            vote["ei"].append(ref)

    path = edited(tmp_path, 101, tie)
    line = finds(path, "the vote is tied 7 - 7", error=False)
    assert line.startswith("warning:") and "Kuntalaki 104 §" in line


@pytest.mark.slow  # `python main.py` in a process of its own
def test_a_person_the_meeting_does_not_have(tmp_path):
    path = edited(tmp_path, 103, lambda h: first(h, "proposal").update(seconders=["karjalaine"]))
    line = finds(path, '"karjalaine" is not among the meeting\'s participants')
    assert line.startswith("error: item.decision.handling[1].seconders: § 103")


@pytest.mark.parametrize("section", sorted(ITEM_FILES))
def test_every_item_of_the_example_has_a_handling_record(section):
    data = json.loads((ITEMS / ITEM_FILES[section]).read_text("utf-8"))
    assert data["item"]["decision"]["handling"]


@pytest.mark.slow  # `python main.py` in a process of its own
def test_an_arrival_of_someone_the_meeting_does_not_list(tmp_path):
    path = copy_of_example(tmp_path)
    data = json.loads(path.read_text("utf-8"))
    data["attendance"][0]["person"] = "Noora Salminen"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    line = finds(path, '"Noora Salminen" is not among the meeting\'s participants')
    assert line.startswith("error: attendance[0].person")
