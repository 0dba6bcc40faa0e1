"""The decision written from the proposal in the past tense (issue 27, item 5): the two
reference items' proposals come out as their published decisions, character for character,
and only the body's own lead verbs change."""

from __future__ import annotations

import pytest

from drafting import checks, draftfile, pasttense
from tests.conftest import EXAMPLE_333, EXAMPLE_885, REFERENCE
from tests.support.documents import squash


def published_decision(reference: str) -> str:
    """The text under "Päätös" of a published item, up to "Esittelijä"."""
    lines = (REFERENCE / reference).read_text(encoding="utf-8").splitlines()
    start = lines.index("Päätös") + 1
    return "\n".join(lines[start : lines.index("Esittelijä", start)])


@pytest.mark.parametrize(
    ("example", "reference"),
    [
        (EXAMPLE_333, "kh-2021-05-03-s333-item.txt"),
        (EXAMPLE_885, "kh-2021-11-22-s885-item.txt"),
    ],
    ids=["s333", "s885"],
)
def test_the_reference_proposals_come_out_as_their_published_decisions(example, reference):
    item = draftfile.load(example).item
    offered = pasttense.past_tense(item.proposal.text, "fi")
    # The draft's decision is the published one, typed in; the offer equals it exactly…
    assert offered == item.decision.text
    # …and the published text (its lines broken and hyphenated for print) says the same.
    assert squash(offered) == squash(published_decision(reference))
    assert offered != item.proposal.text


@pytest.mark.parametrize(
    ("proposal", "decision"),
    [
        (
            "Kaupunginhallitus päättää hyväksyä sopimuksen ja antaa sen tiedoksi.",
            "Kaupunginhallitus päätti hyväksyä sopimuksen ja antaa sen tiedoksi.",
        ),
        (
            "Kaupunginhallitus merkitsee tiedoksi selvityksen ja toimittaa sen valtuutetuille.",
            "Kaupunginhallitus merkitsi tiedoksi selvityksen ja toimitti sen valtuutetuille.",
        ),
        (
            "Kaupunginhallitus hylkää oikaisuvaatimuksen. Samalla kaupunginhallitus kehottaa "
            "toimialaa selvittämään asian.",
            "Kaupunginhallitus hylkäsi oikaisuvaatimuksen. Samalla kaupunginhallitus kehotti "
            "toimialaa selvittämään asian.",
        ),
        (
            "Kaupunginhallitus kumoaa päätöksensä, valitsee jäsenen, myöntää eron, panee "
            "päätöksen täytäntöön ja toteaa, että asia on käsitelty.",
            "Kaupunginhallitus kumosi päätöksensä, valitsi jäsenen, myönsi eron, pani "
            "päätöksen täytäntöön ja totesi, että asia on käsitelty.",
        ),
        (
            "Kaupunginhallitus oikeuttaa toimialan allekirjoittamaan sopimuksen ja hyväksyy sen.",
            "Kaupunginhallitus oikeutti toimialan allekirjoittamaan sopimuksen ja hyväksyi sen.",
        ),
        # A verb outside the table, through Voikko's analysis.
        (
            "Kaupunginhallitus ilmaisee tyytyväisyytensä.",
            "Kaupunginhallitus ilmaisi tyytyväisyytensä.",
        ),
        # Not the body's sentence: kept as it is.
        (
            "Kaupunginhallitus esittää kaupunginvaltuustolle seuraavaa:\n\n"
            "Kaupunginvaltuusto päättää hyväksyä talousarvion.\n\n"
            "- Kaupunginvaltuusto antaa lausunnon.",
            "Kaupunginhallitus esitti kaupunginvaltuustolle seuraavaa:\n\n"
            "Kaupunginvaltuusto päättää hyväksyä talousarvion.\n\n"
            "- Kaupunginvaltuusto antaa lausunnon.",
        ),
        ("Asiasta on saatu lausunnot.", "Asiasta on saatu lausunnot."),
    ],
)
def test_finnish_lead_verbs(proposal, decision):
    assert pasttense.past_tense(proposal, "fi") == decision


def test_a_body_of_several_words_is_found_by_its_name():
    body = "Kaupunkiympäristölautakunnan ympäristö- ja lupajaosto"
    assert (
        pasttense.past_tense("Ympäristö- ja lupajaosto päättää antaa lausunnon.", "fi", body)
        == "Ympäristö- ja lupajaosto päätti antaa lausunnon."
    )


@pytest.mark.parametrize(
    ("proposal", "decision"),
    [
        (
            "Stadsstyrelsen beslutar godkänna avtalet.",
            "Stadsstyrelsen beslutade godkänna avtalet.",
        ),
        (
            "Stadsstyrelsen föreslår stadsfullmäktige följande:\n\nStadsfullmäktige godkänner "
            "budgeten.",
            "Stadsstyrelsen föreslog stadsfullmäktige följande:\n\nStadsfullmäktige godkänner "
            "budgeten.",
        ),
        (
            "Stadsstyrelsen antecknar utredningen och konstaterar att ärendet är slutbehandlat. "
            "Samtidigt ger stadsstyrelsen sektorn fullmakt.",
            "Stadsstyrelsen antecknade utredningen och konstaterade att ärendet är "
            "slutbehandlat. Samtidigt gav stadsstyrelsen sektorn fullmakt.",
        ),
        ("Stadsstyrelsen godkänner avtalet.", "Stadsstyrelsen godkände avtalet."),
    ],
)
def test_swedish_lead_verbs(proposal, decision):
    assert pasttense.past_tense(proposal, "sv") == decision


def test_offers_change_only_for_a_present_tense_lead_verb():
    assert pasttense.offers_change("Kaupunginhallitus päättää hyväksyä sopimuksen.")
    assert not pasttense.offers_change("Kaupunginhallitus päätti hyväksyä sopimuksen.")


def test_the_check_warns_when_the_minutes_would_print_the_present_tense():
    draft = draftfile.load(EXAMPLE_885)
    assert not [p for p in checks.check(draft) if p.finding == pasttense.OFFER]
    draft.item.decision.text = ""  # decided as proposed, left empty: the proposal prints
    (problem,) = [p for p in checks.check(draft) if p.finding == pasttense.OFFER]
    assert problem.path == "item.decision.text" and problem.severity == checks.WARNING
    assert not [p for p in checks.check(draft, "agenda") if p.finding == pasttense.OFFER]
