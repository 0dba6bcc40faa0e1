"""The Finnish genitive of a person's name, as handling sentences need it ("Paavo Arhinmäen
vastaehdotus", "Maarit Vierusen ehdotuksesta"): only the last name is inflected, and of a
hyphenated one only its last part (Halla-aho → Halla-ahon). The generated form is a guess a
secretary may correct once per person (`Participant.genitive`, which wins). Swedish names
are not inflected.
"""

from __future__ import annotations

from drafting.model import Participant

VOWELS = "aeiouyäöå"

# Last names ending in a word with consonant gradation or a stem change, longest first:
# the ending and its genitive.
_GRADED = (
    ("lampi", "lammen"),
    ("lahti", "lahden"),
    ("lehti", "lehden"),
    ("niemi", "niemen"),
    ("järvi", "järven"),
    ("jarvi", "jarven"),
    ("salmi", "salmen"),
    ("saari", "saaren"),
    ("vuori", "vuoren"),
    ("koski", "kosken"),
    ("kivi", "kiven"),
    ("mäki", "mäen"),
    ("maki", "maen"),
    ("joki", "joen"),
    ("nki", "ngin"),
    ("kki", "kin"),
    ("ppi", "pin"),
    ("tti", "tin"),
)


def _word(word: str) -> str:
    """The genitive of one word of a name."""
    low = word.lower()
    if not low or not low[-1].isalpha():
        return word
    for ending, genitive in _GRADED:
        if low.endswith(ending):
            stem = word[: len(word) - len(ending)]
            return stem + (genitive.capitalize() if not stem and word[0].isupper() else genitive)
    if low.endswith("nen"):
        return word[:-3] + "sen"  # Virtanen → Virtasen
    if low.endswith(("es", "is")) and len(low) > 2 and low[-3] in VOWELS:
        return word[:-1] + "hen"  # Koulumies → Koulumiehen
    if low[-1] in VOWELS:
        return word + "n"  # Rantala → Rantalan, Männistö → Männistön
    return word + "in"  # Sazonov → Sazonovin, Hamid → Hamidin


def genitive(name: str) -> str:
    """The Finnish genitive of a full name: "Paavo Arhinmäki" → "Paavo Arhinmäen"."""
    name = name.strip()
    if not name:
        return ""
    head, space, last = name.rpartition(" ")
    first_parts, hyphen, tail = last.rpartition("-")
    return f"{head}{space}{first_parts}{hyphen}{_word(tail)}"


def of(participant: Participant) -> str:
    """A participant's genitive: the secretary's correction, else the generated one."""
    return participant.genitive.strip() or genitive(participant.name)


def swedish(name: str) -> str:
    """The Swedish genitive of a full name: an -s, none after s, x or z ("Jussi Halla-ahos",
    "Sirpa Asko-Seljavaaras", "Hans Wallgrens", "Lars Nilsson" → "Lars Nilsson")."""
    name = name.strip()
    if not name or name[-1].lower() in "sxz":
        return name
    return name + "s"
