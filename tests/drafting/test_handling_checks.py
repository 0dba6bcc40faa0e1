"""The checks of an item's handling record (drafting.handling_checks, through
drafting.checks): one test per check, each made on purpose on a record that is otherwise
right, and the message naming the item, the event and the person."""

from __future__ import annotations

import copy

import pytest

from drafting import checks, i18n, meeting
from drafting.model import Decision, Draft, HandlingEvent, MeetingDraft, Participant

MEMBERS = ["Anna Virtanen", "Paavo Arhinmäki", "Maria Ohisalo", "Daniel Sazonov", "Pia Lukki"]


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def record() -> Draft:
    """§ 333: Arhinmäki's counter-proposal, seconded by Ohisalo, lost a vote 3 - 2;
    Arhinmäki dissented."""
    draft = Draft()
    draft.meeting.body = "Kaupunginhallitus"
    draft.item.section = 333
    draft.meeting.participants = [Participant(name=n) for n in MEMBERS] + [
        Participant(name="Marja-Liisa Rautanen", group="other")
    ]
    draft.item.decision = Decision(
        handling=[
            HandlingEvent(
                event="proposal",
                id="1",
                proposer="Paavo Arhinmäki",
                seconders=["Maria Ohisalo"],
                text="Lisätään lause.",
            ),
            HandlingEvent(
                event="vote",
                yes="presenter",
                no="1",
                jaa=["Anna Virtanen", "Daniel Sazonov", "Pia Lukki"],
                ei=["Paavo Arhinmäki", "Maria Ohisalo"],
            ),
            HandlingEvent(event="dissent", members=["Paavo Arhinmäki"], text="Eriävä."),
        ]
    )
    return draft


def found(draft: Draft) -> list[checks.Problem]:
    return [
        p for p in checks.check(draft, "minutes") if p.path.startswith("item.decision.handling")
    ]


def test_a_right_record_has_no_findings():
    assert found(record()) == []


def only(draft: Draft) -> checks.Problem:
    (problem,) = found(draft)
    return problem


def vote(draft: Draft) -> HandlingEvent:
    return draft.item.decision.handling[1]


def test_a_member_present_without_a_ballot():
    draft = record()
    vote(draft).ei.remove("Maria Ohisalo")
    problem = only(draft)
    assert problem.severity == checks.ERROR and problem.path == "item.decision.handling[1]"
    assert problem.message.startswith("§ 333, Handling, vote 1: Maria Ohisalo is present")


def test_a_ballot_for_someone_not_present_or_not_a_member():
    draft = record()
    draft.meeting.participants[4].present = False  # Pia Lukki away from this item
    problem = only(draft)
    assert problem.path == "item.decision.handling[1].jaa"
    assert "Pia Lukki is not present for this item and has no vote" in problem.message
    draft = record()
    vote(draft).blank.append("Marja-Liisa Rautanen")
    assert "Marja-Liisa Rautanen is not a member" in only(draft).message


def test_a_name_in_two_lists():
    draft = record()
    vote(draft).blank.append("Pia Lukki")
    problem = only(draft)
    assert "Pia Lukki is in the vote's lists 2 times" in problem.message


def test_a_disqualified_member_votes():
    draft = record()
    draft.item.decision.handling.insert(
        0, HandlingEvent(event="disqualification", member="Pia Lukki", ground="jäävi")
    )
    problem = only(draft)
    assert problem.message.startswith("§ 333, Handling, vote 1: Pia Lukki is disqualified")


def test_a_seconded_proposal_nobody_voted_on_or_adopted():
    draft = record()
    del draft.item.decision.handling[1:]  # no vote, no dissent
    problem = only(draft)
    assert problem.path == "item.decision.handling[0].id"
    assert problem.message == (
        "§ 333, Handling, proposal 1: the proposal of Paavo Arhinmäki was seconded, "
        "but no vote or decision is on it"
    )
    draft.item.decision.handling.append(HandlingEvent(event="outcome", decision="1"))
    assert found(draft) == []  # adopted


def test_a_vote_on_a_proposal_not_seconded():
    draft = record()
    draft.item.decision.handling[0].seconders = []
    problem = only(draft)
    assert problem.path == "item.decision.handling[1].no"
    assert "the proposal of Paavo Arhinmäki, which was not seconded" in problem.message


def test_a_tabling_request_needs_no_seconder():
    draft = record()
    first = draft.item.decision.handling[0]
    first.proposal, first.seconders, first.request = "tabling", [], True
    assert found(draft) == []


def test_a_dissent_by_a_member_who_did_not_oppose():
    draft = record()
    draft.item.decision.handling[2].members.append("Pia Lukki")
    problem = only(draft)
    assert problem.path == "item.decision.handling[2].members"
    assert problem.message.startswith("§ 333, Handling, dissent 1: Pia Lukki did not oppose")


def test_quorum_more_than_half_and_two_thirds_for_a_council():
    draft = record()
    for p in draft.meeting.participants[2:5]:
        p.present = False  # 2 of 5 present
    handling = draft.item.decision.handling
    del handling[1:]
    handling.append(HandlingEvent(event="outcome", decision="1"))
    problem = only(draft)
    assert problem.path == "item.decision.handling"
    assert "§ 333: 2 of the 5 members are present" in problem.message
    assert "more than half" in problem.message
    draft.meeting.participants[2].present = True  # 3 of 5: a board has a quorum
    assert found(draft) == []
    draft.meeting.body = "Kaupunginvaltuusto"  # a council needs 4 of 5 (two thirds)
    assert "two thirds" in only(draft).message


def test_a_deputy_takes_the_seat_of_the_member_they_stand_for():
    draft = record()
    draft.meeting.participants[4].present = False
    draft.meeting.participants.append(
        Participant(name="Otto Meri", role="varajäsen", substitute_for="Pia Lukki")
    )
    vote(draft).jaa[-1] = "Otto Meri"
    assert found(draft) == []


def test_a_tie_is_a_warning_naming_the_vote():
    draft = record()
    vote(draft).jaa.remove("Pia Lukki")
    draft.meeting.participants[4].present = False
    (problem,) = found(draft)
    assert problem.severity == checks.WARNING and problem.path == "item.decision.handling[1]"
    assert problem.message.startswith("§ 333, Handling, vote 1: the vote is tied 2 - 2")
    assert "104 §" in problem.message


def test_an_unknown_person_reference():
    draft = record()
    vote(draft).jaa[0] = "A. Virtanen"
    problems = found(draft)
    assert problems[0].path == "item.decision.handling[1].jaa"
    assert problems[0].message == (
        '§ 333, Handling, vote 1: "A. Virtanen" is not among the meeting\'s participants; '
        "write a participant's name or id"
    )
    # Anna Virtanen is then without a ballot, and told so too.
    assert "Anna Virtanen is present for this item but has no ballot" in problems[1].message


def test_an_error_refuses_the_minutes_of_a_meeting(tmp_path):
    """Through the meeting build: the roster and the presence come from the meeting file."""
    item = record()
    item.meeting.participants = []
    vote(item).ei.remove("Maria Ohisalo")
    roster = record().meeting.participants
    built = meeting.numbered(copy.deepcopy(item), MeetingDraft(participants=roster), 0)
    assert any("Maria Ohisalo is present" in p.message for p in checks.errors(found(built)))
    assert found(item) == []  # without a roster the people are not checked


def test_the_messages_are_in_finnish_and_swedish():
    draft = record()
    vote(draft).ei.remove("Maria Ohisalo")
    i18n.set_language("fi")
    assert only(draft).message.startswith("§ 333, Käsittely, äänestys 1: Maria Ohisalo on")
    i18n.set_language("sv")
    assert only(draft).message.startswith("§ 333, Behandling, omröstning 1: Maria Ohisalo är")
