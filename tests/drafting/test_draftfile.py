"""The .pykala file: what is saved is what is reopened, and bad files say what is wrong."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from drafting import draftfile
from drafting.model import Draft
from tests.conftest import EXAMPLE_333, EXAMPLE_885


def minimal(**top) -> dict:
    return {"format": "pykala", "version": 1, "kind": "item", **top}


@pytest.mark.parametrize("example", [EXAMPLE_333, EXAMPLE_885], ids=["s333", "s885"])
def test_examples_save_and_reopen_identical(tmp_path, example):
    draft = draftfile.load(example)
    target = tmp_path / "copy.pykala"
    draftfile.save(draft, target)
    assert draftfile.load(target) == draft
    # An example of an older format version is saved as the current version has it.
    original = draftfile.upgrade(json.loads(example.read_text("utf-8")))
    assert json.loads(target.read_text("utf-8")) == original


def test_unknown_fields_survive_a_save(tmp_path):
    data = minimal(
        future_top={"a": [1, 2]},
        item={
            "title": "x",
            "future_item": True,
            "history": [{"date": "2021-03-30", "future_entry": "kept"}],
            "proposal": {"presenter": {"name": "N", "future_person": 1}},
        },
    )
    draft = draftfile.from_json(data)
    again = json.loads(draftfile.dumps(draft))
    assert again["future_top"] == {"a": [1, 2]}
    assert again["item"]["future_item"] is True
    assert again["item"]["history"][0]["future_entry"] == "kept"
    assert again["item"]["proposal"]["presenter"]["future_person"] == 1


def test_a_bad_date_names_its_field_and_the_fix():
    data = minimal(item={"history": [{"date": "30.3.2021"}]})
    with pytest.raises(draftfile.DraftError) as caught:
        draftfile.from_json(data)
    assert caught.value.problems == [
        'item.history[0].date: "30.3.2021" is not a date; write 2021-03-30'
    ]


def test_every_problem_is_listed_at_once():
    data = minimal(
        meeting={"date": "2021-13-01"},
        item={
            "agenda_item": "17",
            "proposal": {"kind": "motion"},
            "contacts": [{"name": 5}],
        },
    )
    with pytest.raises(draftfile.DraftError) as caught:
        draftfile.from_json(data)
    text = "\n".join(caught.value.problems)
    assert 'meeting.date: "2021-13-01" is not a date' in text
    assert 'item.agenda_item: "17" is a text; write a whole number' in text
    assert (
        'item.proposal.kind: "motion" is not allowed; write one of: decision, proposal, '
        "statement" in text
    )
    assert "item.contacts[0].name: 5 is a number; write a text in quotes" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"version": 1}', "format: missing or wrong"),
        ('{"format": "pykala", "version": 99}', "saved by a newer Pykälä (format version 99)"),
        ('{"format": "pykala", "version": "1"}', "version: missing or not a whole number"),
        ('{"format": "pykala", "version": 1, "kind": "meeting"}', 'kind: "meeting"'),
        ('{"format": "pykala", "version": 1,', "not valid JSON at line 1, column 35"),
        ("[1, 2]", "holds no JSON object"),
    ],
)
def test_unreadable_drafts_are_refused_with_a_reason(text, expected):
    with pytest.raises(draftfile.DraftError) as caught:
        draftfile.loads(text)
    assert expected in str(caught.value)


def test_not_utf8_and_missing_files_are_explained(tmp_path):
    latin = tmp_path / "latin1.pykala"
    latin.write_bytes('{"title": "Päätös"}'.encode("latin-1"))
    with pytest.raises(draftfile.DraftError, match="not UTF-8"):
        draftfile.load(latin)
    with pytest.raises(draftfile.DraftError, match="no such file"):
        draftfile.load(tmp_path / "nowhere.pykala")


def test_dates_are_written_iso_and_null_stays_null():
    draft = Draft()
    draft.meeting.date = dt.date(2021, 5, 3)
    data = json.loads(draftfile.dumps(draft))
    assert data["meeting"]["date"] == "2021-05-03"
    assert data["item"]["section"] is None
    assert data["item"]["decision"] is None
    assert list(data)[:3] == ["format", "version", "kind"]


def test_a_lone_surrogate_from_another_system_is_kept(tmp_path):
    draft = draftfile.loads(json.dumps(minimal(item={"title": "a\ud800b"})))
    target = tmp_path / "s.pykala"
    draftfile.save(draft, target)
    assert draftfile.load(target).item.title == "a\ud800b"


def test_saving_replaces_the_file_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "d.pykala"
    target.write_text("old", encoding="utf-8")
    draftfile.save(Draft(), target)
    assert draftfile.load(target) == Draft()
    assert [p.name for p in tmp_path.iterdir()] == ["d.pykala"]


SAVE_BIG = """
import sys
from drafting import draftfile
from drafting.model import Draft

draft = Draft()
draft.item.proposal.reasoning = "Pitkä perustelu. " * 4000  # about 70 kB
try:
    draftfile.save(draft, sys.argv[1])
except OSError as exc:
    print(exc.strerror)
    sys.exit(1)
"""


@pytest.mark.slow
def test_a_save_the_disk_refuses_keeps_the_old_file(tmp_path):
    """A real write error: the child may grow no file past 16 KiB (RLIMIT_FSIZE), so the
    kernel refuses the write half-way, as a full disk does."""
    import os
    import resource
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT

    target = tmp_path / "d.pykala"
    target.write_text("precious", encoding="utf-8")

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    result = subprocess.run(
        [sys.executable, "-c", SAVE_BIG, str(target)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
        preexec_fn=limit,
        timeout=60,
    )
    assert (result.returncode, result.stdout.strip()) == (1, "File too large"), result.stderr
    assert target.read_text(encoding="utf-8") == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["d.pykala"]  # no half-written temporary


def test_a_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "d.pykala"
    target.write_text("precious", encoding="utf-8")

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("drafting.atomic.os.replace", broken_replace)
    with pytest.raises(OSError):
        draftfile.save(Draft(), target)
    assert target.read_text(encoding="utf-8") == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["d.pykala"]
