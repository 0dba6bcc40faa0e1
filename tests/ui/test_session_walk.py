"""The meeting in session, driven as a secretary drives it: clicks and keys only. A roll call
with one absence and one deputy, a tabled item, an item where a member arrives and a seconded
counter-proposal is voted on by roll call (15 members, counted key presses), an item where a
member is disqualified and the rest vote by a show of hands; then the minutes print exactly the
handling text the generator gives for the record the view wrote."""

from __future__ import annotations

import html as _html
import re
import shutil
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from drafting import draftfile, handling, meeting, produce
from drafting.copies import FULL
from tests.conftest import EXAMPLES
from tests.support.meetings import before_it_began
from tests.ui.conftest import open_view, type_text
from tests.ui.user import CTRL, SHIFT, click

EXAMPLE = "kh-11-2026.pykala"


@pytest.fixture
def fresh_meeting(tmp_path) -> Path:
    """The example City Board meeting before it began: everyone present, no deputy, no
    arrivals or departures, no item handled yet."""
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    path = folder / "meeting" / EXAMPLE
    before_it_began(path)
    return path


@pytest.fixture
def session(window, fresh_meeting, monkeypatch, qtbot):
    from ui.services import translation

    translation.apply("fi")
    meeting_view = open_view(window, fresh_meeting, monkeypatch)
    click(meeting_view.session_button)
    view = meeting_view.session_view
    # Its questions answered as the meeting view's are (the window's teardown: "discard").
    monkeypatch.setattr(
        view.ask, "save_changes", lambda name: window.answers.get("save_changes", "cancel")
    )
    monkeypatch.setattr(view.ask, "error", lambda *a: window.messages.append(a))
    qtbot.waitExposed(view)
    view.activateWindow()
    yield view
    translation.apply("en")
    if shiboken6.isValid(meeting_view):
        meeting_view.close_unasked = True
        meeting_view.close()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the focus is, as a user presses it."""
    QTest.keyClick(focused(), key, modifiers)


def row_of(tree, name: str):
    for n in range(tree.topLevelItemCount()):
        if tree.topLevelItem(n).text(0) == name:
            return tree.topLevelItem(n)
    raise AssertionError(name)


def click_row(tree, name: str) -> None:
    rect = tree.visualItemRect(row_of(tree, name))
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def printed(view) -> str:
    return view.printed.toPlainText()


def roll_call(view) -> None:
    """Noora Salmi is absent at the start; Jussi Pelkonen stands for Antti Lehtinen."""
    roll = view.rollcall
    assert view.tabs.currentWidget() is roll
    click_row(roll.roster, "Noora Salmi")
    press(Qt.Key.Key_Space)
    assert row_of(roll.roster, "Noora Salmi").text(2) == "POISSA"
    QTest.mouseClick(roll.deputy_name, Qt.MouseButton.LeftButton)
    type_text(roll.deputy_name, "Jussi Pelkonen")
    roll.deputy_for.setFocus()
    QTest.keyClicks(roll.deputy_for, "Antti")
    assert roll.deputy_for.currentText() == "Antti Lehtinen"
    click(roll.deputy_button)
    assert row_of(roll.roster, "Antti Lehtinen").text(2) == "POISSA"
    assert row_of(roll.roster, "Jussi Pelkonen").text(1) == "varajäsen: Antti Lehtinen"
    assert "14/15" in view.quorum_label.text() or "14 / 15" in view.quorum_label.text()


def test_a_meeting_recorded_live_prints_as_its_record(session, fresh_meeting, qtbot):
    view = session
    roll_call(view)

    # § 101: tabled unanimously on Lindqvist's proposal.
    assert view.item_label.text().startswith("§ 101")
    press(Qt.Key.Key_8, CTRL)
    assert view.f_decision.currentData() == "tabling"
    view.f_on_proposal.setFocus()
    type_text(view.f_on_proposal, "Lindq")
    view.f_until.setFocus()
    type_text(view.f_until, "23.3.2026")
    press(Qt.Key.Key_Return, CTRL)
    assert (
        "Kaupunginhallitus päätti yksimielisesti panna asian pöydälle Jari Lindqvistin "
        "ehdotuksesta 23.3.2026 saakka." in printed(view)
    )

    # § 102: Noora Salmi arrives; Kallio's counter-proposal, seconded, voted by roll call.
    click(view.next_button)
    assert view.item_label.text().startswith("§ 102")
    press(Qt.Key.Key_A, CTRL | SHIFT)
    assert re.fullmatch(r"\d\d:\d\d", view.f_time.text())
    assert view.f_section.value() == 102
    type_text(view.f_person, "Salmi")
    press(Qt.Key.Key_Return, CTRL)
    assert "15/15" in view.quorum_label.text().replace(" ", "")
    press(Qt.Key.Key_1, CTRL)
    type_text(view.f_proposer, "kalli")
    view.f_seconders.setFocus()
    type_text(view.f_seconders, "nurm")
    QApplication.clipboard().setText("Päätösehdotukseen lisätään: valaistus himmennetään yöllä.")
    view.f_text.setFocus()
    press(Qt.Key.Key_V, CTRL)  # pasted
    press(Qt.Key.Key_Return, CTRL)
    assert "Vastaehdotus:" in printed(view)
    assert "Kannattaja: Satu Nurmi" in printed(view)

    press(Qt.Key.Key_7, CTRL)  # the vote opens; from here every key is counted
    table = view.ballots.table
    assert table.rowCount() == 15 and focused() is table
    ballots = "JJJEJJJJJJJEJJ"  # 14 members, in the body's order
    keys = 0
    for letter in ballots:
        press(getattr(Qt.Key, f"Key_{letter}"))
        keys += 1
    press(Qt.Key.Key_Return)  # too early: the last member has no ballot
    keys += 1
    assert "Tapio Väisänen" in view.ballots.missing.text()
    assert view.vote_at is not None and table.isVisible()
    press(Qt.Key.Key_T)
    press(Qt.Key.Key_Return)
    keys += 2
    assert keys <= 20, keys
    assert not table.isVisible()
    assert "Kaupunginhallitus hyväksyi esittelijän ehdotuksen äänin 12 - 2 (1 tyhjä)." in (
        printed(view)
    )
    assert "Tyhjä: 1\nTapio Väisänen" in printed(view)

    # § 103: Riikka Holm disqualified (a board member of the applicant); show of hands.
    click(view.next_button)
    press(Qt.Key.Key_9, CTRL)
    type_text(view.f_member, "Holm")
    view.f_ground.setFocus()
    for _n in range(4):
        press(Qt.Key.Key_Down)
    assert view.f_ground.currentText() == "5. yhteisöjäävi"
    press(Qt.Key.Key_Return, CTRL)
    assert "Riikka Holm\nEsteellisyyden syy: yhteisöjäävi (hallintolaki 28 § 1 mom. 5 kohta)" in (
        printed(view)
    )
    assert "14/15" in view.quorum_label.text().replace(" ", "")
    press(Qt.Key.Key_1, CTRL)
    type_text(view.f_proposer, "Jokinen")
    view.f_seconders.setFocus()
    type_text(view.f_seconders, "Karjal")
    press(Qt.Key.Key_Return, CTRL)
    press(Qt.Key.Key_6, CTRL)
    assert focused() is view.ballots.name_field
    names = [table.item(n, 0).text() for n in range(table.rowCount())]
    assert "Riikka Holm" not in names and len(names) == 14
    for name in ("Jokinen", "Karjal", "Saarinen"):
        type_text(view.ballots.name_field, name)
        press(Qt.Key.Key_Return)
    click(view.ballots.close_button)
    assert "äänin 11 - 3." in printed(view)
    assert "Riikka Holm" not in printed(view).split("Jaa-äänet")[1]

    # Everything into the files; the minutes print what the generator gives.
    click(view.save_button)
    qtbot.waitUntil(lambda: not view.meeting_window.isWindowModified())
    loaded = meeting.read(fresh_meeting, draftfile.load_meeting(fresh_meeting))
    pages = meeting.html_pages(loaded, "minutes", FULL)
    drafts = loaded.numbered()
    expected = [
        handling.text(d, produce.words_for(d))
        for d in drafts
        if d.item.decision and d.item.decision.handling
    ]
    assert len(expected) == 3
    found = [s for page in pages.values() for s in _handling_sections(page.decode())]
    assert [_norm(s) for s in found] == [_norm(e) for e in expected]


SECTION = re.compile(
    r"<h(\d)[^>]*>\s*Käsittely\s*</h\1>(.*?)(?=<h\1[^>]*>|</main>|</body>|</section>|</article>)",
    re.S,
)


def _handling_sections(page: str) -> list[str]:
    return [_html.unescape(re.sub(r"<[^>]+>", " ", m.group(2))) for m in SECTION.finditer(page)]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
