"""A mutation check you can rerun: does the suite notice when important behaviour breaks?

Copies the repository (its `git ls-files`) into a scratch folder, then for each mutation
below changes one line there, runs only the test files that should notice, and puts the line
back. A mutation is caught when those tests fail; a run that passes the time limit is
reported as a hang (killed, never waited on). Before the mutations, each set of test files
runs once unmutated: a set that fails already would "catch" anything, so it is reported.

    .venv/bin/python tests/support/mutations.py                # all, 300 s each at most
    .venv/bin/python tests/support/mutations.py --only autosave-flush --timeout 120
    .venv/bin/python tests/support/mutations.py --no-baseline  # skip the unmutated runs

Not part of `make test`: each mutation runs real tests (LibreOffice, child processes).
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str  # the file, relative to the repository
    old: str  # exactly one occurrence in the file
    new: str
    tests: tuple[str, ...]  # test files (globs allowed) that should notice
    what: str = ""


# The appeal texts' own tests (any tests/*/test_*appeal*.py), then the renderer's.
APPEAL_TESTS = ("tests/*/test_*appeal*.py", "tests/drafting/test_render_docx.py")

MUTATIONS = (
    Mutation(
        "appeal-label-finnish",
        "drafting/appeals.py",
        'return category["label"].get(language, "") if category else ""',
        'return category["label"].get("fi", "") if category else ""',
        APPEAL_TESTS,
        "the appeal label is always printed in Finnish",
    ),
    Mutation(
        "appeal-all-no-appeal",
        "drafting/appeals.py",
        "    category = _categories().get(key)\n",
        '    category = _categories().get("no-appeal")\n',
        APPEAL_TESTS,
        "every appeal category prints the label of no-appeal",
    ),
    Mutation(
        "appeal-instructions-no-appeal",
        "drafting/appeals.py",
        'text = _categories().get(key, {}).get("instructions", {}).get(language)',
        'text = _categories().get("no-appeal", {}).get("instructions", {}).get(language)',
        APPEAL_TESTS,
        "every appeal category prints the instructions of no-appeal",
    ),
    Mutation(
        "autosave-flush",
        "ui/services/session.py",
        "        self.flush()\n        document = self.document\n        if not document.modified:",
        "        document = self.document\n        if not document.modified:",
        ("tests/ui/test_recovery.py",),
        "autosave does not write the words still in the typing pause",
    ),
    Mutation(
        "masking",
        "drafting/render/context.py",
        '            if run["personal"]:\n                run["text"] = mask',
        '            if run["personal"]:\n                pass',
        ("tests/drafting/test_public_copies.py",),
        "a public copy prints the personal names of its rich text",
    ),
    Mutation(
        "page-numbers-n-of-m",
        "drafting/render/compose.py",
        'instruction.text = " SECTIONPAGES "',
        'instruction.text = " NUMPAGES "',
        ("tests/drafting/test_meeting.py", "tests/drafting/test_section_pages.py"),
        "a composed document's \"N (M)\" counts all pages, not its section's",
    ),
    Mutation(
        "changed-file-guard",
        "ui/services/document.py",
        "and (file_signature(self.path) != self.signature)",
        "and False",
        ("tests/ui/test_mainwindow.py", "tests/ui/test_meetingwindow.py"),
        "saving over a file another program changed does not ask",
    ),
    Mutation(
        "meeting-overwrite-guard",
        "ui/services/session.py",
        "        if check_disk and not may_overwrite(self.document, path, self.ask):",
        "        if False:",
        ("tests/ui/test_meetingwindow.py",),
        "the meeting view overwrites a meeting file changed elsewhere",
    ),
    Mutation(
        "checks-panel-jump",
        "ui/widgets/checks_panel.py",
        "        elif path:\n            self.jump.emit(path)",
        "        elif path:\n            pass",
        ("tests/ui/test_mainwindow.py",),
        "a click on a problem in the checks panel goes nowhere",
    ),
    Mutation(
        "meeting-drop-reorder",
        "ui/windows/meetingwindow.py",
        "        self.reordered.emit([p for p in order if p is not None])",
        "        pass",
        ("tests/ui/test_meetingwindow.py",),
        "an item dropped in the meeting's list is not reordered in the meeting",
    ),
    Mutation(
        "build-dialog-public",
        "ui/windows/build_dialog.py",
        "            self.public.isChecked(),\n            self.changes.isChecked(),",
        "            False,\n            self.changes.isChecked(),",
        ("tests/ui/test_meeting_view_walk.py",),
        "the build dialog's public box builds internal copies",
    ),
)


def copy_repository(target: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, (f.decode() for f in files)):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def test_files(scratch: Path, patterns: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        found += sorted(
            str(Path(p).relative_to(scratch)) for p in glob.glob(str(scratch / pattern))
        )
    return found


@dataclass
class Run:
    passed: int
    failed: int
    seconds: float
    hung: bool
    code: int
    tail: str


def run_tests(scratch: Path, files: list[str], timeout: float) -> Run:
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *files],
        cwd=scratch,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the whole group is killed on a hang
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )
    try:
        out, _ = child.communicate(timeout=timeout)
        hung = False
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        hung = True
    seconds = time.monotonic() - started

    def count(word: str) -> int:
        found = re.findall(rf"(\d+) {word}", out.splitlines()[-1] if out.strip() else "")
        return int(found[0]) if found else 0

    failed = count("failed") + count("error")
    return Run(count("passed"), failed, seconds, hung, child.returncode, out[-2000:])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="run only this mutation (repeatable)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per run")
    parser.add_argument("--no-baseline", action="store_true", help="skip the unmutated runs")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    options = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if not options.only or m.name in options.only]
    scratch = Path(tempfile.mkdtemp(prefix="pykala-mutations-"))
    rows: list[tuple[str, str, str, str]] = []
    try:
        copy_repository(scratch)
        baseline: dict[tuple[str, ...], Run] = {}
        if not options.no_baseline:
            for files in {tuple(test_files(scratch, m.tests)) for m in chosen}:
                if files:
                    baseline[files] = run_tests(scratch, list(files), options.timeout)
                    print(
                        f"baseline {' '.join(files)}: {baseline[files].passed} passed, "
                        f"{baseline[files].failed} failed, {baseline[files].seconds:.0f} s",
                        flush=True,
                    )
        for mutation in chosen:
            path = scratch / mutation.path
            original = path.read_text(encoding="utf-8")
            if original.count(mutation.old) != 1:
                rows.append((mutation.name, "NOT APPLIED (line not found)", "-", "-"))
                continue
            files = test_files(scratch, mutation.tests)
            if not files:
                missing = "NO TESTS (none of " + " ".join(mutation.tests) + ")"
                rows.append((mutation.name, missing, "0", "-"))
                continue
            path.write_text(original.replace(mutation.old, mutation.new), encoding="utf-8")
            try:
                run = run_tests(scratch, files, options.timeout)
            finally:
                path.write_text(original, encoding="utf-8")
            before = baseline.get(tuple(files))
            if run.hung:
                verdict = f"HANG (killed after {options.timeout:.0f} s)"
            elif before is not None and before.code != 0:
                verdict = "UNKNOWN (fails unmutated)"
            elif run.code == 0:
                verdict = "no: survived"
            elif run.code == 1:
                verdict = "yes"
            else:
                verdict = f"ERROR (pytest exit {run.code})"
            ran = f"{run.passed + run.failed} ({run.failed} failed) in {' '.join(files)}"
            rows.append((mutation.name, verdict, ran, f"{run.seconds:.0f} s"))
            print(f"{mutation.name}: {verdict}, {ran}, {run.seconds:.0f} s", flush=True)
            if verdict.startswith(("ERROR", "HANG")):
                print(run.tail, flush=True)
    finally:
        if not options.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    header = ("mutation", "caught?", "tests run (-x: stops at the first failure)", "time")
    widths = [max(len(r[n]) for r in [header, *rows]) for n in range(4)]
    print()
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    what = {m.name: m.what for m in chosen}
    print()
    for name, text in what.items():
        print(f"{name}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
