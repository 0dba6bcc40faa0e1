"""One rule names every output of an item: its § (else Asia/N) and title in whole words, in a
build and in the drafting window's exports alike (issue 21 item 10, issue 24)."""

from __future__ import annotations

import shutil

import pytest

from drafting import draftfile, names
from tests.conftest import EXAMPLE_885, EXAMPLES
from tests.drafting.conftest import run_cli


def whole_words_of(stem: str, text: str) -> bool:
    """`stem` is the first words of `text`, none of them cut."""
    words, given = stem.split(), text.split()
    return 0 < len(words) <= len(given) and words == given[: len(words)]


@pytest.mark.slow
def test_a_build_names_items_and_extracts_in_whole_words(tmp_path):
    folder = tmp_path / "kokous"
    shutil.copytree(EXAMPLES / "meeting", folder)
    for item in ("kh-2021-05-03-s333.pykala", "kh-2021-11-22-s885.pykala"):
        shutil.copy(EXAMPLES / item, tmp_path / item)
    meeting = folder / "kh-18-2021.pykala"
    out = tmp_path / "out"
    result = run_cli("build", meeting, "--items", "--extracts", "-o", out)
    assert result.returncode == 0, result.stderr
    loaded = draftfile.load_meeting(meeting)
    titles = {
        str(loaded.first_section + n): draftfile.load(folder / relative).item.title
        for n, relative in enumerate(loaded.items)
    }
    stems = sorted(path.stem for path in out.glob("*.docx"))
    assert len(stems) == 4, stems
    extracts = [s for s in stems if " - Ote " in s]
    assert extracts, stems
    for stem in stems:
        item_part = stem.split(" - Ote ")[0]
        number, _space, title_part = item_part.partition(" ")
        assert whole_words_of(title_part, titles[number]), stem
    # an extract's item part is cut at 40 characters, at a word
    assert extracts[0].startswith("334 Valtuutettu Eva Biaudetin - Ote 1 ")


def test_the_rule_cuts_at_the_last_whole_word_and_names_asia_without_a_section():
    title = "Valtuutettu Eva Biaudetin toivomusponsi ja hankesuunnitelma"
    assert names.file_stem(title, 50) == "Valtuutettu Eva Biaudetin toivomusponsi ja"
    assert names.file_stem("Hankesuunnitelmaluonnoskokoelma", 10) == "Hankesuunn"  # one long word
    draft = draftfile.load(EXAMPLE_885)
    draft.item.section, draft.item.agenda_item = None, 3
    assert names.item_stem(draft) == "3 " + names.file_stem(draft.item.title, names.LIMIT - 2)
    assert whole_words_of(names.item_stem(draft)[2:], draft.item.title)
    draft.item.section = 885
    assert names.item_stem(draft, 30) == "885 Valtuutettu Eva Biaudetin"
