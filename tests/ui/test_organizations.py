"""Settings → Organisations, as a user works it: the menu, the list, the fields, the real
buttons; every question answered through the Asker."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from drafting import profiles, resources
from tests.conftest import EXAMPLE_333
from tests.support import espoo
from tests.ui.conftest import edit_cell, field, type_text
from tests.ui.test_press_everything import press_everything, raised  # noqa: F401 - a fixture
from tests.ui.user import menu


def _open_dialog(window, qtbot):
    menu(window, "Settings", "Organisations")
    dialog = window.organizations_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()  # as the window manager does for a new window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _choose(dialog, org_id: str) -> None:
    for row in range(dialog.list.count()):
        item = dialog.list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == org_id:
            rect = dialog.list.visualItemRect(item)
            QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert dialog.profile.id == org_id
            return
    raise AssertionError(org_id)


def _retype(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)


def _edit_cell(qtbot, table, row: int, column: int, text: str) -> None:
    edit_cell(table, row, column, text)
    assert table.item(row, column).text() == text


def test_new_from_helsinki_edit_and_save_an_espoo_profile(window, qtbot):
    dialog = _open_dialog(window, qtbot)
    assert [dialog.list.item(n).text() for n in range(dialog.list.count())] == [
        "Helsingin kaupunki (helsinki)"
    ]
    assert "built-in" in dialog.kind_label.text()
    window.answers["new_profile_id"] = "espoo"
    qtbot.mouseClick(dialog.new_from, Qt.MouseButton.LeftButton)
    assert dialog.profile.id == "espoo" and not dialog.profile.builtin
    assert (profiles.user_folder() / "espoo.json").is_file()

    _retype(qtbot, dialog.name_fi, "Espoon kaupunki")
    _retype(qtbot, dialog.name_sv, "Esbo stad")
    _retype(qtbot, dialog.email_at, "@")
    _retype(qtbot, dialog.secrecy_fi, "Salassa pidettävä (Espoo)")
    bodies = dialog.bodies.table
    while bodies.rowCount() > 1:
        bodies.selectRow(1)
        qtbot.mouseClick(dialog.bodies.remove, Qt.MouseButton.LeftButton)
    _edit_cell(qtbot, bodies, 0, 1, "Stadsstyrelsen i Esbo")
    qtbot.mouseClick(dialog.bodies.add, Qt.MouseButton.LeftButton)
    _edit_cell(qtbot, bodies, 1, 0, "Kaupunginvaltuusto")
    _edit_cell(qtbot, bodies, 1, 1, "Stadsfullmäktige")
    footer = dialog.footer.table
    _edit_cell(qtbot, footer, 1, 2, "PL 12")
    _edit_cell(qtbot, footer, 1, 3, "PB 12")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Saved in" in dialog.problems.text(), dialog.problems.text()
    org = resources.organization("espoo")
    assert (org.name("fi"), org.name("sv"), org.email("a@espoo.fi")) == (
        "Espoon kaupunki",
        "Esbo stad",
        "a@espoo.fi",
    )
    assert org.body("Kaupunginvaltuusto", "sv") == "Stadsfullmäktige"
    assert org.body("Kaupunginhallitus", "sv") == "Stadsstyrelsen i Esbo"
    assert org.data["footer"][0][1] == {"text": {"fi": "PL 12", "sv": "PB 12"}}
    assert org.word("fi", "secrecy") == "Salassa pidettävä (Espoo)"
    # The built-in profile is as it was; the form offers the new one at once.
    assert resources.organization("helsinki").name("fi") == "Helsingin kaupunki"
    assert (profiles.BUILTIN_FOLDER / "espoo.json").exists() is False
    window.open_path(EXAMPLE_333.parent / EXAMPLE_333.name)
    combo = field(window, "organization")
    assert combo.findData("espoo") >= 0


def test_save_names_each_bad_field_and_writes_nothing(window, qtbot):
    espoo.install()
    before = (profiles.user_folder() / "espoo.json").read_bytes()
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, "espoo")
    _retype(qtbot, dialog.name_sv, "")
    footer = dialog.footer.table
    _edit_cell(qtbot, footer, 2, 4, "31.13.2021")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = dialog.problems.text()
    assert "Not saved" in text
    assert "name.sv: is empty" in text
    said = 'Footer, row 3: footer[0][2].until: "31.13.2021" is not a date; write e.g. 2021-08-31'
    assert said in text
    assert (profiles.user_folder() / "espoo.json").read_bytes() == before

    _edit_cell(qtbot, footer, 2, 0, "9")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Footer, row 3: the column should be a number from 1 to 5" in dialog.problems.text()


def test_choosing_a_word_template(window, qtbot, tmp_path):
    espoo.install()
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, "espoo")
    qtbot.mouseClick(dialog.template_ours, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert resources.organization("espoo").template is None

    broken = tmp_path / "broken.docx"
    espoo.make_template(broken)
    data = broken.read_bytes()
    with_logo = tmp_path / "with-logo.docx"
    with_logo.write_bytes(data)
    with zipfile.ZipFile(with_logo) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/styles.xml":
                part = part.replace(b'w:styleId="ListBullet2"', b'w:styleId="Luettelo2"')
            target.writestr(info, part)
    window.answers["profile_template_path"] = broken
    qtbot.mouseClick(dialog.template_choose, Qt.MouseButton.LeftButton)
    assert "broken.docx cannot be the template" in dialog.problems.text()
    assert "the paragraph style ListBullet2 is missing" in dialog.problems.text()

    window.answers["profile_template_path"] = with_logo
    qtbot.mouseClick(dialog.template_choose, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Saved in" in dialog.problems.text(), dialog.problems.text()
    template = resources.organization("espoo").template
    assert template == profiles.user_folder() / "espoo.docx"
    assert template.read_bytes() == with_logo.read_bytes()


def test_editing_a_builtin_profile_makes_a_user_copy_that_wins(window, qtbot):
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, "helsinki")
    _retype(qtbot, dialog.email_at, "@")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert (profiles.user_folder() / "helsinki.json").is_file()
    assert resources.organization("helsinki").email("a@hel.fi") == "a@hel.fi"
    assert json.loads((profiles.BUILTIN_FOLDER / "helsinki.json").read_text())["email_at"] == "(a)"
    assert "Your own profile" in dialog.kind_label.text()


def test_export_and_import_through_the_asker(window, qtbot, tmp_path):
    espoo.install()
    dialog = _open_dialog(window, qtbot)
    _choose(dialog, "espoo")
    target = tmp_path / "espoo-export.json"
    window.answers["profile_export_path"] = target
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "espoo"
    for path in profiles.user_folder().iterdir():
        path.unlink()
    dialog = _open_dialog(window, qtbot)  # chosen again from the menu: read anew
    assert dialog.list.count() == 1

    window.answers["profile_import_path"] = target
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 2 and dialog.profile.id == "espoo"
    assert resources.organization("espoo").template == profiles.user_folder() / "espoo.docx"

    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "vaasa", "name": {"fi": "Vaasa"}}', encoding="utf-8")
    window.answers["profile_import_path"] = bad
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    title, text, detail = window.messages[-1]
    assert title == "Import failed" and "bad.json" in text and "name.sv: is empty" in detail


@pytest.mark.libreoffice  # the preview says it too
def test_an_unknown_organisation_is_named_in_the_checks_not_a_traceback(window, qtbot, tmp_path):
    data = json.loads(EXAMPLE_333.read_text(encoding="utf-8"))
    data["organization"] = "espoo"
    draft = tmp_path / "espoo.pykala"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert window.open_path(draft)
    panel = window.checks_panel.list
    qtbot.waitUntil(
        lambda: "organization"
        in {panel.item(n).data(Qt.ItemDataRole.UserRole) for n in range(panel.count())},
        timeout=5000,
    )
    texts = {
        panel.item(n).data(Qt.ItemDataRole.UserRole): panel.item(n).text()
        for n in range(panel.count())
    }
    assert texts["organization"] == (
        '✖  Organisation: The organisation "espoo" named in the draft is not known: add its '
        "profile in Settings → Organisations, or choose another organisation"
    )
    assert window.document.draft.organization == "espoo"
    # The pages cannot be made: the preview says why, in words.
    qtbot.waitUntil(lambda: window.preview.banner.isVisible(), timeout=20_000)
    assert 'The organisation "espoo" named in the draft is not known' in (
        window.preview.banner.text()
    )

    profile = tmp_path / "espoo-profile.json"  # imported in the dialog: the problem goes
    profile.write_text(json.dumps(espoo.profile_data(template=None)), encoding="utf-8")
    dialog = _open_dialog(window, qtbot)
    window.answers["profile_import_path"] = profile
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert window.messages == []
    qtbot.waitUntil(
        lambda: "organization"
        not in {panel.item(n).data(Qt.ItemDataRole.UserRole) for n in range(panel.count())}
    )
    assert "organization" not in {p.path for p in window.problems}


@pytest.mark.qt_no_exception_capture
def test_pressing_every_button_of_the_dialog_does_not_crash(window, qtbot, raised, monkeypatch):  # noqa: F811
    espoo.install()
    dialog = _open_dialog(window, qtbot)
    monkeypatch.setattr(window.ask, "error", lambda *a: window.messages.append(a))
    dialog.close_button.hide()  # pressed last, below: it closes the dialog
    buttons, _actions = press_everything(dialog, raised)
    assert buttons == 10 and not raised
    dialog.close_button.show()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and not raised


def test_the_dialog_speaks_finnish_and_swedish(window, qtbot):
    from ui.services import translation

    dialog = _open_dialog(window, qtbot)
    translation.apply("fi")
    QApplication.processEvents()
    assert (dialog.windowTitle(), dialog.save_button.text(), dialog.new_from.text()) == (
        "Organisaatiot",
        "Tallenna",
        "Uusi tästä…",
    )
    assert window.act_organizations.text() == "Or&ganisaatiot…"
    translation.apply("sv")
    QApplication.processEvents()
    assert (dialog.windowTitle(), dialog.import_button.text()) == ("Organisationer", "Importera…")


def test_a_broken_user_profile_is_listed_with_its_problems(window, qtbot):
    folder = profiles.user_folder()
    folder.mkdir(parents=True)
    data = espoo.profile_data(template=None)
    data["footer"][0][1]["until"] = "31.13.2021"
    (folder / "espoo.json").write_text(json.dumps(data), encoding="utf-8")
    dialog = _open_dialog(window, qtbot)
    assert dialog.list.count() == 1  # Helsinki works; the broken one is named, not listed
    assert "espoo.json" in dialog.problems.text()
    assert 'footer[0][1].until: "31.13.2021" is not a date' in dialog.problems.text()
