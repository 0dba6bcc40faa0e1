"""Hostile profiles to import (issue 22, holes 05 and 06): an import writes only its own two
new files, `<id>.json` and `<id>.docx`, refuses an id that is taken, and refuses a broken
file (deep JSON, a damaged or inflating template, a pipe) with a message naming what is
wrong, never an uncaught error."""

from __future__ import annotations

import base64
import io
import json
import os
import zipfile

import pytest

from drafting import profiles, resources
from drafting.render import docx
from tests.support import espoo


def _snapshot() -> dict[str, bytes]:
    folder = profiles.user_folder()
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}


def _exported(tmp_path, org_id: str, packed: bytes | None, **fields) -> object:
    """A profile file as `export` writes it (an office sending its profile), with `fields`
    set as a hostile sender sets them."""
    data = espoo.profile_data(template=None)
    data["id"] = org_id
    data["name"] = {"fi": "Paha kaupunki", "sv": "Ond stad"}
    if packed is not None:
        data[profiles.EXPORTED_TEMPLATE] = base64.b64encode(packed).decode("ascii")
        data["template"] = f"{org_id}.docx"
    data.update(fields)
    path = tmp_path / f"{org_id}-{len(list(tmp_path.iterdir()))}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _damaged(template: bytes) -> bytes:
    """`template` with the deflate stream of its main part broken (its name and sizes kept)."""
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        info = archive.getinfo("word/document.xml")
    raw = bytearray(template)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + 60):
        raw[offset] ^= 0x5A
    return bytes(raw)


def _inflating(template: bytes, part_size: int) -> bytes:
    """`template` with one more part of `part_size` spaces (a thousandfold compression)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        with target.open("word/media/big.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1024 * 1024)
            for _ in range(part_size // len(chunk)):
                part.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize("name", ["espoo.json", "espoo.docx", "ESPOO.docx"])
def test_a_template_named_after_another_profile_overwrites_nothing(tmp_path, name):
    espoo.install()
    before = _snapshot()
    source = _exported(tmp_path, "evil", docx.ITEM_TEMPLATE.read_bytes(), template=name)

    path = profiles.import_(source)

    folder = profiles.user_folder()
    assert path == folder / "evil.json"
    after = _snapshot()
    assert {k: v for k, v in after.items() if k in before} == before  # Espoo as it was
    assert set(after) - set(before) == {"evil.json", "evil.docx"}
    assert after["evil.docx"] == docx.ITEM_TEMPLATE.read_bytes()
    assert resources.organization("espoo").name("fi") == "Espoon kaupunki"
    assert resources.organization("evil").template == folder / "evil.docx"


def test_importing_an_id_that_is_taken_is_refused_and_the_profile_kept(tmp_path):
    espoo.install()
    before = _snapshot()
    source = _exported(tmp_path, "espoo", docx.ITEM_TEMPLATE.read_bytes())
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.import_(source)
    (problem,) = raised.value.problems
    assert problem.startswith('id: there is already a profile "espoo"')
    assert "Remove or rename that profile first, or change the id" in problem
    assert _snapshot() == before

    # A leftover template of that name is somebody's file as well.
    (profiles.user_folder() / "oulu.docx").write_bytes(b"mine")
    with pytest.raises(profiles.ProfileError, match="already a profile"):
        profiles.import_(_exported(tmp_path, "oulu", docx.ITEM_TEMPLATE.read_bytes()))
    assert (profiles.user_folder() / "oulu.docx").read_bytes() == b"mine"
    assert not (profiles.user_folder() / "oulu.json").exists()


@pytest.mark.parametrize(
    "name", [".", "..", "x" * 300 + ".docx", "a\x00b.docx", "../../evil.docx", "/tmp/e.docx"]
)
def test_a_strange_template_name_is_not_used_as_a_file_name(tmp_path, name):
    source = _exported(tmp_path, "evil", docx.ITEM_TEMPLATE.read_bytes(), template=name)
    profiles.import_(source)
    assert set(_snapshot()) == {"evil.json", "evil.docx"}
    assert json.loads((profiles.user_folder() / "evil.json").read_text())["template"] == (
        "evil.docx"
    )


def test_a_hand_written_template_name_must_be_a_plain_word_file_name():
    folder = profiles.user_folder()
    folder.mkdir(parents=True)
    for name in ("..", "../helsinki.docx", "espoo.json", "a\x00b.docx", "x" * 300 + ".docx"):
        data = espoo.profile_data(template=name)
        (folder / "espoo.json").write_text(json.dumps(data), encoding="utf-8")
        (problem,) = profiles.catalogue().broken("espoo")
        assert problem.startswith("template: ") and "should be the name of a Word file" in problem
        assert "espoo" not in resources.organization_ids()


def test_deeply_nested_json_is_refused_in_words(tmp_path):
    source = tmp_path / "deep.json"
    source.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.import_(source)
    assert raised.value.problems == [
        "is nested too deeply to be a profile (objects or lists within each other)"
    ]
    # the same file among the user's profiles: named as broken, the others kept
    profiles.user_folder().mkdir(parents=True)
    (profiles.user_folder() / "deep.json").write_bytes(source.read_bytes())
    assert profiles.catalogue().broken("deep") == raised.value.problems
    assert resources.organization_ids() == ["helsinki"]


def test_a_damaged_template_is_refused_and_nothing_written(tmp_path):
    source = _exported(tmp_path, "evil", _damaged(docx.ITEM_TEMPLATE.read_bytes()))
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.import_(source)
    (problem,) = raised.value.problems
    assert problem.startswith("template: evil.docx cannot be read as a Word document: ")
    assert "word/document.xml is damaged" in problem
    assert _snapshot() == {}

    source = _exported(tmp_path, "evil", b"PK\x03\x04 no zip at all")
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.import_(source)
    assert raised.value.problems == ["template: evil.docx is not a Word document (.docx)"]
    assert _snapshot() == {}


def test_a_template_that_inflates_past_the_limit_is_refused(tmp_path):
    bomb = _inflating(docx.ITEM_TEMPLATE.read_bytes(), 64 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.import_(_exported(tmp_path, "evil", bomb))
    (problem,) = raised.value.problems
    assert "word/media/big.xml inflates to 64 MB, more than a document holds" in problem
    assert _snapshot() == {}


def test_a_template_named_but_not_carried_is_refused(tmp_path):
    source = _exported(tmp_path, "evil", None, template="espoo.docx")
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.import_(source)
    assert raised.value.problems == [
        'template: "espoo.docx" is named but not carried in the file; export the profile '
        "again with its template"
    ]


def test_a_pipe_is_not_read_as_a_profile(tmp_path):
    pipe = tmp_path / "profile.json"
    os.mkfifo(pipe)
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.import_(pipe)  # would block for ever if it were opened
    (problem,) = raised.value.problems
    assert problem.startswith("cannot be read: it is not an ordinary file (a pipe")
