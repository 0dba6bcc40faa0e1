"""The handling record (item.decision.handling): each kind of event is written with the
fields it was given only, read back the same, refused by its path when wrong, and declared
in the schema with the kinds that use each field (the form and the checks derive from it)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import typing

import pytest

from drafting import draftfile, schema
from drafting.model import Decision, Draft, EventKind, HandlingEvent, Person

EVENTS = [
    HandlingEvent(event="disqualification", member="Maria Ohisalo", ground="yhteisöjäävi"),
    HandlingEvent(event="expert", experts=[Person(title="tekninen johtaja", name="J. S.")]),
    HandlingEvent(event="presenter_change", change="supplemented", during_tabling=True),
    HandlingEvent(
        event="proposal", id="1", proposer="Paavo Arhinmäki", seconders=["Veronika Honkasalo"]
    ),
    HandlingEvent(event="vote", no="1", jaa=["A"], ei=["B"], blank=["C"]),
    HandlingEvent(
        event="unanimous", decision="tabling", proposer="chair", until=_dt.date(2022, 6, 13)
    ),
    HandlingEvent(event="note", text="Merkintä."),
    HandlingEvent(event="dissent", members=["B"], text="Eriävä."),
    HandlingEvent(event="outcome", decision="presenter"),
]


def written(events) -> list[dict]:
    draft = Draft()
    draft.item.decision = Decision(handling=events)
    return draftfile.to_json(draft)["item"]["decision"]["handling"]


def test_each_event_is_written_with_its_given_fields_only():
    assert written(EVENTS) == [
        {"event": "disqualification", "member": "Maria Ohisalo", "ground": "yhteisöjäävi"},
        {"event": "expert", "experts": [{"title": "tekninen johtaja", "name": "J. S."}]},
        {"event": "presenter_change", "during_tabling": True},
        {
            "event": "proposal",
            "id": "1",
            "proposer": "Paavo Arhinmäki",
            "seconders": ["Veronika Honkasalo"],
        },
        {"event": "vote", "no": "1", "jaa": ["A"], "ei": ["B"], "blank": ["C"]},
        {"event": "unanimous", "proposer": "chair", "decision": "tabling", "until": "2022-06-13"},
        {"event": "note", "text": "Merkintä."},
        {"event": "dissent", "members": ["B"], "text": "Eriävä."},
        {"event": "outcome", "decision": "presenter"},
    ]


def test_a_record_is_read_back_as_written():
    draft = Draft()
    draft.item.decision = Decision(handling=EVENTS)
    assert draftfile.loads(draftfile.dumps(draft)) == draft


def test_a_wrong_kind_is_refused_by_its_path():
    draft = Draft()
    data = draftfile.to_json(draft)
    data["item"]["decision"] = {"handling": [{"event": "note"}, {"event": "ballot"}]}
    with pytest.raises(draftfile.DraftError) as caught:
        draftfile.from_json(data)
    assert 'item.decision.handling[1].event: "ballot" is not allowed' in str(caught.value)


def test_the_schema_declares_every_event_field_with_the_kinds_using_it():
    kinds = set(typing.get_args(EventKind))
    declared = {f.path: f for f in schema.HANDLING_FIELDS}
    fields = [f.name for f in dataclasses.fields(HandlingEvent) if f.name != "extra"]
    expected = {f"{schema.HANDLING}.{n}" for n in fields if n != "experts"}
    expected |= {f"{schema.HANDLING}.experts[].title", f"{schema.HANDLING}.experts[].name"}
    assert set(declared) == expected
    for f in declared.values():
        assert f.events and set(f.events) <= kinds, f.path
    people = {p.rsplit(".", 1)[1] for p, f in declared.items() if f.person}
    assert people == {"member", "proposer", "seconders", "jaa", "ei", "blank", "members"}
    proposal = declared[f"{schema.HANDLING}.proposal"]
    assert [v for _label, v in proposal.options()] == [
        "counter",
        "return",
        "rejection",
        "tabling",
        "wish",
    ]


def test_the_notes_are_spelled_and_walked_by_their_path():
    draft = Draft()
    draft.item.decision = Decision(handling=EVENTS)
    assert ("item.decision.handling[6].text", "Merkintä.") in schema.spelled_fields(draft)
    assert schema.people(draft) == []  # references, not people of their own
