"""The bundle (`make bundle`), copied to an empty folder, works with no checkout and no venv:
`--version`, `render` to DOCX and PDF, and the window offscreen for 5 s with no traceback.

    python tests/support/bundle_check.py build/bundle/pykala-<version>      # `make bundle-check`

Not a pytest test: building the bundle takes minutes, and the suite stays fast.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "kh-2021-05-03-s333.pykala"
sys.path.insert(0, str(ROOT))


def _env(home: Path) -> dict[str, str]:
    """A user's environment: none of the checkout's Python, a home of its own."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PYENV", "XDG_", "QT_"))
    }
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    env["HOME"] = str(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["TMPDIR"] = str(home / "tmp")
    (home / "tmp").mkdir()
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 240):
    started = time.monotonic()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    print(
        f"  {' '.join(Path(a).name if '/' in a else a for a in args)}: exit {result.returncode}"
        f" in {time.monotonic() - started:.1f} s"
    )
    return result


def check(bundle: Path) -> list[str]:
    from drafting import __version__

    problems = []
    with tempfile.TemporaryDirectory(prefix="pykala-bundle-") as folder:
        root = Path(folder)
        copy = root / "somewhere" / bundle.name
        shutil.copytree(bundle, copy, symlinks=True)
        home = root / "home"
        home.mkdir()
        env = _env(home)
        draft = root / "draft.pykala"
        shutil.copyfile(EXAMPLE, draft)
        program = str(copy / "pykala")

        problems += _contents(copy)
        result = _run([program, "--version"], root, env)
        if result.returncode != 0 or result.stdout.strip() != f"Pykälä {__version__}":
            problems.append(f"--version: {result.returncode} {result.stdout!r} {result.stderr}")

        result = _run([program, "--licenses"], root, env)
        problems += _licences(result.stdout, copy)

        result = _run(
            [
                program,
                "render",
                str(draft),
                "-o",
                str(root / "x.docx"),
                "--pdf",
                str(root / "x.pdf"),
            ],
            root,
            env,
        )
        if result.returncode != 0 or not (root / "x.docx").is_file():
            problems.append(f"render: exit {result.returncode}\n{result.stdout}\n{result.stderr}")
        else:
            text = subprocess.run(
                ["pdftotext", "-layout", str(root / "x.pdf"), "-"], capture_output=True, text=True
            ).stdout
            if "1 (7)" not in text:
                problems.append("render: the PDF has no '1 (7)'")

        result = _run([program, str(draft), "--quit-after", "5"], root, env, timeout=60)
        if result.stderr.strip():
            print("  its stderr:", result.stderr.strip().replace("\n", "\n    "))
        if result.returncode != 0 or "Traceback" in result.stderr:
            problems.append(f"window: exit {result.returncode}\n{result.stderr}")
        if "Traceback" in result.stderr + result.stdout:
            problems.append("a traceback")
    return problems


def _contents(bundle: Path) -> list[str]:
    """The files the program finds through drafting.location, and every licence."""
    from drafting import licenses

    internal = bundle / "_internal"
    wanted = [
        "templates/docx/item.docx",
        "drafting/render/uno_bridge.py",
        "resources/icons/pykala.svg",
        "resources/locale/fi/LC_MESSAGES/pykala.mo",
        "resources/locale/sv/LC_MESSAGES/pykala.mo",
        "resources/licenses/LGPL-3.0.txt",
    ]
    problems = [f"missing {name}" for name in wanted if not (internal / name).is_file()]
    for name in licenses.SHIPPED:
        key = name.lower().replace("-", "_")
        if not any(p.name.lower().startswith(key + "-") for p in internal.glob("*.dist-info")):
            problems.append(f"no metadata (licence) of {name}")
    return problems


def _licences(listing: str, bundle: Path) -> list[str]:
    """Every shipped package is listed with its licence, and its texts are in the bundle."""
    from drafting import licenses

    rows = [line.split("\t") for line in listing.splitlines()]
    named = {row[0]: row for row in rows if len(row) >= 3}
    problems = [f"--licenses lacks {n}" for n in licenses.SHIPPED if n not in named]
    for name, _version, licence, *texts in named.values():
        files = [Path(t) for t in texts]
        if name != "Pykälä" and (licence == "?" or not files):
            problems.append(f"--licenses: no licence or text for {name}")
        for file in files:
            if not (file.is_file() and file.resolve().is_relative_to(bundle.resolve())):
                problems.append(f"--licenses: {name}'s {file} is not in the bundle")
    return problems


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]).resolve()
    size = subprocess.run(["du", "-sh", str(bundle)], capture_output=True, text=True).stdout
    print(f"Bundle {bundle.name}: {size.split()[0]}")
    problems = check(bundle)
    for problem in problems:
        print("FAILED:", problem, file=sys.stderr)
    print("bundle check:", "failed" if problems else "passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
