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

    def body_word(self, body: str, language: str, key: str) -> str | None: ...


class Vocabulary(Protocol):
    """What the generator needs of drafting.render.context.Words."""

    @property
    def org(self) -> _Org: ...

    @property
    def language(self) -> str: ...

    def __call__(self, key: str, **values: Any) -> str: ...


# --- people --------------------------------------------------------------------------------


_FINNISH_LAST = {"å": "{", "ä": "|", "ö": "}", "ü": "y", "æ": "|", "ø": "}"}  # after z
# W sorts as V in Finnish lists (Helsinki's: "Thomas Wallgren, Sanna Vesikansa").
_FINNISH_SAME = {"w": "v"}


def sort_key(name: str) -> tuple[str, str]:
    """Sorted by surname, then the whole name, in Finnish order (Å, Ä, Ö after Z; W as V). The
    surname is the last word; a surname of two words is joined by a no-break space (U+00A0:
    "Silja Borgarsdottir\u00a0Sandelin" sorts under B)."""

    def key(text: str) -> str:
        out = []
        for ch in text.lower():
            ch = _FINNISH_LAST.get(ch, _FINNISH_SAME.get(ch, ch))
            out.append(unicodedata.normalize("NFKD", ch)[0])
        return "".join(out)

    words = name.strip().split(" ")
    return key(words[-1]), key(name)


class People:
    """The item's roster (drafting.attendance): references to participants, their names."""

    def __init__(
        self, participants: list[Participant], events: list[HandlingEvent], language: str = "fi"
    ) -> None:
        self.participants = participants
        self.events = events
        self.language = language

    def name(self, ref: str) -> str:
        found = attendance.find(self.participants, ref)
        return found.name if found else ref

    def genitive(self, ref: str) -> str:
        """The name in the genitive of the document's language: Finnish (generated, or the
        secretary's correction kept with the person), Swedish (an -s)."""
        found = attendance.find(self.participants, ref)
        if self.language == "sv":
            return genitive.swedish(found.name if found else ref)
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


def _tidy_spaces(text: str) -> str:
    """No double spaces where an empty placeholder was (the line breaks kept)."""
    return re.sub(r"  +", " ", text).strip()


# The words that make a body a committee, a board's section or a municipal enterprise's
# board by its name (a body of its own formulas, `handling.committee.…`).
COMMITTEE_WORDS = ("lautakunta", "jaosto", "johtokunta", "nämnd", "sektion", "direktion")


def is_committee(body: str) -> bool:
    """Whether the body is a committee ("Kaupunkiympäristölautakunta"), a board's section
    ("Kaupunginhallituksen konsernijaosto") or an enterprise's board ("…johtokunta")."""
    low = body.lower()
    return any(word in low for word in COMMITTEE_WORDS)


def wish_needs(council: bool, seats: int) -> int:
    """The yes votes a wish clause needs: a council's at least half of its seats
    (drafting.attendance.wish_needs); 0 (a plain majority) for other bodies or unknown seats."""
    return attendance.wish_needs(seats) if council and seats else 0


def _tidy(text: str) -> str:
    """A formula with an empty placeholder leaves no double space or space before a stop."""
    return re.sub(r" +([.,:])", r"\1", re.sub(r"  +", " ", text)).strip()


class _Writer:
    def __init__(self, draft: Draft, w: Vocabulary) -> None:
        self.w = w
        decision = draft.item.decision
        self.events = decision.handling if decision else []
        self.people = People(draft.meeting.participants, self.events, w.language)
        self.body_name = draft.meeting.body
        # The body's own set of formulas (`handling.council.…`, `handling.committee.…`), each
        # falling back to the general one (`handling.…`, the board's): a council's sentences,
        # a committee's vote numbered and its result line, a board's blocks.
        self.council = attendance.is_council(draft.meeting.body)
        committee = is_committee(draft.meeting.body)
        self.kind = "council" if self.council else "committee" if committee else ""
        # The body as its handling names it: its name, or its own word ("Jaosto").
        self.body = self.word("handling.body", body=w.org.body(draft.meeting.body, w.language))
        self.seats = attendance.seats(draft.meeting.participants, draft.meeting.seats)
        self.proposals = {e.id: e for e in self.events if e.event == "proposal" and e.id}
        self.votes = sum(1 for e in self.events if e.event == "vote")
        self.first_vote = (decision.first_vote if decision else None) or 1
        self.vote_number = 0
        self.after: list[HandlingEvent] = []  # the events after the one being written
        self.before: HandlingEvent | None = None  # the event before it

    # the words: the body's own formula first, a variant before the plain one

    def _own(self, key: str) -> str | None:
        """The body's own word for `key` (the profile's `body_vocabulary`), if it has one."""
        return self.w.org.body_word(self.body_name, self.w.language, key)

    def _has(self, key: str) -> bool:
        try:
            self.w(key)
        except KeyError:
            return False
        return True

    def key(self, *variants: str) -> str | None:
        """The first of `variants` (most particular first) found in the body's own words, the
        set of its kind (`handling.council.…`) or else the general one; None when none is."""
        for variant in variants:
            own = variant.replace("handling.", f"handling.{self.kind}.", 1) if self.kind else ""
            keys = [key for key in (own, variant) if key]
            # The body's own word first (`body_vocabulary`), then the organisation's.
            owned = [key for key in keys if self._own(key) is not None]
            if owned:
                return owned[0]
            for key in keys:
                if self._has(key):
                    return key
        return None

    def word(self, *variants: str, **values: Any) -> str:
        key = self.key(*variants)
        if key is None:
            raise KeyError(variants[0])
        own = self._own(key)
        if own is not None:
            return own.format(**values) if values else own
        return self.w(key, **values)

    def followed(self) -> bool:
        """Whether the handling goes on after this event (a dissent aside)."""
        return any(e.event != "dissent" for e in self.after)

    def who(self, proposal: HandlingEvent | None) -> dict[str, str]:
        """The placeholders naming a proposal's proposer and its text."""
        if proposal is None:
            return {"name": "", "genitive": "", "text": ""}
        p = self.people
        text = proposal.text.strip().split("\n\n")[0]
        return {
            "name": p.name(proposal.proposer),
            "genitive": p.genitive(proposal.proposer),
            "text": text,
        }

    def by(self, proposer: str) -> str:
        if not proposer:
            return ""
        if proposer == "chair":
            return " " + self.word("handling.by.chair")
        p = self.people
        found = attendance.find(p.participants, proposer)
        # The chair by name: "puheenjohtaja Daniel Sazonovin ehdotuksesta" where a body says so.
        chair = ("handling.by.chair.named",) if found and found.role in CHAIRS else ()
        return " " + self.word(
            *chair, "handling.by", name=p.name(proposer), genitive=p.genitive(proposer)
        )

    def until(self, day: _dt.date | None) -> str:
        if day is None:
            return ""
        return " " + self.word(
            "handling.until", date=dates.for_document(day, self.w("locale"), True)
        )

    def kind_of(self, what: str) -> str:
        """What a vote's side or a decision stands for: presenter, continue, oppose (against a
        wish clause), or a proposal's kind."""
        found = self.proposals.get(what)
        return found.proposal if found else what

    def side(self, what: str, prefix: str) -> str:
        """A vote's side in words (`prefix`.presenter / .continue / .oppose / .<kind>, a
        counter-proposal by its effect first: `prefix`.counter.replaces)."""
        found = self.proposals.get(what)
        if found is None:
            return self.word(f"{prefix}.{what}")
        kind = f"{prefix}.{found.proposal}"
        return self.word(f"{kind}.{found.effect}", kind, **self.who(found))

    def label(self, what: str, own: str) -> str:
        return own or self.side(what, "handling.label")

    def adopted(self, what: str, key: str, other: str = "", **values: Any) -> str:
        """The line saying what the body decided: `key`.presenter / .continue / .return /
        .tabling / .rejection / .oppose, or `key`.proposal for a counter-proposal or wish
        clause; `other` the side it was decided against (who proposed it)."""
        found = self.proposals.get(what)
        kind = self.kind_of(what)
        followed = (f"{key}.{kind}.followed",) if self.followed() else ()
        if found is not None and kind in ("counter", "wish"):
            return self.word(
                *(f"{key}.proposal.followed",) * bool(followed),
                f"{key}.proposal",
                body=self.body,
                kind=self.word(f"handling.adopted.{kind}"),
                **self.who(found),
                **values,
            )
        return self.word(
            *followed,
            f"{key}.{kind}",
            body=self.body,
            **self.who(self.proposals.get(other)),
            **values,
        )

    # each event: its paragraphs

    def disqualification(self, e: HandlingEvent) -> list[str]:
        """A council's sentence for each ("Kanslichef X konstaterades vara jävig …"), or the
        board's block: "Esteelliset: A, B" and the ground, the members of one ground together
        (consecutive events of the same ground and statute are one block)."""
        ground = f"{e.ground} ({e.statute})" if e.ground and e.statute else e.ground
        sentence = self.key("handling.disqualified.sentence")
        if sentence is not None:
            found = attendance.find(self.people.participants, e.member)
            text = _tidy(
                self.w(
                    sentence,
                    role=found.role if found else "",
                    name=self.people.name(e.member),
                    ground=ground,
                )
            )
            return [text[:1].upper() + text[1:]]
        same = (e.ground, e.statute)
        before = self.before
        if before and (before.event, before.ground, before.statute) == ("disqualification", *same):
            return []  # written with the first of its block
        run = [e]
        for later in self.after:
            if later.event != "disqualification" or (later.ground, later.statute) != same:
                break
            run.append(later)
        names = ", ".join(self.people.name(x.member) for x in run)
        lines = [self.word("handling.disqualified", name=names, names=names)]
        if e.ground:
            lines.append(self.word("handling.disqualified.ground", ground=ground))
        return ["\n".join(lines)]

    def expert(self, e: HandlingEvent) -> list[str]:
        heard = [" ".join(x for x in (ex.title, ex.name) if x) for ex in e.experts]
        number = "one" if len(heard) == 1 else "many"
        text = self.word(f"handling.expert.{number}", experts=_listed(heard, self.w))
        if e.left:
            text += " " + self.word(f"handling.expert.left.{number}")
        return [text]

    def presenter_change(self, e: HandlingEvent) -> list[str]:
        key = f"handling.change.{e.change}"
        tabling = (f"{key}.tabling",) if e.during_tabling else ()
        line = _tidy(self.word(*tabling, key, text=e.text.strip()))
        # A text that ends its sentence ('… yöaikaan."') is not given a second full stop.
        return [re.sub(r"\.([\"”»]?)\.$", r".\1", line)]

    def proposal(self, e: HandlingEvent) -> list[str]:
        p = self.people
        kind = f"handling.proposal.{e.proposal}"
        sentence = self.key(
            f"handling.proposal.sentence.{e.proposal}", "handling.proposal.sentence"
        )
        if sentence is not None:  # a council's: "Valtuutettu X ehdotti Y:n kannattamana, että"
            out = [self.word(kind)]
            out += self.w(
                sentence, seconded=self.seconded(e.seconders), **self.who(e), full=e.text.strip()
            ).split("\n\n")
            out = [_tidy_spaces(x) for x in out]
            if not e.seconders and not e.request:
                out.append(self.unseconded(e))
            return out
        first, *rest = e.text.strip().split("\n\n") if e.text.strip() else [""]
        out = [
            self.word(kind)
            + "\n"
            + self.word("handling.proposal.line", name=p.name(e.proposer), text=first)
        ]
        out += rest
        if e.seconders:
            key = "handling.seconder" if len(e.seconders) == 1 else "handling.seconders"
            names = [p.name(s) for s in e.seconders]
            out.append(
                self.word(
                    key,
                    names=_listed(names, self.w),
                    name=p.name(e.proposer),
                    genitive=p.genitive(e.proposer),
                    kind=self.word(f"handling.unseconded.{e.proposal}"),
                )
            )
        elif not e.request:
            out.append(self.unseconded(e))
        return out

    def seconded(self, seconders: list[str]) -> str:
        """ " valtuutettu Y:n kannattamana" / " understödd av ledamoten Y", "" when none."""
        if not seconders:
            return ""
        p = self.people
        names = [p.name(s) for s in seconders]
        genitives = [p.genitive(s) for s in seconders]
        return " " + self.word(
            "handling.seconded.one" if len(seconders) == 1 else "handling.seconded.many",
            name=names[0],
            genitive=genitives[0],
            names=_listed(names, self.w),
            genitives=_listed(genitives, self.w),
        )

    def unseconded(self, e: HandlingEvent) -> str:
        p = self.people
        return self.word(
            "handling.unseconded",
            name=p.name(e.proposer),
            genitive=p.genitive(e.proposer),
            kind=self.word(f"handling.unseconded.{e.proposal}"),
        )

    def vote(self, e: HandlingEvent) -> list[str]:
        w, p = self.word, self.people
        self.vote_number += 1
        numbering = w("handling.vote.numbering").strip()
        if numbering == "meeting":  # a council: "8 äänestys"
            heading = w("handling.vote.numbered", n=self.first_vote + self.vote_number - 1)
        elif self.votes > 1 or numbering == "always":  # a committee: "1 äänestys" for one too
            heading = w("handling.vote.numbered", n=self.vote_number)
        else:
            heading = w("handling.vote.heading")
        out = [heading]
        proposition = w("handling.vote.proposition")
        if proposition.strip():  # "Asian käsittelyn jatko JAA, palautus EI"
            line = proposition.format(
                yes=self.side(e.yes, "handling.vote.side"), no=self.side(e.no, "handling.vote.side")
            )
            out.append(line[:1].upper() + line[1:])
        out.append(
            w("handling.vote.yes", label=self.label(e.yes, e.yes_text))
            + "\n"
            + w("handling.vote.no", label=self.label(e.no, e.no_text))
        )
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
        loser = e.no if winner == e.yes else e.yes
        short = ""
        needs = wish_needs(self.council, self.seats)
        if needs and self.kind_of(winner) == "wish" and max(yes, no) < needs:
            # A council's wish clause needs at least half of the seats (43 of 85).
            winner, loser = loser, winner
            short = " " + w("handling.wish.short", needs=needs, seats=self.seats)
        result = self.adopted(winner, "handling.result", loser, tally=tally) + short
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
        return [self.word(key, names=_listed(names, self.w))] + self.note(e)

    def outcome(self, e: HandlingEvent) -> list[str]:
        what = {"tabled": "tabling", "returned": "return"}.get(
            e.decision, e.decision
        ) or "presenter"
        return [self.adopted(what, "handling.outcome")]


def paragraphs(draft: Draft, words: Vocabulary) -> list[str]:
    """The item's handling text, as Markdown paragraphs in the order of its events."""
    writer = _Writer(draft, words)
    out: list[str] = []
    for n, e in enumerate(writer.events):
        writer.after = writer.events[n + 1 :]
        writer.before = writer.events[n - 1] if n else None
        out += getattr(writer, e.event)(e)
    return [x for x in out if x.strip()]


def text(draft: Draft, words: Vocabulary) -> str:
    return "\n\n".join(paragraphs(draft, words))
