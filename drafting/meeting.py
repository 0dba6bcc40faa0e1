"""The secretary's meeting: agenda, minutes, one file per item, and extracts.

Numbering (Asia/N from the order, § from `first_section`) is applied to copies of the items
when a document is built; the item files change only when the user asks (`write_numbers`).
Everything is built in memory first; files are written only when all of them are ready,
so a broken item leaves nothing half-done in the output folder. The documents are made, and
a build written, through drafting.produce (the copy policy: drafting.copies).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import os
import shutil
import tempfile
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from drafting import (
    atomic,
    attendance,
    checks,
    copies,
    draftfile,
    filerefs,
    names,
    paths,
    scratch,
)
from drafting.copies import FULL, WEB, Copy
from drafting.i18n import _
from drafting.model import Draft, Language, MeetingDraft
from drafting.render import compose, context, docx, html, warm
from drafting.resources import UnknownOrganization, organization, vocabulary

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
        """Copies of the items as this meeting prints them: its numbers, body, date, and the
        number of each item's first vote among the meeting's votes (a council's "8 äänestys":
        one more than the votes of the items before it)."""
        out: list[Draft] = []
        votes = 0
        for n, (_path, item) in enumerate(self.items):
            draft = numbered(item, self.draft, n, first_vote=votes + 1)
            out.append(draft)
            votes += vote_count(draft)
        return out


# --- what an item takes from its meeting ------------------------------------------------

# The fields (draftfile paths) an item takes from the meeting that lists it.
MEETING_FIELDS = (
    "item.agenda_item",
    "item.section",
    "meeting.body",
    "meeting.number",
    "meeting.date",
    "language",
    "organization",
)
# Written into the item files on command (`write_numbers`): the numbers and the meeting.
NUMBER_FIELDS = MEETING_FIELDS[:5]
# A new item made in the meeting: everything but its numbers (shown when it is opened).
NEW_ITEM_FIELDS = MEETING_FIELDS[2:]


def meeting_values(item: Draft, meeting: MeetingDraft, index: int) -> dict[str, object]:
    """What the meeting gives its `index`-th item, by path: Asia/N, § (the item's own when the
    meeting sets no `first_section`), body, number, date, language and organisation."""
    info, first = meeting.meeting, meeting.first_section
    return {
        "item.agenda_item": index + 1,
        "item.section": item.item.section if first is None else first + index,
        "meeting.body": info.body,
        "meeting.number": info.number,
        "meeting.date": info.date,
        "language": meeting.language,
        "organization": meeting.organization,
    }


def apply_meeting(
    item: Draft, meeting: MeetingDraft, index: int, fields: tuple[str, ...] = MEETING_FIELDS
) -> list[str]:
    """Give `item` (in place) the meeting's values of `fields`; the paths that changed."""
    changed = []
    for path, value in meeting_values(item, meeting, index).items():
        if path in fields and paths.get(item, path) != value:
            paths.set(item, path, value)
            changed.append(path)
    return changed


def vote_count(draft: Draft) -> int:
    """The votes in an item's handling record."""
    decision = draft.item.decision
    return sum(1 for e in decision.handling if e.event == "vote") if decision else 0


def numbered(
    item: Draft, meeting: MeetingDraft, index: int, first_vote: int | None = None
) -> Draft:
    """A copy of `item` as the meeting's `index`-th item: Asia/N, §, body, number, date, the
    body's seats (when the meeting gives them), the roster with who was present for it
    (drafting.attendance), and, when given, the number of its first vote in the meeting."""
    draft = copy.deepcopy(item)
    apply_meeting(draft, meeting, index)
    if meeting.meeting.seats:
        draft.meeting.seats = meeting.meeting.seats
    if first_vote is not None and draft.item.decision is not None and vote_count(draft):
        draft.item.decision.first_vote = first_vote
    if meeting.participants:  # the roster with who was there for this item
        draft.meeting.participants = attendance.present_for(
            meeting.participants, meeting.attendance, draft.item.section
        )
    return draft


def section_sign(meeting: MeetingDraft, number: int) -> str:
    """ "§ 333" in the meeting's vocabulary, as the item's section line prints it."""
    try:
        words = context.Words(organization(meeting.organization), meeting.language)
        return words("section_sign", number=number)
    except (UnknownOrganization, KeyError):  # a profile or language the program lacks
        return vocabulary("fi")["section_sign"].format(number=number)


# --- the meeting's state ----------------------------------------------------------------


def phase(items: Iterable[Draft | object]) -> str:
    """ "minutes" once a decision is recorded in any (readable) item, else "agenda"."""
    for item in items:
        if isinstance(item, Draft) and item.item.decision and item.item.decision.text:
            return "minutes"
    return "agenda"


@dataclass(frozen=True)
class ItemStatus:
    """One item as the meeting would print it: why it cannot be read, or its errors."""

    unreadable: str = ""  # why the file cannot be read; "" when it can
    problems: int = 0  # errors that block the document
    first: str = ""  # the first of them

    @property
    def ok(self) -> bool:
        return not self.unreadable and not self.problems


def item_status(
    item: Draft | str, meeting: MeetingDraft, index: int, document: str, folder: Path
) -> ItemStatus:
    """The status of `item` (or why it cannot be read) as the meeting's `index`-th item in
    `document` ("agenda" or "minutes"); `folder` holds its attachments."""
    if isinstance(item, str):
        return ItemStatus(unreadable=item)
    errors = checks.errors(checks.check(numbered(item, meeting, index), document, folder))
    return ItemStatus(problems=len(errors), first=errors[0].message if errors else "")


def _nul_name() -> str:
    return _("the file name holds a NUL character (\\u0000); write the item's file name")


@dataclass
class ItemCheck:
    """One item of a meeting as `check_items` found it: why its file cannot be read, or its
    problems as the meeting prints it (its numbers, body and date)."""

    index: int  # 0-based: the item is Asia index + 1
    path: Path  # its file
    draft: Draft | None  # numbered as the meeting prints it; None when it cannot be read
    unreadable: list[str]
    problems: list[checks.Problem]

    @property
    def errors(self) -> bool:
        return bool(self.unreadable or checks.errors(self.problems))


def check_items(
    path: Path, meeting: MeetingDraft, document: str | None = None
) -> tuple[str, list[ItemCheck]]:
    """Every item `meeting` (saved as `path`) lists, checked as the `document` ("agenda" or
    "minutes"; None: the meeting's phase) would print it, and that document; unreadable items
    are reported, not raised."""
    path = Path(path)
    loaded: list[tuple[Path, Draft | list[str]]] = []
    for relative in meeting.items:
        item_path = filerefs.resolve(relative, path.parent)
        if "\0" in relative:
            loaded.append((item_path, [_nul_name()]))
            continue
        try:
            loaded.append((item_path, draftfile.load(item_path)))
        except draftfile.DraftError as exc:
            loaded.append((item_path, exc.problems))
    document = document or phase(item for _path, item in loaded)
    found = []
    for index, (item_path, item) in enumerate(loaded):
        if isinstance(item, list):
            found.append(ItemCheck(index, item_path, None, item, []))
            continue
        draft = numbered(item, meeting, index)
        found.append(
            ItemCheck(index, item_path, draft, [], checks.check(draft, document, item_path.parent))
        )
    return document, found


# --- loading ----------------------------------------------------------------------------


def load(path: Path) -> Meeting:
    """The meeting file and every item it lists; BuildError names each unreadable file."""
    path = Path(path)
    try:
        meeting = draftfile.load_meeting(path)
    except draftfile.DraftError as exc:
        raise BuildError([f"{path}: {p}" for p in exc.problems], unreadable=True) from None
    if not meeting.items:
        raise BuildError([f"{path}: " + _("items: the meeting lists no items")], unreadable=True)
    return read(path, meeting)


def read(path: Path, meeting: MeetingDraft) -> Meeting:
    """`meeting` (saved as `path`: its items are relative to it) with every item it lists;
    BuildError names each unreadable file, all of them."""
    path = Path(path)
    problems, items = [], []
    for n, relative in enumerate(meeting.items):
        if "\0" in relative:
            problems.append(f"{path}: items[{n}]: " + _nul_name())
            continue
        item_path = filerefs.resolve(relative, path.parent)
        try:
            items.append((item_path, draftfile.load(item_path)))
        except draftfile.DraftError as exc:
            problems += [f"{item_path}: {p}" for p in exc.problems]
    if problems:
        raise BuildError(problems, unreadable=True)
    return Meeting(path, meeting, items)


def problems(meeting: Meeting, document: str, language: str | None = None) -> list[str]:
    """Errors that block the agenda or the minutes (in `language`, else the meeting's), each
    with its item file."""
    found = []
    for (path, _item), draft in zip(meeting.items, meeting.numbered(), strict=True):
        if language:
            draft.language = typing.cast(Language, language)
        for problem in checks.errors(checks.check(draft, document, path.parent)):
            found.append(f"{path}: {problem.path}: {problem.message}")
    return found


def write_numbers(meeting: Meeting) -> list[Path]:
    """Write Asia/N, § and the meeting's body, number and date into the item files."""
    written = []
    for index, (path, item) in enumerate(meeting.items):
        if apply_meeting(item, meeting.draft, index, NUMBER_FIELDS):
            draftfile.save(item, path)
            written.append(path)
    return written


# --- building ---------------------------------------------------------------------------


def _number(meeting: MeetingDraft) -> str:
    return meeting.meeting.number.replace("/", "-")


@dataclass
class Output:
    name: str  # file name without suffix
    _docx: bytes | None  # None for a combined document until its DOCX is asked for
    parts: list[bytes] | None = None  # for a combined document: its sections, alone
    language: str = ""  # the document's (fi or sv): what LibreOffice hyphenates it as

    @property
    def docx(self) -> bytes:
        """The Word document; a combined one is combined when first asked for (a build with
        its PDF combines it with its page counts instead: with_pdf)."""
        if self._docx is None:
            assert self.parts is not None
            self._docx = compose.combine(self.parts)
        return self._docx


def _combined(name: str, contexts: list[context.Context]) -> Output:
    return Output(name, None, [docx.render(c) for c in contexts], contexts[0]["language"])


def public_name(name: str, meeting: MeetingDraft, language: str | None = None) -> str:
    """A public copy's file name says so: "Pöytäkirja 18-2021 (julkinen)"."""
    org = organization(meeting.organization)
    return f"{name} ({org.word(language or meeting.language, 'public_copy')})"


def _names(drafts: list[Draft], copy: Copy) -> frozenset[str]:
    """In a masked copy, a name one item marks is masked in every item (drafting.copies)."""
    return frozenset(copies.draft_names(drafts)) if copy.masked else frozenset()


def agenda(meeting: Meeting, language: str | None = None, copy: Copy = FULL) -> list[Output]:
    drafts = meeting.numbered()
    options = context.Options(
        document="agenda", language=language, public=copy.masked, names=_names(drafts, copy)
    )
    contexts = [context.cover(meeting.draft, drafts, "agenda", language, copy.masked)]
    contexts += [context.build(d, options) for d in drafts]
    word = contexts[0]["header"]["document"]
    name = _named(f"{word} {_number(meeting.draft)}", meeting, language, copy)
    return [_combined(name, contexts)]


def minutes(
    meeting: Meeting,
    language: str | None = None,
    copy: Copy = FULL,
    changes: bool = False,
    signed: Sequence[tuple[str, str, _dt.datetime]] = (),
) -> list[Output]:
    """`changes`: decisions that differ from their proposals print as the changes (in a copy
    that may show them: never a public one). `signed`: who signed the original (name, role,
    when; drafting.signing.signed_by), which a public copy says on its signature page."""
    drafts = meeting.numbered()
    options = _as_minutes(drafts, language, copy, changes)
    said = signed if copy.says_signers else ()  # only a copy made from the signed original
    contexts = [context.cover(meeting.draft, drafts, "minutes", language, copy.masked, said)]
    contexts += [context.build(d, options) for d in drafts]
    appeals = context.instructions(meeting.draft, context.appeals_used(drafts), language)
    if appeals["sections"]:
        contexts.append(appeals)
    word = contexts[0]["header"]["document"]
    name = _named(f"{word} {_number(meeting.draft)}", meeting, language, copy)
    return [_combined(name, contexts)]


def _as_minutes(
    drafts: list[Draft], language: str | None, copy: Copy, changes: bool
) -> context.Options:
    """How the minutes, and each item as in the minutes, print the numbered `drafts`."""
    return context.Options(
        document="minutes",
        language=language,
        public=copy.masked,
        changes=copy.shows_changes(changes),
        names=_names(drafts, copy),
    )


def _named(name: str, meeting: Meeting, language: str | None, copy: Copy) -> str:
    return public_name(name, meeting.draft, language) if copy.says_public else name


def items(
    meeting: Meeting,
    language: str | None = None,
    copy: Copy = FULL,
    changes: bool = False,
    only: int | None = None,
) -> list[Output]:
    """One file per item, as in the minutes, each paginated on its own; `only`: just the
    item at that index (0-based), still masked as the whole meeting is."""
    drafts = meeting.numbered()
    options = _as_minutes(drafts, language, copy, changes)
    if only is not None:
        drafts = drafts[only : only + 1]
    return [
        Output(
            _named(names.item_stem(d), meeting, language, copy),
            docx.render_item(d, options),
            language=language or d.language,
        )
        for d in drafts
    ]


def extracts(
    meeting: Meeting, language: str | None = None, today: _dt.date | None = None
) -> list[Output]:
    """One extract per item and Otteet recipient, dated the meeting's extract date, else
    `today` (default: the day they are made). Always the full text (copies.EXTRACT), in a
    public build too: extracts go to the parties, not to the web."""
    today = today or _dt.date.today()
    out = []
    for draft in meeting.numbered():
        for index, extract in enumerate(draft.item.extracts):
            data = docx.render(context.extract(draft, index, meeting.draft, language, today=today))
            word = organization(draft.organization).word(draft.language, "extract.recipient")
            name = (
                f"{names.item_stem(draft, 40)} - {word} {index + 1} "
                f"{names.file_stem(extract.recipient, 40)}"
            ).rstrip()
            out.append(Output(name, data, language=language or draft.language))
    return out


def html_pages(
    meeting: Meeting,
    document: str,
    copy: Copy = WEB,
    language: str | None = None,
    signed: Sequence[tuple[str, str, _dt.datetime]] = (),
) -> dict[str, bytes]:
    """The web version of the agenda or the minutes: `index.html` (the first page, its items
    linked) and one page per item, plus the appeal instructions of the minutes; each page
    links to the others. Personal data masked unless the copy is FULL (for internal use).
    `signed`: who signed the original minutes, which the first page says as their public
    copy does (`minutes`)."""
    drafts = meeting.numbered()
    options = context.Options(
        document=document, language=language, public=copy.masked, names=_names(drafts, copy)
    )
    said = signed if copy.says_signers and document == "minutes" else ()
    cover = context.cover(meeting.draft, drafts, document, language, copy.masked, said)
    pages: list[tuple[str, context.Context]] = [(names.INDEX_PAGE, cover)]
    used = {names.INDEX_PAGE.casefold()}
    rows = []
    for draft in drafts:
        name = _page_name(names.item_stem(draft), used)
        pages.append((name, context.build(draft, options)))
        rows.append(name)
    if document == "minutes":
        appeals = context.instructions(meeting.draft, context.appeals_used(drafts), language)
        if appeals["sections"]:
            pages.append(
                (_page_name(names.file_stem(appeals["item"]["title_line"]), used), appeals)
            )
    nav = [
        (name, " ".join(p for p in (c["item"]["section_line"], c["item"]["title_line"]) if p))
        for name, c in pages
    ]
    return {
        name: html.render(page, html.Links(nav, name, rows if name == names.INDEX_PAGE else ()))
        for name, page in pages
    }


def _page_name(stem: str, used: set[str]) -> str:
    """`stem` as a web page's file name, unique in the set (ignoring case)."""
    name, n = f"{stem}.html", 1
    while name.casefold() in used:
        n += 1
        name = f"{stem} ({n}).html"
    used.add(name.casefold())
    return name


def unique(outputs: list[Output]) -> list[Output]:
    """Output names made unique within a build (ignoring case, as Windows and macOS do): two
    items with the same § and the same start of title get " (2)", " (3)", …"""
    used: set[str] = set()
    for output in outputs:
        name, n = output.name, 1
        while name.casefold() in used:
            n += 1
            name = f"{output.name} ({n})"
        used.add(name.casefold())
        output.name = name
    return outputs


def with_pdf(
    output: Output, converter: warm.Converter, archival: bool = False
) -> tuple[bytes, bytes]:
    """The output's DOCX and its PDF (`archival`: PDF/A with tags). A combined document's
    sections each count their own pages ("3 (7)"), and the counts are stored in its DOCX for
    LibreOffice to show: the warm LibreOffice counts them in the combined document as it
    converts it (one load); without one, the parts are converted alone and counted, and the
    combined file converted after."""
    language = output.language
    if output.parts is None:
        return output.docx, converter.convert(output.docx, archival, language=language)
    marked = compose.combine(output.parts, marked=True)
    counted = converter.convert_sections(marked, len(output.parts), archival, language=language)
    if counted is not None:
        pdf, counts = counted
        return compose.combine(output.parts, counts), pdf
    counts = [compose.pdf_page_count(converter.convert(p, language=language)) for p in output.parts]
    data = compose.combine(output.parts, counts)
    return data, converter.convert(data, archival, language=language)


def refuse_inputs(meeting: Meeting, outputs: list[Path]) -> None:
    """No output may be one of the build's own inputs (the meeting or an item file)."""
    inputs = {meeting.path.resolve()} | {path.resolve() for path, _item in meeting.items}
    for path in outputs:
        if path.resolve() in inputs:
            raise BuildError(
                [
                    _(
                        "{path} is one of the meeting's own files and would be "
                        "overwritten; choose another output folder"
                    ).format(path=path)
                ]
            )


def web_folder(meeting: Meeting, document: str, folder: Path) -> Path:
    """Where a build puts the web version of `document`: a folder of its own beside the
    Word files ("Pöytäkirja 18-2021 verkkosivut"), so agenda and minutes never meet."""
    word = context.meeting_frame(meeting.draft, document, None).words
    return folder / f"{word(f'document.{document}')} {_number(meeting.draft)} {word('web.folder')}"


class PartlyWritten(BuildError):
    """Moving the finished files into place failed half-way: `new` are in place, `old` not."""

    def __init__(self, problems: list[str], new: list[Path], old: list[Path]) -> None:
        super().__init__(problems)
        self.new, self.old = new, old


def write_all(folder: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    """All or nothing: every file is written into a private folder beside the targets (the
    same file system), and only when all are complete are they renamed into place."""
    created_folder = not folder.exists()
    targets = [folder / name for name, _data in files]
    stage: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        resolved = [atomic.target(path) for path in targets]  # refuses folders, FIFOs, …
        _remove_stale_stages(folder)
        stage = Path(tempfile.mkdtemp(prefix=f".pykala-build.{os.getpid()}.", dir=folder))
        for (name, data), path in zip(files, resolved, strict=True):
            staged = stage / name
            with open(staged, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
            os.chmod(staged, mode)
    except OSError as exc:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)
        if created_folder:
            _remove_empty(folder)
        where = exc.filename or folder
        raise BuildError(
            [_("cannot write {path}: {reason}").format(path=where, reason=exc.strerror or exc)]
        ) from None
    moved: list[Path] = []
    try:
        for (name, _data), path, shown in zip(files, resolved, targets, strict=True):
            os.replace(stage / name, path)
            moved.append(shown)
    except OSError as exc:
        old = [path for path in targets if path not in moved]
        raise PartlyWritten(
            [_("cannot write {path}: {reason}").format(path=shown, reason=exc.strerror or exc)],
            moved,
            old,
        ) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return targets


def _remove_stale_stages(folder: Path) -> None:
    """Staging folders of builds that were killed before they finished."""
    for entry in folder.glob(".pykala-build.*"):
        pid = entry.name.split(".")[2]
        if pid.isdigit() and not scratch.pid_alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
