"""One home for organisations (issue 24 part 4): one profile class, one catalogue that alone
copies templates into the user's folder, one template contract, the document languages
listed once, and no import circle through the profiles."""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile

import grimp
import pytest

from drafting import profiles, resources, template_contract
from drafting.model import LANGUAGES
from tests.conftest import ROOT
from tests.support import espoo


def _without(content: bytes, old: str, new: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as original, zipfile.ZipFile(out, "w") as changed:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename.startswith("word/"):
                data = data.replace(old.encode(), new.encode())
            changed.writestr(info, data)
    return out.getvalue()


def test_the_renderer_reads_the_same_profile_the_catalogue_holds():
    espoo.install()
    found = profiles.catalogue().profiles["espoo"]
    assert resources.organization("espoo") is found
    assert found.name("sv") == "Esbo stad" and found.word("fi", "secrecy").endswith("(Espoo)")


def test_a_profile_saved_with_its_template_puts_both_beside_each_other():
    data = espoo.profile_data()
    path = profiles.save(data, template_contract.ITEM_TEMPLATE)
    folder = profiles.user_folder()
    assert sorted(p.name for p in folder.iterdir()) == ["espoo.docx", "espoo.json"]
    assert (folder / "espoo.docx").read_bytes() == template_contract.ITEM_TEMPLATE.read_bytes()
    assert resources.organization("espoo").template == path.parent / "espoo.docx"


def test_a_template_that_fails_the_contract_is_not_left_behind():
    broken = _without(
        template_contract.ITEM_TEMPLATE.read_bytes(), 'w:styleId="Quote"', 'w:styleId="Lainaus"'
    )
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.save(espoo.profile_data(), broken)
    assert raised.value.problems == ["template: the paragraph style Quote is missing"]
    assert list(profiles.user_folder().iterdir()) == []


def test_a_bad_profile_with_a_template_writes_nothing():
    data = espoo.profile_data()
    data["name"]["sv"] = ""
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.save(data, template_contract.ITEM_TEMPLATE)
    assert raised.value.problems == ["name.sv: is empty"]
    assert not profiles.user_folder().exists()


def _build_templates():
    spec = importlib.util.spec_from_file_location(
        "build_templates", ROOT / "templates" / "docx" / "build_templates.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_template_is_built_with_the_styles_the_contract_names(monkeypatch):
    monkeypatch.setitem(template_contract.PARAGRAPH_STYLE_NAMES, "quote", "Lainaus")
    built = _build_templates().build_item()
    with zipfile.ZipFile(io.BytesIO(built)) as package:
        styles = package.read("word/styles.xml").decode()
    assert '<w:name w:val="Lainaus"/>' in styles


def test_the_document_languages_are_listed_once():
    assert LANGUAGES == ("fi", "sv")
    listed = re.compile(r"""\(\s*["']fi["'],\s*["']sv["']\s*\)""")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("drafting", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if listed.search(line) and not line.lstrip().startswith(("#", '"""'))
    ]
    assert found == []


def test_no_import_circle_runs_through_the_profiles():
    graph = grimp.build_graph("drafting")
    # The catalogue (save, import and its trial render) is above the renderer…
    assert graph.find_shortest_chains(
        importer="drafting.profiles", imported="drafting.render", as_packages=True
    )
    # …and nothing the renderer reads profiles through leads back to it.
    for below in ("drafting.render", "drafting.resources", "drafting.organization"):
        assert (
            graph.find_shortest_chains(
                importer=below, imported="drafting.profiles", as_packages=True
            )
            == set()
        ), below
