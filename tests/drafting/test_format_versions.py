"""File versions (docs/format.md): a file of every version is read through the steps to the
current one (drafting.draftfile.upgrade) and printed; tests/fixtures/format/ keeps one item
and one meeting file of every version, as that version wrote them."""

from __future__ import annotations

import dataclasses
import json
import shutil
import typing

import pytest

from drafting import draftfile, meeting, model, produce
from tests.conftest import ROOT
from tests.support.documents import docx_text

FIXTURES = ROOT / "tests" / "fixtures" / "format"
VERSIONS = range(1, model.VERSION + 1)


def fixture(version: int, kind: str):
    return FIXTURES / f"v{version}-{kind}.pykala"


def test_every_version_has_its_fixtures_and_its_step():
    for version in VERSIONS:
        for kind in ("item", "meeting"):
            data = json.loads(fixture(version, kind).read_text(encoding="utf-8"))
            assert (data["version"], data["kind"]) == (version, kind)
    # From every older version one step to the next; none beyond the current one.
    assert sorted(draftfile.STEPS) == list(range(1, model.VERSION))


@pytest.mark.parametrize("version", VERSIONS)
def test_an_item_of_every_version_is_read_and_printed(version, monkeypatch):
    upgraded = []
    real = draftfile.upgrade
    monkeypatch.setattr(draftfile, "upgrade", lambda data: upgraded.append(data) or real(data))
    draft = draftfile.load(fixture(version, "item"))
    assert [d["version"] for d in upgraded] == [version]  # read through the migration path
    ((made),) = produce.produce(draft, ("docx",))
    text = docx_text(made.data)
    assert draft.item.title in text and "§ 333" in text
    for printed in ("Tiivistelmä", "Käsittely", "Oheismateriaali", "Tiedoksi", "Päätöshistoria"):
        assert printed in text


@pytest.mark.parametrize("version", VERSIONS)
def test_a_meeting_of_every_version_is_read_and_its_minutes_printed(version, tmp_path):
    for kind in ("item", "meeting"):
        shutil.copy(fixture(version, kind), tmp_path / fixture(version, kind).name)
    loaded = meeting.load(tmp_path / fixture(version, "meeting").name)
    made = produce.produce(loaded, ("docx",), kinds=("minutes",))
    text = docx_text(made[0].data)
    assert "Anna Virtanen" in text and f"Versio {version}: jokainen kenttä" in text


def _paths(cls: type, prefix: str) -> set[str]:
    """Every field path of a model class ("item.history[].handling[].note")."""
    found = set()
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.name == "extra":
            continue
        path = f"{prefix}.{f.name}" if prefix else f.name
        found.add(path)
        inner = hints[f.name]
        if type(None) in typing.get_args(inner):  # X | None
            inner = next(a for a in typing.get_args(inner) if a is not type(None))
        if typing.get_origin(inner) is list:
            inner, path = typing.get_args(inner)[0], path + "[]"
        if dataclasses.is_dataclass(inner):
            found |= _paths(inner, path)
    return found


def _present(data, prefix: str = "") -> set[str]:
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            found |= {path} | _present(value, path)
    elif isinstance(data, list):
        for value in data:
            found |= _present(value, prefix + "[]")
    return found


@pytest.mark.parametrize("kind, cls", [("item", model.Draft), ("meeting", model.MeetingDraft)])
def test_the_current_versions_fixture_has_every_field_and_keeps_it(kind, cls):
    """The fixture of the current version is the whole format: a field added to the model
    is added there (and to docs/format.md); a save writes back exactly what was read."""
    data = json.loads(fixture(model.VERSION, kind).read_text(encoding="utf-8"))
    missing = _paths(cls, "") - _present(data)
    assert not missing, f"add to {fixture(model.VERSION, kind).name}: {sorted(missing)}"
    loaded = draftfile.from_json(data, kind=kind)
    assert draftfile.to_json(loaded) == data


def test_an_older_version_goes_through_each_step_in_order(monkeypatch):
    """A made-up format with versions 2 and 3: a version-1 file is read through both steps,
    each seeing what the one before made, and the file read is not changed."""

    real_step = draftfile.STEPS[1]  # the real version 2's handling events, then more

    def one_to_two(data):
        data = real_step(data)
        data["item"]["title"] += " (2)"
        data["item"]["handling_record"] = []  # a field version 2 would add
        return data

    def two_to_three(data):
        assert data["version"] == 2 and data["item"]["title"].endswith(" (2)")
        data["item"]["title"] += " (3)"
        return data

    monkeypatch.setattr(draftfile, "VERSION", 3)
    monkeypatch.setattr(draftfile, "STEPS", {1: one_to_two, 2: two_to_three})
    original = json.loads(fixture(1, "item").read_text(encoding="utf-8"))
    read = json.loads(json.dumps(original))
    draft = draftfile.from_json(read)
    assert draft.item.title == "Versio 1: jokainen kenttä (2) (3)"
    assert draft.item.extra == {"handling_record": []}
    assert read == original
    assert draftfile.to_json(draft)["version"] == 3  # saved as the current version


def test_a_current_file_is_read_as_it_is(monkeypatch):
    monkeypatch.setattr(draftfile, "STEPS", {1: lambda data: pytest.fail("no step for v1")})
    assert draftfile.load(fixture(model.VERSION, "item")).item.section == 333
