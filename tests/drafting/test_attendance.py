"""Who was there for each item (drafting.attendance), and the meeting build giving each item
its roster with that presence (drafting.meeting.numbered: one path for every document)."""

from __future__ import annotations

import shutil

from drafting import attendance, meeting
from drafting.model import AttendanceChange, HandlingEvent, MeetingDraft, Participant
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "format"


def roster() -> list[Participant]:
    return [
        Participant(name="Anna Virtanen", id="av"),
        Participant(name="Aino Lehtonen", present=False),
        Participant(name="Pekka Mäkinen"),
        Participant(name="Laura Heikkinen"),
        Participant(name="Marja-Liisa Rautanen", group="other"),
    ]


CHANGES = [
    AttendanceChange(person="Aino Lehtonen", change="arrived", time="16:12", section=332),
    AttendanceChange(person="Pekka Mäkinen", change="left", time="17:05", section=334),
    AttendanceChange(person="Pekka Mäkinen", change="arrived", time="17:30", section=336),
]


def present(section):
    return [p.name for p in attendance.present_for(roster(), CHANGES, section) if p.present]


def test_arrivals_and_departures_follow_the_items():
    assert "Aino Lehtonen" not in present(331)
    assert "Aino Lehtonen" in present(332)  # arrived during § 332: present for it
    assert "Pekka Mäkinen" in present(333)
    assert "Pekka Mäkinen" not in present(334)  # left during § 334: absent from it
    assert "Pekka Mäkinen" not in present(335)
    assert "Pekka Mäkinen" in present(336)
    assert "Aino Lehtonen" not in present(None)  # no number: as at the start


def test_voters_and_absent_leave_out_the_disqualified_and_others():
    people = attendance.present_for(roster(), CHANGES, 334)
    handling = [HandlingEvent(event="disqualification", member="Laura Heikkinen")]
    assert attendance.voters(people, handling) == ["av", "Aino Lehtonen"]
    assert attendance.absent(people, handling) == ["Pekka Mäkinen"]
    assert attendance.absent(people, []) == ["Pekka Mäkinen"]


def test_references_by_id_else_exact_name():
    people = roster()
    assert attendance.find(people, "av").name == "Anna Virtanen"
    assert attendance.find(people, "Anna Virtanen") is None  # she has an id: use it
    assert attendance.find(people, "Pekka Mäkinen").name == "Pekka Mäkinen"
    assert attendance.find(people, "pekka mäkinen") is None
    assert attendance.unknown(people, ["av", "Pekka Mäkinen", "P. Mäkinen"]) == ["P. Mäkinen"]


def test_the_meeting_build_gives_each_item_its_roster_with_presence(tmp_path):
    for kind in ("item", "meeting"):
        shutil.copy(FIXTURES / f"v2-{kind}.pykala", tmp_path)
    loaded = meeting.load(tmp_path / "v2-meeting.pykala")
    loaded.draft.first_section = 332
    loaded.items *= 2  # § 332 and § 333
    first, second = loaded.numbered()
    names = [p.name for p in loaded.draft.participants]
    assert [p.name for p in first.meeting.participants] == names
    assert names[1] == "Aino Lehtonen"  # absent at the start, arrived during § 333
    assert [d.meeting.participants[1].present for d in (first, second)] == [False, True]


def test_an_item_keeps_its_own_roster_when_the_meeting_has_none():
    item = meeting.draftfile.load(FIXTURES / "v2-item.pykala")
    own = [p.name for p in item.meeting.participants]
    built = meeting.numbered(item, MeetingDraft(), 0)
    assert [p.name for p in built.meeting.participants] == own
