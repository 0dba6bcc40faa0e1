"""The web version (issue 14): `render --html` and `build --html` give pages that axe-core,
run in headless Chromium, finds no WCAG 2.1 A/AA violation in; semantic structure from the
same context as the Word document; public by default."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from drafting import draftfile
from drafting.render import context, html
from tests.conftest import EXAMPLE_333, EXAMPLE_885, EXAMPLES
from tests.drafting.conftest import run_cli
from tests.support import axe

# The pages are made by the command line, in a child process (`slow`).
pytestmark = pytest.mark.slow

SECRET = EXAMPLES / "lausunto-salassa-pidettava-liite.pykala"  # a secret attachment

NAME = "Zacharias Zetterberg"  # marked as personal data in the test's copies
RICH = f"""Johdanto, jossa on **lihavoitua**, *kursiivia* ja [{NAME}]{{.personal}}.

## Väliotsikko

- ensimmäinen
  - sisempi
    1. syvin
- toinen

   jatkokappale samassa kohdassa

3. kolmas
4. neljäs

### Alaotsikko

> Lainaus lausunnosta.
> Toinen rivi.

Lopuksi <script>alert("x")</script> & "merkit" tulostuvat sellaisinaan."""


class Page(HTMLParser):
    """What a test reads of a page: its elements in order, attributes and text."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[int, str]] = []
        self.text_parts: list[str] = []
        self._heading: list[str] | None = None
        self.feed(data.decode("utf-8"))

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self._heading = []

    def handle_endtag(self, tag):
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() and self._heading is not None:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading).split())))
            self._heading = None

    def handle_data(self, data):
        self.text_parts.append(data)
        if self._heading is not None:
            self._heading.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    def named(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def with_personal_data(folder: Path) -> Path:
    """A copy of the examples whose § 333 marks a name as personal data (reasoning, contact)
    and has every kind of rich text; the meeting file in the copy."""
    shutil.copytree(EXAMPLES, folder)
    path = folder / EXAMPLE_333.name
    data = json.loads(path.read_text(encoding="utf-8"))
    data["item"]["proposal"]["reasoning"] = RICH + "\n\n" + data["item"]["proposal"]["reasoning"]
    data["item"]["contacts"][0]["name"] = f"[{NAME}]{{.personal}}"
    data["item"]["extracts"] = [
        {"recipient": f"Hakija [{NAME}]{{.personal}}", "proposal_text": True, "appeal": True},
        {"recipient": "Sosiaali- ja terveystoimiala", "attachments": [1, 2]},
    ]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder / "meeting" / "kh-18-2021.pykala"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Every page the tests check, made as a user makes them (the command line)."""
    folder = tmp_path_factory.mktemp("web")
    meeting = with_personal_data(folder / "examples")
    rich = meeting.parent.parent / EXAMPLE_333.name
    made: dict[str, Path] = {}
    for document in ("agenda", "minutes"):
        out = folder / document
        result = run_cli("build", meeting, "--html", f"--{document}", "-o", out)
        assert result.returncode == 0, result.stderr
        for page in sorted(out.glob("*.html")):
            made[f"{document}/{page.name}"] = page
    internal = folder / "internal"
    result = run_cli("build", meeting, "--html", "--minutes", "--internal", "-o", internal)
    assert result.returncode == 0, result.stderr
    for key, draft, options in (
        ("s333", EXAMPLE_333, ()),
        ("s885", EXAMPLE_885, ()),
        ("s333-sv", EXAMPLE_333, ("--language", "sv")),
        ("rich", rich, ()),
        ("rich-internal", rich, ("--internal",)),
        ("secret", SECRET, ()),
        ("secret-internal", SECRET, ("--internal",)),
    ):
        made[key] = folder / f"{key}.html"
        result = run_cli("render", draft, "--html", made[key], *options)
        assert result.returncode == 0, result.stderr
    for page in sorted(internal.glob("*.html")):
        made[f"internal/{page.name}"] = page
    return made


@pytest.fixture(scope="module")
def checked(pages, tmp_path_factory) -> dict[Path, list[dict]]:
    """axe-core's verdict on every page, and on one page broken on purpose, in one batch."""
    if problem := axe.missing():
        pytest.fail(problem)
    broken = tmp_path_factory.mktemp("broken") / "broken.html"
    text = pages["s333"].read_text(encoding="utf-8")
    broken.write_text(
        text.replace("<main>", '<main><img src="kuva.png">', 1).replace(' lang="fi"', "", 1),
        encoding="utf-8",
    )
    return axe.violations([*pages.values(), broken])


@pytest.mark.chromium
def test_axe_finds_what_is_wrong_on_a_broken_page(checked):
    """The check cannot pass vacuously: an image without alt and a page without lang fail."""
    broken = [found for page, found in checked.items() if page.name == "broken.html"][0]
    assert {"image-alt", "html-has-lang"} <= {v["id"] for v in broken}


@pytest.mark.chromium
def test_every_page_has_no_wcag_violation(pages, checked):
    assert len(pages) >= 2 * 4 + 5
    found = {
        str(page): [f"{v['id']} ({v['impact']}): {v['help']}: {v['nodes'][:3]}" for v in vs]
        for page, vs in checked.items()
        if vs and page.name != "broken.html"
    }
    assert not found


def test_a_meeting_is_an_index_and_a_page_per_item(pages):
    agenda = sorted(k for k in pages if k.startswith("agenda/"))
    assert agenda[-1] == "agenda/index.html" and len(agenda) == 4
    minutes = [k for k in pages if k.startswith("minutes/")]
    assert len(minutes) == 5  # and the appeal instructions
    index = Page(pages["minutes/index.html"].read_bytes())
    links = [a["href"] for a in index.named("a")]
    for key in minutes:
        assert any(key.endswith(html_unquote(href)) for href in links), key
    assert "§ 333" in index.text and "Kokouspaikka" in index.text and "Läsnä" in index.text


def html_unquote(href: str) -> str:
    from urllib.parse import unquote

    return unquote(href)


@pytest.mark.parametrize("key, language", [("s333", "fi"), ("s885", "fi"), ("s333-sv", "sv")])
def test_language_headings_and_header_data(pages, key, language):
    data = pages[key].read_bytes()
    page = Page(data)
    assert page.named("html")[0]["lang"] == language
    levels = [level for level, _text in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    draft = draftfile.load(EXAMPLE_333 if "333" in key else EXAMPLE_885)
    ctx = context.build(draft, context.Options(language=language, public=True))
    # The same sections in the same order and words as the Word document.
    assert [t for level, t in page.headings if level == 2][: len(ctx["sections"])] == [
        s["heading"] for s in ctx["sections"]
    ]
    case_id = draft.item.case_id
    assert page.text.count(case_id) >= 2  # in the header data and under the title
    assert f"§ {draft.item.section}" in page.headings[0][1]
    header_texts = {"Kaupunginhallitus" if language == "fi" else "Stadsstyrelsen", "03.05.2021"}
    if "333" in key:
        assert all(t in page.text for t in header_texts)
    assert page.named("header") and page.named("main") and page.named("footer")


def test_rich_text_is_real_structure(pages):
    page = Page(pages["rich"].read_bytes())
    names = [tag for tag, _attrs in page.tags]
    assert names.count("blockquote") == 1
    assert ("h3", "Väliotsikko") in [(f"h{lv}", t) for lv, t in page.headings]
    assert ("h4", "Alaotsikko") in [(f"h{lv}", t) for lv, t in page.headings]
    assert {"start": "3"} in page.named("ol")
    body = pages["rich"].read_text(encoding="utf-8")
    assert "<ul><li>ensimmäinen<ul><li>sisempi<ol><li>syvin</li></ol></li></ul></li>" in body
    assert "<strong>lihavoitua</strong>" in body and "<em>kursiivia</em>" in body
    assert "<script" not in body and "&lt;script&gt;" in body
    for th in page.named("th"):
        assert th.get("scope") in ("col", "row")
    # Otteet, in the decision part and again in the motion part: two column heads and a row
    # head per recipient
    assert len(page.named("table")) == 2 and len(page.named("th")) == 2 * (2 + 2)


def test_no_inline_style_and_one_stylesheet(pages):
    for key, path in pages.items():
        page = Page(path.read_bytes())
        assert not [tag for tag, attrs in page.tags if "style" in attrs], key
        assert len(page.named("style")) == 1 and not page.named("link"), key
        assert not page.named("script") and page.named("title"), key


def test_public_by_default_internal_on_request(pages):
    public = {k: p for k, p in pages.items() if not k.startswith("internal/")}
    public.pop("rich-internal")
    for key, path in public.items():
        assert NAME not in path.read_text(encoding="utf-8"), key
    assert "**********" in pages["rich"].read_text(encoding="utf-8")
    assert NAME in pages["rich-internal"].read_text(encoding="utf-8")
    internal = [p for k, p in pages.items() if k.startswith("internal/") and "333" in k]
    assert NAME in internal[0].read_text(encoding="utf-8")


def test_text_is_escaped():
    draft = draftfile.load(EXAMPLE_333)
    draft.item.title = '<img src=x onerror="alert(1)"> & </title>'
    data = html.render(context.build(draft)).decode("utf-8")
    assert "<img" not in data and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in data
    assert data.count("</title>") == 1


def test_render_refuses_to_write_over_the_draft(tmp_path):
    draft = tmp_path / EXAMPLE_333.name
    shutil.copy(EXAMPLE_333, draft)
    before = draft.read_bytes()
    result = run_cli("render", draft, "--html", draft)
    assert result.returncode == 1 and "Nothing was written" in result.stderr
    assert draft.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["render", EXAMPLE_333],
        ["render", EXAMPLE_333, "--html", "x.html", "--pdf", "x.pdf"],
        ["render", EXAMPLE_333, "-o", "x.docx", "--internal"],
        ["build", EXAMPLES / "meeting" / "kh-18-2021.pykala", "--html", "-o", "w"],
        ["build", EXAMPLES / "meeting" / "kh-18-2021.pykala", "--html", "--agenda", "--items"],
    ],
)
def test_wrong_command_lines_exit_2(args):
    result = run_cli(*args)
    assert result.returncode == 2, result.stderr


def test_build_html_writes_nothing_when_an_item_has_errors(tmp_path):
    meeting = with_personal_data(tmp_path / "examples")
    item = meeting.parent.parent / EXAMPLE_885.name
    data = json.loads(item.read_text(encoding="utf-8"))
    data["item"]["title"] = ""
    item.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "web"
    result = run_cli("build", meeting, "--html", "--agenda", "-o", out)
    assert result.returncode == 1 and "item.title" in result.stderr
    assert not out.exists()


def test_build_html_never_writes_over_its_own_inputs(tmp_path):
    """An item file that happens to be called index.html stays as it is."""
    meeting = with_personal_data(tmp_path / "examples")
    item = meeting.parent / "index.html"
    (meeting.parent / "01-laillisuus.pykala").rename(item)
    data = json.loads(meeting.read_text(encoding="utf-8"))
    data["items"][0] = "index.html"
    meeting.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = item.read_bytes()
    names = sorted(p.name for p in meeting.parent.iterdir())
    assert "index.html" in names and meeting.name in names
    result = run_cli("build", meeting, "--html", "--agenda", "-o", meeting.parent)
    assert result.returncode == 1 and "one of the meeting's own files" in result.stderr
    assert item.read_bytes() == before
    assert sorted(p.name for p in meeting.parent.iterdir()) == names  # nothing written


def test_a_secret_attachment_keeps_its_number_and_shows_its_grounds(pages):
    public = pages["secret"].read_text(encoding="utf-8")
    assert "Salassa pidettävä, JulkL 24.1 § 25 k." in public
    assert "Valitus Helsingin hallinto-oikeudelle" not in public and "Meikäläi" not in public
    internal = pages["secret-internal"].read_text(encoding="utf-8")
    assert "Valitus Helsingin hallinto-oikeudelle" in internal and "Meikäläisen" in internal
