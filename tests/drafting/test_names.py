"""drafting.names.file_stem: the one rule for output file names."""

from drafting import names


def test_unsafe_characters_and_spaces_become_one_space():
    assert names.file_stem('Kaava: "A/B"\tjatko\n') == "Kaava A B jatko"


def test_cut_at_the_limit_without_a_trailing_dot_or_space():
    title = "Sana " * 20
    assert len(names.file_stem(title)) <= names.LIMIT == 60
    assert names.file_stem("Asia 1. ja 2. vaihe", 7) == "Asia 1"
    assert names.file_stem("???") == ""
