"""What a secretary needs checked in an item's handling record (item.decision.handling):
ballots against the members present for the item, proposals seconded and decided, dissents,
quorum (Kuntalaki 103 §), ties (104 §) and references to people the meeting does not have.

The people are the item's roster (`meeting.participants`: a standalone item's own, or the
one the meeting build gives each item with its presence, drafting.attendance). Without a
roster the checks about people are left out. Each finding is (path, message, severity) and
its message names the item, the event ("Handling, vote 1") and the person; drafting.checks
makes them problems, so errors refuse the minutes like any other error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from drafting import attendance
from drafting.i18n import _
from drafting.model import Draft, HandlingEvent, Participant

ERROR = "error"
WARNING = "warning"

Finding = tuple[str, str, str]  # path, message, severity

_EVENT_NAMES: dict[str, Callable[[], str]] = {
    "disqualification": lambda: _("disqualification"),
    "expert": lambda: _("experts heard"),
    "presenter_change": lambda: _("presenter's change"),
    "proposal": lambda: _("proposal"),
    "vote": lambda: _("vote"),
    "unanimous": lambda: _("unanimous decision"),
    "note": lambda: _("note"),
    "dissent": lambda: _("dissent"),
    "outcome": lambda: _("outcome"),
}
# The bodies whose quorum is two thirds of the members (Kuntalaki 103 §): the council
# (drafting.attendance.is_council, by the body's name).
is_council = attendance.is_council


def _item_name(draft: Draft) -> str:
    section = draft.item.section
    if section is not None:
        return f"§ {section}"
    return draft.item.title.strip() or _("the item")


def _event_names(handling: list[HandlingEvent]) -> list[str]:
    """ "Handling, vote 1" for each event: its kind numbered among the item's events of
    that kind."""
    seen: Counter[str] = Counter()
    out = []
    for event in handling:
        seen[event.event] += 1
        out.append(
            _("Handling, {event} {number}").format(
                event=_EVENT_NAMES[event.event](), number=seen[event.event]
            )
        )
    return out


def _winner(event: HandlingEvent) -> str | None:
    """What a vote adopted ("presenter", "continue", a proposal's id); None on a tie."""
    jaa, ei = len(event.jaa), len(event.ei)
    if jaa == ei:
        return None
    return event.yes if jaa > ei else event.no


def seats(participants: list[Participant], given: int | None = None) -> int:
    """The body's seats: the meeting's `seats` when given, else the roster's members
    (drafting.attendance.seats)."""
    return attendance.seats(participants, given)


def check(draft: Draft) -> list[Finding]:
    """The findings in `draft`'s handling record (none without a decision)."""
    decision = draft.item.decision
    if decision is None or not decision.handling:
        return []
    handling = decision.handling
    item = _item_name(draft)
    names = _event_names(handling)
    roster = draft.meeting.participants
    found: list[Finding] = []

    def add(n: int, field: str, message: str, severity: str = ERROR, **values: object) -> None:
        path = f"item.decision.handling[{n}]" + (f".{field}" if field else "")
        found.append((path, f"{item}, {names[n]}: " + message.format(**values), severity))

    def person(ref: str) -> str:
        found_person = attendance.find(roster, ref)
        return found_person.name if found_person is not None else ref

    proposals = {e.id: (n, e) for n, e in enumerate(handling) if e.event == "proposal" and e.id}
    decided = {e.decision for e in handling if e.event in ("unanimous", "outcome")}
    voted_on = {side for e in handling if e.event == "vote" for side in (e.yes, e.no)}

    # References to people the meeting does not have.
    if roster:
        for n, event in enumerate(handling):
            for field, refs in _references(event):
                for ref in attendance.unknown(roster, refs):
                    add(
                        n,
                        field,
                        _(
                            '"{person}" is not among the meeting\'s participants; write a '
                            "participant's name or id"
                        ),
                        person=ref,
                    )

    # Proposals: seconded ones are decided; votes are on seconded ones.
    for key, (n, event) in proposals.items():
        adopted = key in decided or (
            event.proposal in ("tabling", "return") and event.proposal in decided
        )
        if (event.seconders or event.request) and key not in voted_on and not adopted:
            add(
                n,
                "id",
                _("the proposal of {person} was seconded, but no vote or decision is on it"),
                person=person(event.proposer),
            )
    for n, event in enumerate(handling):
        if event.event != "vote":
            continue
        for side in (event.yes, event.no):
            if side in proposals:
                proposal = proposals[side][1]
                if not proposal.seconders and not proposal.request:
                    add(
                        n,
                        "no" if side == event.no else "yes",
                        _(
                            "the vote is on the proposal of {person}, which was not seconded; "
                            "an unseconded proposal lapses"
                        ),
                        person=person(proposal.proposer),
                    )
        if len(event.jaa) == len(event.ei) and (event.jaa or event.ei):
            add(
                n,
                "",
                _(
                    "the vote is tied {count} - {count}: the chair's vote decides "
                    "(Kuntalaki 104 §), and the minutes must say so"
                ),
                WARNING,
                count=len(event.jaa),
            )

    if roster:
        _ballots(handling, roster, add, person)
        found += _quorum(draft, handling, roster, item)
    if is_council(draft.meeting.body):
        _wishes(handling, seats(roster, draft.meeting.seats), add, person)
    _dissents(handling, add, person)
    return found


def _wishes(
    handling: list[HandlingEvent],
    total: int,
    add: Callable[..., None],
    person: Callable[[str], str],
) -> None:
    """A council's wish clause passes with at least half of the seats voting for it (43 of
    Helsinki's 85): a vote won with fewer is told (the minutes say it fell), and an outcome
    that adopts it is an error."""
    needs = attendance.wish_needs(total) if total else 0
    if not needs:
        return
    wishes = {e.id: e for e in handling if e.event == "proposal" and e.proposal == "wish" and e.id}
    short: set[str] = set()
    for n, event in enumerate(handling):
        if event.event != "vote":
            continue
        for side, ballots in ((event.yes, event.jaa), (event.no, event.ei)):
            if side in wishes and _winner(event) == side and len(ballots) < needs:
                short.add(side)
                add(
                    n,
                    "",
                    _(
                        "the wish clause of {person} has {count} yes votes; a council's wish "
                        "clause needs at least {needs} (half of the {seats} seats), so it falls"
                    ),
                    WARNING,
                    person=person(wishes[side].proposer),
                    count=len(ballots),
                    needs=needs,
                    seats=total,
                )
    for n, event in enumerate(handling):
        if event.event == "outcome" and event.decision in short:
            add(
                n,
                "decision",
                _(
                    "the outcome adopts the wish clause of {person}, but it had fewer yes votes "
                    "than half of the {seats} seats; write the outcome the vote had"
                ),
                person=person(wishes[event.decision].proposer),
                seats=total,
            )


def _references(event: HandlingEvent) -> list[tuple[str, list[str]]]:
    proposer = [event.proposer] if event.proposer and event.proposer != "chair" else []
    return [
        ("member", [event.member] if event.member else []),
        ("proposer", proposer),
        ("seconders", event.seconders),
        ("jaa", event.jaa),
        ("ei", event.ei),
        ("blank", event.blank),
        ("members", event.members),
    ]


def _ballots(
    handling: list[HandlingEvent],
    roster: list[Participant],
    add: Callable[..., None],
    person: Callable[[str], str],
) -> None:
    """A ballot for every member present for the item, none for anyone else, one each."""
    voters = set(attendance.voters(roster, handling))
    out = attendance.disqualified(handling)
    for n, event in enumerate(handling):
        if event.event != "vote":
            continue
        cast: Counter[str] = Counter()
        for field in ("jaa", "ei", "blank"):
            for ref in getattr(event, field):
                who = attendance.find(roster, ref)
                if who is None:
                    continue  # told as an unknown reference
                key = attendance.reference(who)
                cast[key] += 1
                if key in voters:
                    continue
                if key in out:
                    reason = _("{person} is disqualified in this item and has no vote")
                elif who.group != "member":
                    reason = _("{person} is not a member and has no vote")
                else:
                    reason = _("{person} is not present for this item and has no vote")
                add(n, field, reason, person=who.name)
        for key, count in cast.items():
            if count > 1:
                add(
                    n,
                    "",
                    _("{person} is in the vote's lists {count} times; a member has one ballot"),
                    person=person(key),
                    count=count,
                )
        for key in attendance.voters(roster, handling):
            if key not in cast:
                add(
                    n,
                    "",
                    _("{person} is present for this item but has no ballot (jaa, ei or blank)"),
                    person=person(key),
                )


def _quorum(
    draft: Draft, handling: list[HandlingEvent], roster: list[Participant], item: str
) -> list[Finding]:
    """Kuntalaki 103 §: more than half of the members present; two thirds for a council.
    A disqualified member does not count as present for the item."""
    total = seats(roster, draft.meeting.seats)
    if not total:
        return []
    present = len(attendance.voters(roster, handling))
    council = is_council(draft.meeting.body)
    quorate = 3 * present >= 2 * total if council else 2 * present > total
    if quorate:
        return []
    need = _("two thirds") if council else _("more than half")
    message = _(
        "{item}: {present} of the {total} members are present for the item (the disqualified "
        "not counted); the body has a quorum with {need} of them (Kuntalaki 103 §), so a "
        "decision would be void"
    ).format(item=item, present=present, total=total, need=need)
    return [("item.decision.handling", message, ERROR)]


def _dissents(
    handling: list[HandlingEvent], add: Callable[..., None], person: Callable[[str], str]
) -> None:
    """A dissent only by a member who opposed: who voted on a losing side, or made or
    seconded a proposal that was not adopted."""
    adopted = {e.decision for e in handling if e.event in ("unanimous", "outcome")}
    opposed: set[str] = set()
    for event in handling:
        if event.event == "vote":
            winner = _winner(event)
            if winner is None:
                opposed |= set(event.jaa) | set(event.ei)
            else:
                opposed |= set(event.ei if winner == event.yes else event.jaa)
                adopted.add(winner)
    for event in handling:
        if event.event == "proposal" and event.id not in adopted:
            opposed |= {event.proposer, *event.seconders}
    canonical = {person(ref) for ref in opposed}
    for n, event in enumerate(handling):
        if event.event != "dissent":
            continue
        for ref in event.members:
            if ref not in opposed and person(ref) not in canonical:
                add(
                    n,
                    "members",
                    _(
                        "{person} did not oppose the decision (no vote against it, no "
                        "proposal of their own), so cannot dissent"
                    ),
                    person=person(ref),
                )
