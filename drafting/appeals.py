"""The appeal instructions as they print: the texts of resources/appeals.json filled in with
the organisation's own data (its profile's `appeal` part: the registry office, the
administrative court, the market court, the procurement unit) and the item's own (the
fields drafting.schema declares with a placeholder).

A text names what it needs as `{registry.email}` (the profile) or `{item.<field>}` (the
draft: a field's path). A value that is not given prints as its bracketed placeholder ("[kirjaamon
sähköpostiosoite]"), and drafting.checks reports it naming the field to fill; any other
"[…]" left in a printed text is reported too. Here and only here is decided what fills them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from drafting import schema
from drafting.i18n import _
from drafting.location import RESOURCES

TOKEN = re.compile(r"\{([a-z_]+\.[a-z_]+)\}")
# What a reader would take for a blank to fill: "[kirjaamon postiosoite]", "[ ... ]".
BLANK = re.compile(r"\[[^\[\]\n]*\]")


@dataclass(frozen=True)
class Field:
    key: str  # "registry.email": the profile's appeal.registry.email; "item.…": a draft's field
    what: Callable[[], str]  # in the user's language: "the registry office's e-mail address"
    placeholder: dict[str, str]  # what prints while it is missing, per document language
    shared: bool = False  # one value for both languages (an e-mail address, a phone number)


# The profile's appeal data, in the order the editor shows them.
PROFILE_FIELDS = (
    Field(
        "registry.name",
        lambda: _("the registry office's name"),
        {"fi": "kirjaamon nimi", "sv": "registratorskontorets namn"},
    ),
    Field(
        "registry.postal_address",
        lambda: _("the registry office's postal address"),
        {"fi": "kirjaamon postiosoite", "sv": "registratorskontorets postadress"},
    ),
    Field(
        "registry.visiting_address",
        lambda: _("the registry office's visiting address"),
        {"fi": "kirjaamon käyntiosoite", "sv": "registratorskontorets besöksadress"},
    ),
    Field(
        "registry.email",
        lambda: _("the registry office's e-mail address"),
        {"fi": "kirjaamon sähköpostiosoite", "sv": "registratorskontorets e-postadress"},
        shared=True,
    ),
    Field(
        "registry.phone",
        lambda: _("the registry office's phone number"),
        {"fi": "kirjaamon puhelinnumero", "sv": "registratorskontorets telefonnummer"},
        shared=True,
    ),
    Field(
        "registry.hours",
        lambda: _("the registry office's opening hours"),
        {"fi": "kirjaamon aukioloaika", "sv": "registratorskontorets öppettid"},
    ),
    Field(
        "administrative_court.name",
        lambda: _("the administrative court's name"),
        {"fi": "hallinto-oikeus", "sv": "förvaltningsdomstol"},
    ),
    Field(
        "administrative_court.address",
        lambda: _("the administrative court's address"),
        {"fi": "hallinto-oikeuden osoite", "sv": "förvaltningsdomstolens adress"},
    ),
    Field(
        "administrative_court.email",
        lambda: _("the administrative court's e-mail address"),
        {
            "fi": "hallinto-oikeuden sähköpostiosoite",
            "sv": "förvaltningsdomstolens e-postadress",
        },
        shared=True,
    ),
    Field(
        "administrative_court.phone",
        lambda: _("the administrative court's phone number"),
        {"fi": "hallinto-oikeuden puhelinnumero", "sv": "förvaltningsdomstolens telefonnummer"},
        shared=True,
    ),
    Field(
        "market_court.name",
        lambda: _("the market court's name"),
        {"fi": "markkinaoikeus", "sv": "marknadsdomstolen"},
    ),
    Field(
        "market_court.address",
        lambda: _("the market court's address"),
        {"fi": "markkinaoikeuden osoite", "sv": "marknadsdomstolens adress"},
    ),
    Field(
        "market_court.email",
        lambda: _("the market court's e-mail address"),
        {"fi": "markkinaoikeuden sähköpostiosoite", "sv": "marknadsdomstolens e-postadress"},
        shared=True,
    ),
    Field(
        "market_court.phone",
        lambda: _("the market court's phone number"),
        {"fi": "markkinaoikeuden puhelinnumero", "sv": "marknadsdomstolens telefonnummer"},
        shared=True,
    ),
    Field(
        "procurement_unit.name",
        lambda: _("the procurement unit's name"),
        {"fi": "hankintayksikön nimi", "sv": "den upphandlande enhetens namn"},
    ),
    Field(
        "procurement_unit.address",
        lambda: _("the procurement unit's postal address"),
        {"fi": "hankintayksikön postiosoite", "sv": "den upphandlande enhetens postadress"},
    ),
    Field(
        "procurement_unit.email",
        lambda: _("the procurement unit's e-mail address"),
        {
            "fi": "hankintayksikön sähköpostiosoite",
            "sv": "den upphandlande enhetens e-postadress",
        },
        shared=True,
    ),
)
# The item's own: the fields drafting.schema gives a placeholder, by their paths.
ITEM_FIELDS = {
    f.path: Field(f.path, f.subject, f.placeholder) for f in schema.FIELDS if f.placeholder
}
FIELDS = {f.key: f for f in (*PROFILE_FIELDS, *ITEM_FIELDS.values())}
GROUPS = tuple(dict.fromkeys(f.key.split(".")[0] for f in PROFILE_FIELDS))


def profile_value(data: dict, key: str, language: str) -> str:
    """The profile's `appeal.<key>` in `language` ("" when not given): a text per language
    ({"fi": …, "sv": …}) or one for both (an e-mail address, a phone number)."""
    group, name = key.split(".")
    part = data.get("appeal", {})
    if isinstance(part, dict) and isinstance(part.get(group), dict):
        value = part[group].get(name)
    else:
        value = None
    if isinstance(value, dict):
        value = value.get(language)
    return value.strip() if isinstance(value, str) else ""


def _escaped(value: str) -> str:
    """A value as text on its line, not as formatting: `*`, `_` and `\\` print as typed, a
    line break as a space."""
    return re.sub(r"([\\*_])", r"\\\1", " ".join(value.split()))


@dataclass(frozen=True)
class Instructions:
    key: str  # the category
    heading: str
    text: str  # Markdown, ready for richtext.parse
    missing: tuple[str, ...]  # the FIELDS keys that print as their placeholders
    blanks: tuple[str, ...]  # every "[…]" left in the printed text, placeholders included


@cache
def categories() -> dict[str, dict]:
    """The appeal categories of resources/appeals.json: labels and instruction texts."""
    text = (RESOURCES / "appeals.json").read_text(encoding="utf-8")
    return json.loads(text)["categories"]


_categories = categories  # what this module reads them through (a test replaces it)


def instructions(
    key: str, org: dict, language: str, item: dict[str, str] | None = None
) -> Instructions | None:
    """The full instructions of category `key` in `language`, filled in from the profile's
    data `org` and the item's values `item` (by path: schema.appeal_values); None when the
    catalogue has none for it."""
    text = _categories().get(key, {}).get("instructions", {}).get(language)
    if not text:
        return None
    missing: list[str] = []

    def fill(match: re.Match) -> str:
        name = match.group(1)
        field = FIELDS.get(name)
        if field is None:  # a token of no known field prints as a blank to fill
            return f"[{name}]"
        if name in ITEM_FIELDS:
            value = (item or {}).get(name, "").strip()
        else:
            value = profile_value(org, name, language)
        if value:
            return _escaped(value)
        if name not in missing:
            missing.append(name)
        return f"[{field.placeholder.get(language, name)}]"

    filled = TOKEN.sub(fill, text["text"])
    return Instructions(key, text["heading"], filled, tuple(missing), tuple(BLANK.findall(filled)))


def item_tokens(key: str) -> tuple[str, ...]:
    """The item's fields (paths) that category `key`'s instructions name, in order."""
    texts = _categories().get(key, {}).get("instructions", {}).values()
    found = [
        name
        for t in texts
        if isinstance(t, dict)
        for name in TOKEN.findall(t.get("text", ""))
        if name in ITEM_FIELDS
    ]
    return tuple(dict.fromkeys(found))


def label(key: str, language: str) -> str:
    """The category's label as a document in `language` prints it ("" if unknown)."""
    category = _categories().get(key)
    return category["label"].get(language, "") if category else ""


def interface_label(key: str, language: str) -> str:
    """The category's name in the interface language: its own label in Finnish and Swedish,
    its English one in English (the Finnish one if the catalogue lacks it)."""
    names = _categories().get(key, {}).get("label", {})
    return names.get(language) or names.get("fi") or key
