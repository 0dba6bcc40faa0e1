"""Reading and writing `.pykala` drafts (docs/format.md).

A file of an older format version is first brought to the current one, one step at a time
(`STEPS`, see `upgrade`). One generic walker reads every dataclass of `drafting.model` by its
type hints, so a field added to the model is read, checked and written without new code.
Every problem is collected with the path of its field (`item.history[0].date`) and a fix the
user can apply. The same walker reads an organisation profile (drafting.organization,
`read_as`): besides the drafts' types it reads maps (`dict[str, X]`, keys starting with "_"
being comments), "one text or one per language" (`str | dict[Language, str]`: a union is read
as the option whose JSON type the value has), fields that must be filled in when given
(metadata "filled"), and objects that refuse keys they do not know (a class's UNKNOWN message).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
import json
import types
import typing
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

from drafting import atomic, dates, files
from drafting.i18n import _
from drafting.model import FORMAT, VERSION, Draft, MeetingDraft

SUFFIX = ".pykala"


class DraftError(Exception):
    """A draft that cannot be read; `problems` name the field and the fix, one per line."""

    def __init__(self, problems: list[str], source: str = "") -> None:
        self.problems = problems
        self.source = source
        super().__init__("\n".join(problems))


_SKIP = object()


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("a text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return _("empty (null)")


_EXPECTED = {
    str: lambda: _("write a text in quotes"),
    int: lambda: _("write a whole number, e.g. 17"),
    bool: lambda: _("write true or false"),
    list: lambda: _("write a list in [ ]"),
    dict: lambda: _("write an object in { }"),
}


def _type_error(path: str, value: Any, expected: type, errors: list[str]) -> object:
    errors.append(
        _("{path}: {value} is {actual}; {fix}").format(
            path=path,
            value=json.dumps(value, ensure_ascii=False)[:40],
            actual=_describe(value),
            fix=_EXPECTED[expected](),
        )
    )
    return _SKIP


def _fits(tp: Any, value: Any) -> bool:
    """Whether a JSON `value` has the JSON type that `tp` is written as."""
    origin = get_origin(tp) or tp
    if origin is dict or (isinstance(origin, type) and dataclasses.is_dataclass(origin)):
        return isinstance(value, dict)
    if origin is list:
        return isinstance(value, list)
    if origin in (int, bool):
        return isinstance(value, origin) and (origin is bool or not isinstance(value, bool))
    return isinstance(value, str)  # a text, a date, one of a Literal's texts


def _read_value(tp: Any, value: Any, path: str, errors: list[str]) -> Any:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if value is None:
            return None
        if len(options) > 1:  # one text or one per language: as the value is written
            chosen = next((o for o in options if _fits(o, value)), None)
            if chosen is None:
                errors.append(
                    _("{path}: {value} is {actual}; {fix}").format(
                        path=path,
                        value=json.dumps(value, ensure_ascii=False)[:40],
                        actual=_describe(value),
                        fix=_("write a text in quotes, or one per language in { }"),
                    )
                )
                return _SKIP
            return _read_value(chosen, value, path, errors)
        return _read_value(options[0], value, path, errors)
    if origin is Literal:
        allowed = get_args(tp)
        if value in allowed:
            return value
        errors.append(
            _('{path}: "{value}" is not allowed; write one of: {allowed}').format(
                path=path, value=value, allowed=", ".join(allowed)
            )
        )
        return _SKIP
    if origin is list:
        if not isinstance(value, list):
            return _type_error(path, value, list, errors)
        (inner,) = get_args(tp)
        items = [_read_value(inner, v, f"{path}[{i}]", errors) for i, v in enumerate(value)]
        return [v for v in items if v is not _SKIP]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _read_object(tp, value, path, errors)
    if tp is _dt.date:
        if isinstance(value, str) and (parsed := dates.parse_iso(value)) is not None:
            return parsed
        if value == "":
            return None
        errors.append(f"{path}: {dates.not_a_date(value)}")
        return _SKIP
    if tp is str:
        if value is None:
            return ""
        return value if isinstance(value, str) else _type_error(path, value, str, errors)
    if tp is bool:
        return value if isinstance(value, bool) else _type_error(path, value, bool, errors)
    if tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return value if ok else _type_error(path, value, int, errors)
    if tp is dict:
        return value if isinstance(value, dict) else _type_error(path, value, dict, errors)
    if origin is dict:
        return _read_map(tp, value, path, errors)
    raise TypeError(f"no reader for {tp!r}")  # a model field of a new kind


def _read_map(tp: Any, value: Any, path: str, errors: list[str]) -> Any:
    """`dict[K, V]`: every entry read as a V at `path.key`; a key of a Literal type must be
    one of its values; a key starting with "_" is a comment, left out."""
    if not isinstance(value, dict):
        return _type_error(path, value, dict, errors)
    key_type, value_type = get_args(tp)
    allowed = get_args(key_type) if get_origin(key_type) is Literal else None
    out = {}
    for key, item in value.items():
        if key.startswith("_"):
            continue
        where = f"{path}.{key}"
        if allowed is not None and key not in allowed:
            errors.append(
                _('{path}: "{value}" is not allowed; write one of: {allowed}').format(
                    path=where, value=key, allowed=", ".join(allowed)
                )
            )
            continue
        read = _read_value(value_type, item, where, errors)
        if read is not _SKIP:
            out[key] = read
    return out


def _filled(tp: Any, value: Any, path: str, errors: list[str]) -> None:
    """A field that must be filled in when given (metadata "filled"): a text not blank; a
    text per language, every language of its Literal keys ("name.sv: is empty")."""
    if value is None:
        return
    if isinstance(value, str):
        if not value.strip():
            errors.append(_("{field}: is empty").format(field=path))
        return
    if isinstance(value, dict):
        options = get_args(tp) if get_origin(tp) in (typing.Union, types.UnionType) else (tp,)
        per_language = next(o for o in options if get_origin(o) is dict)
        for key in get_args(get_args(per_language)[0]):  # the Literal's keys: the languages
            text = value.get(key)
            if not isinstance(text, str) or not text.strip():
                errors.append(_("{field}: is empty").format(field=f"{path}.{key}"))


def _read_object(cls: type, data: Any, path: str, errors: list[str]) -> Any:
    if not isinstance(data, dict):
        _type_error(path or _("the file"), data, dict, errors)
        return cls()
    hints = get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "extra"}
    refuse = getattr(cls, "UNKNOWN", None)  # unknown keys are errors, not kept
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{path}.{key}" if path else key
        if key in fields:
            read = _read_value(hints[key], value, where, errors)
            if read is not _SKIP:
                values[key] = read
                if fields[key].metadata.get("filled"):
                    _filled(hints[key], read, where, errors)
        elif refuse is not None and not key.startswith("_"):
            errors.append(refuse().format(field=where, known=", ".join(fields)))
        else:
            extra[key] = value
    for name, f in fields.items():  # one that must be filled in and is not given at all
        if f.metadata.get("filled") and name not in data:
            where = f"{path}.{name}" if path else name
            _filled(hints[name], _default(f), where, errors)
    obj = cls(**values)
    obj.extra = extra
    return obj


def _default(f: dataclasses.Field) -> Any:
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None if f.default is dataclasses.MISSING else f.default


def read_as(cls: type, data: Any, path: str = "") -> tuple[Any, list[str]]:
    """`data` (parsed JSON) read as the dataclass `cls` by the drafts' one walker: the
    object, and every problem, each naming its field's path (`appeal.registry.email: …`)."""
    errors: list[str] = []
    return _read_object(cls, data, path, errors), errors


def _left(obj: Any, f: dataclasses.Field) -> bool:
    """Whether an optional field holds its default (an empty list too): left unwritten."""
    return bool(getattr(obj, f.name) == _default(f))


def _write_value(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        out = {
            f.name: _write_value(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "extra" and not (f.metadata.get("optional") and _left(value, f))
        }
        out.update(typing.cast(Any, value).extra)
        return out
    if isinstance(value, list):
        return [_write_value(v) for v in value]
    if isinstance(value, _dt.date):
        return dates.to_iso(value)
    return value


KINDS: dict[str, type] = {"item": Draft, "meeting": MeetingDraft}

# The steps from one format version to the next: STEPS[n] takes the JSON object of a file of
# version n (an item or a meeting: its "kind" says which) and returns it as version n + 1
# would have it. A step never changes its argument; `upgrade` gives it a copy. A new format
# version adds its step here, a fixture file in tests/fixtures/format/ and its section in
# docs/format.md.
Step = Callable[[dict[str, Any]], dict[str, Any]]


def _handling_as_events(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: an item's `decision.handling`, one Markdown text, becomes the list of
    events of version 2: the text as one "note" event (an empty text: no events). A meeting
    file has no handling and is the same in both versions."""
    item = data.get("item")
    decision = item.get("decision") if isinstance(item, dict) else None
    if isinstance(decision, dict) and "handling" in decision:
        text = decision["handling"]
        if isinstance(text, str) or text is None:
            decision["handling"] = [{"event": "note", "text": text}] if text else []
    return data


STEPS: dict[int, Step] = {1: _handling_as_events}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON object of a draft of any known version as the current version has it: the
    steps from its version to VERSION, in order (the object itself when it is current)."""
    version = data["version"]
    if version == VERSION:
        return data
    data = copy.deepcopy(data)
    for step in range(version, VERSION):
        if step not in STEPS:  # a bug of this program (a test checks every step is there)
            raise RuntimeError(f"no step from format version {step} to {step + 1}")
        data = STEPS[step](data)
        data["version"] = step + 1
    return data


def to_json(draft: Draft | MeetingDraft) -> dict:
    kind = "meeting" if isinstance(draft, MeetingDraft) else "item"
    head = {"format": FORMAT, "version": VERSION, "kind": kind}
    return head | _write_value(draft)


def from_json(data: Any, source: str = "", kind: str = "item") -> Any:
    """Build a Draft (or a MeetingDraft, for kind="meeting") from parsed JSON, or raise
    DraftError listing every problem."""
    if not isinstance(data, dict):
        raise DraftError([_("the file is not a Pykälä draft: it holds no JSON object")], source)
    errors: list[str] = []
    if data.get("format") != FORMAT:
        raise DraftError(
            [_('format: missing or wrong; a Pykälä draft starts with "format": "pykala"')],
            source,
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftError([_("version: missing or not a whole number; write 1")], source)
    if version > VERSION:
        raise DraftError(
            [
                _(
                    "version: this draft was saved by a newer Pykälä (format version "
                    "{found}); this program reads version {known}. Update Pykälä to open it."
                ).format(found=version, known=VERSION)
            ],
            source,
        )
    data = upgrade(data)
    found = data.get("kind", "item")
    if found != kind:
        message = (
            _('kind: "{kind}" is a meeting, not an item draft; open it as a meeting')
            if found == "meeting"
            else _('kind: "{kind}" is not a {expected} file; write "{expected}"')
        )
        raise DraftError([message.format(kind=found, expected=kind)], source)
    body = {k: v for k, v in data.items() if k not in ("format", "version", "kind")}
    draft = _read_object(KINDS[kind], body, "", errors)
    if errors:
        raise DraftError(errors, source)
    return draft


def dumps(draft: Draft | MeetingDraft) -> str:
    data = to_json(draft)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate from another system: keep it, escaped, rather than lose it.
        text = json.dumps(data, ensure_ascii=True, indent=2)
    return text + "\n"


class _Pairs(dict):
    """A JSON object in which a key appeared more than once (`duplicates`)."""

    duplicates: list[str]


def _pairs_hook(seen: list[bool]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _value in pairs]
        if len(set(keys)) == len(keys):
            return dict(pairs)
        obj = _Pairs(pairs)
        obj.duplicates = sorted({k for k in keys if keys.count(k) > 1}, key=keys.index)
        seen.append(True)
        return obj

    return hook


def _duplicate_keys(data: Any) -> list[str]:
    """`path.key` of every key written twice in one object (iteratively: any depth)."""
    found, stack = [], [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key in getattr(value, "duplicates", []):
                found.append(f"{path}.{key}" if path else key)
            stack += [(f"{path}.{k}" if path else k, v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(f"{path}[{i}]", v) for i, v in enumerate(value)]
    return sorted(found)


def _parse(text: str, source: str) -> tuple[Any, DraftError | None]:
    """The JSON of a draft's text, and why it cannot be one (bad JSON: no tree; a key
    written twice: the tree all the same, so that its kind can still be told)."""
    seen: list[bool] = []
    try:
        data = json.loads(text, object_pairs_hook=_pairs_hook(seen))
    except RecursionError:
        return None, DraftError(
            [_("the file is nested too deeply to be a draft (objects or lists within each other)")],
            source,
        )
    except json.JSONDecodeError as exc:
        return None, DraftError(
            [
                _("not valid JSON at line {line}, column {column}: {reason}").format(
                    line=exc.lineno, column=exc.colno, reason=exc.msg
                )
            ],
            source,
        )
    if seen:
        return data, DraftError(
            [
                _(
                    "{path}: written twice in the same object; one of the two would be lost. "
                    "Keep one and remove the other"
                ).format(path=path)
                for path in _duplicate_keys(data)
            ],
            source,
        )
    return data, None


def loads(text: str, source: str = "", kind: str = "item") -> Any:
    data, error = _parse(text, source)
    if error is not None:
        raise error
    return from_json(data, source, kind)


def read_text(path: Path) -> str:
    """The file's text, or DraftError saying why it cannot be read."""
    path = Path(path)
    try:
        raw = files.read_bytes(path, files.DRAFT_LIMIT)
    except FileNotFoundError:
        raise DraftError([_("no such file: {path}").format(path=path)], str(path)) from None
    except IsADirectoryError:
        raise DraftError(
            [_("{path} is a folder, not a draft").format(path=path)], str(path)
        ) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        reason = getattr(exc, "strerror", None) or _("the name holds a NUL character")
        raise DraftError(
            [_("cannot read {path}: {reason}").format(path=path, reason=reason)], str(path)
        ) from None
    kind = _foreign_kind(raw, path)
    if kind and path.suffix.lower() == ".docx":
        raise DraftError(
            [
                _(
                    "{name} is a Word document, not a Pykälä draft. A Word document that "
                    "Pykälä wrote opens as a new draft with File → Open (or main.py {name}); "
                    "here, give the .pykala draft."
                ).format(name=path.name)
            ],
            str(path),
        )
    if kind:
        raise DraftError(
            [
                _(
                    "{name} is {kind}, not a Pykälä draft. Pykälä opens its own drafts and "
                    "meetings, .pykala files; to use the text, paste it into a new draft."
                ).format(name=path.name, kind=kind)
            ],
            str(path),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DraftError(
            [
                _("the file is not UTF-8 text (byte {offset}); save it as UTF-8").format(
                    offset=exc.start
                )
            ],
            str(path),
        ) from None


def _foreign_kind(raw: bytes, path: Path) -> str:
    """What a file that is no draft at all is, by its first bytes ("" if it may be one)."""
    if raw.startswith(b"PK\x03\x04"):  # a zip: Word, OpenDocument, or an archive
        office = {".docx": _("a Word document"), ".odt": _("an OpenDocument text")}
        return office.get(path.suffix.lower(), _("a zip archive (perhaps a Word document)"))
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return _("an old Word document (.doc)")
    if raw.startswith(b"%PDF"):
        return _("a PDF document")
    if raw.startswith(b"{\\rtf"):
        return _("an RTF document")
    return ""


def load(path: Path) -> Draft:
    return loads(read_text(path), str(path))


WORD, MEETING, ITEM = "word", "meeting", "item"


def is_word(path: Path) -> bool:
    """True for a Word (.docx) document: a zip with a main document part, whatever its name."""
    try:
        files.check(path, files.WORD_LIMIT)  # a pipe or a device is no Word document
        with open(path, "rb") as file:
            if file.read(4) != b"PK\x03\x04":
                return False
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (OSError, ValueError, zipfile.BadZipFile):
        return False


@dataclass(frozen=True)
class Opened:
    """A file read and parsed once to tell what it is (`read_any`): its kind, and for a
    .pykala file the parsed JSON, from which `draft()` or `meeting()` builds the object
    without reading or parsing the file again (or raises DraftError saying why it cannot)."""

    kind: str  # WORD, MEETING or ITEM
    path: Path
    tree: Any = None  # the parsed JSON (None: a Word document, or no JSON at all)
    error: DraftError | None = None  # why the file cannot be a draft, if it cannot

    def draft(self) -> Draft:
        return self._build("item")

    def meeting(self) -> MeetingDraft:
        return self._build("meeting")

    def _build(self, kind: str) -> Any:
        if self.error is not None:
            raise self.error
        return from_json(self.tree, str(self.path), kind)


def read_any(path: Path) -> Opened:
    """`path` read once and taken for what it is, in the one order the command line and the
    window share: WORD (a Word document, perhaps carrying the draft it was made from), else
    MEETING (a .pykala file declaring "kind": "meeting"), else ITEM (a draft, or a file
    whose reading says why it is none). The contents decide, never the file's name."""
    path = Path(path)
    if is_word(path):
        return Opened(WORD, path)
    try:
        tree, error = _parse(read_text(path), str(path))
    except DraftError as exc:
        return Opened(ITEM, path, error=exc)
    kind = MEETING if isinstance(tree, dict) and tree.get("kind") == "meeting" else ITEM
    return Opened(kind, path, tree, error)


def sniff(path: Path) -> str:
    """What opening `path` means (`read_any`): WORD, MEETING or ITEM. A caller that goes on
    to read the file takes `read_any`'s answer instead, which holds it parsed."""
    return read_any(path).kind


def load_meeting(path: Path) -> MeetingDraft:
    return loads(read_text(path), str(path), kind="meeting")


def save(draft: Draft | MeetingDraft, path: Path) -> None:
    """Write the draft atomically: the old file stays whole until the new one is complete."""
    atomic.write_bytes(Path(path), dumps(draft).encode("utf-8"))
