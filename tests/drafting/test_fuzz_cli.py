"""Mutated drafts through the command line, as a careless or hostile user would make them.

For any mutation of the example drafts: `check` and `render` end with 0, 1 or 2 (never 3,
an internal error); a Word document that is written holds every word of the text typed into
the reasoning; and a public copy never holds a name marked as personal data.
"""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from drafting import cli
from tests.conftest import EXAMPLE_333, EXAMPLE_885

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
