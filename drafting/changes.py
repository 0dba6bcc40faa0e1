"""How a decision differs from its proposal, word by word.

The texts are compared as plain paragraphs (formatting aside): words, spaces and punctuation
are tokens, paragraph breaks are tokens too, and difflib's longest matching blocks give what
was deleted and inserted. The decision window shows the result, and the minutes can print it.

A decision "as proposed" usually restates the proposal in the past tense ("päättää merkitä"
→ "merkitsi", "esittää" → "esitti"): `substantive` leaves such verb changes out, so that the
check warns only about a real difference.
"""

from __future__ import annotations

import difflib
import os
import re
from typing import Literal

from drafting import richtext

Change = Literal["", "ins", "del"]
Segment = tuple[Change, str]  # ("", "unchanged text"), ("ins", "added"), ("del", "removed")

_TOKEN = re.compile(r"\n\n|\w+|\s+|[^\w\s]")
_BREAK = "\n\n"
# The decision verbs a restated proposal drops ("Kaupunginhallitus päättää merkitä …" →
# "Kaupunginhallitus merkitsi …").
_DECIDE = {"päättää", "päätti", "beslutar", "beslöt", "beslutade", "besluta"}
_STEM = 4  # a changed word that keeps its first letters is the same verb in another tense
# Finnish consonant gradation changes a verb's stem between the infinitive and the past
# tense ("todeta" → "totesi", "hylätä" → "hylkäsi", "tehdä" → "teki"): the weak and strong
# grades are written alike before stems are compared, and doubled consonants as one.
_GRADES = str.maketrans({"d": "t", "v": "p", "g": "k"})
_DOUBLED = re.compile(r"([^aeiouyäöå])\1")


def _paragraphs(text: str) -> str:
    """The rich text as plain paragraphs joined by blank lines."""
    blocks = richtext.parse(text)
    paragraphs = ["".join(run["text"] for run in block["runs"]).strip() for block in blocks]
    return _BREAK.join(p for p in paragraphs if p)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def compare(proposal: str, decision: str) -> list[list[Segment]]:
    """The decision's paragraphs, each a list of segments: unchanged, inserted (in the
    decision only) and deleted (in the proposal only). A paragraph break the decision
    dropped joins the paragraphs."""
    old, new = _tokens(_paragraphs(proposal)), _tokens(_paragraphs(decision))
    paragraphs: list[list[Segment]] = [[]]

    def add(change: Change, tokens: list[str]) -> None:
        for token in tokens:
            if token == _BREAK:
                if change != "del":
                    paragraphs.append([])
                continue
            current = paragraphs[-1]
            if current and current[-1][0] == change:
                current[-1] = (change, current[-1][1] + token)
            else:
                current.append((change, token))

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            add("", new[b1:b2])
        else:
            add("del", old[a1:a2])  # a replacement: the old words, then the new
            add("ins", new[b1:b2])
    return [p for p in paragraphs if p]


def _words(text: str) -> list[str]:
    return [t.casefold() for t in _tokens(text) if t.strip() and t != _BREAK and t[0].isalnum()]


def substantive(proposal: str, decision: str) -> list[str]:
    """The words that differ beyond restating the proposal as done: the decision verb
    dropped, and a verb's tense changed (the same first letters). Empty when the decision
    says what the proposal said."""
    old, new = _words(_paragraphs(proposal)), _words(_paragraphs(decision))
    found: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        removed = [w for w in old[a1:a2] if w not in _DECIDE]
        added = [w for w in new[b1:b2] if w not in _DECIDE]
        for word in list(removed):
            twin = next((w for w in added if _same_verb(word, w)), None)
            if twin is not None:
                removed.remove(word)
                added.remove(twin)
        found += removed + added
    return found


def _graded(word: str) -> str:
    return _DOUBLED.sub(r"\1", word.replace("hd", "k").translate(_GRADES))


def _same_verb(old: str, new: str) -> bool:
    """Whether `new` is `old` in another tense: the same first letters, or a Finnish
    infinitive ("todeta", "hyväksyä") and its past tense ("totesi", "hyväksyi"), whose stem
    may change by consonant gradation."""
    if old[:_STEM] == new[:_STEM]:
        return True
    if not (old[-1:] in ("a", "ä") and new[-1:] == "i"):
        return False
    infinitive, past = _graded(old), _graded(new)
    stem = infinitive[:-1].removesuffix("t")  # todeta → tote, hylätä → hylä, tehdä → tek
    shared = len(os.path.commonprefix([infinitive, past]))
    # A short stem may change in its last letter ("otta-" → "otti"), a long one in two
    # ("myöntä-" → "myönsi"); never fewer than two letters agree.
    return shared >= max(2, len(stem) - 1 if len(stem) <= 4 else max(4, len(stem) - 2))
