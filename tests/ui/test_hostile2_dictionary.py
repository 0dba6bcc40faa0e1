""" "Add to dictionary" never costs the user's dictionary a word (issue 22, holes 10 and 11):
a line in another encoding stays byte for byte, and a dictionary that cannot be read is left
alone while the window says why, in a message box."""

from __future__ import annotations

import json

import pytest

from drafting import spelling
from tests.ui.test_spellcheck import click, reasoning_editor, right_click_menu, underlined
from tests.ui.user import menu
from ui.services.people import PeopleDirectory

WORDS = "Meikäläinen\nSarvilinna\n".encode() + "Äijälä\n".encode("latin-1")


def test_adding_a_word_keeps_a_line_saved_in_latin_1(window):
    path = window.spelling.dictionary.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(WORDS)  # another editor saved a word in Latin-1
    menu(window, "File", "New")
    editor = reasoning_editor(window, "Qwzxyn kävi.")
    assert underlined(editor) == [("Qwzxyn", spelling.SPELLING)]
    click(right_click_menu(editor, "Qwzxyn"), "add_to_dictionary")
    assert underlined(editor) == []
    assert path.read_bytes() == WORDS + b"Qwzxyn\n"


def test_a_dictionary_that_cannot_be_read_is_left_alone_and_the_window_says_so(window):
    path = window.spelling.dictionary.path
    path.mkdir(parents=True)  # a folder where the word list should be
    (path / "keep.txt").write_text("mine")
    menu(window, "File", "New")
    editor = reasoning_editor(window, "Qwzxyn kävi.")
    click(right_click_menu(editor, "Qwzxyn"), "add_to_dictionary")
    assert underlined(editor) == []  # known for this session
    (title, said) = window.messages[-1]
    assert title == "Cannot add to the dictionary"
    assert f"The dictionary {path} cannot be read" in said
    assert "known until Pykälä closes" in said
    assert path.is_dir() and (path / "keep.txt").read_text() == "mine"


# The people directory (names offered for presenters and contacts) is the same kind of file.

PEOPLE = '[{"name": "Sami Sarvilinna", "title": "kansliapäällikkö"}]'.encode()


def a_draft_naming(name: str):
    from drafting import draftfile
    from tests.conftest import EXAMPLE_333

    draft = draftfile.load(EXAMPLE_333)
    draft.item.contacts[0].name = name
    return draft


@pytest.mark.parametrize(
    "damaged",
    [PEOPLE[:-5] + b"\xff", b"null", b"[" * 100_000],
    ids=["cut short", "not a list", "deep"],
)
def test_a_people_file_that_cannot_be_read_is_not_written_over(qapp, tmp_path, damaged):
    path = tmp_path / "people.json"
    path.write_bytes(damaged)
    people = PeopleDirectory(path)
    people.remember(a_draft_naming("Qwzxyn Vbnmöp"))  # what saving a draft does
    assert path.read_bytes() == damaged
    assert "Qwzxyn Vbnmöp" in people.people  # offered for this session


def test_a_readable_people_file_still_learns_the_names_saved(qapp, tmp_path):
    path = tmp_path / "people.json"
    path.write_bytes(PEOPLE)
    PeopleDirectory(path).remember(a_draft_naming("Qwzxyn Vbnmöp"))
    names = [p["name"] for p in json.loads(path.read_text(encoding="utf-8"))]
    assert names[0] == "Qwzxyn Vbnmöp" and "Sami Sarvilinna" in names
