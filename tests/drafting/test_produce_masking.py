"""A name marked as personal data once is masked wherever it appears in a public copy (issue
24, part 3): in the printed Word document, its PDF, the web page and the draft the Word
document carries; `check` warns where it is typed unmarked, naming the field. Everything is
made the one way (drafting.produce) under a copy policy (drafting.copies)."""

from __future__ import annotations

import copy
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from drafting import checks, copies, draftfile, meeting, produce
from drafting.render import embed
from tests.conftest import EXAMPLE_333, EXAMPLES
from tests.drafting.conftest import run_cli
from tests.support.documents import docx_text, every_part, pdf_pages

NAME = "Zorblax Quuxington"
MASK = "**********"


def marked_once(draft: draftfile.Draft) -> draftfile.Draft:
    """The name marked once in the reasoning, typed unmarked in the next paragraph, the
    title, a contact and an attachment's title."""
    draft = copy.deepcopy(draft)
    item = draft.item
    item.proposal.reasoning += (
        f"\n\nHakija [{NAME}]{{.personal}} vaatii oikaisua."
        f"\n\nKaupunginhallitus vastaa, että {NAME} saa vastauksen."
    )
    item.title = f"{item.title} ({NAME})"
    item.contacts[0].title = f"asiamies: {NAME}"
    item.attachments[0].title = f"{NAME}n kirje"
    return draft


@pytest.fixture(scope="module")
def draft() -> draftfile.Draft:
    return marked_once(draftfile.load(EXAMPLE_333))


def all_parts(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.endswith((".xml", ".rels"))
        )


def test_the_public_word_document_masks_every_occurrence(draft):
    (made,) = produce.produce(draft, ["docx"], produce.PUBLIC)
    assert made.name.endswith("(julkinen).docx")
    assert NAME not in all_parts(made.data)  # text, properties, the embedded draft
    text = docx_text(made.data)
    assert f"Hakija {MASK} vaatii oikaisua." in text
    assert f"vastaa, että {MASK} saa vastauksen." in text
    assert f"asiamies: {MASK}" in text and f"{MASK}n kirje" in text


def test_the_public_web_page_masks_every_occurrence(draft):
    for copy_ in (produce.PUBLIC, produce.WEB):
        (page,) = produce.produce(draft, ["html"], copy_)
        html = page.data.decode("utf-8")
        assert NAME not in html and f"vastaa, että {MASK} saa vastauksen." in html


def test_the_carried_draft_of_a_public_copy_masks_every_occurrence(draft):
    (made,) = produce.produce(draft, ["docx"], produce.PUBLIC)
    carried = embed.read(made.data)
    assert carried is not None and carried.public
    assert NAME not in carried.draft_json
    reopened = draftfile.from_json(json.loads(carried.draft_json))
    assert reopened.organization == draft.organization  # still a draft Pykälä can open
    assert reopened.item.title.endswith(f"({MASK})")


@pytest.mark.libreoffice
def test_the_public_pdf_masks_every_occurrence(draft, tmp_path):
    converter = produce.Converter(warm=False)
    try:
        (made,) = produce.produce(draft, ["pdf"], produce.PUBLIC, converter=converter)
    finally:
        converter.stop()
    path = tmp_path / made.name
    path.write_bytes(made.data)
    text = " ".join(" ".join(page.split()) for page in pdf_pages(path))
    assert "Quuxington" not in text and "Zorblax" not in text
    assert f"vastaa, että {MASK} saa vastauksen." in text


def test_the_full_copy_shows_the_name_where_it_is_typed(draft):
    (made,) = produce.produce(draft, ["docx"], produce.FULL)
    text = docx_text(made.data)
    assert f"Hakija {NAME} vaatii oikaisua." in text  # the internal copy: whole
    assert f"vastaa, että {NAME} saa vastauksen." in text


def test_check_warns_where_a_marked_name_is_typed_unmarked(draft):
    warned = [
        p
        for p in checks.check(draft)
        if p.severity == checks.WARNING and "typed here unmarked" in p.message
    ]
    assert sorted(p.path for p in warned) == [
        "item.attachments[0].title",
        "item.contacts[0].title",
        "item.proposal.reasoning",
        "item.title",
    ]
    assert all(f'"{NAME}"' in p.message for p in warned)
    # Marked where it is typed, it is no warning.
    clean = draftfile.load(EXAMPLE_333)
    clean.item.proposal.reasoning += f"\n\n[{NAME}]{{.personal}} ja [{NAME}]{{.personal}}"
    assert not [p for p in checks.check(clean) if "typed here unmarked" in p.message]


@pytest.mark.slow
def test_the_command_line_check_names_the_field(draft, tmp_path):
    path = tmp_path / "draft.pykala"
    draftfile.save(draft, path)
    result = run_cli("check", path)
    assert result.returncode == 0, result.stderr  # a warning does not block
    assert f'warning: item.title: "{NAME}" is marked as personal data' in result.stderr


def test_a_public_meeting_build_masks_a_name_one_item_marks_in_every_item(tmp_path):
    """Minutes: the name marked in one item and typed unmarked in another is masked in
    both; extracts stay whole (they go to the parties)."""
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    path = folder / "meeting" / "kh-18-2021.pykala"
    listed = draftfile.load_meeting(path).items
    first, second = (path.parent / listed[0]).resolve(), (path.parent / listed[1]).resolve()
    marking = draftfile.load(first)
    marking.item.proposal.reasoning += f"\n\nHakija [{NAME}]{{.personal}}."
    draftfile.save(marking, first)
    typing_ = draftfile.load(second)
    typing_.item.proposal.reasoning += f"\n\nLausunnon antoi {NAME}."
    draftfile.save(typing_, second)
    loaded = meeting.load(path)
    written = produce.build(loaded, ["minutes", "items"], tmp_path / "out", copy=produce.PUBLIC)
    assert written
    for file in written:
        assert NAME not in all_parts(file.read_bytes()), file.name
    (minutes,) = [p for p in written if p.name.startswith("Pöytäkirja")]
    assert f"Lausunnon antoi {MASK}." in docx_text(minutes.read_bytes())


def test_the_copy_policy_decides_masking_withholding_and_changes():
    assert not copies.FULL.masked and not copies.EXTRACT.masked
    assert copies.PUBLIC.masked and copies.WEB.masked
    assert copies.PUBLIC.says_public and not copies.WEB.says_public
    # Changes are never public, and an extract prints the decision as made.
    assert copies.FULL.shows_changes(True) and not copies.FULL.shows_changes(False)
    assert not any(c.shows_changes(True) for c in (copies.PUBLIC, copies.WEB, copies.EXTRACT))


def test_a_public_copy_never_prints_changes(tmp_path):
    draft = draftfile.load(EXAMPLES / "kh-2021-11-22-s885.pykala")
    draft.item.decision.as_proposed = False
    draft.item.decision.text = draft.item.proposal.text + " Lisäksi uusi lause."
    (full,) = produce.produce(draft, ["docx"], produce.FULL, document="minutes", changes=True)
    (public,) = produce.produce(draft, ["docx"], produce.PUBLIC, document="minutes", changes=True)
    assert "<w:strike/>" in all_parts(full.data) or "<w:u " in all_parts(full.data)
    assert "<w:strike/>" not in all_parts(public.data)


def test_names_a_public_copy_gets(draft):
    (made,) = produce.produce(draft, ["html"], produce.WEB)
    assert made.name == f"{Path(made.name).stem}.html" and "(julkinen)" not in made.name


def test_a_marked_name_that_looks_like_a_date_or_a_language_leaves_the_copy_whole():
    """Dates, the language, kinds and the profile id are Pykälä's, not the user's text: a
    marked "2021" or "fi" masks the text, never them (the copy renders and reopens)."""
    draft = draftfile.load(EXAMPLE_333)
    draft.item.proposal.reasoning += "\n\n[2021]{.personal}, [fi]{.personal}, [helsinki]{.personal}"
    (made,) = produce.produce(draft, ["docx"], produce.PUBLIC)
    assert "03.05.2021" in every_part(made.data)  # the meeting date in the page header
    carried = embed.read(made.data)
    reopened = draftfile.from_json(json.loads(carried.draft_json))
    assert (reopened.language, reopened.organization) == ("fi", "helsinki")
    assert reopened.meeting.date == draft.meeting.date
