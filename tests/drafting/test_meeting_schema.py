"""The meeting file declared like the item (drafting.schema.MEETING_FIELDS): every field of
MeetingDraft is declared once, walked, given its options from the model, and checked when
required; a list of records within a list is walked the same way (what issue 27 adds)."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field

import pytest

from drafting import checks, draftfile, schema
from drafting.model import MeetingDraft, Participant
from tests.conftest import ROOT
from tests.drafting.conftest import run_cli

MEETING = ROOT / "resources" / "examples" / "meeting" / "kh-18-2021.pykala"


def _full(cls):
    """An object of `cls` with one row in every list of records, at any depth."""
    values = {}
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        if typing.get_origin(hint) is list:
            (inner,) = typing.get_args(hint)
            if dataclasses.is_dataclass(inner):
                values[f.name] = [_full(inner)]
        elif dataclasses.is_dataclass(hint):
            values[f.name] = _full(hint)
    return cls(**values)


def _leaves(cls, prefix=""):
    """Every field of the model below `cls`, as a pattern (`participants[].name`)."""
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.name == "extra":
            continue
        hint = schema._unwrap(hints[f.name])
        if dataclasses.is_dataclass(hint):
            yield from _leaves(hint, f"{prefix}{f.name}.")
        elif typing.get_origin(hint) is list and dataclasses.is_dataclass(typing.get_args(hint)[0]):
            yield from _leaves(typing.get_args(hint)[0], f"{prefix}{f.name}[].")
        else:
            yield f"{prefix}{f.name}"


def test_every_field_of_the_meeting_file_is_declared_once():
    declared = [f.path for f in schema.MEETING_FIELDS]
    assert len(declared) == len(set(declared))
    assert sorted(_leaves(MeetingDraft)) == sorted(declared)
    for path in declared:
        schema.annotation(path, MeetingDraft)  # each resolves against the meeting file
    walked = [schema.pattern(p) for p, _value, _field in schema.walk(_full(MeetingDraft))]
    assert sorted(walked) == sorted(declared)


def test_the_participants_columns_and_their_options_come_from_the_declaration():
    columns = [f.path for f in schema.row_fields(schema.PARTICIPANTS, MeetingDraft)]
    assert columns == [
        f"participants[].{name}"
        for name in ("name", "id", "genitive", "substitute_for", "role", "group", "present", "note")
    ]
    group = schema.MEETING_FIELD["participants[].group"]
    assert [value for _label, value in group.options()] == ["member", "other"]
    assert schema.MEETING_FIELD["participants[].name"].person


def test_the_meeting_groups_fields_are_its_details_in_order():
    paths = [f.path for f in schema.group("meeting", MeetingDraft)]
    assert paths[:5] == [
        "language",
        "organization",
        "meeting.body",
        "meeting.number",
        "meeting.date",
    ]
    assert "meeting.document" not in paths  # an item draft's only
    assert paths[-2:] == ["certifier.name", "certifier.title"]


def test_a_meeting_file_without_body_number_and_date_is_told_so_by_path():
    draft = draftfile.load_meeting(MEETING)
    assert checks.check_meeting(draft, "minutes") == []
    draft.meeting.body = " "
    draft.meeting.number = ""
    draft.meeting.date = None
    assert [p.path for p in checks.check_meeting(draft, "agenda")] == [
        "meeting.body",
        "meeting.number",
        "meeting.date",
    ]


@pytest.mark.slow
def test_the_command_line_names_the_meeting_files_own_empty_field(tmp_path):
    folder = tmp_path / "meeting"
    folder.mkdir()
    for source in MEETING.parent.glob("*.pykala"):  # its items (not another meeting's folder)
        (folder / source.name).write_bytes(source.read_bytes())
    draft = draftfile.load_meeting(folder / MEETING.name)
    draft.meeting.number = ""
    draftfile.save(draft, folder / MEETING.name)
    result = run_cli("check", folder / MEETING.name)
    lines = result.stdout.splitlines()
    assert "  error: meeting.number: The meeting number is empty; it is required" in lines[1]
    assert result.returncode != 0


# --- a nested list of records, as the meeting's handling record will add -------------------


@dataclass
class _Vote:
    name: str = ""
    vote: typing.Literal["yes", "no", "abstain"] = "yes"
    extra: dict = field(default_factory=dict)


@dataclass
class _Proposal:
    text: str = ""
    votes: list[_Vote] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def test_a_list_within_a_list_is_walked_read_and_checked_alike(monkeypatch):
    """Declaring `proposals[].votes[].name` is all a nested list needs: the walk numbers
    both rows, the reader names the field by its path, `required` is checked."""

    @dataclass
    class Meeting(MeetingDraft):
        proposals: list[_Proposal] = field(default_factory=list)

    votes = schema.Field(
        "proposals[].votes[].name",
        lambda: "Voter",
        required=(schema.MINUTES,),
        person=True,
        root=Meeting,
    )
    choice = schema.Field(
        "proposals[].votes[].vote",
        lambda: "Vote",
        schema.CHOICE,
        choices={"yes": lambda: "Yes", "no": lambda: "No", "abstain": lambda: "Abstain"},
        root=Meeting,
    )
    fields = (
        *schema.MEETING_FIELDS,
        schema.Field("proposals[].text", lambda: "Text", root=Meeting),
        votes,
        choice,
    )
    monkeypatch.setattr(schema, "MEETING_FIELDS", fields)
    monkeypatch.setattr(schema, "MEETING_FIELD", {f.path: f for f in fields})
    monkeypatch.setattr(schema, "_is_meeting", lambda root: True)

    meeting = Meeting(proposals=[_Proposal(votes=[_Vote("Aino"), _Vote("")])])
    walked = [p for p, _v, _f in schema.walk(meeting) if p.startswith("proposals")]
    assert walked == [
        "proposals[0].text",
        "proposals[0].votes[0].name",
        "proposals[0].votes[0].vote",
        "proposals[0].votes[1].name",
        "proposals[0].votes[1].vote",
    ]
    required = [p.path for p in checks.required(meeting, "minutes")]
    assert required[-1:] == ["proposals[0].votes[1].name"]  # after the empty meeting's own
    assert [v for _l, v in choice.options()] == ["yes", "no", "abstain"]
    assert schema.row_fields("proposals[].votes", Meeting) == [votes, choice]

    errors: list[str] = []
    draftfile._read_object(Meeting, {"proposals": [{"votes": [{"vote": "maybe"}]}]}, "", errors)
    assert errors == [
        'proposals[0].votes[0].vote: "maybe" is not allowed; write one of: yes, no, abstain'
    ]


def test_participant_is_the_row_the_declaration_describes():
    names = [f.name for f in dataclasses.fields(Participant) if f.name != "extra"]
    assert [
        f.path.rsplit(".", 1)[1] for f in schema.row_fields("participants", MeetingDraft)
    ] == names
