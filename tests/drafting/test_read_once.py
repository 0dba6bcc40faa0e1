"""A file opened is read and parsed once (issue 24 part 5): telling what it is
(draftfile.read_any) keeps the parsed JSON, and the draft or meeting is built from it."""

from __future__ import annotations

import json

import pytest

from drafting import cli, draftfile, files
from tests.conftest import EXAMPLE_333, ROOT

MEETING = ROOT / "resources" / "examples" / "meeting" / "kh-18-2021.pykala"


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The name of every file read through drafting.files, and every draft's JSON parsed
    (the program's own tables, also JSON, are not counted)."""
    seen: list[str] = []
    read_bytes, loads = files.read_bytes, json.loads

    def spy_read(path, *args, **kwargs):
        seen.append(f"read {path.name}")
        return read_bytes(path, *args, **kwargs)

    def spy_loads(text, *args, **kwargs):
        if '"pykala"' in text:
            seen.append("parse")
        return loads(text, *args, **kwargs)

    monkeypatch.setattr(files, "read_bytes", spy_read)
    monkeypatch.setattr(draftfile.json, "loads", spy_loads)
    return seen


def test_checking_a_draft_reads_and_parses_it_once(reads, capsys):
    assert cli.main(["check", str(EXAMPLE_333)]) in (cli.OK, cli.PROBLEMS)
    assert [r for r in reads if "pykala" in r or r == "parse"] == [
        f"read {EXAMPLE_333.name}",
        "parse",
    ]


def test_checking_a_meeting_reads_and_parses_the_meeting_file_once(reads, capsys):
    cli.main(["check", str(MEETING)])
    assert reads.count(f"read {MEETING.name}") == 1
    items = [r for r in reads if r.endswith(".pykala") and r != f"read {MEETING.name}"]
    assert reads.count("parse") == 1 + len(items)  # the meeting once, each item once


def test_what_a_file_is_and_its_draft_come_from_one_reading(reads):
    opened = draftfile.read_any(EXAMPLE_333)
    assert opened.kind == draftfile.ITEM
    assert reads == [f"read {EXAMPLE_333.name}", "parse"]
    assert opened.draft() == draftfile.load(EXAMPLE_333)
    assert draftfile.read_any(MEETING).meeting() == draftfile.load_meeting(MEETING)


def test_a_file_that_is_no_draft_says_why_when_it_is_built(tmp_path):
    broken = tmp_path / "a.pykala"
    broken.write_text('{"format": "pykala", "version": 1, "kind": "meeting", "kind": "x"}')
    opened = draftfile.read_any(broken)
    with pytest.raises(draftfile.DraftError) as raised:
        opened.meeting()
    assert raised.value.problems == [
        "kind: written twice in the same object; one of the two would be lost. "
        "Keep one and remove the other"
    ]
    broken.write_text("{not json")
    with pytest.raises(draftfile.DraftError, match="not valid JSON"):
        draftfile.read_any(broken).draft()
