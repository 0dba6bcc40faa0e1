"""The catalogue of organisation profiles as the user keeps it: save, copy, export, import.

The profile itself, its checks and where profiles are found (the built-in folder and the
user's, read again when a file changes) are drafting.organization, which the renderer reads;
this module is above the renderer, because an imported template must pass a trial render.
Every profile written into the user's folder, and every Word template copied beside one,
goes through `save` here.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
from pathlib import Path

from drafting import atomic, draftfile
from drafting.i18n import _
from drafting.location import RESOURCES
from drafting.organization import (  # noqa: F401 - the catalogue's reading side, for callers
    BUILTIN_FOLDER,
    FOOTER_COLUMNS,
    ID_PATTERN,
    Catalogue,
    Profile,
    ProfileError,
    _quote,
    catalogue,
    data_root,
    invalidate,
    load_json,
    user_folder,
    validate,
)
from drafting.render import context, docx
from drafting.template_contract import check_template, required_tags  # noqa: F401

# An exported profile carries its Word template inside, as base64 under this key.
EXPORTED_TEMPLATE = "template_docx"


# --- saving, export, import -----------------------------------------------------------------


def save(data: dict, template: Path | bytes | None = None) -> Path:
    """Write a profile into the user's folder as `<id>.json` (atomically), after checking it;
    raises ProfileError naming each bad field, and then writes nothing.

    `template`, a Word file or its bytes, is put beside it first under the name the profile
    gives it (`data["template"]`), and taken away again if the profile cannot be saved."""
    folder = user_folder()
    if template is None:
        problems = validate(data, None, folder)
    else:
        problems = validate(data)
        if not problems and not data.get("template"):
            problems = [_("{field}: is empty").format(field="template")]
    if problems:
        raise ProfileError(problems)
    placed = _put_template(template, data["template"]) if template is not None else None
    try:
        if placed is not None:
            problems = validate(data, None, folder)
            if problems:
                raise ProfileError(problems)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{data['id']}.json"
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        atomic.write_bytes(path, text.encode("utf-8"))
    except BaseException:
        if placed:  # a file this call made, not one it replaced
            (folder / data["template"]).unlink(missing_ok=True)
        raise
    finally:
        invalidate()  # the catalogue reads the folder again at its next use
    return path


def _put_template(source: Path | bytes, name: str) -> bool:
    """Copy a Word template (a file, or its bytes) into the user's folder as `name`: the one
    place a template is copied. Whether the file is new (not one it replaced)."""
    folder = user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    new = not (target.exists() or target.is_symlink())
    try:
        if isinstance(source, bytes):
            atomic.write_bytes(target, source)
        elif Path(source) != target:
            atomic.copy_file(Path(source), target)
    finally:
        invalidate()
    return new


def user_copy(profile: Profile) -> dict:
    """A profile's data to be saved as the user's own: a built-in one's template is copied
    beside it, so the copy stands alone."""
    data = json.loads(json.dumps(profile.data))
    template = profile.template
    if template is not None and profile.path.parent != user_folder():
        _put_template(template, template.name)
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
    data, problems = load_json(Path(source))
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
    return save(data, template_bytes)


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
    draft = draftfile.load(RESOURCES / "examples" / "kh-2021-05-03-s333.pykala")
    try:
        docx.render(context.build(draft), io.BytesIO(template))
    except docx.TemplateProblem as exc:
        return [_("it cannot be filled in: {reason}").format(reason=exc.reason)]
    return []
