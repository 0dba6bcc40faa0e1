"""An organisation profile is read by the drafts' one reader (drafting.draftfile.read_as):
maps, "one text or one per language", fields that must be filled in, and parts that refuse
keys they do not know; every problem names its field's path in the drafts' words, once."""

from __future__ import annotations

import copy
import datetime as _dt
import json
from dataclasses import dataclass, field

from drafting import draftfile, profiles
from drafting.organization import BUILTIN_FOLDER, ProfileFile
from tests.support import espoo


def _espoo() -> dict:
    return copy.deepcopy(espoo.profile_data(template=None))  # its parts are shared


def _helsinki() -> dict:
    return json.loads((BUILTIN_FOLDER / "helsinki.json").read_text(encoding="utf-8"))


def test_the_built_in_profile_reads_as_typed_values():
    typed, problems = draftfile.read_as(ProfileFile, _helsinki())
    assert problems == []
    assert typed.name == {"fi": "Helsingin kaupunki", "sv": "Helsingfors stad"}
    assert typed.spelling_words == {"fi": ["Heuni"], "sv": ["Heuni"]}  # "_comment" left out
    assert typed.bodies["Kaupunginhallitus"] == {"sv": "Stadsstyrelsen"}
    assert typed.footer[2][3].until == _dt.date(2021, 8, 31)
    assert typed.footer[0][0].label == "postal_address" and typed.footer[0][0].text is None
    assert typed.appeal.registry.email == "helsinki.kirjaamo@hel.fi"  # one for both languages
    assert typed.appeal.registry.hours["sv"] == "måndag–fredag kl. 8.15–16.00"
    assert typed.appeal.registry.extra == {}


def test_every_problem_names_its_field_path():
    data = _espoo()
    data["appeal"]["registry"]["email"] = 12
    data["appeal"]["registry"]["phone"] = ["09", "816"]
    data["bodies"]["Kaupunginhallitus"] = {"en": "City Board"}
    data["spelling_words"] = {"fi": "Espoo"}
    data["footer"][1] = "PL 12"
    data["footer"][0][1]["text"] = {"fi": "PL 12", "sv": " "}
    data["vocabulary"] = {"fi": {"secrecy": 5}, "en": {}}
    data["email_at"] = ""
    del data["name"]
    problems = profiles.validate(data, "espoo")
    either = "write a text in quotes, or one per language in { }"
    assert sorted(problems) == sorted(
        [
            "name.fi: is empty",
            "name.sv: is empty",
            "email_at: is empty",
            'spelling_words.fi: "Espoo" is a text; write a list in [ ]',
            'bodies.Kaupunginhallitus.en: "en" is not allowed; write one of: fi, sv',
            "footer[0][1].text.sv: is empty",
            'footer[1]: "PL 12" is a text; write a list in [ ]',
            "vocabulary.fi.secrecy: 5 is a number; write a text in quotes",
            'vocabulary.en: "en" is not allowed; write one of: fi, sv',
            f"appeal.registry.email: 12 is a number; {either}",
            f'appeal.registry.phone: ["09", "816"] is a list; {either}',
        ]
    )


def test_a_field_of_the_wrong_type_is_named_once():
    data = _espoo()
    data["id"] = 12
    data["template"] = 7
    data["footer"][0][0]["label"] = 5
    problems = profiles.validate(data)
    assert sorted(problems) == [
        "footer[0][0].label: 5 is a number; write a text in quotes",
        "id: 12 is a number; write a text in quotes",
        "template: 7 is a number; write a text in quotes",
    ]


def test_what_no_type_says_is_still_checked():
    data = _espoo()
    data["footer"][0][0] = {"label": "postal_address", "text": "PL 12"}
    data["footer"] += [[]] * (6 - len(data["footer"]))
    data["bodies"][" "] = {"sv": "x"}
    problems = profiles.validate(data, "oulu")
    assert "footer[0][0]: needs a label or a text, not both" in problems
    assert "footer: has 6 columns; at most 5 fit" in problems
    assert "bodies: a body has no name" in problems
    assert 'id: "espoo" differs from the file name oulu.json' in problems


@dataclass
class _Counts:
    """A map and a text-or-per-language field, as any file the reader reads may have."""

    by_name: dict[str, int] = field(default_factory=dict)
    title: str | dict[str, str] = ""
    extra: dict = field(default_factory=dict)


def test_the_generic_reader_reads_maps_and_one_text_or_one_per_language():
    read, problems = draftfile.read_as(
        _Counts, {"by_name": {"a": 1, "_note": "x", "b": "2"}, "title": {"fi": "Otsikko"}}
    )
    assert read.by_name == {"a": 1}
    assert read.title == {"fi": "Otsikko"}
    assert problems == ['by_name.b: "2" is a text; write a whole number, e.g. 17']
    read, problems = draftfile.read_as(_Counts, {"title": "Title"})
    assert read.title == "Title" and problems == []


def test_a_null_footer_label_is_no_label():
    """Found by the profile fuzz test: {"label": null} passed the reader and the check, and
    every render then failed on the word "footer.None"."""
    data = _espoo()
    data["footer"][2][0] = {"label": None}
    assert "footer[2][0]: needs a label or a text, not both" in profiles.validate(data, "espoo")
