"""The Finnish genitive of names (drafting.genitive), with the names of the published
handling texts (shared acceptance samples and HANDLING.md) and the rules' other cases."""

from __future__ import annotations

import pytest

from drafting import genitive
from drafting.model import Participant


@pytest.mark.parametrize(
    "name, expected",
    [
        # As published in the samples and in HANDLING.md.
        ("Paavo Arhinmäki", "Paavo Arhinmäen"),
        ("Mika Raatikainen", "Mika Raatikaisen"),
        ("Lasse Männistö", "Lasse Männistön"),
        ("Marcus Rantala", "Marcus Rantalan"),
        ("Daniel Sazonov", "Daniel Sazonovin"),
        ("Maarit Vierunen", "Maarit Vierusen"),
        ("Jussi Halla-aho", "Jussi Halla-ahon"),
        # The rules' other cases.
        ("Anni Sinnemäki", "Anni Sinnemäen"),
        ("Anna Mäki", "Anna Mäen"),
        ("Ville Kivilahti", "Ville Kivilahden"),
        ("Sari Kuusiniemi", "Sari Kuusiniemen"),
        ("Olli Pitkäjärvi", "Olli Pitkäjärven"),
        ("Eero Heinäluoma-Hanki", "Eero Heinäluoma-Hangin"),
        ("Pia Lukki", "Pia Lukin"),
        ("Matti Koulumies", "Matti Koulumiehen"),
        ("Amir Hamid", "Amir Hamidin"),
        ("Eva Biaudet", "Eva Biaudetin"),
        ("Anna Virtanen", "Anna Virtasen"),
        ("Sanna", "Sannan"),
        ("", ""),
    ],
)
def test_the_genitive_of_a_name(name, expected):
    assert genitive.genitive(name) == expected


def test_the_secretarys_correction_wins():
    assert genitive.of(Participant(name="Jaakko Stauffer")) == "Jaakko Staufferin"
    corrected = Participant(name="Jaakko Stauffer", genitive="Jaakko Stauffer’n")
    assert genitive.of(corrected) == "Jaakko Stauffer’n"
