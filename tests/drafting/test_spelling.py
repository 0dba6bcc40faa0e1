"""Spelling and grammar without a screen: what is flagged, what never is, and the
user's dictionary. Needs the dictionaries `make test` installs (Voikko, Hunspell sv)."""

from __future__ import annotations

import pytest

from drafting import checks, draftfile, spelling
from tests.conftest import EXAMPLE_333, EXAMPLE_885


@pytest.fixture(scope="module")
def finnish():
    checker = spelling.Checker("fi")
    assert checker.available, checker.missing()
    return checker


@pytest.fixture(scope="module")
def swedish():
    checker = spelling.Checker("sv")
    assert checker.available, checker.missing()
    return checker


def flagged(checker, text, skip=()):
    return [f.text for f in checker.misspelled(text, skip)]


def test_finnish_misspellings_are_flagged_and_inflected_forms_are_not(finnish):
    text = "päätöös kaupungihallitus kaupunginvaltuustolle toimenpiteistä asiantuntijatyöryhmän"
    assert flagged(finnish, text) == ["päätöös", "kaupungihallitus"]
    assert "päätös" in finnish.suggest("päätöös")


def test_swedish_misspellings_are_flagged_and_correct_words_are_not(swedish):
    text = "kommunstyrelsen kommunstyrellsen beslutade stadsfullmäktige beslutadde"
    assert flagged(swedish, text) == ["kommunstyrellsen", "beslutadde"]
    assert "kommunstyrelsen" in swedish.suggest("kommunstyrellsen")


def test_ids_codes_addresses_numbers_and_personal_data_are_never_flagged(finnish):
    text = (
        "HEL 2021-004370 T 00 01 02 00 01 02 etunimi.sukunimi(a)hel.fi xyzzy.qwe@esim.fi "
        "https://www.hel.fi/qwzx/abcd www.qwzxy.fi 3.5.2021 2021:n 12,5 § 333 §:ssä 333 § "
        "[Qwzxyn Vbnmöp]{.personal} sosiaali- ja terveystoimiala"
    )
    assert flagged(finnish, text) == []
    assert flagged(finnish, text + " qwzxyn") == ["qwzxyn"]


def test_a_personal_range_an_editor_marks_is_left_out(finnish):
    assert flagged(finnish, "Qwzxyn Vbnmöp saapui", skip=[(0, 13)]) == []
    assert flagged(finnish, "Qwzxyn Vbnmöp saapui") == ["Qwzxyn", "Vbnmöp"]


def test_finnish_grammar_finds_a_repeated_word_and_a_lower_case_sentence(finnish):
    found = finnish.check("Hallitus päätti päätti asian. tämä on selvää.")
    grammar = [(f.text, f.kind) for f in found]
    assert ("päätti päätti", spelling.GRAMMAR) in grammar
    assert ("tämä", spelling.GRAMMAR) in grammar
    assert all(f.message for f in found if f.kind == spelling.GRAMMAR)


def test_grammar_can_be_turned_off():
    checker = spelling.Checker("fi", grammar=False)
    assert checker.check("Hallitus päätti päätti asian.") == []


def test_user_dictionary_is_a_word_a_line_and_is_read_back(tmp_path):
    path = tmp_path / "dictionary.txt"
    checker = spelling.Checker("fi", spelling.UserDictionary(path))
    assert flagged(checker, "Qwzxyn kävi") == ["Qwzxyn"]
    checker.add_to_dictionary("Qwzxyn")
    assert path.read_text(encoding="utf-8") == "Qwzxyn\n"
    again = spelling.Checker("fi", spelling.UserDictionary(path))
    assert flagged(again, "Qwzxyn kävi") == []


def test_people_names_and_ignored_words_count_as_known(finnish):
    checker = spelling.Checker("fi")
    checker.set_names(["Qwzxyn Vbnmöp"])
    checker.ignore("Asdfgh")
    assert flagged(checker, "Qwzxyn Vbnmöp Asdfgh Hjklö") == ["Hjklö"]


def test_findings_of_a_markdown_field_point_into_its_text(finnish):
    text = "## Otsikko\n\nTämä on **päätöös** ja\n- kohta päätöös"
    found = spelling.check_text(finnish, text)
    assert [text[f.start : f.end] for f in found] == ["päätöös", "päätöös"]
    assert [spelling.occurrence(text, f) for f in found] == [0, 1]


def _people(draft):
    item = draft.item
    people = [item.proposal.presenter, *item.contacts]
    if item.decision:
        people.append(item.decision.presenter)
    for entry in item.history:
        people += [entry.presenter, *entry.contacts]
    return [p.name for p in people]


@pytest.mark.parametrize("example", [EXAMPLE_333, EXAMPLE_885], ids=["s333", "s885"])
def test_the_references_flag_at_most_15_words(example):
    draft = draftfile.load(example)
    checker = spelling.Checker(draft.language)
    checker.set_names(_people(draft))
    problems = checks.spelling_problems(draft, checker)
    words = [p.word for p in problems if p.finding == spelling.SPELLING]
    assert len(words) <= 15, words
    assert all(p.severity == checks.WARNING for p in problems)
    assert not checks.errors(problems)


def test_finnish_case_forms_of_a_known_name_are_known():
    checker = spelling.Checker("fi")
    checker.set_names(["Sami Sarvilinna", "Eva Biaudet"])
    text = "Sarvilinnalle Sarvilinnan Biaudetin Biaudetille Sarvilinnaqx Biaudetxyz"
    assert flagged(checker, text) == ["Sarvilinnaqx", "Biaudetxyz"]


def test_an_organisations_profile_lists_words_of_its_own():
    from drafting import resources

    words = resources.organization("helsinki").spelling_words("fi")
    checker = spelling.Checker("fi")
    assert flagged(checker, "Heunilla on tietoa.") == ["Heunilla"]
    checker.organization = set(words)
    assert flagged(checker, "Heunilla on tietoa.") == []
