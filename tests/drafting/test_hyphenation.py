"""Whether LibreOffice can hyphenate the document's language, and saying so once if not."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting import draftfile
from drafting.render import context, docx, hyphenation, pdf, warm
from tests.conftest import EXAMPLE_885


def office(tmp_path: Path, *extensions: str) -> Path:
    """A LibreOffice installation's layout: program/soffice and share/extensions/<name>/."""
    program = tmp_path / "program"
    program.mkdir(parents=True)
    soffice = program / "soffice"
    soffice.write_text("")
    for name in extensions:
        folder = tmp_path / "share" / "extensions" / name
        folder.mkdir(parents=True)
        if name == "dict-sv":
            (folder / "hyph_sv_SE.dic").write_text("")
    return soffice


def rendered(language: str) -> bytes:
    draft = draftfile.load(EXAMPLE_885)
    return docx.render(context.build(draft, context.Options(language=language)))


def test_finnish_needs_voikko(tmp_path):
    assert not hyphenation.available(office(tmp_path / "a", "dict-sv"), "fi", ())
    assert hyphenation.available(office(tmp_path / "b", "voikko"), "fi", ())


def test_swedish_needs_a_hyphenation_dictionary(tmp_path):
    assert not hyphenation.available(office(tmp_path / "a", "voikko"), "sv", ())
    assert hyphenation.available(office(tmp_path / "b", "dict-sv"), "sv", ())
    system = tmp_path / "hyphen"
    system.mkdir()
    (system / "hyph_sv_FI.dic").write_text("")
    assert hyphenation.available(office(tmp_path / "c"), "sv", (system,)) == (
        hyphenation.sys.platform.startswith("linux")
    )


def test_the_document_says_its_language():
    assert hyphenation.document_language(rendered("fi")) == "fi"
    assert hyphenation.document_language(rendered("sv")) == "sv"
    assert hyphenation.document_language(b"not a zip") == ""


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_installed_office_hyphenates(language):
    """make test installs libreoffice-voikko and hyphen-sv: both are found."""
    assert hyphenation.available(pdf.find_soffice(), language)


def test_converter_says_it_once_per_language(monkeypatch):
    monkeypatch.setattr(hyphenation, "available", lambda soffice, language: False)
    monkeypatch.setattr(pdf, "convert", lambda data, archival=False: b"%PDF-1.7 test")
    converter = warm.Converter()
    monkeypatch.setattr(converter, "_warm", lambda: None)  # cold: the stub above
    converter.convert(rendered("fi"))
    assert "no Finnish hyphenation" in converter.notice
    assert "apt-get install libreoffice-voikko" in converter.notice
    converter.notice = ""  # shown by the preview
    converter.convert(rendered("fi"))
    assert converter.notice == ""
    converter.convert(rendered("sv"))
    assert "no Swedish hyphenation" in converter.notice


def test_cli_warns_without_hyphenation(monkeypatch, tmp_path, capsys):
    from drafting import cli

    monkeypatch.setattr(hyphenation, "available", lambda soffice, language: False)
    monkeypatch.setattr(pdf, "convert", lambda data, archival=False: b"%PDF-1.7 test")
    out = tmp_path / "a.pdf"
    code = cli.main(["render", str(EXAMPLE_885), "-o", str(tmp_path / "a.docx"), "--pdf", str(out)])
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    assert "without hyphenation" in capsys.readouterr().err
