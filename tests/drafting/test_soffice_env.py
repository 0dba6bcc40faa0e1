"""LibreOffice started from an activated virtualenv: with libreoffice-voikko installed, soffice
aborted (exit 134) whenever a virtualenv's or pyenv's bin came first on PATH. Every start goes
through drafting.render.pdf.soffice_env, so it no longer matters how Pykälä was started."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from drafting import draftfile
from drafting.render import context, docx, pdf, warm
from tests.conftest import EXAMPLE_885, ROOT
from tests.drafting.conftest import run_cli
from tests.support.fidelity import pdf_lines

# Finnish hyphenation (Voikko) at work: the original breaks this line here, and so do we.
HYPHENATED = "16.6.2021 hyväksymän toivomusponnen johdosta tehdyistä toimenpi-"
VENV_BIN = str(Path(sys.executable).parent)


def activated_venv() -> dict[str, str]:
    """The environment of a shell after `. .venv/bin/activate`, with Python variables set
    that our own interpreter survives but LibreOffice's must not see."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([VENV_BIN, str(Path.home() / ".pyenv" / "shims"), env["PATH"]])
    env["VIRTUAL_ENV"] = str(Path(sys.executable).parent.parent)
    env["PYTHONHOME"] = sys.base_prefix
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_soffice_env_drops_python_and_puts_the_system_first():
    env = pdf.soffice_env(
        {
            "PATH": f"{VENV_BIN}:/root/.pyenv/shims:/root/.pyenv/versions/3.11.7/bin:/opt/x/bin",
            "VIRTUAL_ENV": str(Path(VENV_BIN).parent),
            "PYTHONHOME": "/somewhere",
            "PYTHONPATH": "/elsewhere",
            "PYENV_VERSION": "3.11.7",
            "HOME": "/home/someone",
            "LANG": "fi_FI.UTF-8",
        }
    )
    path = env["PATH"].split(os.pathsep)
    assert path[: len(pdf.SYSTEM_PATH)] == list(pdf.SYSTEM_PATH)
    assert VENV_BIN not in path and not any(".pyenv" in p for p in path)
    assert "/opt/x/bin" in path
    assert not {"VIRTUAL_ENV", "PYTHONHOME", "PYTHONPATH", "PYENV_VERSION"} & set(env)
    assert env["HOME"] == "/home/someone" and env["LANG"] == "fi_FI.UTF-8"


@pytest.mark.libreoffice
def test_cli_converts_with_hyphenation_from_an_activated_venv(tmp_path):
    out = tmp_path / "item.pdf"
    result = run_cli(
        "render", EXAMPLE_885, "-o", tmp_path / "item.docx", "--pdf", out, env=activated_venv()
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert HYPHENATED in [line for page in pdf_lines(out) for line in page]


@pytest.mark.libreoffice
def test_warm_converter_converts_with_hyphenation_from_an_activated_venv(tmp_path, monkeypatch):
    for name, value in activated_venv().items():
        monkeypatch.setenv(name, value)
    converter = warm.Converter()
    try:
        data = converter.convert(docx.render(context.build(draftfile.load(EXAMPLE_885))))
        assert converter.warm is not None and converter.warm.process is not None  # not cold
    finally:
        converter.stop()
    assert data.startswith(b"%PDF")
    out = tmp_path / "warm.pdf"
    out.write_bytes(data)
    assert HYPHENATED in [line for page in pdf_lines(out) for line in page]
