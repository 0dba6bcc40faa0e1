"""The decision written from the proposal in the past tense (issue 27).

Under "Päätös" real minutes write what was decided: "Kaupunginhallitus päätti hyväksyä …"
for the proposal's "Kaupunginhallitus päättää hyväksyä …", "esitti kaupunginvaltuustolle
seuraavaa:" for "esittää …", "merkitsi tiedoksi" for "merkitsee tiedoksi"; in Swedish
"beslutade", "föreslog", "godkände". Only the body's own sentences change (their subject is
the body, or they continue it: "Samalla kaupunginhallitus …"), and in them only the lead verb
and the verbs coordinated with it; the council's sentence after "esittää kaupunginvaltuustolle
seuraavaa:" stays in the present, and every other character is kept as it was.

The past forms come from a table of the verbs decisions use; a Finnish verb not in it is
recognised by Voikko's analysis (present, third person singular) and its past form is the
candidate Voikko analyses as the same verb's past. The result is an offer: the interface shows
it to the secretary to accept or edit, never applies it silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafting import spelling

# A check's finding whose click opens the offer (checks.Problem.finding).
OFFER = "past_tense"

# (infinitive, present 3rd person singular, past 3rd person singular)
_FI_VERBS: tuple[tuple[str, str, str], ...] = (
    ("päättää", "päättää", "päätti"),
    ("esittää", "esittää", "esitti"),
    ("merkitä", "merkitsee", "merkitsi"),
    ("toimittaa", "toimittaa", "toimitti"),
    ("antaa", "antaa", "antoi"),
    ("oikeuttaa", "oikeuttaa", "oikeutti"),
    ("kehottaa", "kehottaa", "kehotti"),
    ("kumota", "kumoaa", "kumosi"),
    ("valita", "valitsee", "valitsi"),
    ("myöntää", "myöntää", "myönsi"),
    ("hylätä", "hylkää", "hylkäsi"),
    ("panna", "panee", "pani"),
    ("hyväksyä", "hyväksyy", "hyväksyi"),
    ("todeta", "toteaa", "totesi"),
    ("katsoa", "katsoo", "katsoi"),
    ("nimetä", "nimeää", "nimesi"),
    ("asettaa", "asettaa", "asetti"),
    ("vahvistaa", "vahvistaa", "vahvisti"),
    ("lausua", "lausuu", "lausui"),
    ("palauttaa", "palauttaa", "palautti"),
    ("ottaa", "ottaa", "otti"),
    ("ehdottaa", "ehdottaa", "ehdotti"),
    ("siirtää", "siirtää", "siirsi"),
    ("jättää", "jättää", "jätti"),
    ("osoittaa", "osoittaa", "osoitti"),
    ("määrätä", "määrää", "määräsi"),
    ("vapauttaa", "vapauttaa", "vapautti"),
    ("lähettää", "lähettää", "lähetti"),
    ("pyytää", "pyytää", "pyysi"),
    ("edellyttää", "edellyttää", "edellytti"),
    ("varata", "varaa", "varasi"),
    ("tehdä", "tekee", "teki"),
    ("muuttaa", "muuttaa", "muutti"),
    ("perustaa", "perustaa", "perusti"),
    ("ilmoittaa", "ilmoittaa", "ilmoitti"),
    ("myydä", "myy", "myi"),
    ("ostaa", "ostaa", "osti"),
    ("vuokrata", "vuokraa", "vuokrasi"),
    ("sitoutua", "sitoutuu", "sitoutui"),
    ("ryhtyä", "ryhtyy", "ryhtyi"),
    ("lakkauttaa", "lakkauttaa", "lakkautti"),
    ("tarkistaa", "tarkistaa", "tarkisti"),
    ("käsitellä", "käsittelee", "käsitteli"),
    ("myöntyä", "myöntyy", "myöntyi"),
    ("evätä", "epää", "epäsi"),
    ("pitää", "pitää", "piti"),
    ("viitata", "viittaa", "viittasi"),
)

_SV_VERBS: dict[str, str] = {
    "beslutar": "beslutade",
    "föreslår": "föreslog",
    "godkänner": "godkände",
    "antecknar": "antecknade",
    "ger": "gav",
    "konstaterar": "konstaterade",
    "överlämnar": "överlämnade",
    "översänder": "översände",
    "tillsätter": "tillsatte",
    "väljer": "valde",
    "beviljar": "beviljade",
    "upphäver": "upphävde",
    "förkastar": "förkastade",
    "bemyndigar": "bemyndigade",
    "uppmanar": "uppmanade",
    "delger": "delgav",
    "utser": "utsåg",
    "ber": "bad",
    "antar": "antog",
    "fastställer": "fastställde",
    "avslår": "avslog",
    "tar": "tog",
    "lägger": "lade",
    "återremitterar": "återremitterade",
    "hänvisar": "hänvisade",
    "anser": "ansåg",
}

_FI_PAST = {present: past for _inf, present, past in _FI_VERBS}
_FI_INF_PAST = {inf: past for inf, _present, past in _FI_VERBS}

# Words that may stand before the body at a sentence's start ("Samalla kaupunginhallitus …").
_FI_LEADS = {
    "samalla",
    "lisäksi",
    "edelleen",
    "vielä",
    "myös",
    "siten",
    "näin",
    "muutoin",
    "muilta",
}
_SV_LEADS = {"samtidigt", "vidare", "dessutom", "därtill", "även", "också"}

# A sentence starts where a paragraph or line starts (after a list mark) or after . ! ? :
# followed by a space and a capital letter.
_LINE_START = re.compile(r"(?m)^[ \t]*(?:[-*•][ \t]+|\d+[.)][ \t]+)?")
_AFTER_STOP = re.compile(r"[.!?:][ \t]+(?=[A-ZÅÄÖ])")
_WORD = re.compile(r"[\wÅÄÖåäö-]+")
# Where a coordinated verb may follow: "… ja toimittaa …", "… sekä antaa …", "…, kehottaa".
_FI_JOINS = re.compile(r"(?:\bja|\bsekä|,)[ \t]+$")
_SV_JOINS = re.compile(r"(?:\boch|\bsamt|,)[ \t]+$")


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def _sentence_starts(text: str) -> list[int]:
    starts = {m.end() for m in _LINE_START.finditer(text)}
    starts |= {m.end() for m in _AFTER_STOP.finditer(text)}
    return sorted(s for s in starts if s < len(text))


def _sentence_end(text: str, start: int, starts: list[int]) -> int:
    later = [s for s in starts if s > start]
    return later[0] if later else len(text)


def _words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, start, end))


def _with_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _fi_past_by_voikko(word: str) -> str | None:
    """The past form of a present 3rd person singular Finnish verb Voikko knows, or None."""
    lower = word.lower()
    bases = {
        a.get("BASEFORM")
        for a in spelling.analyze(lower)
        if a.get("CLASS") == "teonsana"
        and a.get("MOOD") == "indicative"
        and a.get("TENSE") == "present_simple"
        and a.get("PERSON") == "3"
        and a.get("NUMBER") == "singular"
    }
    if not bases or len(lower) < 3 or lower[-1] != lower[-2]:
        return None
    stem = lower[:-2]
    candidates = [stem + "i", stem + "oi", lower[:-1] + "si", stem + "si", lower[:-1] + "i"]
    for candidate in candidates:
        for a in spelling.analyze(candidate):
            if (
                a.get("BASEFORM") in bases
                and a.get("TENSE") == "past_imperfective"
                and a.get("PERSON") == "3"
                and a.get("NUMBER") == "singular"
            ):
                return _with_case(candidate, word)
    return None


def _fi_past(word: str) -> str | None:
    past = _FI_PAST.get(word.lower())
    if past is not None:
        return _with_case(past, word)
    return _fi_past_by_voikko(word)


def _sv_past(word: str) -> str | None:
    past = _SV_VERBS.get(word.lower())
    return _with_case(past, word) if past is not None else None


def _lead_verb(words: list[re.Match[str]], names: list[str], language: str) -> re.Match[str] | None:
    """The sentence's lead verb when its subject is the body (`names`, the body's words),
    else None: "Kaupunginhallitus päättää", "Samalla kaupunginhallitus päättää",
    "Stadsstyrelsen beslutar", "Samtidigt beslutar stadsstyrelsen"."""
    lowered = [w.group().lower() for w in words[:8]]
    body = [n.lower() for n in names]
    leads = _SV_LEADS if language == "sv" else _FI_LEADS
    if language == "sv" and len(lowered) > 2 and lowered[0] in leads and lowered[2] == body[-1]:
        return words[1]  # inverted
    index = 1 if lowered and lowered[0] in leads else 0
    # the body's name, word by word ("Ympäristö- ja lupajaosto"), the first one capitalised
    # or not ("Samalla kaupunginhallitus")
    for size in range(1, len(body) + 1):
        if lowered[index : index + size] == body[-size:] and len(lowered) > index + size:
            return words[index + size]
    return None


def _coordinated(
    text: str, words: list[re.Match[str]], after: int, joins: re.Pattern[str]
) -> list[re.Match[str]]:
    """The words after `after` that follow "ja"/"sekä"/a comma (candidates for verbs
    coordinated with the lead verb)."""
    found = []
    for word in words:
        if word.start() <= after:
            continue
        line_start = text.rfind("\n", 0, word.start()) + 1
        if joins.search(text, line_start, word.start()):
            found.append(word)
    return found


def _fi_edits(text: str, words: list[re.Match[str]], verb: re.Match[str]) -> list[_Edit]:
    past = _fi_past(verb.group())
    if past is None:
        return []
    following = [w for w in words if w.start() > verb.start()]
    # "päättää merkitä tiedoksi … ja toimittaa …" is written "merkitsi tiedoksi … ja
    # toimitti …": noting is no decision (the published minutes, kh 22.11.2021 § 885).
    if (
        verb.group().lower() == "päättää"
        and len(following) > 1
        and following[0].group().lower() == "merkitä"
        and following[1].group().lower() == "tiedoksi"
    ):
        edits = [_Edit(verb.start(), following[0].end(), _with_case("merkitsi", verb.group()))]
        for word in _coordinated(text, words, following[1].end(), _FI_JOINS):
            inf_past = _FI_INF_PAST.get(word.group().lower())
            if inf_past is not None:
                edits.append(_Edit(word.start(), word.end(), inf_past))
        return edits
    edits = [_Edit(verb.start(), verb.end(), past)]
    if verb.group().lower() == "päättää":
        # "päätti hyväksyä … ja antaa …": the infinitives stay.
        return edits
    for word in _coordinated(text, words, verb.end(), _FI_JOINS):
        coordinated = _FI_PAST.get(word.group().lower())
        if coordinated is not None:
            edits.append(_Edit(word.start(), word.end(), coordinated))
    return edits


def _sv_edits(text: str, words: list[re.Match[str]], verb: re.Match[str]) -> list[_Edit]:
    past = _sv_past(verb.group())
    if past is None:
        return []
    edits = [_Edit(verb.start(), verb.end(), past)]
    if verb.group().lower() in {"beslutar", "föreslår"}:
        return edits  # "beslutade godkänna … och ge …": the infinitives stay
    for word in _coordinated(text, words, verb.end(), _SV_JOINS):
        coordinated = _SV_VERBS.get(word.group().lower())
        if coordinated is not None:
            edits.append(_Edit(word.start(), word.end(), coordinated))
    return edits


def body_of(text: str) -> str:
    """The body whose proposal this is: the first word of the text when a decision verb
    follows it ("Kaupunginhallitus päättää …"), else ""."""
    words = _WORD.findall(text[:200])
    if len(words) > 1 and (_sv_past(words[1]) or _fi_past(words[1])):
        return words[0]
    return ""


def past_tense(text: str, language: str = "fi", body: str = "") -> str:
    """The decision written from the proposal `text` in the past tense.

    `body` is the deciding body ("Kaupunginhallitus", "Stadsstyrelsen"); left empty, the
    first sentence's subject when a decision verb follows it. Text that is not the body's
    own sentence is returned as it is."""
    # A multi-word body ("Kaupunkiympäristölautakunnan ympäristö- ja lupajaosto") is
    # recognised by its last word, the one the sentence's verb follows.
    names = _WORD.findall(body or body_of(text))
    if not names:
        return text
    starts = _sentence_starts(text)
    edits: list[_Edit] = []
    for start in starts:
        end = _sentence_end(text, start, starts)
        words = _words(text, start, end)
        verb = _lead_verb(words, names, language)
        if verb is None:
            continue
        if language == "sv":
            edits += _sv_edits(text, words, verb)
        else:
            edits += _fi_edits(text, words, verb)
    result = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        result = result[: edit.start] + edit.text + result[edit.end :]
    return result


def offers_change(text: str, language: str = "fi", body: str = "") -> bool:
    """Whether the proposal has a lead verb in the present tense to write in the past."""
    return past_tense(text, language, body) != text
