"""Issue 27, the words: the handling text written from the record's events (drafting.handling)
in the profile's formulas; the command line's `handling`."""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path

import pytest

from drafting import draftfile, handling
from drafting.model import Decision, Draft, HandlingEvent, Participant
from drafting.render import context
from tests.conftest import ROOT
from tests.drafting.conftest import run_cli

RECORDS = ROOT / "tests" / "handling"
SAMPLE_04 = RECORDS / "04-kh-2016-return-rejection-vote.pykala"


def member(name: str, **kw) -> Participant:
    return Participant(name=name, role=kw.pop("role", "jäsen"), **kw)


def draft(events: list[HandlingEvent], people: list[Participant], language="fi") -> Draft:
    d = Draft(language=language)
    d.meeting.body = "Kaupunginhallitus"
    d.meeting.date = _dt.date(2021, 5, 3)
    d.meeting.participants = people
    d.item.decision = Decision(handling=events)
    return d


def text(d: Draft) -> list[str]:
    return handling.paragraphs(d, context.words_for(d))


def test_vote_lists_are_sorted_by_surname_with_a_a_o_after_z():
    people = [member(n) for n in ("Öljy Öhman", "Åke Åberg", "Zara Zetterberg", "Äiti Äijälä")]
    people.append(member("Anna Aalto"))
    vote = HandlingEvent(event="vote", yes="presenter", no="continue")
    vote.jaa = [p.name for p in people]
    lines = text(draft([vote], people))
    assert "Jaa-äänet: 5\nAnna Aalto, Zara Zetterberg, Åke Åberg, Äiti Äijälä, Öljy Öhman" in lines


def test_the_tally_counts_blank_and_absent_and_leaves_out_the_disqualified():
    people = [member(n) for n in ("Aino A", "Bertta B", "Cecilia C", "Doris D")]
    people += [member("Eero Poissa", present=False), member("Frans Jäävi", present=False)]
    events = [
        HandlingEvent(event="disqualification", member="Frans Jäävi", ground="g", statute="s"),
        HandlingEvent(event="proposal", id="1", proposer="Aino A", seconders=["Bertta B"]),
        HandlingEvent(
            event="vote",
            yes="presenter",
            no="1",
            jaa=["Cecilia C", "Doris D"],
            ei=["Aino A"],
            blank=["Bertta B"],
        ),
    ]
    lines = text(draft(events, people))
    assert lines[0] == "Esteelliset: Frans Jäävi\nEsteellisyyden syy: g (s)"
    assert "Poissa: 1\nEero Poissa" in lines  # not the disqualified member
    assert lines[-1] == (
        "Kaupunginhallitus hyväksyi esittelijän ehdotuksen äänin 2 - 1 (1 tyhjä, 1 poissa)."
    )


def test_a_tie_is_decided_by_the_chairs_vote_and_says_so():
    people = [member("Pekka Puheenjohtaja", role="puheenjohtaja"), member("Jussi Virtanen")]
    events = [
        HandlingEvent(event="proposal", id="1", proposer="Jussi Virtanen", seconders=["Jussi"]),
        HandlingEvent(
            event="vote",
            yes="presenter",
            no="1",
            jaa=["Jussi Virtanen"],
            ei=["Pekka Puheenjohtaja"],
        ),
    ]
    assert text(draft(events, people))[-1] == (
        "Kaupunginhallitus hyväksyi Jussi Virtasen vastaehdotuksen äänin 1 - 1. "
        "Äänten mennessä tasan ratkaisi puheenjohtajan ääni."
    )


def test_a_corrected_genitive_is_used_and_votes_are_numbered():
    people = [member("Jussi Halla-aho", genitive="Jussi Halla-ahon", id="jh"), member("Ann Bee")]
    events = [
        HandlingEvent(event="proposal", id="1", proposer="jh", seconders=["Ann Bee"]),
        HandlingEvent(event="vote", no="1", jaa=["jh", "Ann Bee"]),
        HandlingEvent(event="proposal", id="2", proposal="wish", proposer="Ann Bee"),
        HandlingEvent(event="vote", no="2", ei=["jh", "Ann Bee"]),
    ]
    lines = text(draft(events, people))
    assert "1 äänestys" in lines and "2 äänestys" in lines
    assert "JAA-ehdotus: Esityksen mukaan\nEI-ehdotus: Jussi Halla-ahon vastaehdotuksen " in (
        "\n".join(lines)
    )
    assert "Ann Been toivomusponsiehdotusta ei kannatettu, joten se raukesi." in lines


def test_swedish_minutes_use_the_swedish_formulas():
    people = [member("Anna A"), member("Bo B")]
    events = [
        HandlingEvent(event="proposal", id="1", proposer="Anna A", seconders=["Bo B"]),
        HandlingEvent(event="vote", no="1", jaa=["Anna A"], ei=["Bo B"], blank=[]),
        HandlingEvent(event="outcome", decision="presenter"),
    ]
    lines = text(draft(events, people, "sv"))
    assert lines[0] == "Motförslag:\nAnna A: "
    assert "Omröstning" in lines and "Ja-röster: 1\nAnna A" in lines
    assert lines[-1] == "Stadsstyrelsen godkände föredragandens förslag."


def test_the_2016_wording_is_the_profiles_for_documents_of_that_time():
    """Helsinki's profile keeps the wording of 2016 (vocabulary_until): the same record dated
    2017 prints today's ("Äänestys", no empty groups)."""
    d = draftfile.loads(SAMPLE_04.read_text("utf-8"))
    assert "Äänestys:" in text(d) and "Tyhjä: 0" in text(d)
    d.meeting.date = _dt.date(2017, 1, 1)
    lines = text(d)
    assert "Äänestys" in lines and "Äänestys:" not in lines and "Tyhjä: 0" not in lines
    assert "EI-ehdotus: Lasse Männistön palautusehdotuksen mukaisesti" in "\n".join(lines)


@pytest.mark.slow
def test_cli_prints_an_items_handling_text():
    sample = json.loads((RECORDS / "04-kh-2016-return-rejection-vote.json").read_text("utf-8"))
    result = run_cli("handling", SAMPLE_04)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == sample["handling_text"].split()


@pytest.mark.slow
def test_cli_handling_of_a_meeting_says_to_give_an_item():
    result = run_cli("handling", ROOT / "resources" / "examples" / "meeting" / "kh-18-2021.pykala")
    assert result.returncode == 2
    assert "give an item draft" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_another_towns_profile_changes_the_words_not_the_code(tmp_path: Path):
    """A town's own profile (the user's folder) relabels a vote group: the CLI prints it."""
    profile = json.loads((ROOT / "resources" / "organizations" / "helsinki.json").read_text())
    profile["id"] = "kaupunki"
    profile["vocabulary"] = {"fi": {"handling.group.jaa": "Jaa-ääniä annettiin {n}:"}}
    folder = tmp_path / "organizations"
    folder.mkdir()
    (folder / "kaupunki.json").write_text(json.dumps(profile, ensure_ascii=False), "utf-8")
    data = json.loads(SAMPLE_04.read_text("utf-8"))
    data["organization"] = "kaupunki"
    data["meeting"]["date"] = "2020-01-01"
    item = tmp_path / "item.pykala"
    item.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = run_cli("handling", item, env={**os.environ, "PYKALA_ORGANIZATIONS": str(folder)})
    assert result.returncode == 0, result.stderr
    assert "Jaa-ääniä annettiin 10:\nJorma Bergholm" in result.stdout


def test_a_profiles_era_of_words_is_checked_field_by_field():
    from drafting.organization import validate

    profile = json.loads((ROOT / "resources" / "organizations" / "helsinki.json").read_text())
    assert validate(profile, "helsinki") == []
    profile["vocabulary_until"] = {"31.12.2016": {"fi": {"handling.vote.heading": "Äänestys:"}}}
    profile["vocabulary_until"]["2016-12-31"] = {"fi": {"handling.no.such": "x"}}
    problems = validate(profile, "helsinki")
    assert any(p.startswith("vocabulary_until:") and "31.12.2016" in p for p in problems)
    assert any(p.startswith("vocabulary_until.2016-12-31.fi.handling.no.such:") for p in problems)
