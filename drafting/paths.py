"""Field paths as the file format, the checks and the GUI name them: `item.history[0].date`.

One syntax everywhere, so a problem found by `checks` leads straight to its field.
"""

from __future__ import annotations

import dataclasses
import re
import types
from typing import Any, get_args, get_type_hints

_PART = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")


def parts(path: str) -> list[str | int]:
    """`item.history[0].date` → ["item", "history", 0, "date"]."""
    out: list[str | int] = []
    for name, index in _PART.findall(path):
        out.append(int(index) if index else name)
    return out


def join(*pieces: str | int) -> str:
    text = ""
    for piece in pieces:
        if isinstance(piece, int):
            text += f"[{piece}]"
        else:
            text += f".{piece}" if text else piece
    return text


def get(root: Any, path: str) -> Any:
    value = root
    for part in parts(path):
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def _parent(root: Any, head: list[str | int], create: bool) -> Any:
    """The object holding the last part of a path whose other parts are `head`. An absent
    optional object on the way is its type's default: made and kept (`create`), or only
    read (the decision of a new draft, as render.context reads `item.decision or Decision()`)."""
    target = root
    for part in head:
        if isinstance(part, int):
            target = target[part]
            continue
        child = getattr(target, part)
        if child is None:
            child = _optional_type(type(target), part)()
            if create:
                setattr(target, part, child)
        target = child
    return target


def effective(root: Any, path: str) -> Any:
    """The value at `path` as the documents take it: a field of an absent optional object is
    that object's default. The form shows this, so it says what prints."""
    *head, last = parts(path)
    target = _parent(root, head, create=False)
    return target[last] if isinstance(last, int) else getattr(target, last)


def set(root: Any, path: str, value: Any) -> None:  # mirrors get()
    """Set the value at `path`, creating an absent optional object on the way (a draft's
    `decision` is null until the secretary records one)."""
    *head, last = parts(path)
    target = _parent(root, head, create=True)
    if isinstance(last, int):
        target[last] = value
    else:
        setattr(target, last, value)


def settable(root: Any, path: str) -> bool:
    """True if `set` can reach `path`: every list index on the way (and the last one, if it
    is an index) exists. A form may still hold text for a row that was just removed."""
    *head, last = parts(path)
    target = root
    for n, part in enumerate(head):
        if isinstance(part, int):
            if not isinstance(target, list) or not 0 <= part < len(target):
                return False
            target = target[part]
        elif not hasattr(target, part):
            return False
        elif (target := getattr(target, part)) is None:  # `set` creates it, empty
            return not any(isinstance(p, int) for p in head[n + 1 :] + [last])
    if isinstance(last, int):
        return isinstance(target, list) and 0 <= last < len(target)
    return hasattr(target, last)


def _optional_type(owner: type, name: str) -> type:
    hint = get_type_hints(owner)[name]
    if isinstance(hint, types.UnionType):
        hint = next(a for a in get_args(hint) if a is not type(None))
    if not (isinstance(hint, type) and dataclasses.is_dataclass(hint)):
        raise TypeError(f"{owner.__name__}.{name} is not an optional object")
    return hint
