"""The public copy from the program: the preview shows it when asked (and says so), and
File → Export public copy writes it under a name that says so."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import EXAMPLES
from tests.ui.test_preview import WAIT, page_texts, shown

pytestmark = pytest.mark.libreoffice

SECRET_EXAMPLE = EXAMPLES / "lausunto-salassa-pidettava-liite.pykala"
STATEMENT = "Salassa pidettävä, JulkL 24.1 § 25 k."


def test_the_preview_shows_the_public_copy_when_asked(window, qtbot):
    shown(window, qtbot, lambda: window.open_path(SECRET_EXAMPLE))
    text = " ".join(page_texts(window.preview.pdf))
    assert "Valitus Helsingin hallinto-oikeudelle" in text and "Meikäläisen" in text
    assert window.preview.copy_label.text() == ""
    shown(window, qtbot, window.act_show_public.trigger)  # View → Show the public copy
    text = " ".join(page_texts(window.preview.pdf))
    assert STATEMENT in text and "Meikäläi" not in text and "Valitus Helsingin" not in text
    assert window.preview.copy_label.text() == "Public copy"
    assert window.preview.copy_label.isVisible()  # above the pages, not in a toolbar overflow
    shown(window, qtbot, window.act_show_public.trigger)
    assert "Meikäläisen" in " ".join(page_texts(window.preview.pdf))


def test_export_public_copy_writes_it_under_a_name_that_says_so(window, qtbot, tmp_path):
    shown(window, qtbot, lambda: window.open_path(SECRET_EXAMPLE))
    suggested = []

    def save_path(suggestion, kind="draft"):
        suggested.append(suggestion)
        return tmp_path / "public.pdf"

    window.answers["save_path"] = save_path
    with qtbot.waitSignal(
        window.statusBar().messageChanged,
        timeout=WAIT,
        check_params_cb=lambda m: m.startswith("Exported"),
    ):
        window.act_export_public_pdf.trigger()
    assert suggested[0].endswith("(julkinen).pdf")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "public.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert STATEMENT in text and "Meikäläi" not in text
