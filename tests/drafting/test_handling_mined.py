"""Issue 27, the formulas mined from Ahjo's published minutes (November and December 2021): a
presenter's removal of a part and of the whole item from the agenda (ChangeKind `removed`,
`off_agenda`), one body's own words (the profile's `body_vocabulary`: a board's section names
itself "Jaosto"), the chair named where a body names it. The real items that print with them
are in tests/handling/more/ (test_more_published.py)."""

from __future__ import annotations

import datetime as _dt
import json

from drafting import handling, schema
from drafting.model import ChangeKind, Decision, Draft, HandlingEvent, Participant
from drafting.organization import validate
from drafting.render import context
from tests.conftest import ROOT


def draft(events: list[HandlingEvent], body: str, people=(), language="fi") -> Draft:
    d = Draft(language=language)
    d.meeting.body = body
    d.meeting.date = _dt.date(2021, 12, 16)
    d.meeting.participants = list(people)
    d.item.decision = Decision(handling=events)
    return d


def text(d: Draft) -> list[str]:
    return handling.paragraphs(d, context.words_for(d))


def change(kind: ChangeKind, text: str = "", tabling: bool = False) -> HandlingEvent:
    return HandlingEvent(event="presenter_change", change=kind, text=text, during_tabling=tabling)


def test_a_presenter_removes_a_part_and_the_sentence_ends_once():
    part = "päätösehdotuksen viidennen kappaleen: Johtokunta oikeuttaa toimitusjohtajan."
    lines = text(draft([change("removed", part)], "Liikenneliikelaitoksen johtokunta"))
    assert lines == [
        "Esittelijä poisti päätösehdotuksen viidennen kappaleen: Johtokunta oikeuttaa "
        "toimitusjohtajan."
    ]
    lines = text(draft([change("removed", "liitteen 4", tabling=True)], "Kaupunginhallitus"))
    assert lines == ["Pöydällepanon aikana esittelijä poisti liitteen 4."]
    quoted = 'lauseen: "Hankinnassa painotetaan himmennettävyyttä."'
    assert text(draft([change("amended", quoted)], "Kaupunginhallitus")) == [
        f"Esittelijä muutti ehdotustaan {quoted}"
    ]


def test_a_presenter_takes_the_item_off_the_agenda_in_both_languages():
    assert text(draft([change("off_agenda")], "Kaupunginhallitus")) == [
        "Esittelijä poisti asian esityslistalta."
    ]
    assert text(draft([change("off_agenda")], "Kaupunginhallitus", language="sv")) == [
        "Föredraganden avförde ärendet från föredragningslistan."
    ]


def test_the_form_offers_the_new_changes_and_says_withdrawn_is_peruutti():
    field = next(f for f in schema.HANDLING_FIELDS if f.path.endswith(".change"))
    labels = {value: label for label, value in field.options()}
    assert list(labels) == ["supplemented", "amended", "withdrawn", "removed", "off_agenda"]
    assert "peruutti" in labels["withdrawn"] and "poisti" in labels["removed"]


def test_a_boards_section_names_itself_short_in_its_handling():
    sazonov = Participant(name="Daniel Sazonov", role="jäsen")
    body = "Kaupunginhallituksen sosiaali- ja terveydenhuollon sekä pelastustoimen uudistusjaosto"
    tabled = HandlingEvent(event="unanimous", decision="tabling", proposer="Daniel Sazonov")
    assert text(draft([tabled], body, [sazonov])) == [
        "Jaosto päätti yksimielisesti panna asian pöydälle Daniel Sazonovin ehdotuksesta."
    ]
    # Another committee keeps its name and the organisation's words.
    assert text(draft([tabled], "Kaupunkiympäristölautakunta", [sazonov])) == [
        "Kaupunkiympäristölautakunta päätti yksimielisesti panna asian pöydälle "
        "Daniel Sazonovin ehdotuksesta."
    ]


def test_a_bodys_own_formula_comes_before_its_kinds_set():
    """The group section's own word order, although a committee's set has the same key."""
    chair = Participant(name="Juhana Vartiainen", role="puheenjohtaja")
    tabled = HandlingEvent(
        event="unanimous",
        decision="tabling",
        proposer="Juhana Vartiainen",
        until=_dt.date(2022, 1, 10),
    )
    lines = text(draft([tabled], "Kaupunginhallituksen konsernijaosto", [chair]))
    assert lines == [
        "Konsernijaosto päätti yksimielisesti Juhana Vartiaisen ehdotuksesta panna asian "
        "pöydälle 10.1.2022 saakka."
    ]


def test_the_chair_is_named_with_the_title_only_where_the_body_says_so():
    chair = Participant(name="Daniel Sazonov", role="puheenjohtaja")
    tabled = HandlingEvent(event="unanimous", decision="tabling", proposer="Daniel Sazonov")
    assert text(draft([tabled], "Sosiaali- ja terveyslautakunta", [chair])) == [
        "Sosiaali- ja terveyslautakunta jätti asian yksimielisesti pöydälle puheenjohtaja "
        "Daniel Sazonovin ehdotuksesta."
    ]
    assert text(draft([tabled], "Kaupunginhallitus", [chair])) == [
        "Kaupunginhallitus päätti yksimielisesti panna asian pöydälle Daniel Sazonovin "
        "ehdotuksesta."
    ]


def test_a_bodys_words_are_checked_like_the_vocabulary():
    profile = json.loads((ROOT / "resources" / "organizations" / "helsinki.json").read_text())
    assert validate(profile, "helsinki") == []
    profile["body_vocabulary"]["Tarkastuslautakunta"] = {"fi": {"handling.no.such": "x"}}
    problems = validate(profile, "helsinki")
    assert any(
        p.startswith("body_vocabulary.Tarkastuslautakunta.fi.handling.no.such:") for p in problems
    )
