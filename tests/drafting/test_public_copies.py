"""Nothing leaked: a name marked as personal data never prints in a public copy (issue 10)."""

from __future__ import annotations

import copy
import io

import docx
import pytest

from drafting import checks, draftfile
from drafting.model import Draft, Extract, MeetingDraft
from drafting.render import context
from drafting.render import docx as render_docx
from tests.conftest import EXAMPLE_333
from tests.support.documents import docx_text, every_part


def render(draft: Draft, **options) -> bytes:
    return render_docx.render(context.build(draft, context.Options(**options)))


@pytest.fixture(scope="module")
def example() -> Draft:
    return draftfile.load(EXAMPLE_333)


BROKEN = [
    "[Bertta\nBackman]{.personal}",
    "[Cecilia [Cc]]{.personal}",
    "[Daavid Dahl]{ .personal}",
    "[Eino Eskola]{.Personal}",
    "[Fanni Forsman]{.personal }",
]


@pytest.mark.parametrize("broken", BROKEN)
@pytest.mark.parametrize(
    "field, path",
    [
        (lambda d: (d.item.proposal, "reasoning"), "item.proposal.reasoning"),
        (lambda d: (d.item, "title"), "item.title"),
        (lambda d: (d.item.contacts[0], "name"), "item.contacts[0].name"),
    ],
)
def test_a_span_that_is_not_read_is_an_error_naming_the_field(example, broken, field, path):
    draft = copy.deepcopy(example)
    obj, name = field(draft)
    setattr(obj, name, f"Hakija {broken} haki.")
    problems = [p for p in checks.errors(checks.check(draft)) if p.path == path]
    assert len(problems) == 1
    assert "[Name]{.personal}" in problems[0].message


def test_well_formed_spans_are_no_problem(example):
    draft = copy.deepcopy(example)
    draft.item.proposal.reasoning = "[Aino]{.personal} ja [Cecilia [Cc]{.personal}"
    draft.item.title = "Asia [Aino Aalto]{.personal}"
    assert not [p for p in checks.check(draft) if "personal" in p.message]


NAME = "Zacharias Zetterberg"


def test_an_extract_is_whole_even_for_a_personal_recipient(example):
    """An extract goes to its recipient, not to the web (copies.EXTRACT): nothing masked."""
    draft = copy.deepcopy(example)
    draft.item.extracts = [Extract(recipient=f"[{NAME}]{{.personal}}", appeal=False)]
    data = render_docx.render(context.extract(draft, 0, MeetingDraft()))
    assert NAME in docx_text(data) and "**********" not in docx_text(data)


def test_a_very_long_title_renders_whole_and_its_property_is_cut(example):
    draft = copy.deepcopy(example)
    draft.item.title = "Pitkä otsikko " * 40 + "LOPPU"
    data = render(draft)
    assert "LOPPU" in docx_text(data)  # the document keeps all of it
    title = docx.Document(io.BytesIO(data)).core_properties.title
    assert len(title) == 255 and title.endswith("…")


def test_a_very_long_meeting_number_renders(example):
    draft = copy.deepcopy(example)
    draft.meeting.number = "1" * 300
    data = render(draft)
    assert "1" * 300 in every_part(data)
    meeting = MeetingDraft()
    meeting.meeting.number = "2" * 300
    cover = render_docx.render(context.cover(meeting, [draft], "agenda"))
    assert len(docx.Document(io.BytesIO(cover)).core_properties.title) == 255


def test_item_titles_on_a_public_cover_are_masked(example):
    draft = copy.deepcopy(example)
    draft.item.title = f"Asia [{NAME}]{{.personal}}"
    data = render_docx.render(context.cover(MeetingDraft(), [draft], "agenda", public=True))
    assert NAME not in every_part(data) and "Asia **********" in docx_text(data)


def test_an_attachment_name_the_system_refuses_is_an_error_not_a_crash(tmp_path):
    from drafting import checks, draftfile
    from drafting.model import Attachment
    from tests.conftest import EXAMPLE_885

    draft = draftfile.load(EXAMPLE_885)
    draft.item.attachments = [Attachment(title="Liite", file="x" * 300 + ".pdf")]
    (problem,) = [p for p in checks.check(draft, base=tmp_path) if p.path.endswith(".file")]
    assert problem.path == "item.attachments[0].file"
    assert problem.severity == checks.ERROR and "cannot be used" in problem.message


# --- non-public attachments (issue 14) --------------------------------------------------

SECRET_EXAMPLE = EXAMPLE_333.parent / "lausunto-salassa-pidettava-liite.pykala"
STATEMENT = "Salassa pidettävä, JulkL 24.1 § 25 k."
SECRET_TITLE = "Valitus Helsingin hallinto-oikeudelle"
MARKED = "Matti Meikäläi"  # the name marked as personal data in the reasoning


def all_parts(data: bytes) -> str:
    """Every part of a Word file, whatever it is, as text."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def test_a_public_copy_keeps_the_number_and_shows_the_grounds_of_secrecy():
    draft = draftfile.load(SECRET_EXAMPLE)
    internal, public = render(draft), render(draft, public=True)
    assert SECRET_TITLE in docx_text(internal)
    text = docx_text(public)
    assert f"1\t{STATEMENT}" in text and "2\tLausuntoehdotus" in text
    stored = all_parts(public)
    assert SECRET_TITLE not in stored and MARKED not in stored


def test_without_its_own_statement_the_organisation_default_prints():
    draft = draftfile.load(SECRET_EXAMPLE)
    draft.item.attachments[0].secrecy = ""
    assert "1\tSalassa pidettävä\n" in docx_text(render(draft, public=True)) + "\n"
    draft.language = "sv"
    assert "1\tSekretessbelagd\n" in docx_text(render(draft, public=True)) + "\n"


def test_a_public_extract_build_keeps_the_full_text(tmp_path):
    """Extracts go to the parties: a public build leaves them whole; every other file is the
    public copy, and its name says so."""
    import json
    import shutil

    from drafting import meeting, produce

    folder = tmp_path / "meeting"
    shutil.copytree(EXAMPLE_333.parent / "meeting", folder)
    shutil.copy(SECRET_EXAMPLE, folder / "secret.pykala")
    path = folder / "kh-18-2021.pykala"
    data = json.loads(path.read_text("utf-8"))
    data["items"] = [data["items"][0], "secret.pykala"]
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    written = produce.build(
        meeting.load(path),
        ["agenda", "minutes", "items", "extracts"],
        tmp_path / "out",
        copy=produce.PUBLIC,
    )
    names = sorted(p.name for p in written)
    extracts = [p for p in written if " - Ote " in p.name]
    others = [p for p in written if p not in extracts]
    assert extracts and others
    assert all("(julkinen)" in p.name for p in others), names
    assert not any("(julkinen)" in p.name for p in extracts), names
    for path in others:
        stored = all_parts(path.read_bytes())
        assert SECRET_TITLE not in stored and MARKED not in stored, path.name
    assert any(STATEMENT in all_parts(p.read_bytes()) for p in others)
    assert all(SECRET_TITLE in all_parts(p.read_bytes()) for p in extracts)


@pytest.mark.libreoffice
def test_the_public_pdf_shows_the_statement_and_no_secret(tmp_path):
    import subprocess

    from drafting import cli

    out, pdf = tmp_path / "public.docx", tmp_path / "public.pdf"
    assert (
        cli.main(["render", str(SECRET_EXAMPLE), "-o", str(out), "--pdf", str(pdf), "--public"])
        == 0
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert STATEMENT in text and "**********" in text
    raw = pdf.read_bytes()
    for secret in (SECRET_TITLE, MARKED):
        assert secret not in text
        assert secret.encode("utf-8") not in raw and secret.encode("utf-16-be") not in raw
