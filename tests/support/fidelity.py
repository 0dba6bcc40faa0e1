"""Line for line against Helsinki's originals, the way a proof-reader holds both pages.

The same method as ../shared/tools/line_fidelity.py, kept here so that the suite runs from
any clone: the originals (tests/reference/*.txt) are the text of Helsinki's PDFs, one printed
line per text line; our PDF is read with `pdftotext -bbox-layout`.

- lines: of the original's body lines of 40+ characters, how many our PDF prints as the very
  same line (same words, same hyphen at the end);
- starts: for each page of the original whose header the text keeps, does our page start
  with the same body line;
- pages: the page count.

    python -m tests.support.fidelity PDF ORIGINAL.txt      # prints the figures and the differences
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HEADER = re.compile(r"^Helsingin kaupunki .*\d+ \(\d+\)\s*$")
HEADER_BLOCK = re.compile(r"^(Kaupunginhallitus|Asia/\d+|\d\d\.\d\d\.\d{4})\s*$")
FOOTER_START = "Postiosoite"
FOOTER_LINES = 4
TOP_CM = 3.3  # lines above this belong to the page header
BOTTOM_SHARE = 0.93  # lines below this share of the page height belong to the footer
LONG = 40  # characters: shorter lines (headings, names) say little about the measure


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "-")).strip().strip('"”“ ')


@dataclass
class Original:
    lines: list[str]  # body lines, header block and footer table dropped
    starts: dict[int, str]  # page → its first body line, where the text keeps the header
    pages: int


def original(path: Path) -> Original:
    lines: list[str] = []
    starts: dict[int, str] = {}
    total = 0
    pending = None
    text = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(text):
        line = text[i]
        if line.startswith(FOOTER_START):
            i += FOOTER_LINES
            continue
        if HEADER.match(line):
            page, total = map(int, re.search(r"(\d+) \((\d+)\)\s*$", line).groups())
            pending = page
            i += 1
            while i < len(text) and (not text[i].strip() or HEADER_BLOCK.match(text[i].strip())):
                i += 1
            continue
        if line.strip():
            lines.append(norm(line))
            if pending:
                starts[pending] = norm(line)
                pending = None
        i += 1
    return Original(lines, starts, total)


def pdf_lines(pdf: Path) -> list[list[str]]:
    """The body lines of each page of a PDF, top to bottom, header and footer dropped; words
    at the same height (a number and its text) joined left to right."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for height, content in re.findall(r'<page [^>]*height="([\d.]+)"[^>]*>(.*?)</page>', out, re.S):
        rows: list[tuple[float, float, str]] = []
        for m in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</line>',
            content,
            re.S,
        ):
            x, y = float(m.group(1)), float(m.group(2))
            if y / 72 * 2.54 < TOP_CM or y > float(height) * BOTTOM_SHARE:
                continue
            words = re.findall(r">([^<]*)</word>", m.group(3))
            rows.append((y, x, html.unescape(" ".join(words))))  # &quot; is "
        rows.sort()
        merged: list[str] = []
        last = None
        for y, _x, text in rows:
            if last is not None and abs(y - last) < 2:
                merged[-1] += " " + text
            else:
                merged.append(text)
            last = y
        pages.append([norm(t) for t in merged if norm(t)])
    return pages


@dataclass
class Fidelity:
    same: int
    long: int
    starts_same: int
    starts: int
    pages: int
    original_pages: int
    missing: list[str] = field(default_factory=list)
    start_lines: list[tuple[int, str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"lines {self.same}/{self.long} identical, page starts "
            f"{self.starts_same}/{self.starts}, pages {self.pages} vs original "
            f"{self.original_pages}"
        )


def measure(pdf: Path, reference: Path) -> Fidelity:
    theirs = original(reference)
    ours = pdf_lines(pdf)
    printed = {line for page in ours for line in page}
    long = [line for line in theirs.lines if len(line) >= LONG]
    missing = [line for line in long if line not in printed]
    starts = []
    for page, first in sorted(theirs.starts.items()):
        got = ours[page - 1][0] if page <= len(ours) and ours[page - 1] else "(no such page)"
        starts.append((page, first, got))
    return Fidelity(
        same=len(long) - len(missing),
        long=len(long),
        starts_same=sum(1 for _p, first, got in starts if first == got),
        starts=len(starts),
        pages=len(ours),
        original_pages=theirs.pages,
        missing=missing,
        start_lines=starts,
    )


def main(argv: list[str]) -> int:
    for pdf, reference in zip(argv[0::2], argv[1::2], strict=True):
        result = measure(Path(pdf), Path(reference))
        print(f"{Path(pdf).name}: {result}")
        for line in result.missing:
            print(f"  not printed as such: {line}")
        for page, first, got in result.start_lines:
            print(f"  page {page} starts, original: {first!r}; ours: {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
