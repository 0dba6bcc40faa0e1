"""Organisation profiles: the built-in ones in resources/organizations/ and the user's own in
the data folder (`<data>/organizations/*.json`), the user's winning on the same id.

A profile is checked field by field when it is loaded; a broken user profile is left out with
its problems named (the built-in one of the same id, if any, is used), never a crash. A
profile may name its own Word template, which is checked for every style and placeholder the
renderer needs.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import os
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from drafting import appeals, atomic, dates, files, i18n, zipparts
from drafting.i18n import _
from drafting.location import RESOURCES

BUILTIN_FOLDER = RESOURCES / "organizations"
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")
FOOTER_COLUMNS = 5  # the columns of the template's footer table
LANGUAGES = ("fi", "sv")
# An exported profile carries its Word template inside, as base64 under this key.
EXPORTED_TEMPLATE = "template_docx"


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
    id: str
    data: dict
    path: Path
    builtin: bool

    @property
    def template(self) -> Path | None:
        name = self.data.get("template")
        return (self.path.parent / name) if name else None


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


# --- validation ---------------------------------------------------------------------------


def _vocabulary(language: str) -> dict[str, str]:
    path = BUILTIN_FOLDER.parent / "vocabulary.json"
    return json.loads(path.read_text(encoding="utf-8"))[language]


def _quote(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _date_problem(where: str, value: object) -> str | None:
    if isinstance(value, str) and dates.parse_iso(value):
        return None
    return f"{where}: {dates.not_a_date(value)}"


def _text_problems(where: str, value: object, problems: list[str], both: bool = True) -> None:
    """A text: one string, or {"fi": …, "sv": …} (both required when `both`)."""
    if isinstance(value, str) and not both:
        if not value.strip():
            problems.append(_("{field}: is empty").format(field=where))
        return
    if not isinstance(value, dict):
        what = _("a text in Finnish and Swedish") if both else _("a text")
        problems.append(_("{field}: should be {what}").format(field=where, what=what))
        return
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            problems.append(_("{field}: is empty").format(field=f"{where}.{language}"))


def _footer_problems(footer: object, problems: list[str]) -> None:
    if not isinstance(footer, list):
        problems.append(_("{field}: should be a list of columns").format(field="footer"))
        return
    if len(footer) > FOOTER_COLUMNS:
        problems.append(
            _("{field}: has {count} columns; at most {most} fit").format(
                field="footer", count=len(footer), most=FOOTER_COLUMNS
            )
        )
    labels = {k.removeprefix("footer.") for k in _vocabulary("fi") if k.startswith("footer.")}
    for c, column in enumerate(footer):
        if not isinstance(column, list):
            problems.append(_("{field}: should be a list of cells").format(field=f"footer[{c}]"))
            continue
        for r, cell in enumerate(column):
            where = f"footer[{c}][{r}]"
            if not isinstance(cell, dict):
                problems.append(_("{field}: should be a cell").format(field=where))
                continue
            if ("label" in cell) == ("text" in cell):
                problems.append(_("{field}: needs a label or a text, not both").format(field=where))
            if "label" in cell and (
                not isinstance(cell["label"], str) or cell["label"] not in labels
            ):
                problems.append(
                    _("{field}: {value} is not a footer label; known: {known}").format(
                        field=f"{where}.label",
                        value=_quote(cell["label"]),
                        known=", ".join(sorted(labels)),
                    )
                )
            if "text" in cell:
                _text_problems(f"{where}.text", cell["text"], problems, both=False)
            if cell.get("until") not in (None, ""):
                problem = _date_problem(f"{where}.until", cell["until"])
                if problem:
                    problems.append(problem)


def _vocabulary_problems(own: object, problems: list[str]) -> None:
    if not isinstance(own, dict):
        problems.append(_("{field}: should be words per language").format(field="vocabulary"))
        return
    for language, words in own.items():
        if language not in LANGUAGES or not isinstance(words, dict):
            problems.append(
                _("{field}: should be words per language").format(field=f"vocabulary.{language}")
            )
            continue
        known = _vocabulary(language)
        for key, word in words.items():
            where = f"vocabulary.{language}.{key}"
            if key not in known:
                problems.append(_("{field}: is not a word the documents print").format(field=where))
            elif not isinstance(word, str):
                problems.append(_("{field}: should be a text").format(field=where))


def _appeal_problems(part: object, problems: list[str]) -> None:
    """The appeal data: groups of known fields, each a text for both languages or one per
    language; a field left out prints as a placeholder, which drafting.checks reports."""
    if not isinstance(part, dict):
        problems.append(_("{field}: should be groups of texts").format(field="appeal"))
        return
    fields = {f.key for f in appeals.PROFILE_FIELDS}
    for group, values in part.items():
        if group.startswith("_"):
            continue  # a comment
        if group not in appeals.GROUPS:
            problems.append(
                _("{field}: is not a part of the appeal data; known: {known}").format(
                    field=f"appeal.{group}", known=", ".join(appeals.GROUPS)
                )
            )
            continue
        if not isinstance(values, dict):
            problems.append(_("{field}: should be groups of texts").format(field=f"appeal.{group}"))
            continue
        for name, value in values.items():
            where = f"appeal.{group}.{name}"
            if name.startswith("_"):
                continue
            if f"{group}.{name}" not in fields:
                known = [f.split(".")[1] for f in fields if f.startswith(f"{group}.")]
                problems.append(
                    _("{field}: is not a part of the appeal data; known: {known}").format(
                        field=where, known=", ".join(known)
                    )
                )
            elif isinstance(value, dict):
                for language, text in value.items():
                    if language not in LANGUAGES or not isinstance(text, str):
                        problems.append(
                            _("{field}: should be a text").format(field=f"{where}.{language}")
                        )
            elif not isinstance(value, str):
                problems.append(_("{field}: should be a text").format(field=where))


def validate(data: object, org_id: str | None = None, base: Path | None = None) -> list[str]:
    """Every problem of a profile, each naming its field (`footer[2][1].until: …`).

    `org_id` is the id its file name gives; `base` the folder its template is relative to."""
    if not isinstance(data, dict):
        return [_("the profile should be a JSON object")]
    problems: list[str] = []
    own_id = data.get("id", org_id)
    if not isinstance(own_id, str) or not ID_PATTERN.fullmatch(own_id):
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
    _text_problems("name", data.get("name"), problems)
    if not isinstance(data.get("email_at", "@"), str) or not data.get("email_at", "@"):
        problems.append(_("{field}: should be a text such as (a)").format(field="email_at"))
    bodies = data.get("bodies", {})
    if not isinstance(bodies, dict):
        problems.append(
            _("{field}: should be names with their Swedish names").format(field="bodies")
        )
    else:
        for body, names in bodies.items():
            if not body.strip():
                problems.append(_("{field}: a body has no name").format(field="bodies"))
            if not isinstance(names, dict) or not isinstance(names.get("sv", ""), str):
                problems.append(_("{field}: should be a text").format(field=f"bodies.{body}.sv"))
    _footer_problems(data.get("footer", []), problems)
    if "vocabulary" in data:
        _vocabulary_problems(data["vocabulary"], problems)
    if "appeal" in data:
        _appeal_problems(data["appeal"], problems)
    template = data.get("template")
    if template not in (None, ""):
        problem = _template_name_problem(template)
        if problem:
            problems.append(problem)
        elif base is not None:
            problems += [f"template: {p}" for p in check_template(base / template)]
    return problems


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


# --- the Word template ----------------------------------------------------------------------

_TAG = re.compile(r"\{[{%].*?[}%]\}", re.S)


def _tags(package: zipfile.ZipFile) -> set[str]:
    """The Jinja tags of a template's document, headers and footers, as docxtpl reads them
    (Word may split a tag over several runs: the text is joined first)."""
    found = set()
    for name in package.namelist():
        if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
            xml = zipparts.read(package, name).decode("utf-8")
            text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))
            found |= {" ".join(tag.split()) for tag in _TAG.findall(text)}
    return found


def _style_ids(package: zipfile.ZipFile, kind: str) -> set[str]:
    styles = zipparts.read(package, "word/styles.xml").decode("utf-8")
    ids = set()
    for tag in re.findall(r"<w:style\b[^>]*>", styles):
        if f'w:type="{kind}"' in tag:
            match = re.search(r'w:styleId="([^"]+)"', tag)
            if match:
                ids.add(match.group(1))
    return ids


def required_tags() -> set[str]:
    """The placeholders of our own item.docx: a template must keep every one."""
    from drafting.render import docx  # the renderer imports this module

    with zipfile.ZipFile(docx.ITEM_TEMPLATE) as package:
        return _tags(package)


def check_template(path: Path, content: bytes | None = None) -> list[str]:
    """What `path` (or `content`, the bytes of a file to be called so) lacks to be a template
    of the renderer, each missing style and placeholder named; [] when it will do."""
    from drafting.render import docx

    try:
        if content is None:
            content = files.read_bytes(path, files.WORD_LIMIT)
        with zipparts.open_zip(io.BytesIO(content)) as package:
            zipparts.check_sizes(package)  # the renderer reads every part
            paragraph = _style_ids(package, "paragraph")
            character = _style_ids(package, "character")
            tags = _tags(package)
    except FileNotFoundError:
        return [_("{path} is not there").format(path=path.name)]
    except (zipparts.NotZip, OSError, KeyError, UnicodeDecodeError):
        return [_("{path} is not a Word document (.docx)").format(path=path.name)]
    except zipparts.PartError as exc:
        return [
            _("{path} cannot be read as a Word document: {reason}").format(
                path=path.name, reason=exc
            )
        ]
    problems = []
    used = set(docx.PARAGRAPH_STYLES.values()) | set(docx.NESTED_LIST_STYLES.values())
    for style in sorted(used - paragraph):
        problems.append(_("the paragraph style {style} is missing").format(style=style))
    if docx.FOOTER_LABEL_STYLE not in character:
        problems.append(
            _("the character style {style} is missing").format(style=docx.FOOTER_LABEL_STYLE)
        )
    for tag in sorted(required_tags() - tags):
        problems.append(_("the placeholder {tag} is missing").format(tag=tag))
    return problems


# --- loading ------------------------------------------------------------------------------


# A profile is a few kilobytes; an exported one carries its Word template (base64).
FILE_LIMIT = 4 * zipparts.PART_LIMIT


def _load_json(path: Path) -> tuple[object, list[str]]:
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
    data, problems = _load_json(path)
    if problems:
        return None, problems
    problems = validate(data, path.stem, path.parent)
    return (data if isinstance(data, dict) else None), problems


def _signature() -> tuple:
    """What the catalogue depends on: every file of both folders, by name, time and size, and
    the language its problems are said in."""
    items: list[tuple] = [("", i18n.language(), 0)]
    for folder in (BUILTIN_FOLDER, user_folder()):
        try:
            for entry in os.scandir(folder):
                stat = entry.stat()
                items.append((entry.path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            continue
    return tuple(sorted(items))


_cached: tuple[tuple, Catalogue] | None = None


def catalogue() -> Catalogue:
    """Every profile, read again only when a file of either folder changed."""
    global _cached
    signature = _signature()
    if _cached is not None and _cached[0] == signature:
        return _cached[1]
    profiles: dict[str, Profile] = {}
    problems: dict[Path, list[str]] = {}
    for folder, builtin in ((BUILTIN_FOLDER, True), (user_folder(), False)):
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            data, found = _read(path)
            if found or data is None:
                problems[path] = found
                continue
            profiles[path.stem] = Profile(path.stem, data, path, builtin)
    result = Catalogue(dict(sorted(profiles.items())), problems)
    _cached = (signature, result)
    return result


# --- saving, export, import -----------------------------------------------------------------


def save(data: dict) -> Path:
    """Write a profile into the user's folder as `<id>.json` (atomically), after checking it;
    raises ProfileError naming each bad field."""
    folder = user_folder()
    problems = validate(data, None, folder)
    if problems:
        raise ProfileError(problems)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data['id']}.json"
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic.write_bytes(path, text.encode("utf-8"))
    return path


def user_copy(profile: Profile) -> dict:
    """A profile's data to be saved as the user's own: a built-in one's template is copied
    beside it, so the copy stands alone."""
    data = json.loads(json.dumps(profile.data))
    template = profile.template
    if template is not None and profile.path.parent != user_folder():
        folder = user_folder()
        folder.mkdir(parents=True, exist_ok=True)
        atomic.copy_file(template, folder / template.name)
        data["template"] = template.name
    return data


def export(profile: Profile, target: Path) -> None:
    """The profile as one file: its JSON, with its Word template inside (base64)."""
    data = dict(profile.data)
    template = profile.template
    if template is not None:
        data[EXPORTED_TEMPLATE] = base64.b64encode(template.read_bytes()).decode("ascii")
        data["template"] = template.name
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic.write_bytes(target, text.encode("utf-8"))


def import_(source: Path) -> Path:
    """An exported profile into the user's folder as two new files, `<id>.json` and its
    template `<id>.docx` (whatever name the file gives its template); raises ProfileError
    naming each bad field, or the id when a profile of that id is already there, and then
    writes nothing. The template must pass a trial render within the renderer's limits."""
    data, problems = _load_json(Path(source))
    if problems:
        raise ProfileError(problems)
    if not isinstance(data, dict):
        raise ProfileError(validate(data))
    packed = data.pop(EXPORTED_TEMPLATE, None)
    template_bytes = None
    if packed is not None:
        try:
            template_bytes = base64.b64decode(packed, validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise ProfileError(
                [_("{field}: is not a Word file").format(field=EXPORTED_TEMPLATE)]
            ) from None
        # The template's name is ours, never the file's: the file only gives its content.
        own_id = data.get("id")
        if isinstance(own_id, str) and ID_PATTERN.fullmatch(own_id):
            data["template"] = f"{own_id}.docx"
        else:
            data.pop("template", None)  # the id's problem is said
    elif data.get("template") not in (None, ""):
        raise ProfileError(
            [
                _(
                    "{field}: {value} is named but not carried in the file; export the "
                    "profile again with its template"
                ).format(field="template", value=_quote(data["template"])[:80])
            ]
        )
    problems = validate(data)
    if problems:
        raise ProfileError(problems)
    folder = user_folder()
    taken = [folder / f"{data['id']}.json"]
    if template_bytes is not None:
        taken.append(folder / data["template"])
    for path in taken:
        if path.exists() or path.is_symlink():
            raise ProfileError(
                [
                    _(
                        "{field}: there is already a profile {value} ({path}); importing "
                        "would replace it. Remove or rename that profile first, or change "
                        "the id in the file you import"
                    ).format(field="id", value=_quote(data["id"]), path=path)
                ]
            )
    if template_bytes is not None:
        template = folder / data["template"]
        problems = [f"template: {p}" for p in template_problems(template, template_bytes)]
        if problems:
            raise ProfileError(problems)
        folder.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(template, template_bytes)
        try:
            return save(data)
        except BaseException:
            template.unlink(missing_ok=True)
            raise
    return save(data)


def template_problems(path: Path, content: bytes | None = None) -> list[str]:
    """Everything that keeps `path` (or `content`, the bytes of a file to be called so) from
    being a profile's template: what it lacks (check_template), else why an example draft
    cannot be filled into it within the renderer's limits; [] when it will do."""
    problems = check_template(path, content)
    if problems:
        return problems
    try:
        return _trial_render(path.read_bytes() if content is None else content)
    except OSError as exc:
        return [_("cannot be read: {reason}").format(reason=exc.strerror or exc)]


def _trial_render(template: bytes) -> list[str]:
    """Why the example draft cannot be rendered with `template` within the renderer's
    limits; [] when it can."""
    from drafting import draftfile
    from drafting.location import RESOURCES
    from drafting.render import context, docx

    draft = draftfile.load(RESOURCES / "examples" / "kh-2021-05-03-s333.pykala")
    try:
        docx.render(context.build(draft), io.BytesIO(template))
    except docx.TemplateProblem as exc:
        return [_("it cannot be filled in: {reason}").format(reason=exc.reason)]
    return []
