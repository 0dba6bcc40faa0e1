"""The editable tables behind every printed word: vocabulary, organisation profiles, appeals.

They live as JSON in resources/ so that an organisation can change them without touching code.
Each has one home, named here for the code that prints: the vocabulary and the profiles are
drafting.organization, the appeal categories drafting.appeals.
"""

from __future__ import annotations

from drafting import i18n, schema
from drafting.appeals import categories as appeal_categories
from drafting.appeals import interface_label
from drafting.i18n import _
from drafting.location import RESOURCES
from drafting.model import LANGUAGES
from drafting.organization import (
    Profile,
    UnknownOrganization,
    organization,
    organization_ids,
    vocabulary,
)


def _appeal_options() -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = [(_("(not chosen)"), "")]
    for key in appeal_categories():
        items.append((interface_label(key, i18n.language()), key))
    return items


def _organization_options() -> list[tuple[str, object]]:
    return [(organization(o).name("fi"), o) for o in organization_ids()]


schema.CATALOGUE_OPTIONS[schema.APPEAL] = _appeal_options
schema.CATALOGUE_OPTIONS[schema.ORGANIZATION] = _organization_options

# The profile as the renderer calls it: one class, drafting.organization.Profile.
Organization = Profile

__all__ = [
    "LANGUAGES",
    "Organization",
    "RESOURCES",
    "UnknownOrganization",
    "appeal_categories",
    "organization",
    "organization_ids",
    "vocabulary",
]
