"""Format version 2 (docs/format.md): the step from version 1 (a text handling becomes one
note event) and what version 2 writes (optional fields and lists only when given)."""

from __future__ import annotations

import json

import pytest

from drafting import draftfile, model
from drafting.model import Draft, MeetingDraft, Participant
from tests.conftest import ROOT

V1_ITEM = ROOT / "tests" / "fixtures" / "format" / "v1-item.pykala"


def v1(handling) -> dict:
    data = json.loads(V1_ITEM.read_text(encoding="utf-8"))
    data["item"]["decision"]["handling"] = handling
    data["item"]["decision"]["future"] = {"kept": True}
    return data


def test_a_text_handling_becomes_one_note_event():
    draft = draftfile.from_json(v1("Eka kappale.\n\nToka *kappale*."))
    (note,) = draft.item.decision.handling
    assert (note.event, note.text) == ("note", "Eka kappale.\n\nToka *kappale*.")
    assert draft.item.decision.extra == {"future": {"kept": True}}  # unknown fields kept
    written = draftfile.to_json(draft)
    assert written["version"] == model.VERSION == 2
    assert written["item"]["decision"]["handling"] == [
        {"event": "note", "text": "Eka kappale.\n\nToka *kappale*."}
    ]


@pytest.mark.parametrize("empty", ["", None])
def test_an_empty_handling_becomes_no_events(empty):
    assert draftfile.from_json(v1(empty)).item.decision.handling == []


def test_the_step_does_not_change_what_it_is_given_and_leaves_meetings_alone():
    data = v1("Teksti.")
    before = json.loads(json.dumps(data))
    draftfile.upgrade(data)
    assert data == before
    meeting = {"format": "pykala", "version": 1, "kind": "meeting", "participants": []}
    assert draftfile.upgrade(meeting) == meeting | {"version": 2}


def test_a_handling_that_is_neither_text_nor_list_is_told_by_path():
    with pytest.raises(draftfile.DraftError) as caught:
        draftfile.from_json(v1(5))
    assert "item.decision.handling: 5 is a number; write a list in [ ]" in str(caught.value)


def test_optional_fields_and_lists_are_written_only_when_given():
    draft = Draft()
    written = draftfile.to_json(draft)
    assert "participants" not in written["meeting"]
    meeting = MeetingDraft(participants=[Participant(name="Anna Virtanen")])
    written = draftfile.to_json(meeting)
    assert "attendance" not in written
    assert written["participants"] == [
        {"name": "Anna Virtanen", "role": "", "group": "member", "present": True, "note": ""}
    ]
    meeting.participants[0].genitive = "Anna Virtasen"
    assert draftfile.to_json(meeting)["participants"][0]["genitive"] == "Anna Virtasen"
