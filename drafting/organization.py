"""An organisation's profile and where profiles are found: the built-in ones in
resources/organizations/ and the user's own in the data folder (`<data>/organizations/*.json`),
the user's winning on the same id.

A profile is checked field by field when it is read; a broken user profile is left out with
its problems named (the built-in one of the same id, if any, is used), never a crash. A
profile may name its own Word template, which is checked against drafting.template_contract.

This module is below the renderer (drafting.render reads profiles through it); what writes
profiles, and the trial render an imported template must pass, is drafting.profiles.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import os
import re
import sys
import time
import typing
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from drafting import appeals, draftfile, files, i18n, template_contract, zipparts
from drafting.i18n import _
from drafting.location import RESOURCES
from drafting.model import LANGUAGES, Language

BUILTIN_FOLDER = RESOURCES / "organizations"
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")
FOOTER_COLUMNS = 5  # the columns of the template's footer table
# Who signs (drafting.signing): the minutes' signers, each once, in the profile's
# `signing.order`; an extract's, in `signing.extract_order` ("certifier": whom the extract
# names as certifying it, by default the secretary).
SIGNING_ROLES = ("checkers", "chair", "secretary")
EXTRACT_SIGNING_ROLES = ("certifier", "secretary", "chair")


@cache
def vocabulary(language: str) -> dict[str, str]:
    """The words every document prints (resources/vocabulary.json), which a profile may
    change (its `vocabulary`)."""
    path = RESOURCES / "vocabulary.json"
    return json.loads(path.read_text(encoding="utf-8"))[language]


def data_root() -> Path:
    """The per-user data folder, where Qt's AppDataLocation puts it for Pykala/Pykälä (without
    Qt: drafting/ never imports it)."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "Pykala" / "Pykälä"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Pykala" / "Pykälä"
    base = os.environ.get("XDG_DATA_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "Pykala" / "Pykälä"


def user_folder() -> Path:
    """Where the user's profiles live: `$PYKALA_ORGANIZATIONS`, else the data folder's
    `organizations/`."""
    override = os.environ.get("PYKALA_ORGANIZATIONS")
    return Path(override) if override else data_root() / "organizations"


@dataclass(frozen=True)
class Profile:
    """One organisation's profile: its id, its data as the file gives it (`data`, the JSON
    format of resources/organizations/, which the editor edits and export writes), the same
    typed (`file`), where it was read and whether it is built in."""

    id: str
    data: dict
    path: Path
    builtin: bool = True

    @cached_property
    def file(self) -> ProfileFile:
        """The data as the drafts' reader types it (a part it cannot read is left out)."""
        return draftfile.read_as(ProfileFile, self.data)[0]

    @property
    def template(self) -> Path | None:
        """The profile's own Word template, beside it; None: ours."""
        name = self.file.template
        return (self.path.parent / name) if name else None

    def name(self, language: str) -> str:
        return self.file.name[typing.cast(Language, language)]

    def body(self, body: str, language: str) -> str:
        """A body's name in the document language ("Kaupunginhallitus" → "Stadsstyrelsen")."""
        return self.file.bodies.get(body, {}).get(typing.cast(Language, language), body)

    def body_word(self, body: str, language: str, key: str) -> str | None:
        """The word one body prints for `key` (`body_vocabulary`: a board's section names
        itself "Jaosto" in its handling), or None when it uses the organisation's."""
        own = self.file.body_vocabulary.get(body, {}).get(typing.cast(Language, language), {})
        return own.get(key) or None

    def email(self, address: str) -> str:
        return address.replace("@", self.file.email_at)

    def spelling_words(self, language: str) -> list[str]:
        """Words the organisation's documents use that no dictionary knows (its bodies,
        places, partners): known to the spelling check in that document language."""
        return self.file.spelling_words.get(typing.cast(Language, language), [])

    def word(self, language: str, key: str, day: _dt.date | None = None) -> str:
        """The word for `key`; for a document dated `day`, the wording of that time if the
        profile keeps one (`vocabulary_until`)."""
        lang = typing.cast(Language, language)
        if day is not None:
            for until, words in sorted(self.file.vocabulary_until.items()):
                word = words.get(lang, {}).get(key)
                if word and until[:1].isdigit() and day.isoformat() <= until:
                    return word
        own = self.file.vocabulary.get(lang, {})
        return own.get(key) or vocabulary(language)[key]


@dataclass(frozen=True)
class Catalogue:
    """Every usable profile by id, and the problems of each file that could not be used."""

    profiles: dict[str, Profile]
    problems: dict[Path, list[str]] = field(default_factory=dict)

    def broken(self, org_id: str) -> list[str]:
        """The problems of the user's file for `org_id`, if it is broken."""
        for path, problems in self.problems.items():
            if path.stem == org_id:
                return problems
        return []


class ProfileError(ValueError):
    """A profile that cannot be saved, imported or used; `problems` name each bad field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


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


# --- the profile's file, typed ------------------------------------------------------------
#
# Read by the drafts' one walker (drafting.draftfile.read_as), so that every problem of a
# type, a date, a language or an empty text names its field (`appeal.registry.email: …`) in
# the drafts' words; `validate` adds only what no type says (the id, footer labels, words
# the documents print, the template).

# One text for every document language ("helsinki.kirjaamo@hel.fi"), or one per language.
OneOrPerLanguage = str | dict[Language, str]
_FILLED = {"filled": True}  # given, it must be filled in (every language of a per-language text)


def _extra() -> Any:
    return field(default_factory=dict, repr=False)


@dataclass
class FooterCell:
    """A cell of the footer table: a label (a "footer.<label>" word) or a text."""

    label: str | None = None
    text: OneOrPerLanguage | None = field(default=None, metadata=_FILLED)
    until: _dt.date | None = None  # left out of documents dated after it
    extra: dict = _extra()


def _not_appeal_data() -> str:
    return _("{field}: is not a part of the appeal data; known: {known}")


def _appeal_types() -> type:
    """The `appeal` part as drafting.appeals declares it: its groups (registry, courts…),
    each of its fields one text or one per language; a key it does not know is refused."""
    refuse = {"UNKNOWN": staticmethod(_not_appeal_data)}
    groups = []
    for group in appeals.GROUPS:
        keys = [f.key for f in appeals.PROFILE_FIELDS if f.key.startswith(f"{group}.")]
        names = [key.split(".")[1] for key in keys]
        fields: list[Any] = [(n, OneOrPerLanguage | None, field(default=None)) for n in names]
        fields.append(("extra", dict, _extra()))
        groups.append((group, dataclasses.make_dataclass(group, fields, namespace=refuse)))
    fields = [(g, cls | None, field(default=None)) for g, cls in groups]
    fields.append(("extra", dict, _extra()))
    return dataclasses.make_dataclass("AppealData", fields, namespace=refuse)


if typing.TYPE_CHECKING:
    AppealData = Any
else:
    AppealData = _appeal_types()


@dataclass
class SigningData:
    """How the minutes are signed (drafting.signing): who signs first ("checkers", "chair",
    "secretary", each once), who signs an extract ("certifier", "secretary", "chair"), the
    timestamp server (RFC 3161; none: the signer's clock) and the certificates verification
    trusts (PEM or DER files beside the profile)."""

    order: list[str] = field(default_factory=lambda: list(SIGNING_ROLES))
    extract_order: list[str] = field(default_factory=lambda: ["certifier"])
    timestamp_url: str | None = None
    trust_roots: list[str] = field(default_factory=list)
    extra: dict = _extra()


@dataclass
class ProfileFile:
    """A profile's JSON (resources/organizations/*.json) as the reader types it."""

    id: str | None = None
    name: dict[Language, str] = field(default_factory=dict, metadata=_FILLED)
    email_at: str = field(default="@", metadata=_FILLED)
    spelling_words: dict[Language, list[str]] = field(default_factory=dict)
    bodies: dict[str, dict[Language, str]] = field(default_factory=dict)  # and in other languages
    footer: list[list[FooterCell]] = field(default_factory=list)  # columns of cells
    vocabulary: dict[Language, dict[str, str]] = field(default_factory=dict)
    # Words printed in documents dated up to and including a day ("2016-12-31"): an era's
    # wording (Helsinki's minutes of 2016 printed "Äänestys:" and empty vote groups).
    vocabulary_until: dict[str, dict[Language, dict[str, str]]] = field(
        default_factory=dict, metadata={"optional": True}
    )
    # One body's own words over the organisation's, by the body's name as the meeting gives
    # it: {"Kaupunginhallituksen konsernijaosto": {"fi": {"handling.body": "Konsernijaosto"}}}.
    body_vocabulary: dict[str, dict[Language, dict[str, str]]] = field(
        default_factory=dict, metadata={"optional": True}
    )
    appeal: AppealData | None = None
    template: str | None = None
    signing: SigningData | None = None
    extra: dict = _extra()


def _quote(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _footer_problems(footer: object, problems: list[str]) -> None:
    """What the footer's types do not say: how many columns fit, a label or a text in each
    cell, and labels the vocabulary knows."""
    if not isinstance(footer, list):
        return
    if len(footer) > FOOTER_COLUMNS:
        problems.append(
            _("{field}: has {count} columns; at most {most} fit").format(
                field="footer", count=len(footer), most=FOOTER_COLUMNS
            )
        )
    labels = {k.removeprefix("footer.") for k in vocabulary("fi") if k.startswith("footer.")}
    for c, column in enumerate(footer):
        for r, cell in enumerate(column if isinstance(column, list) else []):
            if not isinstance(cell, dict):
                continue
            where = f"footer[{c}][{r}]"
            # A null is no label or text (the cell's reader takes it as missing).
            if (cell.get("label") is not None) == (cell.get("text") is not None):
                problems.append(_("{field}: needs a label or a text, not both").format(field=where))
            label = cell.get("label")
            if isinstance(label, str) and label not in labels:
                problems.append(
                    _("{field}: {value} is not a footer label; known: {known}").format(
                        field=f"{where}.label", value=_quote(label), known=", ".join(sorted(labels))
                    )
                )


def _vocabulary_problems(own: object, problems: list[str], at: str = "vocabulary") -> None:
    """Words the profile changes must be words the documents print."""
    if not isinstance(own, dict):
        return
    for language, words in own.items():
        if language not in LANGUAGES or not isinstance(words, dict):
            continue
        known = vocabulary(language)
        for key in words:
            if key not in known and not key.startswith("_"):
                where = f"{at}.{language}.{key}"
                problems.append(_("{field}: is not a word the documents print").format(field=where))


def _vocabulary_until_problems(eras: object, problems: list[str]) -> None:
    """An era's words: under a day (YYYY-MM-DD), words the documents print."""
    if not isinstance(eras, dict):
        return
    for until, own in eras.items():
        if until.startswith("_"):
            continue
        try:
            _dt.date.fromisoformat(until)
        except ValueError:
            message = _('"{value}" is not a date; write {fix}').format(
                value=until, fix="2016-12-31"
            )
            problems.append(f"vocabulary_until: {message}")
        _vocabulary_problems(own, problems, f"vocabulary_until.{until}")


def validate(data: object, org_id: str | None = None, base: Path | None = None) -> list[str]:
    """Every problem of a profile, each naming its field (`footer[2][1].until: …`).

    `org_id` is the id its file name gives; `base` the folder its template is relative to."""
    if not isinstance(data, dict):
        return [_("the profile should be a JSON object")]
    _typed, problems = draftfile.read_as(ProfileFile, data)
    own_id = data.get("id", org_id)
    if any(p.startswith("id:") for p in problems):
        pass  # its type is said already
    elif not isinstance(own_id, str) or not ID_PATTERN.fullmatch(own_id):
        problems.append(
            _("{field}: {value} should be small letters a-z, digits, - or _").format(
                field="id", value=_quote(own_id)
            )
        )
    elif org_id is not None and own_id != org_id:
        problems.append(
            _("{field}: {value} differs from the file name {name}").format(
                field="id", value=_quote(own_id), name=f"{org_id}.json"
            )
        )
    bodies = data.get("bodies", {})
    if isinstance(bodies, dict) and any(not body.strip() for body in bodies):
        problems.append(_("{field}: a body has no name").format(field="bodies"))
    _footer_problems(data.get("footer", []), problems)
    _vocabulary_problems(data.get("vocabulary"), problems)
    _vocabulary_until_problems(data.get("vocabulary_until"), problems)
    own = data.get("body_vocabulary")
    for body, words in own.items() if isinstance(own, dict) else ():
        if not body.startswith("_"):
            _vocabulary_problems(words, problems, f"body_vocabulary.{body}")
    _signing_problems(data.get("signing"), problems, base)
    template = data.get("template")
    if isinstance(template, str) and template:  # another type: said by the reader
        problem = _template_name_problem(template)
        if problem:
            problems.append(problem)
        elif base is not None:
            missing = template_contract.check_template(base / template)
            problems += [f"template: {p}" for p in missing]
    return problems


def _signing_problems(signing: object, problems: list[str], base: Path | None) -> None:
    """Who signs, as roles Pykälä knows, each once (the minutes: every role); the trust
    roots, certificate files beside the profile. What the types do not say."""
    if not isinstance(signing, dict):
        return
    for key, roles, every in (
        ("order", SIGNING_ROLES, True),
        ("extract_order", EXTRACT_SIGNING_ROLES, False),
    ):
        order = signing.get(key)
        if not isinstance(order, list) or not all(isinstance(r, str) for r in order):
            continue  # said by the reader
        where = f"signing.{key}"
        for role in order:
            if role not in roles:
                problems.append(
                    _("{field}: {value} is not a role who signs; known: {known}").format(
                        field=where, value=_quote(role), known=", ".join(roles)
                    )
                )
        twice = sorted({r for r in order if order.count(r) > 1})
        if twice:
            problems.append(
                _("{field}: {value} is given twice; give each role once").format(
                    field=where, value=", ".join(_quote(r) for r in twice)
                )
            )
        missing = [r for r in roles if r not in order] if every else []
        if missing or not order:
            problems.append(
                _("{field}: {value} does not sign; give each of {known}").format(
                    field=where,
                    value=", ".join(_quote(r) for r in missing) or "[]",
                    known=", ".join(roles) if every else " | ".join(roles),
                )
            )
    roots = signing.get("trust_roots")
    if base is None or not isinstance(roots, list):
        return
    for index, name in enumerate(roots):
        if isinstance(name, str):
            problem = _certificate_problem(base, name)
            if problem:
                problems.append(f"signing.trust_roots[{index}]: {problem}")


def _certificate_problem(base: Path, name: str) -> str:
    """Why the file `name` beside the profile is not a certificate (PEM or DER); "" if it is."""
    where = base / name
    try:
        data = where.read_bytes()
    except OSError as exc:
        return _(
            "{path} cannot be read: {reason}; put the certificate file beside the profile"
        ).format(path=where, reason=exc.strerror or exc)
    try:
        from asn1crypto import pem, x509

        blobs = (
            [der for _t, _h, der in pem.unarmor(data, multiple=True)]
            if pem.detect(data)
            else [data]
        )
        if not blobs:
            raise ValueError
        for blob in blobs:
            x509.Certificate.load(blob).native  # noqa: B018 (parses it all)
    except Exception:  # asn1crypto raises what the bytes make it raise
        return _(
            "{path} is not a certificate (PEM or DER); give the trust root's certificate"
        ).format(path=where)
    return ""


def _template_name_problem(name: object) -> str | None:
    """A template is a Word file beside its profile, named plainly: no folder, no control
    character, not longer than a file name may be."""
    if (
        isinstance(name, str)
        and name.lower().endswith(".docx")
        and name == Path(name).name
        and "\\" not in name
        and name.isprintable()
        and len(name.encode("utf-8", "surrogatepass")) <= 200
    ):
        return None
    return _(
        "{field}: {value} should be the name of a Word file (.docx) beside the profile, "
        "such as {example}"
    ).format(field="template", value=_quote(name)[:80], example="espoo.docx")


# --- loading ------------------------------------------------------------------------------


# A profile is a few kilobytes; an exported one carries its Word template (base64).
FILE_LIMIT = 4 * zipparts.PART_LIMIT


def load_json(path: Path) -> tuple[object, list[str]]:
    """The JSON of a profile file, or None and why it cannot be read."""
    try:
        raw = files.read_bytes(path, FILE_LIMIT)  # an ordinary file: a pipe never ends
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = getattr(exc, "strerror", None) or exc
        return None, [_("cannot be read: {reason}").format(reason=reason)]
    try:
        return json.loads(raw.decode("utf-8-sig")), []
    except UnicodeDecodeError as exc:
        return None, [_("cannot be read: {reason}").format(reason=exc)]
    except RecursionError:
        return None, [
            _("is nested too deeply to be a profile (objects or lists within each other)")
        ]
    except ValueError as exc:
        return None, [_("is not valid JSON: {reason}").format(reason=exc)]


def _read(path: Path) -> tuple[dict | None, list[str]]:
    data, problems = load_json(path)
    if problems:
        return None, problems
    problems = validate(data, path.stem, path.parent)
    return (data if isinstance(data, dict) else None), problems


def _signature(user: Path) -> tuple:
    """Every file of both folders, by name, time and size."""
    items: list[tuple] = []
    for folder in (BUILTIN_FOLDER, user):
        try:
            for entry in os.scandir(folder):
                stat = entry.stat()
                items.append((entry.path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            continue
    return tuple(sorted(items))


def _folder_time(folder: Path) -> int | None:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:  # not there (yet): no profiles of the user's
        return None


# A folder changed less than this before it was read may change again within the same tick
# of the file system's clock, its time unchanged: until it has been quiet this long, its
# files are looked at again (by name, time and size) at each use.
SETTLED_NS = 2_000_000_000


@dataclass
class _Cache:
    key: tuple  # the interface language (problems are said in it) and both folders
    folder_time: int | None  # the user's folder's modification time when it was read
    checked_at: int  # when the folders were last seen to be as read (time.time_ns)
    signature: tuple
    catalogue: Catalogue


_cached: _Cache | None = None


def invalidate() -> None:
    """Read the profiles again at the next use: a profile was written (drafting.profiles
    says so), or the user asked for the list anew (Settings → Organisations)."""
    global _cached
    _cached = None


def catalogue() -> Catalogue:
    """Every profile, read once and kept: the checks and the help notes look the organisation
    up after every pause in typing, on the UI thread, and must not read the folders then.

    It is read again after `invalidate` (every profile written through drafting.profiles),
    when the interface language changes, and when a file is put into or taken out of the
    user's folder by other means (the folder's time, one stat; a folder changed within the
    last SETTLED_NS is compared file by file)."""
    global _cached
    user = user_folder()
    key = (i18n.language(), BUILTIN_FOLDER, user)
    folder_time = _folder_time(user)
    now = time.time_ns()
    cached = _cached
    if cached is not None and cached.key == key and cached.folder_time == folder_time:
        if folder_time is None or cached.checked_at - folder_time > SETTLED_NS:
            return cached.catalogue
        signature = _signature(user)
        if signature == cached.signature:
            cached.checked_at = now
            return cached.catalogue
    else:
        signature = _signature(user)
    profiles: dict[str, Profile] = {}
    problems: dict[Path, list[str]] = {}
    for folder, builtin in ((BUILTIN_FOLDER, True), (user, False)):
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            data, found = _read(path)
            if found or data is None:
                problems[path] = found
                continue
            profiles[path.stem] = Profile(path.stem, data, path, builtin)
    result = Catalogue(dict(sorted(profiles.items())), problems)
    _cached = _Cache(key, folder_time, now, signature, result)
    return result


def organization(org_id: str) -> Profile:
    """The profile of `org_id`; raises UnknownOrganization naming it (and the problems of
    the user's file, if that is why)."""
    found = catalogue()
    profile = found.profiles.get(org_id)
    if profile is None:
        raise UnknownOrganization(org_id, found.broken(org_id))
    return profile


def organization_ids() -> list[str]:
    """The built-in profiles and the user's own, sorted."""
    return list(catalogue().profiles)
