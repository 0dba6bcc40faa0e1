"""The editable tables behind every printed word: vocabulary, organisation profiles, appeals.

They live as JSON in resources/ so that an organisation can change them without touching code.
Each has one home, named here for the code that prints: the vocabulary and the profiles are
drafting.organization, the appeal categories drafting.appeals.
"""

from __future__ import annotations

from drafting.appeals import categories as appeal_categories
from drafting.location import RESOURCES
from drafting.model import LANGUAGES
from drafting.organization import (
    Profile,
    UnknownOrganization,
    organization,
    organization_ids,
    vocabulary,
)

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
