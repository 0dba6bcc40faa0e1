"""Special files and odd input never hang, grow or lose anything (issue 22, holes 08, 10, 11
and 12): a pipe, a device or a huge file is refused with a message; the user's dictionary
is never rewritten from a read that failed; page ranges outside the document are left out."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from drafting import draftfile, files, printing, spelling
from tests.conftest import EXAMPLE_333, ROOT

NOT_ORDINARY = "not an ordinary file"


def cli(*args: str | Path) -> subprocess.CompletedProcess:
    """`main.py …` as typed; a hang fails the test after a minute instead of never ending."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.pykala"
    os.mkfifo(path)
    return path


# --- 08: a pipe, a device, a huge file --------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "fifo.docx"])
def test_check_and_render_refuse_a_pipe_or_a_device_at_once(special, tmp_path):
    if special.startswith("fifo"):
        path = tmp_path / ("pipe.docx" if special.endswith(".docx") else "pipe.pykala")
        os.mkfifo(path)
    else:
        path = Path(special)
    for command in (["check", path], ["render", path, "-o", tmp_path / "out.docx"]):
        result = cli(*command)
        assert result.returncode == 2, result.stderr
        assert NOT_ORDINARY in result.stderr and str(path) in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.slow
def test_a_draft_over_the_size_limit_is_refused_unread(tmp_path):
    huge = tmp_path / "huge.pykala"
    with huge.open("wb") as handle:  # sparse: the size is there, the disk is not used
        handle.truncate(files.DRAFT_LIMIT + 1)
    result = cli("check", huge)
    assert result.returncode == 2
    assert "larger (50 MB) than Pykälä reads (50 MB at most)" in result.stderr
    with pytest.raises(draftfile.DraftError, match="at most"):
        draftfile.load(huge)


def test_the_limit_leaves_an_ordinary_draft_alone(tmp_path):
    assert draftfile.load(EXAMPLE_333).item.title
    assert files.read_bytes(EXAMPLE_333, files.DRAFT_LIMIT) == EXAMPLE_333.read_bytes()


def test_a_folder_is_still_a_folder_not_a_draft(tmp_path):
    with pytest.raises(draftfile.DraftError, match="is a folder, not a draft"):
        draftfile.load(tmp_path)


# --- 10 and 11: the user's dictionary ----------------------------------------------------

WORDS = "Meikäläinen\nSarvilinna\nBiaudet\n".encode()
LATIN_1 = "Äijälä\n".encode("latin-1")


def test_a_dictionary_with_a_latin_1_line_keeps_every_byte_when_a_word_is_added(tmp_path):
    """Hole 10: one non-UTF-8 byte made the file read as empty, and the next word added
    rewrote it with that word alone."""
    path = tmp_path / "dictionary.txt"
    path.write_bytes(WORDS + LATIN_1)
    dictionary = spelling.UserDictionary(path)
    assert dictionary.words == {"Meikäläinen", "Sarvilinna", "Biaudet", "Äijälä"}
    dictionary.add("uusisana")
    assert path.read_bytes() == WORDS + LATIN_1 + b"uusisana\n"
    assert "uusisana" in spelling.UserDictionary(path).words


def test_adding_keeps_comments_and_a_last_line_without_newline(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_bytes(b"# my words\r\nQwzxyn\r\nVbnm")
    dictionary = spelling.UserDictionary(path)
    assert dictionary.words == {"Qwzxyn", "Vbnm"}
    dictionary.add("Asdfgh")
    dictionary.add("Qwzxyn")  # there already: nothing written twice
    assert path.read_bytes() == b"# my words\r\nQwzxyn\r\nVbnm\nAsdfgh\n"


@pytest.mark.slow
def test_a_dictionary_that_is_a_pipe_is_not_waited_for_and_not_written(tmp_path):
    """Hole 11: loading a FIFO dictionary blocked for good."""
    path = tmp_path / "dictionary.txt"
    os.mkfifo(path)
    code = (
        "import sys; from pathlib import Path; from drafting import spelling\n"
        "d = spelling.UserDictionary(Path(sys.argv[1])); print(len(d.words), d.problem)\n"
        "try: d.add('Qwzxyn')\n"
        "except spelling.DictionaryError as e: print('refused:', e)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("0 ") and NOT_ORDINARY in result.stdout
    assert "refused: The dictionary" in result.stdout and "no word is added" in result.stdout
    assert path.is_fifo()


def test_a_dictionary_that_is_a_folder_refuses_adding_with_a_message(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.mkdir()
    (path / "inside.txt").write_text("kept")
    dictionary = spelling.UserDictionary(path)
    with pytest.raises(spelling.DictionaryError, match="cannot be read.*folder"):
        dictionary.add("Qwzxyn")
    assert path.is_dir() and (path / "inside.txt").read_text() == "kept"
    assert "Qwzxyn" in dictionary.words  # known for this session all the same


@pytest.mark.parametrize("word", ["#hashtag", "a\nb", "a\u2028b", "  ", "a\x00b"])
def test_a_word_that_cannot_be_one_line_is_refused_and_nothing_changes(tmp_path, word):
    """Hole 11: "#hashtag" came back as a comment (lost), "a\\nb" as two words."""
    path = tmp_path / "dictionary.txt"
    path.write_bytes(WORDS)
    dictionary = spelling.UserDictionary(path)
    with pytest.raises(spelling.DictionaryError, match="cannot be added to the dictionary"):
        dictionary.add(word)
    assert path.read_bytes() == WORDS
    assert spelling.UserDictionary(path).words == {"Meikäläinen", "Sarvilinna", "Biaudet"}


# --- 12: page ranges ----------------------------------------------------------------------


def pdf_of(pages: int) -> bytes:
    writer = PdfWriter()
    for n in range(pages):
        writer.add_blank_page(width=200 + n, height=300)  # each page told apart by its width
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def widths(data: bytes) -> list[int]:
    return [int(page.mediabox.width) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize(
    "ranges, pages",
    [
        (((1, 3),), [200, 201, 202]),
        (((-1, 3),), [200, 201, 202]),  # gave extra pages (from the end) before
        (((0, 1),), [200]),
        (((2, 99),), [201, 202]),
        (((3, 3), (1, 1)), [202, 200]),
    ],
)
def test_select_pages_leaves_out_pages_outside_the_document(ranges, pages):
    assert widths(printing.select_pages(pdf_of(3), ranges)) == pages


@pytest.mark.parametrize("ranges", [((0, 0),), ((4, 9),), ((3, 1),), ((-5, -1),)])
def test_select_pages_with_no_page_of_the_document_says_so(ranges):
    """Page 0 gave the last page before."""
    with pytest.raises(printing.PrintError, match="Give pages from 1 to 3"):
        printing.select_pages(pdf_of(3), ranges)


def test_a_printer_name_with_a_nul_is_a_print_error_not_a_crash(tmp_path):
    with pytest.raises(printing.PrintError, match="does not exist"):
        printing.submit(tmp_path / "n.pdf", printing.Request(printer="a\x00b"))
