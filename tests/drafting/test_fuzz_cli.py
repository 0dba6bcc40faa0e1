"""Mutated drafts through the command line, as a careless or hostile user would make them.

For any mutation of the example drafts: `check` and `render` end with 0, 1 or 2 (never 3,
an internal error); a Word document that is written holds every word of the text typed into
the reasoning; and a public copy never holds a name marked as personal data. The same holds
for mutated profiles to import (their Word templates damaged too) and for damaged Word
documents given to `check`.
"""

from __future__ import annotations

import base64
import copy
import io
import json
import re
import shutil
import zipfile

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from drafting import cli, draftfile, profiles
from drafting.render.docx import ITEM_TEMPLATE, render_item
from tests.conftest import EXAMPLE_333, EXAMPLE_885
from tests.support import espoo

EXAMPLES = [json.loads(p.read_text(encoding="utf-8")) for p in (EXAMPLE_333, EXAMPLE_885)]
SECRET = "Zyxwentholm"  # a name no example holds: it must never print in a public copy

_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)) | st.sampled_from(list("[]{}.#>-*_\n\\")),
    max_size=40,
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


def _places(value, path=()):
    """Every place in the JSON tree, as a path of keys and indexes."""
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _places(child, (*path, key))
    elif isinstance(value, list):
        for n, child in enumerate(value):
            yield from _places(child, (*path, n))


def _set(tree, path, value):
    if not path:
        return value
    target = tree
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return tree


@st.composite
def mutated(draw):
    """An example draft with a few values replaced by anything JSON can hold, and a marked
    name put into one text field."""
    data = copy.deepcopy(draw(st.sampled_from(EXAMPLES)))
    for _ in range(draw(st.integers(0, 3))):
        places = [p for p in _places(data) if p]
        data = _set(data, draw(st.sampled_from(places)), draw(_json))
    words = draw(st.lists(st.from_regex(r"[a-zåäö]{3,9}", fullmatch=True), max_size=6))
    reasoning = " ".join(words) + f" [{SECRET}]{{.personal}}"
    field = draw(st.sampled_from(["reasoning", "summary"]))  # both print in every document
    if isinstance(data.get("item"), dict) and isinstance(data["item"].get("proposal"), dict):
        data["item"]["proposal"][field] = reasoning
    return data, words


def _document_text(path) -> str:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        parts = [n for n in archive.namelist() if n.endswith(".xml")]
        return " ".join(archive.read(n).decode("utf-8") for n in parts)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: bounded time
)
@given(case=mutated())
def test_mutated_drafts_give_a_message_never_an_internal_error(tmp_path, case):
    data, words = case
    draft = tmp_path / "d.pykala"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "public.docx"
    out.unlink(missing_ok=True)
    assert cli.main(["check", str(draft)]) in (0, 1, 2)
    code = cli.main(["render", str(draft), "-o", str(out), "--public"])
    assert code in (0, 1, 2)
    if code == 0:
        text = _document_text(out)
        assert SECRET not in text
        plain = re.sub(r"<[^>]+>", "", text)
        for word in words:
            assert word in plain


# --- profiles and Word documents (issue 22) -----------------------------------------------

_bytes_flips = st.lists(st.tuples(st.integers(0, 2**31), st.integers(1, 255)), max_size=6)


def _flipped(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    raw = bytearray(data)
    for position, mask in flips:
        raw[position % len(raw)] ^= mask
    return bytes(raw)


@st.composite
def mutated_profile(draw):
    """The Espoo profile as exported, a few values replaced by anything JSON holds, and its
    Word template carried whole, damaged or left out."""
    data = copy.deepcopy(espoo.profile_data(template=None))  # its parts are shared
    for _ in range(draw(st.integers(0, 3))):
        places = [p for p in _places(data) if p]
        data = _set(data, draw(st.sampled_from(places)), draw(_json))
    carried = draw(st.sampled_from(["none", "whole", "flipped", "truncated"]))
    if carried != "none" and isinstance(data, dict):
        template = ITEM_TEMPLATE.read_bytes()
        if carried == "flipped":
            template = _flipped(template, draw(_bytes_flips))
        elif carried == "truncated":
            template = template[: draw(st.integers(0, len(template)))]
        data[profiles.EXPORTED_TEMPLATE] = base64.b64encode(template).decode("ascii")
        data["template"] = draw(st.sampled_from(["espoo.docx", "helsinki.json", "..", "a\x00"]))
    return data


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(data=mutated_profile())
def test_mutated_profiles_are_imported_or_refused_never_an_internal_error(tmp_path, data):
    folder = profiles.user_folder()
    if folder.is_dir():
        shutil.rmtree(folder)
    source = tmp_path / "profile.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    try:
        imported = profiles.import_(source)
    except profiles.ProfileError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        assert not folder.exists() or not list(folder.iterdir())  # nothing written
        return
    assert {p.name for p in folder.iterdir()} <= {f"{imported.stem}.json", f"{imported.stem}.docx"}
    draft = json.loads(EXAMPLE_333.read_text(encoding="utf-8"))
    draft["organization"] = imported.stem
    path = tmp_path / "d.pykala"
    path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    assert cli.main(["check", str(path)]) in (0, 1)
    assert cli.main(["render", str(path), "-o", str(tmp_path / "o.docx")]) in (0, 1)


_WORD = {}


def _word() -> bytes:
    """A Word document Pykälä wrote (made once)."""
    if not _WORD:
        _WORD["docx"] = render_item(draftfile.load(EXAMPLE_333))
    return _WORD["docx"]


def _spans() -> list[tuple[int, int]]:
    """Where the stored data of the parts `check` reads lie in the document (the main part
    and the draft's part), and the whole file: flips land there, in what is read."""
    data = _word()
    spans = [(0, len(data))]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename == "word/document.xml" or info.filename.startswith("customXml/item"):
                start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
                spans.append((start, info.compress_size))
    return spans


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(
    where=st.integers(0, 20),
    flips=_bytes_flips,
    cut=st.none() | st.integers(0, 70_000),
    part=st.none() | _text,
)
def test_mutated_word_documents_give_a_message_never_an_internal_error(
    tmp_path, where, flips, cut, part
):
    spans = _spans()
    start, length = spans[where % len(spans)]
    data = _flipped(_word(), [(start + position % length, mask) for position, mask in flips])
    data = data[:cut]
    if part is not None:  # one part of the document replaced by some text
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(_word())) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            names = source.namelist()
            victim = names[len(part) % len(names)]
            for name in names:
                target.writestr(name, part.encode() if name == victim else source.read(name))
        data = out.getvalue()
    path = tmp_path / "d.docx"
    path.write_bytes(data)
    assert cli.main(["check", str(path)]) in (0, 1, 2)
    assert path.read_bytes() == data
