"""The secretary's meeting: agenda, minutes, one file per item, and extracts.

Numbering (Asia/N from the order, § from `first_section`) is applied to copies of the items
when a document is built; the item files change only when the user asks (`write_numbers`).
Everything is built in memory first; files are written only when all of them are ready,
so a broken item leaves nothing half-done in the output folder.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from drafting import atomic, checks, draftfile
from drafting.i18n import _
from drafting.model import Draft, MeetingDraft
from drafting.render import compose, context, docx
from drafting.resources import organization

KINDS = ("agenda", "minutes", "items", "extracts")


class BuildError(Exception):
    """The build cannot go on; each problem names its file."""

    def __init__(self, problems: list[str], unreadable: bool = False) -> None:
        self.problems = problems
        self.unreadable = unreadable
        super().__init__("\n".join(problems))


@dataclass
class Meeting:
    path: Path
    draft: MeetingDraft
    items: list[tuple[Path, Draft]]  # as they are in their files

    def numbered(self) -> list[Draft]:
        """Copies of the items as this meeting prints them: its numbers, body, date."""
        return [numbered(item, self.draft, n) for n, (_path, item) in enumerate(self.items)]


def numbered(item: Draft, meeting: MeetingDraft, index: int) -> Draft:
    """A copy of `item` as the meeting's `index`-th item: Asia/N, §, body, number, date."""
    info, first = meeting.meeting, meeting.first_section
    draft = copy.deepcopy(item)
    draft.item.agenda_item = index + 1
    if first is not None:
        draft.item.section = first + index
    draft.meeting.body, draft.meeting.number, draft.meeting.date = (
        info.body,
        info.number,
        info.date,
    )
    draft.language, draft.organization = meeting.language, meeting.organization
    return draft


def load(path: Path) -> Meeting:
    """The meeting file and every item it lists; BuildError names each unreadable file."""
    path = Path(path)
    try:
        meeting = draftfile.load_meeting(path)
    except draftfile.DraftError as exc:
        raise BuildError([f"{path}: {p}" for p in exc.problems], unreadable=True) from None
    problems, items = [], []
    for relative in meeting.items:
        item_path = path.parent / relative
        try:
            items.append((item_path, draftfile.load(item_path)))
        except draftfile.DraftError as exc:
            problems += [f"{item_path}: {p}" for p in exc.problems]
    if not meeting.items:
        problems.append(f"{path}: " + _("items: the meeting lists no items"))
    if problems:
        raise BuildError(problems, unreadable=True)
    return Meeting(path, meeting, items)


def problems(meeting: Meeting, document: str) -> list[str]:
    """Errors that block the agenda or the minutes, each with its item file."""
    found = []
    for (path, _item), draft in zip(meeting.items, meeting.numbered(), strict=True):
        for problem in checks.errors(checks.check(draft, document, path.parent)):
            found.append(f"{path}: {problem.path}: {problem.message}")
    return found


def write_numbers(meeting: Meeting) -> list[Path]:
    """Write Asia/N, § and the meeting's body, number and date into the item files."""
    written = []
    for (path, item), numbered in zip(meeting.items, meeting.numbered(), strict=True):
        before = draftfile.dumps(item)
        item.item.agenda_item, item.item.section = numbered.item.agenda_item, numbered.item.section
        item.meeting.body, item.meeting.number = numbered.meeting.body, numbered.meeting.number
        item.meeting.date = numbered.meeting.date
        if draftfile.dumps(item) != before:
            draftfile.save(item, path)
            written.append(path)
    return written


# --- building ---------------------------------------------------------------------------


def _slug(text: str, length: int = 60) -> str:
    text = re.sub(r'[\\/:*?"<>|\n\r\t]+', " ", text)
    text = " ".join(text.split())[:length].rstrip(" .")
    return text


def _number(meeting: MeetingDraft) -> str:
    return meeting.meeting.number.replace("/", "-")


@dataclass
class Output:
    name: str  # file name without suffix
    docx: bytes
    parts: list[bytes] | None = None  # for a combined document: its sections, alone


def _categories(drafts: list[Draft]) -> list[str]:
    seen: list[str] = []
    for draft in drafts:
        if draft.item.appeal and draft.item.appeal not in seen:
            seen.append(draft.item.appeal)
    return seen


def _combined(name: str, contexts: list[dict]) -> Output:
    parts = [docx.render(c) for c in contexts]
    return Output(name, compose.combine(parts), parts)


def agenda(meeting: Meeting, language: str | None = None) -> list[Output]:
    drafts = meeting.numbered()
    options = context.Options(document="agenda", language=language)
    contexts = [context.cover(meeting.draft, drafts, "agenda", language)]
    contexts += [context.build(d, options) for d in drafts]
    word = contexts[0]["header"]["document"]
    return [_combined(f"{word} {_number(meeting.draft)}", contexts)]


def minutes(meeting: Meeting, language: str | None = None) -> list[Output]:
    drafts = meeting.numbered()
    options = context.Options(document="minutes", language=language)
    contexts = [context.cover(meeting.draft, drafts, "minutes", language)]
    contexts += [context.build(d, options) for d in drafts]
    appeals = context.instructions(meeting.draft, _categories(drafts), language)
    if appeals["sections"]:
        contexts.append(appeals)
    word = contexts[0]["header"]["document"]
    return [_combined(f"{word} {_number(meeting.draft)}", contexts)]


def _item_name(draft: Draft) -> str:
    number = draft.item.section if draft.item.section is not None else draft.item.agenda_item
    return f"{number} {_slug(draft.item.title)}"


def items(meeting: Meeting, language: str | None = None) -> list[Output]:
    """One file per item, as in the minutes, each paginated on its own."""
    options = context.Options(document="minutes", language=language)
    return [
        Output(_item_name(d), docx.render(context.build(d, options))) for d in meeting.numbered()
    ]


def extracts(meeting: Meeting, language: str | None = None) -> list[Output]:
    """One extract per item and Otteet recipient."""
    out = []
    for draft in meeting.numbered():
        for index, extract in enumerate(draft.item.extracts):
            data = docx.render(context.extract(draft, index, meeting.draft, language))
            word = organization(draft.organization).word(draft.language, "extract.recipient")
            name = (
                f"{_item_name(draft)[:40].rstrip()} - {word} {index + 1} "
                f"{_slug(extract.recipient, 40)}"
            )
            out.append(Output(name, data))
    return out


BUILDERS: dict[str, Callable[[Meeting, str | None], list[Output]]] = {
    "agenda": agenda,
    "minutes": minutes,
    "items": items,
    "extracts": extracts,
}


def build(
    meeting: Meeting, kinds: list[str], folder: Path, convert=None, language: str | None = None
) -> list[Path]:
    """Build `kinds` into `folder` (DOCX, and PDF when `convert` turns DOCX bytes into PDF
    bytes). Raises BuildError; then nothing of this build is left in the folder."""
    document_problems = []
    for kind in kinds:
        document = "agenda" if kind == "agenda" else "minutes"
        document_problems += problems(meeting, document)
    if document_problems:
        raise BuildError(sorted(set(document_problems)))
    files: list[tuple[Path, bytes]] = []
    for kind in kinds:
        for output in BUILDERS[kind](meeting, language):
            data = output.docx
            pdf_bytes = None
            if convert is not None:
                if output.parts is not None:
                    # Each section counts its own pages: measure the parts alone, then
                    # store the counts in the combined file for LibreOffice to show.
                    counts = [compose.pdf_page_count(convert(p)) for p in output.parts]
                    data = compose.combine(output.parts, counts)
                pdf_bytes = convert(data)
            files.append((folder / f"{output.name}.docx", data))
            if pdf_bytes is not None:
                files.append((folder / f"{output.name}.pdf", pdf_bytes))
    return _write_all(folder, files)


def _write_all(folder: Path, files: list[tuple[Path, bytes]]) -> list[Path]:
    created_folder = not folder.exists()
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, data in files:
            existed = path.exists()
            atomic.write_bytes(path, data)
            if not existed:
                written.append(path)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if created_folder:
            _remove_empty(folder)
        raise BuildError(
            [_("cannot write {path}: {reason}").format(path=folder, reason=exc.strerror or exc)]
        ) from None
    return [path for path, _data in files]


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
