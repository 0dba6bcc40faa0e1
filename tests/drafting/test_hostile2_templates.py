"""A hostile Word template in an organisation's profile (issue 22, hole 07): the renderer fills
it in within limits of time and size, a template that goes past them or breaks is refused at
import and, if it got into the folder by hand, makes `render` say which template is at fault
(exit 1), never hang or end in an internal error (exit 3)."""

from __future__ import annotations

import base64
import io
import json
import time
import zipfile

import pytest

from drafting import cli, draftfile, profiles
from drafting.render import context, docx, limits
from tests.conftest import EXAMPLE_333
from tests.support import espoo

HOSTILE = {
    "nested loop": "{% for x in range(99999) %}{% for y in range(99999) %}{% endfor %}{% endfor %}",
    "huge text": "{{ 'a' * 10**9 }}",
    "doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s }}"
    ),
    "wide": "{{ 'a'|center(1000000000) }}",
    "replace": "{{ ('a'*1000)|replace('a', 'a'*1000)|replace('a', 'a'*1000) }}",
    "format": "{{ '{:>999999999}'.format(1) }}",
    "percent": "{{ '%999999999d' % 1 }}",
    "join": "{{ range(10)|join('a' * 10000000) }}",
    "recursion": "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
    "mro": "{{ ''.__class__.__mro__ }}",
    "include": "{% include '/etc/passwd' %}",
    "undefined": "{{ nothing_of_that_name }}",
}


def _template(inject: str) -> bytes:
    """Our item.docx with `inject` put into its XML after the title."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(docx.ITEM_TEMPLATE) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                tag = b"{{ item.title_line }}"
                data = data.replace(tag, tag + inject.encode(), 1)
            target.writestr(info, data)
    return out.getvalue()


@pytest.fixture
def short_budget(monkeypatch):
    """Two seconds stand for the renderer's ten: the same code, a shorter wait."""
    monkeypatch.setattr(limits, "SECONDS", 2.0)


def _export(tmp_path, template: bytes):
    data = espoo.profile_data(template=None)
    data["id"] = "evil"
    data[profiles.EXPORTED_TEMPLATE] = base64.b64encode(template).decode("ascii")
    data["template"] = "evil.docx"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", HOSTILE)
def test_import_refuses_a_template_that_cannot_be_filled_in(tmp_path, short_budget, case):
    started = time.monotonic()
    with pytest.raises(profiles.ProfileError) as raised:
        profiles.import_(_export(tmp_path, _template(HOSTILE[case])))
    assert time.monotonic() - started < 10
    (problem,) = raised.value.problems
    assert problem.startswith("template: it cannot be filled in: "), problem
    assert not profiles.user_folder().exists() or not list(profiles.user_folder().iterdir())


def test_a_template_that_is_harmless_but_unusual_is_imported(tmp_path):
    harmless = (
        "{{ item.title_line.upper() }}{% for s in sections %}{{ s.heading|lower }}{% endfor %}"
    )
    assert profiles.import_(_export(tmp_path, _template(harmless))).name == "evil.json"


def _install(template: bytes) -> None:
    """The template put into the folder by hand, past the import's trial."""
    folder = profiles.user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "evil.docx").write_bytes(template)
    data = espoo.profile_data(template="evil.docx")
    data["id"] = "evil"
    (folder / "evil.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("case", ["nested loop", "huge text", "mro", "include", "undefined"])
def test_render_names_the_organisations_template_and_exits_1(tmp_path, short_budget, capsys, case):
    _install(_template(HOSTILE[case]))
    data = json.loads(EXAMPLE_333.read_text(encoding="utf-8"))
    data["organization"] = "evil"
    draft = tmp_path / "evil.pykala"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    started = time.monotonic()
    code = cli.main(["render", str(draft), "-o", str(tmp_path / "out.docx")])
    said = capsys.readouterr().err
    assert code == 1, said
    assert time.monotonic() - started < 10
    assert "The Word template evil.docx of the organisation's profile cannot be filled in" in said
    assert "internal error" not in said
    assert not (tmp_path / "out.docx").exists()


def test_the_limits_cost_little_on_a_normal_render(monkeypatch):
    """The guard runs for every template, ours too: an example renders as fast as before
    within noise, and stays far inside the limits."""
    built = context.build(draftfile.load(EXAMPLE_333))
    seen: list[limits.LimitedEnvironment] = []
    made = docx._environment

    def spying() -> limits.LimitedEnvironment:
        seen.append(made())
        return seen[-1]

    monkeypatch.setattr(docx, "_environment", spying)
    docx.render(built)
    (environment,) = seen
    assert environment.printed < limits.SIZE / 100
    assert environment.steps < 1000
