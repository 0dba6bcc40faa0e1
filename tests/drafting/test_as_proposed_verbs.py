"""A decision restated in the past tense is as proposed, also when Finnish consonant
gradation changes the verb's stem ("todeta" → "totesi"): the example meeting's first item
showed a false "differs (todeta, totesi)" warning."""

from __future__ import annotations

import pytest

from drafting import changes, draftfile, meeting
from tests.conftest import ROOT

MEETING = ROOT / "resources" / "examples" / "meeting" / "kh-18-2021.pykala"


def test_the_example_meetings_items_have_no_false_as_proposed_warning():
    _document, found = meeting.check_items(MEETING, draftfile.load_meeting(MEETING), "minutes")
    warnings = [
        (c.index + 1, p.message)
        for c in found
        for p in c.problems
        if p.path == "item.decision.as_proposed"
    ]
    assert warnings == []


@pytest.mark.parametrize(
    "proposal, decision",
    [
        ("päättää todeta kokouksen lailliseksi", "totesi kokouksen lailliseksi"),
        ("päättää hylätä oikaisuvaatimuksen", "hylkäsi oikaisuvaatimuksen"),
        ("päättää myöntää avustuksen", "myönsi avustuksen"),
        ("päättää ottaa asian käsiteltäväksi", "otti asian käsiteltäväksi"),
        ("päättää tehdä sopimuksen", "teki sopimuksen"),
        ("päättää hyväksyä talousarvion", "hyväksyi talousarvion"),
    ],
)
def test_the_proposals_verb_in_the_past_tense_is_no_difference(proposal, decision):
    assert (
        changes.substantive(f"Kaupunginhallitus {proposal}.", f"Kaupunginhallitus {decision}.")
        == []
    )


@pytest.mark.parametrize(
    "proposal, decision, words",
    [
        ("hyväksyä talousarvion", "hylkäsi talousarvion", ["hyväksyä", "hylkäsi"]),
        ("valita tarkastajat", "vahvisti tarkastajat", ["valita", "vahvisti"]),
        ("todeta kokouksen lailliseksi", "teki kokouksen lailliseksi", ["todeta", "teki"]),
    ],
)
def test_another_verb_is_still_a_difference(proposal, decision, words):
    found = changes.substantive(
        f"Kaupunginhallitus päättää {proposal}.", f"Kaupunginhallitus {decision}."
    )
    assert found == words


def test_the_swedish_past_tense_beslutade_is_no_difference():
    """Helsinki's Swedish minutes write "beslutade" (drafting.pasttense does too), not only
    "beslöt": the example meeting's Swedish item warned "differs (beslutade)"."""
    proposal = "Stadsstyrelsen beslutar godkänna närbibliotekens öppettider."
    assert (
        changes.substantive(
            proposal, "Stadsstyrelsen beslutade godkänna närbibliotekens öppettider."
        )
        == []
    )
    assert (
        changes.substantive(proposal, "Stadsstyrelsen beslöt godkänna närbibliotekens öppettider.")
        == []
    )
