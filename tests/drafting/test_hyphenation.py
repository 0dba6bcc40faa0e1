"""Finnish hyphenation ships with the program and wins in every profile we start LibreOffice
with; Swedish is looked for, and its absence said once."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlparse

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


def test_finnish_ships_with_the_program(tmp_path):
    """No extension, no system dictionary: Finnish is hyphenated all the same."""
    assert hyphenation.available(office(tmp_path / "a"), "fi", ())
    words = hyphenation.FINNISH.read_text(encoding="utf-8").splitlines()
    assert words[0] == "UTF-8" and "1ba" in words  # libhyphen's format, the patterns


def test_a_new_profile_hyphenates_finnish_with_ours_first(tmp_path):
    hyphenation.seed_profile(tmp_path)
    root = ET.parse(tmp_path / "user" / "registrymodifications.xcu").getroot()
    values = {
        item.get("{http://openoffice.org/2001/registry}path").rsplit("/", 1)[-1]: [
            it.text for it in item.iter("it")
        ]
        for item in root
    }
    [location] = [v for v in values["Dictionaries"] if v.startswith("file:")]
    assert Path(unquote(urlparse(location).path)).resolve() == hyphenation.FINNISH.resolve()
    assert values["HyphenatorList"] == [hyphenation.LIBHYPHEN]
    assert hyphenation.VOIKKO in values["LastFoundHyphenators"]


def test_swedish_needs_a_hyphenation_dictionary(tmp_path):
    assert not hyphenation.available(office(tmp_path / "a", "voikko"), "sv", ())
    assert hyphenation.available(office(tmp_path / "b", "dict-sv"), "sv", ())
    system = tmp_path / "hyphen"
    system.mkdir()
    (system / "hyph_sv_FI.dic").write_text("")
    assert hyphenation.available(office(tmp_path / "c"), "sv", (system,)) == (
        hyphenation.sys.platform.startswith("linux")
    )


@pytest.mark.libreoffice
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_installed_office_hyphenates(language):
    """make test installs hyphen-sv; Finnish is ours."""
    assert hyphenation.available(pdf.find_soffice(), language)


def without_swedish(soffice, language):
    return language != "sv"


@pytest.mark.libreoffice
def test_converter_says_it_once(monkeypatch):
    monkeypatch.setattr(hyphenation, "available", without_swedish)
    monkeypatch.setattr(pdf, "convert", lambda data, archival=False: b"%PDF-1.7 test")
    converter = warm.Converter()
    monkeypatch.setattr(converter, "_warm", lambda: None)  # cold: the stub above
    converter.convert(rendered("fi"), language="fi")
    assert converter.notice == ""  # Finnish is always hyphenated
    converter.convert(rendered("sv"), language="sv")
    assert "no Swedish hyphenation" in converter.notice
    assert "apt-get install hyphen-sv" in converter.notice
    converter.notice = ""  # shown by the preview
    converter.convert(rendered("sv"), language="sv")
    assert converter.notice == ""


@pytest.mark.libreoffice
def test_cli_warns_without_hyphenation(monkeypatch, tmp_path, capsys):
    from drafting import cli

    monkeypatch.setattr(hyphenation, "available", without_swedish)
    monkeypatch.setattr(pdf, "convert", lambda data, archival=False: b"%PDF-1.7 test")
    out = tmp_path / "a.pdf"
    code = cli.main(
        [
            "render",
            str(EXAMPLE_885),
            "--language",
            "sv",
            "-o",
            str(tmp_path / "a.docx"),
            "--pdf",
            str(out),
        ]
    )
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    assert "without hyphenation" in capsys.readouterr().err
