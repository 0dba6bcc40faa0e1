"""The program finds its own files from one folder, from source and from the bundle."""

from __future__ import annotations

import os
import sys

from drafting import i18n, location, resources
from drafting.render import docx, warm


def test_from_source_everything_is_in_the_checkout():
    root = location.program_folder()
    assert (root / "main.py").is_file()
    assert root / "resources" == resources.RESOURCES
    assert root / "resources" / "locale" == i18n.LOCALE_DIR
    assert root / "templates" / "docx" / "item.docx" == docx.ITEM_TEMPLATE
    assert docx.ITEM_TEMPLATE.is_file() and warm.BRIDGE.is_file()


def test_frozen_it_is_the_folder_pyinstaller_unpacked(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert location.frozen()
    assert location.program_folder() == tmp_path.resolve()


def test_frozen_children_get_the_library_path_they_were_given(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/bundle/_internal:/opt/own")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/opt/own")
    location.restore_library_path()

    assert os.environ["LD_LIBRARY_PATH"] == "/opt/own"
    assert "LD_LIBRARY_PATH_ORIG" not in os.environ
    monkeypatch.setenv("LD_LIBRARY_PATH", "/bundle/_internal")
    location.restore_library_path()  # none before: none after
    assert "LD_LIBRARY_PATH" not in os.environ


def test_from_source_the_library_path_is_left_alone(monkeypatch):
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/own")
    location.restore_library_path()

    assert os.environ["LD_LIBRARY_PATH"] == "/opt/own"
