"""File → Export web page: the item as the public web page `render --html` writes."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLE_333

NAME = "Zacharias Zetterberg"


def test_export_web_page_from_the_file_menu(window, tmp_path, qtbot):
    data = json.loads(EXAMPLE_333.read_text(encoding="utf-8"))
    data["item"]["proposal"]["reasoning"] += f"\n\nHakija [{NAME}]{{.personal}} kuultiin."
    draft = tmp_path / EXAMPLE_333.name
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert window.open_path(draft)
    window.answers["save_path"] = tmp_path / "verkkosivu.html"
    (action,) = [a for a in window.menu_file.actions() if a.text() == "Export &web page…"]
    with qtbot.waitSignal(
        window.statusBar().messageChanged,
        timeout=30_000,
        check_params_cb=lambda m: m.startswith("Exported"),
    ):
        action.trigger()
    page = (tmp_path / "verkkosivu.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fi">' in page
    assert '<span class="section">§ 333</span>' in page and "HEL 2021-001526" in page
    assert NAME not in page and "Hakija ********** kuultiin." in page  # public
    assert not window.messages
