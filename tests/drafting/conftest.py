from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run_cli(*args: str | Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python main.py …` as a user types it; output decoded, never raising on exit codes."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Render (example, options) once per session: DOCX and PDF paths."""
    cache: dict[tuple, tuple[Path, Path]] = {}
    folder = tmp_path_factory.mktemp("rendered")

    def render(draft: Path, *options: str) -> tuple[Path, Path]:
        key = (draft, options)
        if key not in cache:
            stem = f"{draft.stem}{''.join(options).replace('-', '_')}"
            out_docx, out_pdf = folder / f"{stem}.docx", folder / f"{stem}.pdf"
            result = run_cli("render", draft, "-o", out_docx, "--pdf", out_pdf, *options)
            assert result.returncode == 0, result.stderr
            cache[key] = (out_docx, out_pdf)
        return cache[key]

    return render
