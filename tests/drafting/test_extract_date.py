"""An extract is dated by its input: the meeting's extract date, else the day the caller
passes; the renderer never looks at the clock."""

import datetime as dt

from drafting import draftfile
from drafting.model import Extract, MeetingDraft
from drafting.render import context
from tests.conftest import EXAMPLE_333


def _certify(**kwargs) -> list[str]:
    draft = draftfile.load(EXAMPLE_333)
    draft.item.extracts = [Extract(recipient="Rakennusvalvonta", appeal=False)]
    meeting = MeetingDraft(extract_date=kwargs.pop("extract_date", None))
    extract = context.extract(draft, 0, meeting, **kwargs)
    section = next(s for s in extract["sections"] if s["key"] == "certify")
    return ["".join(r["text"] for r in b["runs"]) for b in section["blocks"]]


def test_the_caller_passes_today_and_the_same_input_renders_the_same():
    day = dt.date(2021, 5, 10)
    assert _certify(today=day)[0] == "10.05.2021"
    assert _certify(today=day) == _certify(today=day)


def test_the_meetings_extract_date_wins():
    assert _certify(extract_date=dt.date(2021, 5, 7), today=dt.date(2030, 1, 1))[0] == "07.05.2021"
