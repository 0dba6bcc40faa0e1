"""A fresh clone's README and docs/ stand on their own: every link and every relative path
they name stays inside the repository and is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")  # [text](target) and ![alt](target)
UP = re.compile(r"(?:\.\./)+[\w./-]*")  # ../shared/…, written as a link or as text


def inside(page: Path, target: str) -> bool:
    return (page.parent / target).resolve().is_relative_to(ROOT.resolve())


def test_the_docs_are_there():
    names = {page.name for page in PAGES}
    assert {"format.md", "architecture.md", "developer.md", "CHANGELOG.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_stay_inside_the_repository(page):
    text = page.read_text(encoding="utf-8")
    wrong = []
    for target in LINK.findall(text):
        path = target.split("#", 1)[0]
        if re.match(r"[a-z]+:", target):
            wrong.append(f"{target}: leaves the repository")
        elif path and not inside(page, path):
            wrong.append(f"{target}: outside the repository")
        elif path and not (page.parent / path).exists():
            wrong.append(f"{target}: no such file")
    wrong += [
        f"{path}: outside the repository" for path in UP.findall(text) if not inside(page, path)
    ]
    assert not wrong, wrong
