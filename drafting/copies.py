"""Which copy of a document is made, and every rule of what that copy may show.

    FULL     the internal copy: everything; amended decisions as changes when asked
    PUBLIC   for publication: personal data masked, non-public attachments withheld
    WEB      the web pages: masked and withheld as PUBLIC (a page is always public, so its
             file name needs no "(julkinen)")
    EXTRACT  an extract (ote) to a party: the full text (it goes to the parties, not to the
             web), never shown as changes

Masking: a name marked once as personal data (`[Name]{.personal}`, richtext.PERSONAL) is
masked wherever it appears in a masked copy, marked or not: in every field, in the keys of
fields the model does not know, in the printed document, the web page and the draft a Word
document carries. `unmarked` finds the other occurrences, so `check` can warn about them.

drafting.produce applies the policy; nothing else decides what a copy shows.
"""

from __future__ import annotations

import copy as _copy
import dataclasses
import datetime as _dt
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from drafting import draftfile, model, richtext, schema, spelling
from drafting.model import Attachment, Draft


@dataclass(frozen=True)
class Copy:
    name: str  # "full" | "public" | "web" | "extract"
    # Published: personal data masked wherever a marked name appears, and a non-public
    # attachment withheld (its grounds of secrecy for its title, no file).
    masked: bool
    may_show_changes: bool  # amended decisions as their changes from the proposal
    says_public: bool  # its file name says "(julkinen)"
    # Made from the signed original, it says who signed that and when (drafting.signing):
    # the published copies only; the internal one is the original itself.
    says_signers: bool = False

    def shows_changes(self, asked: bool) -> bool:
        """Changes are never public: asked for, they show only in a copy that may show them."""
        return asked and self.may_show_changes


FULL = Copy("full", masked=False, may_show_changes=True, says_public=False)
PUBLIC = Copy("public", masked=True, may_show_changes=False, says_public=True, says_signers=True)
WEB = Copy("web", masked=True, may_show_changes=False, says_public=False, says_signers=True)
EXTRACT = Copy("extract", masked=False, may_show_changes=False, says_public=False)
COPIES = {c.name: c for c in (FULL, PUBLIC, WEB, EXTRACT)}


# --- withholding ------------------------------------------------------------------------


def withheld_title(attachment: Attachment, default: str) -> str:
    """A non-public attachment's title in a copy that withholds it: its grounds of secrecy,
    else the organisation's `default` grounds."""
    return attachment.secrecy.strip() or default


# --- masking ----------------------------------------------------------------------------


def _identifier_fields() -> frozenset[str]:
    """Fields whose values are Pykälä's identifiers or dates, not the user's text: never
    masked (a profile id, a language, a kind or a date that happened to hold a marked name
    would leave the copy unreadable)."""
    names = {"format", "version", "kind", "organization"}
    other = set()  # a name that is the user's text in another class (`proposal`: Item's
    # proposal, a handling event's kind of proposal) is masked
    for cls in vars(model).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            for name, hint in typing.get_type_hints(cls).items():
                kinds = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
                if any(k is _dt.date or typing.get_origin(k) is typing.Literal for k in kinds):
                    names.add(name)
                else:
                    other.add(name)
    return frozenset(names - (other - {"format", "version", "kind", "organization"}))


_IDENTIFIERS = _identifier_fields()


def _model_field_names() -> frozenset[str]:
    names = {"format", "version", "kind"}
    for cls in vars(model).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            names.update(f.name for f in dataclasses.fields(cls) if f.name != "extra")
    return frozenset(names)


FIELD_NAMES = _model_field_names()


def marked_names(value: Any, found: set[str] | None = None) -> set[str]:
    """Every name marked as personal data anywhere in `value` (a draft's JSON, or a string),
    keys included."""
    found = set() if found is None else found
    if isinstance(value, str):
        found.update(m.group(1) for m in richtext.PERSONAL.finditer(value))
    elif isinstance(value, dict):
        for k, v in value.items():
            marked_names(k, found)
            marked_names(v, found)
    elif isinstance(value, list):
        for v in value:
            marked_names(v, found)
    return found


def draft_names(drafts: Iterable[Draft]) -> set[str]:
    """The names marked in any of `drafts` (a meeting's items mask each other's names)."""
    found: set[str] = set()
    for draft in drafts:
        marked_names(draftfile.to_json(draft), found)
    return found


def _ordered(names: Iterable[str], mask: str) -> list[str]:
    """Longest first, so "Matti Meikäläinen" is masked whole before "Matti"."""
    return sorted((n for n in set(names) if n.strip() and n != mask), key=len, reverse=True)


def mask_text(text: str, mask: str, names: list[str]) -> str:
    """`text` with every marked span's name and every other occurrence of `names` masked."""
    text = richtext.PERSONAL.sub(f"[{mask}]{{.personal}}", text)
    for name in names:
        text = text.replace(name, mask)
    return text


def _mask_value(value: Any, mask: str, names: list[str]) -> Any:
    if isinstance(value, str):
        return mask_text(value, mask, names)
    if isinstance(value, dict):
        # Keys too: an unknown field's key is the user's text like any value. A field the
        # model knows keeps its name (it is Pykälä's word, and the draft must stay readable).
        return {
            k if k in FIELD_NAMES else _mask_value(k, mask, names): v
            if k in _IDENTIFIERS
            else _mask_value(v, mask, names)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_mask_value(v, mask, names) for v in value]
    return value


def public_json(draft: Draft, mask: str, secrecy: str, names: Iterable[str] = ()) -> dict:
    """The draft as a masked copy may show it, as JSON: no marked name anywhere in it (nor
    any of `names`, marked elsewhere in the same document), no list of words ignored in
    spelling, a non-public attachment's title replaced by its grounds of secrecy (`secrecy`:
    the organisation's default) and its file name dropped."""
    withheld = _copy.deepcopy(draft)
    for list_path in schema.ATTACHMENT_LISTS:  # the lists the schema says are attachments
        for attachment in schema.rows(withheld, list_path):
            if not attachment.public:
                attachment.title = withheld_title(attachment, secrecy)
                attachment.file = None
    data = draftfile.to_json(withheld)
    # The words ignored in spelling are the draft's own business, often parts of its names.
    data.pop(spelling.IGNORED_KEY, None)
    return _mask_value(data, mask, _ordered(marked_names(data, set(names)), mask))


def masked(draft: Draft, mask: str, secrecy: str, names: Iterable[str] = ()) -> Draft:
    """`public_json` read back as a draft: what a masked copy prints."""
    return draftfile.from_json(public_json(draft, mask, secrecy, names))


# --- what check warns about ---------------------------------------------------------------


def unmarked(fields: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(path, name) for every field among `fields` ((path, text) pairs) in which a name
    marked somewhere among them also appears unmarked: a masked copy masks it there too."""
    fields = list(fields)
    names = _ordered(marked_names([text for _path, text in fields]), "")
    found = []
    for path, text in fields:
        rest = richtext.PERSONAL.sub(" ", text)
        for name in names:
            if name in rest:
                found.append((path, name))
                rest = rest.replace(name, " ")
    return found
