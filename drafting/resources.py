"""The editable tables behind every printed word: vocabulary, organisation profiles, appeals.

They live as JSON in resources/ so that an organisation can change them without touching code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from drafting.location import RESOURCES

LANGUAGES = ("fi", "sv")


class UnknownOrganization(LookupError):
    pass


@cache
def _json(relative: str) -> dict:
    return json.loads((RESOURCES / relative).read_text(encoding="utf-8"))


def vocabulary(language: str) -> dict[str, str]:
    return _json("vocabulary.json")[language]


def organization_ids() -> list[str]:
    return sorted(p.stem for p in (RESOURCES / "organizations").glob("*.json"))


@dataclass(frozen=True)
class Organization:
    id: str
    data: dict

    def name(self, language: str) -> str:
        return self.data["name"][language]

    def body(self, body: str, language: str) -> str:
        """A body's name in the document language ("Kaupunginhallitus" → "Stadsstyrelsen")."""
        return self.data.get("bodies", {}).get(body, {}).get(language, body)

    def email(self, address: str) -> str:
        return address.replace("@", self.data.get("email_at", "@"))

    def word(self, language: str, key: str) -> str:
        own = self.data.get("vocabulary", {}).get(language, {})
        return own.get(key) or vocabulary(language)[key]


def organization(org_id: str) -> Organization:
    if org_id not in organization_ids():
        raise UnknownOrganization(org_id)
    return Organization(org_id, _json(f"organizations/{org_id}.json"))


def appeal_categories() -> dict[str, dict]:
    return _json("appeals.json")["categories"]
