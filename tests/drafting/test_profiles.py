"""Organisation profiles: the user's folder beside the built-in one, each bad field named,
a profile's own Word template checked, export and import as one file."""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from drafting import checks, draftfile, profiles, resources
from drafting.render import context, docx
from tests.conftest import EXAMPLE_333
from tests.support import espoo


def test_the_user_folder_is_in_the_private_test_home(tmp_path_factory):
    folder = profiles.user_folder()
    assert "home" in str(folder) and folder.name == "organizations"
    assert str(folder).startswith(str(tmp_path_factory.getbasetemp()))


def test_a_user_profile_is_listed_and_wins_on_the_same_id():
    assert resources.organization_ids() == ["helsinki"]
    espoo.install()
    assert resources.organization_ids() == ["espoo", "helsinki"]
    assert resources.organization("espoo").name("sv") == "Esbo stad"

    own = json.loads((profiles.BUILTIN_FOLDER / "helsinki.json").read_text(encoding="utf-8"))
    own["name"]["fi"] = "Helsingin kaupunki (oma)"
    profiles.save(own)
    assert resources.organization("helsinki").name("fi") == "Helsingin kaupunki (oma)"
    assert not profiles.catalogue().profiles["helsinki"].builtin


def test_each_bad_field_is_named():
    data = espoo.profile_data(template=None)
    data["footer"][2][1]["until"] = "31.13.2021"
    data["footer"][0][0] = {"label": "postbox"}
    data["name"]["sv"] = ""
    data["vocabulary"]["fi"]["no_such_word"] = "x"
    problems = profiles.validate(data, "espoo")
    assert 'footer[2][1].until: "31.13.2021" is not a date; write e.g. 2021-08-31' in problems
    assert any(
        p.startswith('footer[0][0].label: "postbox" is not a footer label') for p in problems
    )
    assert "name.sv: is empty" in problems
    assert "vocabulary.fi.no_such_word: is not a word the documents print" in problems
    data["footer"][2][1]["until"] = "31.8.2021"
    assert 'footer[2][1].until: "31.8.2021" is not a date; write 2021-08-31' in (
        profiles.validate(data, "espoo")
    )
    assert profiles.validate(espoo.profile_data(template=None), "espoo") == []


def test_saving_a_bad_profile_writes_nothing():
    data = espoo.profile_data(template=None)
    data["id"] = "Espoo kaupunki"
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.save(data)
    assert raised.value.problems[0].startswith('id: "Espoo kaupunki" should be small letters')
    assert not profiles.user_folder().exists() or not list(profiles.user_folder().iterdir())


def test_a_broken_user_profile_is_named_and_the_built_in_ones_keep_working(tmp_path):
    folder = profiles.user_folder()
    folder.mkdir(parents=True)
    data = espoo.profile_data(template=None)
    data["footer"][0][1]["until"] = "2021-02-30"
    (folder / "espoo.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "helsinki.json").write_text("{not json", encoding="utf-8")
    assert resources.organization_ids() == ["helsinki"]
    assert resources.organization("helsinki").name("fi") == "Helsingin kaupunki"

    with pytest.raises(resources.UnknownOrganization) as raised:
        resources.organization("espoo")
    assert 'footer[0][1].until: "2021-02-30" is not a date' in str(raised.value)

    draft = draftfile.load(EXAMPLE_333)
    draft.organization = "espoo"
    problems = [p for p in checks.check(draft) if p.path == "organization"]
    assert len(problems) == 1 and "Settings → Organisations" in problems[0].message
    assert "2021-02-30" in problems[0].message


def test_unknown_organisation_message_is_for_users():
    with pytest.raises(resources.UnknownOrganization) as raised:
        resources.organization("espoo")
    assert str(raised.value) == (
        'The organisation "espoo" named in the draft is not known: add its profile in '
        "Settings → Organisations, or choose another organisation"
    )


def test_our_own_template_passes_its_check():
    assert profiles.check_template(docx.ITEM_TEMPLATE) == []
    assert "{{ header.organization }}" in profiles.required_tags()
    assert "{%tr for row in footer.rows %}" in profiles.required_tags()


def _without(source, target, old: str, new: str) -> None:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as changed:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename.startswith("word/"):
                data = data.replace(old.encode(), new.encode())
            changed.writestr(info, data)


def test_a_template_missing_a_style_or_a_placeholder_is_refused_naming_it(tmp_path):
    folder = profiles.user_folder()
    folder.mkdir(parents=True)
    _without(docx.ITEM_TEMPLATE, folder / "espoo.docx", 'w:styleId="Quote"', 'w:styleId="Lainaus"')
    data = espoo.profile_data()
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.save(data)
    assert raised.value.problems == ["template: the paragraph style Quote is missing"]

    _without(docx.ITEM_TEMPLATE, folder / "espoo.docx", "header.date", "header.day")
    assert profiles.check_template(folder / "espoo.docx") == [
        "the placeholder {{ header.date }} is missing"
    ]
    _without(docx.ITEM_TEMPLATE, folder / "espoo.docx", 'w:styleId="FooterLabel"', 'w:styleId="X"')
    assert profiles.check_template(folder / "espoo.docx") == [
        "the character style FooterLabel is missing"
    ]
    (folder / "espoo.docx").write_text("not a zip")
    assert profiles.check_template(folder / "espoo.docx") == [
        "espoo.docx is not a Word document (.docx)"
    ]
    (folder / "espoo.docx").unlink()
    assert profiles.check_template(folder / "espoo.docx") == ["espoo.docx is not there"]


def test_a_tag_word_split_over_runs_still_counts(tmp_path):
    """Word splits text it has edited into several runs; docxtpl joins them, so do we."""
    target = tmp_path / "split.docx"
    _without(
        docx.ITEM_TEMPLATE,
        target,
        "{{ header.date }}</w:t>",
        '{{ header.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">date }}</w:t>',
    )
    assert profiles.check_template(target) == []


def test_the_renderer_uses_the_profiles_template():
    espoo.install()
    draft = draftfile.load(EXAMPLE_333)
    draft.organization = "espoo"
    assert docx.template_for("espoo") == profiles.user_folder() / "espoo.docx"
    assert docx.template_for("helsinki") == docx.ITEM_TEMPLATE
    with zipfile.ZipFile(__import__("io").BytesIO(docx.render_item(draft))) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        headers = "".join(
            package.read(n).decode() for n in package.namelist() if re.match(r"word/header", n)
        )
    assert media and "Espoon kaupunki" in headers and "Helsin" not in headers
    assert context.build(draft)["organization"] == "espoo"


def test_export_and_import_as_one_file(tmp_path):
    path = espoo.install()
    exported = tmp_path / "espoo-profiili.json"
    profiles.export(profiles.catalogue().profiles["espoo"], exported)
    assert exported.is_file() and len(list(tmp_path.iterdir())) == 1
    template = (path.parent / "espoo.docx").read_bytes()
    for leftover in path.parent.iterdir():
        leftover.unlink()
    assert resources.organization_ids() == ["helsinki"]

    imported = profiles.import_(exported)
    assert imported == path
    assert (path.parent / "espoo.docx").read_bytes() == template
    assert resources.organization("espoo").name("fi") == "Espoon kaupunki"
    assert resources.organization("espoo").template == path.parent / "espoo.docx"


def test_importing_a_bad_profile_names_the_field_and_writes_nothing(tmp_path):
    data = espoo.profile_data(template=None)
    data["footer"][1][0]["until"] = "eilen"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.import_(source)
    assert raised.value.problems == [
        'footer[1][0].until: "eilen" is not a date; write e.g. 2021-08-31'
    ]
    assert not profiles.user_folder().exists()
    source.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.import_(source)
    assert raised.value.problems[0].startswith("is not valid JSON")


def test_a_builtin_profile_copied_as_the_users_own():
    data = profiles.user_copy(profiles.catalogue().profiles["helsinki"])
    data["email_at"] = "@"
    profiles.save(data)
    assert resources.organization("helsinki").email("a@hel.fi") == "a@hel.fi"
    assert (profiles.BUILTIN_FOLDER / "helsinki.json").read_text().count('"(a)"') == 1
