"""`main.py check MEETING.pykala`: the meeting and every item in it, reported item by item
(issue 21, item 16)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_333, EXAMPLE_885, EXAMPLES
from tests.drafting.conftest import run_cli

# Every test here starts the program in a child process of its own.
pytestmark = pytest.mark.slow

SOURCES = (EXAMPLES / "meeting" / "01-laillisuus.pykala", EXAMPLE_333, EXAMPLE_885)
HEADING = re.compile(r"^Asia (\d+)(, § (\d+))?: ", re.MULTILINE)


def own_meeting(tmp_path, broken_title: bool = False):
    """A meeting of its own: copies of the example items, each in a folder of its own, the
    second with its title removed when `broken_title`."""
    items = []
    for n, source in enumerate(SOURCES):
        folder = tmp_path / f"asia{n + 1}"
        folder.mkdir()
        items.append(Path(shutil.copy(source, folder)))
    if broken_title:
        data = json.loads(items[1].read_text(encoding="utf-8"))
        data["item"]["title"] = ""
        items[1].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    meeting = json.loads((EXAMPLES / "meeting" / "kh-18-2021.pykala").read_text("utf-8"))
    meeting["items"] = [f"../{p.parent.name}/{p.name}" for p in items]
    path = tmp_path / "kokous" / "kokous.pykala"
    path.parent.mkdir()
    path.write_text(json.dumps(meeting, ensure_ascii=False), encoding="utf-8")
    return path


def sections(stdout: str) -> dict[int, str]:
    """The report of each item (Asia N → its lines), in the order printed."""
    found = list(HEADING.finditer(stdout))
    return {
        int(m.group(1)): stdout[m.start() : found[i + 1].start() if i + 1 < len(found) else None]
        for i, m in enumerate(found)
    }


def test_a_clean_meeting_reports_every_item_and_exits_0(tmp_path):
    result = run_cli("check", own_meeting(tmp_path), "--document", "agenda")
    assert result.returncode == 0, result.stdout + result.stderr
    report = sections(result.stdout)
    assert list(report) == [1, 2, 3]
    assert report[2].startswith("Asia 2, § 333: Valtuutettu Eva Biaudetin aloite")
    assert all("no problems" in text for text in report.values()), result.stdout
    assert "cannot be read" not in result.stderr + result.stdout


def test_one_item_with_an_error_is_named_under_it_and_exits_1(tmp_path):
    result = run_cli("check", own_meeting(tmp_path, broken_title=True), "--document", "agenda")
    assert result.returncode == 1, result.stdout + result.stderr
    report = sections(result.stdout)
    assert list(report) == [1, 2, 3]
    assert "error: item.title: The title is empty" in report[2]
    assert "error" not in report[1] and "error" not in report[3]
    assert "1 of 3 items has errors" in result.stderr


def test_an_item_that_cannot_be_read_is_reported_in_its_place(tmp_path):
    path = own_meeting(tmp_path)
    (tmp_path / "asia3" / "kh-2021-11-22-s885.pykala").unlink()
    result = run_cli("check", path, "--document", "agenda")
    assert result.returncode == 2, result.stdout + result.stderr
    report = sections(result.stdout)
    assert list(report) == [1, 2, 3]
    assert "cannot be read" in report[3] and "no such file" in report[3]
    assert "no problems" in report[1] and "no problems" in report[2]


def test_the_shipped_example_meeting_is_checked_item_by_item():
    result = run_cli("check", EXAMPLES / "meeting" / "kh-18-2021.pykala")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert "open it as a meeting" not in result.stderr
    report = sections(result.stdout)
    assert list(report) == [1, 2, 3]
    assert [int(m.group(3)) for m in HEADING.finditer(result.stdout)] == [332, 333, 334]
    failing = [n for n, text in report.items() if "  error: " in text]
    assert (result.returncode == 1) == bool(failing)
