"""`python main.py render|check`: exit codes, messages that name the field, no partial files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLE_333, EXAMPLE_885, ROOT
from tests.drafting.conftest import run_cli

# Every test here starts the program in a child process of its own.
pytestmark = pytest.mark.slow


def write(tmp_path, data, name="d.pykala"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def example_data() -> dict:
    return json.loads(EXAMPLE_885.read_text(encoding="utf-8"))


def test_check_a_clean_example():
    result = run_cli("check", EXAMPLE_333)
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout


def test_every_required_section_empty_is_listed(tmp_path):
    data = example_data()
    item = data["item"]
    item["title"] = item["case_id"] = item["appeal"] = ""
    item["decision"]["text"] = item["proposal"]["reasoning"] = ""
    item["decision"]["as_proposed"] = False  # a decision of its own, and it is missing
    item["proposal"]["presenter"] = {"title": "", "name": ""}
    item["contacts"] = []
    draft = write(tmp_path, data)
    result = run_cli("check", draft)
    assert result.returncode == 1
    for path in (
        "item.title",
        "item.case_id",
        "item.appeal",
        "item.decision.text",
        "item.proposal.reasoning",
        "item.proposal.presenter.name",
        "item.contacts",
    ):
        assert f"error: {path}:" in result.stderr, path
    out = tmp_path / "out.docx"
    result = run_cli("render", draft, "-o", out)
    assert result.returncode == 1 and not out.exists()
    assert "No document was written" in result.stderr


def test_agenda_needs_the_proposal_but_not_the_decision(tmp_path):
    data = example_data()
    data["item"]["decision"] = None
    data["item"]["proposal"]["text"] = ""
    result = run_cli("check", write(tmp_path, data), "--document", "agenda")
    assert result.returncode == 1
    assert "item.proposal.text" in result.stderr and "item.decision" not in result.stderr


def test_bad_date_is_unreadable_and_names_the_field(tmp_path):
    data = example_data()
    data["meeting"]["date"] = "22.11.2021"
    result = run_cli("render", write(tmp_path, data), "-o", tmp_path / "o.docx")
    assert result.returncode == 2
    assert 'meeting.date: "22.11.2021" is not a date; write 2021-11-22' in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize(
    "content",
    ['{"format": "pykala", "version": 1, "item": {', "", '{"format": "pykala", "version": 9}'],
)
def test_broken_or_newer_files_exit_2_without_traceback(tmp_path, content):
    draft = tmp_path / "broken.pykala"
    draft.write_text(content, encoding="utf-8")
    result = run_cli("render", draft, "-o", tmp_path / "o.docx")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "cannot be read" in result.stderr
    assert draft.read_text(encoding="utf-8") == content  # the user's file is untouched


def test_unknown_organisation_names_the_field(tmp_path):
    data = example_data()
    data["organization"] = "tampere"
    for command in (
        ("render", write(tmp_path, data), "-o", tmp_path / "o.docx"),
        ("check", write(tmp_path, data)),
    ):
        result = run_cli(*command)
        assert result.returncode == 1
        assert (
            'organization: The organisation "tampere" named in the draft is not known: add its '
            "profile in Settings → Organisations, or choose another organisation"
        ) in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "o.docx").exists()


def test_missing_attachment_file_is_a_warning(tmp_path):
    data = example_data()
    data["item"]["supplementary"][0]["file"] = "liitteet/puuttuu.pdf"
    out = tmp_path / "o.docx"
    result = run_cli("render", write(tmp_path, data), "-o", out)
    assert result.returncode == 0
    assert (
        "warning: item.supplementary[0].file: The file liitteet/puuttuu.pdf is missing"
        in result.stderr
    )
    assert out.stat().st_size > 10_000


def test_unwritable_output_folder_is_explained_and_nothing_is_left(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("render", EXAMPLE_885, "-o", blocker / "o.docx")
    assert result.returncode == 1
    assert f"cannot write {blocker / 'o.docx'}" in result.stderr
    assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "x"


def test_an_existing_output_is_replaced_only_by_a_whole_document(tmp_path):
    out = tmp_path / "o.docx"
    out.write_bytes(b"old")
    bad = example_data()
    bad["item"]["title"] = ""
    assert run_cli("render", write(tmp_path, bad), "-o", out).returncode == 1
    assert out.read_bytes() == b"old"
    assert run_cli("render", EXAMPLE_885, "-o", out).returncode == 0
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.pykala", "o.docx"]


def test_missing_libreoffice_still_writes_the_word_document(tmp_path):
    env = dict(os.environ, PYKALA_SOFFICE=str(tmp_path / "no-soffice"))
    out, pdf = tmp_path / "o.docx", tmp_path / "o.pdf"
    result = run_cli("render", EXAMPLE_885, "-o", out, "--pdf", pdf, env=env)
    assert result.returncode == 1
    assert "LibreOffice was not found" in result.stderr
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert out.exists() and not pdf.exists()


@pytest.mark.libreoffice
def test_archival_pdf_is_pdfa_and_tagged(tmp_path):
    out, pdf = tmp_path / "o.docx", tmp_path / "o.pdf"
    result = run_cli("render", EXAMPLE_885, "-o", out, "--pdf", pdf, "--archival")
    assert result.returncode == 0, result.stderr
    data = pdf.read_bytes()
    assert b"pdfaid:part" in data and b"/StructTreeRoot" in data
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info


def test_the_core_never_loads_qt():
    code = (
        "import sys, main; from drafting import cli, checks, draftfile, richtext;"
        "from drafting.render import context, docx, pdf;"
        "cli.main(['check', sys.argv[1]]);"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'ui'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLE_885)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
