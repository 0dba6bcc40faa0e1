"""The meeting view's Print makes its pages through the one production function
(drafting.produce.produce, issue 24 part 2), as its Build does: one call per print, for the
one document the user chose."""

from __future__ import annotations

import pytest

from drafting import produce
from tests.ui.test_printing import WAIT, choose, pdftotext

pytestmark = [pytest.mark.libreoffice, pytest.mark.cups]


@pytest.fixture
def calls(monkeypatch) -> list[tuple[str, tuple[str, ...], tuple[str, ...], object]]:
    """(what, formats, kinds, item) of every call of the one production function."""
    seen: list[tuple[str, tuple[str, ...], tuple[str, ...], object]] = []
    real = produce.produce

    def spy(subject, formats, copy=produce.FULL, **kwargs):
        seen.append(
            (
                type(subject).__name__,
                tuple(formats),
                tuple(kwargs.get("kinds", ())),
                kwargs.get("item"),
            )
        )
        return real(subject, formats, copy, **kwargs)

    monkeypatch.setattr(produce, "produce", spy)
    return seen


def test_printing_one_item_of_the_meeting_goes_through_produce(
    view, qtbot, calls, printer_queue, tmp_path
):
    choose(view, printer_queue.name)
    view.items.setCurrentItem(view.items.topLevelItem(2))  # the third: § 885
    calls.clear()
    with qtbot.waitSignal(view.printing.finished, timeout=WAIT) as done:
        view.act_print_item.trigger()  # Meeting → Print item
    assert done.args[0] == f"Printed on {printer_queue.name}", view.messages
    assert calls == [("Meeting", ("docx", "pdf"), ("items",), 2)]
    pages = pdftotext(printer_queue.output.read_bytes(), tmp_path)
    assert len(pages) == 2 and "1 (2)" in pages[0]  # § 885 alone: its own two pages
    assert "Biaudetin" in "".join(pages)
    assert not view.messages
