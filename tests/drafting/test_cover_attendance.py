"""The minutes' cover says who came and went, written from the meeting's attendance: a
member who arrived during the meeting is present (not absent), with the time and the item."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from drafting import draftfile
from drafting.model import AttendanceChange, MeetingDraft
from drafting.render import context
from drafting.render import docx as render_docx
from tests.support.documents import docx_text

MEETING = Path(__file__).parents[2] / "resources" / "examples" / "meeting" / "kh-11-2026.pykala"


@pytest.fixture
def meeting() -> MeetingDraft:
    return draftfile.load_meeting(MEETING)


def cover_text(meeting: MeetingDraft, language: str | None = None) -> str:
    data = render_docx.render(context.cover(meeting, [], "minutes", language))
    return " ".join(docx_text(data).split())


def section(text: str, heading: str, following: str) -> str:
    found = re.search(rf"{heading} (.*?) {following} ", text)
    assert found, (heading, text)
    return found.group(1)


def test_a_member_who_arrived_is_present_with_the_time_and_item(meeting):
    salmi = next(p for p in meeting.participants if p.id == "salmi")
    assert not salmi.present and not salmi.note  # absent at the start, nothing typed
    text = cover_text(meeting)
    present = section(text, "Läsnä", "Poissa")
    absent = section(text, "Poissa", "Puheenjohtaja")
    assert "Noora Salmi, jäsen (saapui 14:20, § 102 aikana)" in present
    assert "Salmi" not in absent
    assert "Markku Heino, jäsen (poistui 15:40, § 104 aikana)" in present
    assert "Antti Lehtinen" in absent


def test_the_cover_speaks_the_document_language(meeting):
    text = cover_text(meeting, "sv")
    assert "Noora Salmi, jäsen (anlände 14:20, under § 102)" in text


def test_a_typed_note_wins_and_a_change_without_item_has_only_the_time(meeting):
    changed = copy.deepcopy(meeting)
    heino = next(p for p in changed.participants if p.id == "heino")
    heino.note = "poistui ennen asiaa § 104"
    changed.attendance.append(AttendanceChange(person="aalto", change="left", time="16:00"))
    text = cover_text(changed)
    assert "Markku Heino, jäsen (poistui ennen asiaa § 104)" in text
    assert "(poistui 16:00)" in text
