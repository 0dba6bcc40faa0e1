"""The handling text (Käsittely / Behandling) written from the item's record of events.

Every word comes from the vocabulary (resources/vocabulary.json, keys `handling.…`, which an
organisation's profile may change, also for documents up to a date: its `vocabulary_until`):
another town, or a clerk correcting a label, changes data, not code. Here only the order of
the events, the people (by reference to the meeting's participants), the computed tallies and
the sorting of names are decided.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Any, Protocol

from drafting import attendance, dates, genitive
from drafting.model import Draft, HandlingEvent, Participant


class _Org(Protocol):
    def body(self, body: str, language: str) -> str: ...


class Vocabulary(Protocol):
    """What the generator needs of drafting.render.context.Words."""

    @property
    def org(self) -> _Org: ...

    @property
    def language(self) -> str: ...

    def __call__(self, key: str, **values: Any) -> str: ...


# --- people --------------------------------------------------------------------------------


_FINNISH_LAST = {"å": "{", "ä": "|", "ö": "}", "ü": "y", "æ": "|", "ø": "}"}  # after z


def sort_key(name: str) -> tuple[str, str]:
    """Sorted by surname, then the whole name, in Finnish order (Å, Ä, Ö after Z)."""

    def key(text: str) -> str:
        out = []
        for ch in text.lower():
            ch = _FINNISH_LAST.get(ch, ch)
            out.append(unicodedata.normalize("NFKD", ch)[0])
        return "".join(out)

    return key(name.split()[-1] if name.split() else ""), key(name)


class People:
    """The item's roster (drafting.attendance): references to participants, their names."""

    def __init__(self, participants: list[Participant], events: list[HandlingEvent]) -> None:
        self.participants = participants
        self.events = events

    def name(self, ref: str) -> str:
        found = attendance.find(self.participants, ref)
        return found.name if found else ref

    def genitive(self, ref: str) -> str:
        found = attendance.find(self.participants, ref)
        return genitive.of(found) if found else genitive.genitive(ref)

    def absent(self) -> list[str]:
        return attendance.absent(self.participants, self.events)

    def names(self, refs: list[str]) -> list[str]:
        return sorted((self.name(r) for r in refs), key=sort_key)


# The roles of the one who chairs the meeting, whose vote decides a tie.
CHAIRS = ("puheenjohtaja", "ordförande")


# --- the text ---------------------------------------------------------------------------------


def _listed(names: list[str], w: Vocabulary) -> str:
    """ "A, B ja C" ("och" in Swedish)."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {w('handling.and')} {names[-1]}"


def _tidy(text: str) -> str:
    """A formula with an empty placeholder leaves no double space or space before a stop."""
    return re.sub(r" +([.,:])", r"\1", re.sub(r"  +", " ", text)).strip()


class _Writer:
    def __init__(self, draft: Draft, w: Vocabulary) -> None:
        self.w = w
        self.events = draft.item.decision.handling if draft.item.decision else []
        self.people = People(draft.meeting.participants, self.events)
        self.body = w.org.body(draft.meeting.body, w.language)
        self.proposals = {e.id: e for e in self.events if e.event == "proposal" and e.id}
        self.votes = sum(1 for e in self.events if e.event == "vote")
        self.vote_number = 0

    def by(self, proposer: str) -> str:
        if not proposer:
            return ""
        if proposer == "chair":
            return " " + self.w("handling.by.chair")
        p = self.people
        return " " + self.w("handling.by", name=p.name(proposer), genitive=p.genitive(proposer))

    def until(self, day: _dt.date | None) -> str:
        if day is None:
            return ""
        return " " + self.w("handling.until", date=dates.for_document(day, self.w("locale"), True))

    def kind_of(self, what: str) -> str:
        """What a vote's side or a decision stands for: presenter, continue, or a kind."""
        found = self.proposals.get(what)
        return found.proposal if found else what

    def label(self, what: str, own: str) -> str:
        if own:
            return own
        found = self.proposals.get(what)
        if found is None:
            return self.w(f"handling.label.{what}")
        p = self.people
        return self.w(
            f"handling.label.{found.proposal}",
            name=p.name(found.proposer),
            genitive=p.genitive(found.proposer),
        )

    def adopted(self, what: str, key: str, **values: Any) -> str:
        """The line saying what the body decided: `key`.presenter / .continue / .return /
        .tabling / .rejection, or `key`.proposal for a counter-proposal or wish clause."""
        found = self.proposals.get(what)
        kind = self.kind_of(what)
        if found is not None and kind in ("counter", "wish"):
            p = self.people
            return self.w(
                f"{key}.proposal",
                body=self.body,
                name=p.name(found.proposer),
                genitive=p.genitive(found.proposer),
                kind=self.w(f"handling.adopted.{kind}"),
                **values,
            )
        return self.w(f"{key}.{kind}", body=self.body, **values)

    # each event: its paragraphs

    def disqualification(self, e: HandlingEvent) -> list[str]:
        lines = [self.w("handling.disqualified", name=self.people.name(e.member))]
        if e.ground:
            ground = f"{e.ground} ({e.statute})" if e.statute else e.ground
            lines.append(self.w("handling.disqualified.ground", ground=ground))
        return ["\n".join(lines)]

    def expert(self, e: HandlingEvent) -> list[str]:
        heard = [" ".join(x for x in (ex.title, ex.name) if x) for ex in e.experts]
        number = "one" if len(heard) == 1 else "many"
        text = self.w(f"handling.expert.{number}", experts=_listed(heard, self.w))
        if e.left:
            text += " " + self.w(f"handling.expert.left.{number}")
        return [text]

    def presenter_change(self, e: HandlingEvent) -> list[str]:
        key = f"handling.change.{e.change}" + (".tabling" if e.during_tabling else "")
        return [_tidy(self.w(key, text=e.text))]

    def proposal(self, e: HandlingEvent) -> list[str]:
        p = self.people
        first, *rest = e.text.strip().split("\n\n") if e.text.strip() else [""]
        out = [
            self.w(f"handling.proposal.{e.proposal}")
            + "\n"
            + self.w("handling.proposal.line", name=p.name(e.proposer), text=first)
        ]
        out += rest
        if e.seconders:
            key = "handling.seconder" if len(e.seconders) == 1 else "handling.seconders"
            out.append(self.w(key, names=", ".join(p.name(s) for s in e.seconders)))
        elif not e.request:
            out.append(
                self.w(
                    "handling.unseconded",
                    name=p.name(e.proposer),
                    genitive=p.genitive(e.proposer),
                    kind=self.w(f"handling.unseconded.{e.proposal}"),
                )
            )
        return out

    def vote(self, e: HandlingEvent) -> list[str]:
        w, p = self.w, self.people
        self.vote_number += 1
        heading = (
            w("handling.vote.numbered", n=self.vote_number)
            if self.votes > 1
            else w("handling.vote.heading")
        )
        out = [
            heading,
            w("handling.vote.yes", label=self.label(e.yes, e.yes_text))
            + "\n"
            + w("handling.vote.no", label=self.label(e.no, e.no_text)),
        ]
        absent = p.absent()
        empty = w("handling.print_empty_groups").strip().lower() in ("yes", "true", "1")
        for key, refs in (("jaa", e.jaa), ("ei", e.ei), ("blank", e.blank), ("absent", absent)):
            if not refs and not empty:
                continue
            group = w(f"handling.group.{key}", n=len(refs))
            out.append("\n".join([group, ", ".join(p.names(refs))]) if refs else group)
        yes, no = len(e.jaa), len(e.ei)
        counts = [
            w(f"handling.tally.{key}", n=n)
            for key, n in (("blank", len(e.blank)), ("absent", len(absent)))
            if n
        ]
        tally = w("handling.tally", yes=yes, no=no)
        if counts:
            tally = w("handling.tally.more", tally=tally, counts=", ".join(counts))
        winner = e.yes if yes > no else e.no if no > yes else self.chairs_side(e)
        result = self.adopted(winner, "handling.result", tally=tally)
        if yes == no:
            result += " " + w("handling.vote.tie")
        out.append(result)
        return out

    def chairs_side(self, e: HandlingEvent) -> str:
        """A tie: the side the chair voted on wins (Kuntalaki 104 §)."""
        chairs = {attendance.reference(p) for p in self.people.participants if p.role in CHAIRS}
        return e.no if chairs & set(e.ei) else e.yes

    def unanimous(self, e: HandlingEvent) -> list[str]:
        what = e.decision or "presenter"
        return [
            self.adopted(
                what, "handling.unanimous", by=self.by(e.proposer), until=self.until(e.until)
            )
        ]

    def note(self, e: HandlingEvent) -> list[str]:
        return [x for x in e.text.strip().split("\n\n") if x.strip()]

    def dissent(self, e: HandlingEvent) -> list[str]:
        names = self.people.names(e.members)
        key = "handling.dissent.one" if len(names) == 1 else "handling.dissent.many"
        return [self.w(key, names=_listed(names, self.w))] + self.note(e)

    def outcome(self, e: HandlingEvent) -> list[str]:
        what = {"tabled": "tabling", "returned": "return"}.get(
            e.decision, e.decision
        ) or "presenter"
        return [self.adopted(what, "handling.outcome")]


def paragraphs(draft: Draft, words: Vocabulary) -> list[str]:
    """The item's handling text, as Markdown paragraphs in the order of its events."""
    writer = _Writer(draft, words)
    out: list[str] = []
    for e in writer.events:
        out += getattr(writer, e.event)(e)
    return [x for x in out if x.strip()]


def text(draft: Draft, words: Vocabulary) -> str:
    return "\n\n".join(paragraphs(draft, words))
