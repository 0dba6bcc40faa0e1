"""A long title read from a file shows its beginning in the form, not its end (Qt leaves the
cursor at the end of a text put into a line field, which scrolls the start out of sight)."""

from __future__ import annotations

from pathlib import Path

from drafting import draftfile, schema
from tests.conftest import EXAMPLE_333
from tests.ui.conftest import field

TITLE = (
    "Kaupunginhallituksen lausunto ympäristöministeriölle luonnoksesta hallituksen esitykseksi "
    "eduskunnalle laiksi alueidenkäyttö- ja rakennuslain muuttamisesta sekä eräiksi siihen "
    "liittyviksi laeiksi"
)


def shows_its_start(line) -> bool:
    """The first letters are in sight: the text is drawn from its first character."""
    return line.cursorPosition() == 0 and line.cursorRect().left() < line.width()


def test_a_long_title_opened_from_a_file_shows_its_beginning(window, tmp_path: Path, qtbot):
    draft = draftfile.load(EXAMPLE_333)
    draft.item.title = TITLE
    path = tmp_path / "pitka.pykala"
    draftfile.save(draft, path)
    window.resize(900, 600)
    window.answers["open_path"] = path
    window.act_open.trigger()
    title = field(window, schema.TITLE)
    assert title.text() == TITLE
    assert shows_its_start(title)
