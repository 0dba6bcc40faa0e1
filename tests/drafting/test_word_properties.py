"""A Word file says when it was written and by whom, not 1.1.2021 and "Pykälä" (issue 21,
item 11): the item rendered from the command line and a meeting's combined minutes."""

from __future__ import annotations

import datetime as dt
import shutil

import docx
import pytest

from tests.conftest import EXAMPLE_333, EXAMPLE_885, EXAMPLES
from tests.drafting.conftest import run_cli


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def assert_written_between(path, before: dt.datetime, after: dt.datetime) -> None:
    core = docx.Document(str(path)).core_properties
    slack = dt.timedelta(seconds=1)  # stored to the second
    assert before - slack <= core.created <= after + slack, core.created
    assert core.modified == core.created
    assert core.author == "Helsingin kaupunki"
    assert core.last_modified_by == core.author  # not the template's "Pykälä"


@pytest.mark.slow
def test_a_rendered_item_is_dated_when_it_was_written(tmp_path):
    before = now()
    result = run_cli("render", EXAMPLE_333, "-o", tmp_path / "asia.docx")
    assert result.returncode == 0, result.stderr
    assert_written_between(tmp_path / "asia.docx", before, now())


@pytest.mark.slow
def test_built_minutes_are_dated_when_they_were_built(tmp_path):
    folder = tmp_path / "kokous"
    shutil.copytree(EXAMPLES / "meeting", folder)
    for item in (EXAMPLE_333, EXAMPLE_885):
        shutil.copy(item, tmp_path / item.name)
    before = now()
    result = run_cli("build", folder / "kh-18-2021.pykala", "--minutes", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    (minutes,) = (tmp_path / "out").glob("*.docx")
    assert_written_between(minutes, before, now())
