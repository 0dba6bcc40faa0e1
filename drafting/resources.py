"""The editable tables behind every printed word: vocabulary, organisation profiles, appeals.

They live as JSON in resources/ so that an organisation can change them without touching code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from drafting import profiles
from drafting.i18n import _
from drafting.location import RESOURCES

LANGUAGES = ("fi", "sv")


class UnknownOrganization(LookupError):
    """A draft names an organisation no profile describes (or whose user profile is broken);
    its text is for users."""

    def __init__(self, org_id: str, problems: list[str] | None = None) -> None:
        self.org_id = org_id
        self.problems = problems or []
        super().__init__(org_id)

    def __str__(self) -> str:
        if self.problems:
            return _(
                'The profile of the organisation "{id}" cannot be used: {problems}. Correct it in '
                "Settings → Organisations"
            ).format(id=self.org_id, problems="; ".join(self.problems))
        return _(
            'The organisation "{id}" named in the draft is not known: add its profile in '
            "Settings → Organisations, or choose another organisation"
        ).format(id=self.org_id)


@cache
def _json(relative: str) -> dict:
    return json.loads((RESOURCES / relative).read_text(encoding="utf-8"))


def vocabulary(language: str) -> dict[str, str]:
    return _json("vocabulary.json")[language]


def organization_ids() -> list[str]:
    """The built-in profiles and the user's own (drafting.profiles), sorted."""
    return list(profiles.catalogue().profiles)


@dataclass(frozen=True)
class Organization:
    id: str
    data: dict
    template: Path | None = None  # the profile's own Word template, if it has one

    def name(self, language: str) -> str:
        return self.data["name"][language]

    def body(self, body: str, language: str) -> str:
        """A body's name in the document language ("Kaupunginhallitus" → "Stadsstyrelsen")."""
        return self.data.get("bodies", {}).get(body, {}).get(language, body)

    def email(self, address: str) -> str:
        return address.replace("@", self.data.get("email_at", "@"))

    def spelling_words(self, language: str) -> list[str]:
        """Words the organisation's documents use that no dictionary knows (its bodies,
        places, partners): known to the spelling check in that document language."""
        words = self.data.get("spelling_words", {}).get(language, [])
        return [w for w in words if isinstance(w, str)]

    def word(self, language: str, key: str) -> str:
        own = self.data.get("vocabulary", {}).get(language, {})
        return own.get(key) or vocabulary(language)[key]


def organization(org_id: str) -> Organization:
    found = profiles.catalogue()
    profile = found.profiles.get(org_id)
    if profile is None:
        raise UnknownOrganization(org_id, found.broken(org_id))
    return Organization(org_id, profile.data, profile.template)


def appeal_categories() -> dict[str, dict]:
    return _json("appeals.json")["categories"]
