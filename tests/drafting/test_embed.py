"""A Word document Pykälä wrote carries its draft (issue 15, item 2): the custom XML part,
the hash of the text as written, the public copy's masked draft, and LibreOffice's re-save."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from drafting import draftfile, meeting, richtext
from drafting.render import context, docx, embed, pdf
from tests.conftest import EXAMPLE_333, EXAMPLES
from tests.drafting.conftest import run_cli

SECRET = EXAMPLES / "lausunto-salassa-pidettava-liite.pykala"


def original_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def replace_text(data: bytes, old: str, new: str) -> bytes:
    """The document edited as Word would write it back: one word of the text changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                text = content.decode("utf-8")
                assert old in text
                content = text.replace(old, new, 1).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def without_part(data: bytes) -> bytes:
    """Our part removed, as a tool that drops custom XML would."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if embed.NAMESPACE.encode() in content and info.filename.startswith("customXml/"):
                continue
            target.writestr(info, content)
    return out.getvalue()


@pytest.fixture(scope="module")
def item_docx() -> bytes:
    return docx.render_item(draftfile.load(EXAMPLE_333))


def test_the_docx_carries_the_draft_as_a_custom_xml_part(item_docx):
    found = parts(item_docx)
    items = [n for n in found if re.fullmatch(r"customXml/item\d+\.xml", n)]
    ours = [n for n in items if b'<draft xmlns="urn:pykala:draft:1"' in found[n]]
    assert len(ours) == 1
    item = ours[0]
    number = item.removeprefix("customXml/item").removesuffix(".xml")
    assert f"customXml/itemProps{number}.xml" in found
    assert f"customXml/_rels/item{number}.xml.rels" in found
    assert f"../{item}".encode() in found["word/_rels/document.xml.rels"]
    assert f"/customXml/itemProps{number}.xml".encode() in found["[Content_Types].xml"]
    embedded = embed.read(item_docx)
    assert embedded is not None and not embedded.text_changed and not embedded.public
    assert json.loads(embedded.draft_json) == original_json(EXAMPLE_333)


def test_the_main_document_part_is_as_without_the_draft(item_docx):
    plain = docx.render(context.build(draftfile.load(EXAMPLE_333)))
    assert parts(item_docx)["word/document.xml"] == parts(plain)["word/document.xml"]


def test_a_changed_text_is_noticed(item_docx):
    edited = replace_text(item_docx, "Kaupunginhallitus", "Kaupunginvaltuusto")
    embedded = embed.read(edited)
    assert embedded is not None and embedded.text_changed
    assert json.loads(embedded.draft_json) == original_json(EXAMPLE_333)


def test_a_docx_without_the_part_says_where_it_came_from(item_docx, tmp_path):
    path = tmp_path / "muu.docx"
    path.write_bytes(without_part(item_docx))
    assert embed.read(path.read_bytes()) is None
    with pytest.raises(draftfile.DraftError) as caught:
        embed.open_word(path)
    assert "not made by Pykälä, or the draft was removed" in str(caught.value)


def test_a_public_copy_carries_no_marked_name_anywhere():
    draft = draftfile.load(SECRET)
    names = {m.group(1) for m in richtext.PERSONAL.finditer(SECRET.read_text(encoding="utf-8"))}
    assert names == {"Matti Meikäläisen"}
    data = docx.render_item(draft, context.Options(public=True))
    for name, content in parts(data).items():
        text = content.decode("utf-8", "replace")
        for marked in names | {"Meikäläi"}:  # the secret attachment's title names him too
            assert marked not in text, name
    embedded = embed.read(data)
    assert embedded is not None and embedded.public and not embedded.text_changed
    masked = draftfile.loads(embedded.draft_json)
    assert "[**********]{.personal} kunnallisvalituksesta" in masked.item.proposal.reasoning
    secret = masked.item.attachments[0]
    assert secret.title == "Salassa pidettävä, JulkL 24.1 § 25 k." and secret.file is None
    assert masked.item.attachments[1].title == "Lausuntoehdotus"


def test_the_full_copy_carries_the_full_draft():
    data = docx.render_item(draftfile.load(SECRET))
    embedded = embed.read(data)
    assert embedded is not None and not embedded.public
    assert json.loads(embedded.draft_json) == original_json(SECRET)


def test_characters_xml_cannot_hold_travel_as_json_escapes():
    draft = draftfile.load(EXAMPLE_333)
    draft.item.proposal.reasoning += " \ufffe \uffff"
    embedded = embed.read(docx.render_item(draft))
    assert embedded is not None
    assert draftfile.loads(embedded.draft_json).item.proposal.reasoning.endswith(" \ufffe \uffff")


@pytest.mark.libreoffice
def test_the_draft_survives_a_libreoffice_resave(item_docx, tmp_path):
    """LibreOffice keeps custom XML parts when it saves a DOCX, and its re-save changes no
    visible text: the draft comes back, not marked as changed."""
    soffice = pdf.find_soffice()
    assert soffice, "no LibreOffice: apt-get install libreoffice-writer-nogui (make test does)"
    source = tmp_path / "in" / "s333.docx"
    source.parent.mkdir()
    source.write_bytes(item_docx)
    subprocess.run(
        [
            str(soffice),
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        env=pdf.soffice_env(),
        capture_output=True,
        timeout=240,
        check=True,
    )
    resaved = (tmp_path / "out" / "s333.docx").read_bytes()
    assert parts(resaved)["word/document.xml"] != parts(item_docx)["word/document.xml"]
    embedded = embed.read(resaved)
    assert embedded is not None, "LibreOffice dropped the custom XML part"
    assert not embedded.text_changed
    assert json.loads(embedded.draft_json) == original_json(EXAMPLE_333)


# --- where Word documents are written, and the command line ------------------------------


def test_build_items_carry_their_drafts_and_the_minutes_none(tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    loaded = meeting.load(tmp_path / "examples" / "meeting" / "kh-18-2021.pykala")
    items = meeting.items(loaded)
    assert items and all(embed.read(o.docx) is not None for o in items)
    (minutes,) = meeting.minutes(loaded)
    assert embed.read(minutes.docx) is None


@pytest.mark.slow
def test_render_writes_the_draft_and_check_reads_it_back(tmp_path):
    out = tmp_path / "s333.docx"
    assert run_cli("render", EXAMPLE_333, "-o", out).returncode == 0
    embedded = embed.read(out.read_bytes())
    assert embedded is not None
    assert json.loads(embedded.draft_json) == original_json(EXAMPLE_333)
    result = run_cli("check", out)
    assert result.returncode == 0, result.stderr
    assert "is a Word document; using the draft it was made from" in result.stderr


@pytest.mark.slow
def test_the_command_line_on_a_changed_or_foreign_docx(item_docx, tmp_path):
    edited = tmp_path / "muutettu.docx"
    edited.write_bytes(replace_text(item_docx, "Kaupunginhallitus", "Kaupunginvaltuusto"))
    result = run_cli("check", edited)
    assert result.returncode == 0
    assert "was changed after Pykälä wrote it" in result.stderr
    foreign = tmp_path / "muu.docx"
    foreign.write_bytes(without_part(item_docx))
    for command in (["check", foreign], ["render", foreign, "-o", tmp_path / "o.docx"]):
        result = run_cli(*command)
        assert result.returncode == 2
        assert "carries no Pykälä draft" in result.stderr
        assert "Traceback" not in result.stderr
    broken = tmp_path / "rikki.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("check", broken)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "rikki.docx is a Word document, not a Pykälä draft" in result.stderr
    assert not (tmp_path / "o.docx").exists()
