"""About lists what the program ships, with each licence as its package declares it."""

from __future__ import annotations

import re
from importlib import metadata

import pytest
from packaging.requirements import Requirement

from drafting import __version__, licenses


def _runtime_closure(name: str) -> set[str]:
    """The distributions `name` needs to run (no extras), by their metadata."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        distribution = metadata.distribution(todo.pop())
        for text in distribution.requires or []:
            requirement = Requirement(text)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            key = _key(requirement.name)
            if key not in seen:
                seen.add(key)
                todo.append(requirement.name)
    return seen


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_shipped_is_every_runtime_dependency():
    assert {_key(n) for n in licenses.SHIPPED} == _runtime_closure("pykala")


def test_every_component_has_a_licence_and_its_text():
    components = licenses.shipped()
    assert components[0].name == "Pykälä" and components[0].version == __version__
    for component in components[1:]:
        assert component.licence != "?", component.name
        assert component.texts, component.name
        assert len(component.text()) > 500, component.name


def test_the_licences_are_what_the_packages_say():
    declared = {c.name: c.licence for c in licenses.shipped()}
    assert declared["PySide6-Essentials"].startswith("LGPL-3.0-only")
    assert declared["shiboken6"].startswith("LGPL-3.0-only")
    assert declared["docxtpl"] == "LGPL-2.1-only"
    assert declared["python-docx"] == "MIT"
    assert declared["babel"] == "BSD-3-Clause"
    assert "MIT" in declared["markdown-it-py"]
    assert declared["psutil"] == "BSD-3-Clause"
    assert declared["pypdf"] == "BSD-3-Clause"
    assert declared["lxml"] == "BSD-3-Clause"
    assert "BSD" in declared["Jinja2"]
    lgpl = {c.name: c.text() for c in licenses.shipped()}["PySide6-Addons"]
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3" in lgpl


@pytest.mark.slow
def test_main_lists_the_licences(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    listing = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--licenses"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    rows = {line.split("\t")[0]: line.split("\t") for line in listing.splitlines()}
    assert set(licenses.SHIPPED) <= set(rows)
    assert rows["docxtpl"][2] == "LGPL-2.1-only"
    assert rows["docxtpl"][3].endswith("LGPL-2.1.txt")
