"""One way to produce a document, for every caller: the command line, the window's exports,
the preview, the meeting's builds (web folders included) and the benchmarks.

    produce(draft, ("docx", "pdf"), copies.PUBLIC)  → [Made("3 Title (julkinen).docx", …), …]
    produce(meeting, ("docx",), copies.FULL, kinds=("minutes", "extracts"))
    build(meeting, ("minutes",), folder, ("docx", "pdf"), copies.PUBLIC, web=True)

The copy policy (drafting.copies: FULL, PUBLIC, WEB, EXTRACT) owns every masking and
withholding rule; the organisation is resolved here once per document and passed on; the
PDF converter is the caller's one Converter (or one made for this call and stopped after),
which says the hyphenation notice once per language (`notice`).

The interface reaches the render pipeline through this module only (an import-linter
contract forbids ui → drafting.render); the names below are what it uses of it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafting import names
from drafting.copies import EXTRACT, FULL, PUBLIC, WEB, Copy
from drafting.model import Draft
from drafting.render import pdf, warm
from drafting.resources import organization

if TYPE_CHECKING:
    from drafting import meeting
    from drafting.organization import Profile
    from drafting.render.context import Options, Words
    from drafting.render.embed import Reopened

# The Word and web renderers (python-docx, docxtpl, lxml, markdown to Word) and the meeting's
# builds are imported when a document is first made, not when the window starts (issue 24:
# start → window); the LibreOffice side (warm, pdf) is light and the window makes its
# Converter at once.

__all__ = ["EXTRACT", "FULL", "PUBLIC", "WEB", "Copy", "Made", "build", "produce"]

# The render pipeline's names the interface uses, through this gateway.
Converter = warm.Converter
ConverterStopped = warm.ConverterStopped
LibreOfficeMissing = pdf.LibreOfficeMissing
find_soffice = pdf.find_soffice
install_hint = pdf.install_hint


def words_for(draft: Draft) -> Words:
    """The words `draft`'s documents print with (the form quotes them to the user)."""
    from drafting.render import context

    return context.words_for(draft)


def open_word(path: Path) -> Reopened:
    """The draft a Word document made by Pykälä carries (drafting.render.embed.open_word)."""
    from drafting.render import embed

    return embed.open_word(path)


def pdf_page_count(data: bytes) -> int:
    """How many pages a PDF has (drafting.render.compose.pdf_page_count)."""
    from drafting.render import compose

    return compose.pdf_page_count(data)


FORMATS = ("docx", "pdf", "html")


@dataclass(frozen=True)
class Made:
    """One produced file: its name (suffix included; a web page of a build's web folder has
    the folder in front, "Pöytäkirja 18-2021 verkkosivut/index.html") and its bytes."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix


def notice(converter: warm.Converter) -> str:
    """What the converter has to say (LibreOffice running cold, a language it cannot
    hyphenate), once: it is cleared when read."""
    said, converter.notice = converter.notice, ""
    return said


def file_stem(draft: Draft, copy: Copy, public_word: str) -> str:
    """A draft's file name without suffix, from § and title (names.item_stem); a copy that
    says so adds `public_word` ("3 Title (julkinen)")."""
    stem = names.item_stem(draft)
    if copy.says_public:
        stem = f"{stem} ({public_word})".strip()
    return stem or "pykala"


def produce(
    subject: Draft | meeting.Meeting,
    formats: Sequence[str],
    copy: Copy = FULL,
    *,
    kinds: Sequence[str] = (),
    document: str | None = None,
    language: str | None = None,
    changes: bool = False,
    converter: warm.Converter | None = None,
    archival: bool = False,
    carry_draft: bool = True,
    web_folders: bool = False,
    item: int | None = None,
    signed: Sequence[tuple[str, str, _dt.datetime]] = (),
) -> list[Made]:
    """The `formats` ("docx", "pdf", "html") of a draft, or of a meeting's `kinds` ("agenda",
    "minutes", "items", "extracts"; for "html", the web version of the agenda or the minutes),
    as the `copy` may show them.

    `document` ("agenda" | "minutes"; a draft's own when None) and `language` (the draft's or
    meeting's own when None) choose the document; `changes` asks for amended decisions as
    their changes (only a copy that may show them does); `converter` makes the PDF (one made
    for this call when None); `archival`: PDF/A. A draft's Word document carries its draft
    (masked in a masked copy) unless `carry_draft` is False (the preview's pages). A meeting's
    web pages go into a folder of their own per document when `web_folders`; `item` makes
    the kind "items" just the one at that index (0-based: what the meeting view prints);
    `signed`: who signed the original minutes, which their public copy says (meeting.minutes).

    Raises UnknownOrganization, docx.TemplateProblem, pdf.ConversionError."""
    from drafting import meeting

    own = converter is None and "pdf" in formats
    if own:
        converter = warm.Converter(warm=False)
    try:
        if isinstance(subject, meeting.Meeting):
            return _meeting(
                subject,
                formats,
                copy,
                kinds,
                language,
                changes,
                converter,
                web_folders,
                item,
                archival,
                signed,
            )
        return _draft(
            subject, formats, copy, document, language, changes, converter, archival, carry_draft
        )
    finally:
        if own and converter is not None:
            converter.stop()


def _draft(
    draft: Draft,
    formats: Sequence[str],
    copy: Copy,
    document: str | None,
    language: str | None,
    changes: bool,
    converter: warm.Converter | None,
    archival: bool,
    carry_draft: bool,
) -> list[Made]:
    from drafting.render import context, html

    org = organization(draft.organization)  # once, for every part of the document
    options = context.Options(
        document, language, public=copy.masked, changes=copy.shows_changes(changes)
    )
    stem = file_stem(draft, copy, org.word(language or draft.language, "public_copy"))
    made = []
    if "docx" in formats or "pdf" in formats:
        data = _word(draft, options, org, carry_draft)
        if "docx" in formats:
            made.append(Made(f"{stem}.docx", data))
        if "pdf" in formats:
            assert converter is not None
            made.append(Made(f"{stem}.pdf", pages(draft, data, converter, language, archival)))
    if "html" in formats:
        made.append(Made(f"{stem}.html", html.render(context.build(draft, options, org))))
    return made


def _word(draft: Draft, options: Options, org: Profile, carry_draft: bool) -> bytes:
    from drafting.render import context, docx

    if carry_draft:
        return docx.render_item(draft, options, org)
    template = org.template or docx.ITEM_TEMPLATE
    return docx.render(context.build(draft, options, org), template)


def word(draft: Draft, copy: Copy = FULL, *, carry_draft: bool = True) -> Made:
    """A draft's own Word document (the "docx" of `produce`): the first half of its PDF,
    which `pages` converts. The preview makes it in a process of its own
    (drafting.word_process) and converts it in the window's."""
    (made,) = produce(draft, ("docx",), copy, carry_draft=carry_draft)
    return made


def pages(
    draft: Draft,
    data: bytes,
    converter: warm.Converter,
    language: str | None = None,
    archival: bool = False,
) -> bytes:
    """The PDF of `data`, a Word document of `draft` (in `language`, the draft's own when
    None): the second half of `produce`'s "pdf"."""
    return converter.convert(data, archival=archival, language=language or draft.language)


def _meeting(
    loaded: meeting.Meeting,
    formats: Sequence[str],
    copy: Copy,
    kinds: Sequence[str],
    language: str | None,
    changes: bool,
    converter: warm.Converter | None,
    web_folders: bool,
    item: int | None = None,
    archival: bool = False,
    signed: Sequence[tuple[str, str, _dt.datetime]] = (),
) -> list[Made]:
    from drafting import meeting

    made: list[Made] = []
    if "docx" in formats or "pdf" in formats:
        outputs: list[meeting.Output] = []
        for kind in kinds:
            if kind == "agenda":
                outputs += meeting.agenda(loaded, language, copy)
            elif kind == "minutes":
                outputs += meeting.minutes(loaded, language, copy, changes, signed)
            elif kind == "items":
                outputs += meeting.items(loaded, language, copy, changes, item)
            elif kind == "extracts":
                outputs += meeting.extracts(loaded, language)  # always copies.EXTRACT
        for output in meeting.unique(outputs):
            if "pdf" in formats:
                assert converter is not None
                data, pdf_bytes = meeting.with_pdf(output, converter, archival)
            else:
                data, pdf_bytes = output.docx, b""
            if "docx" in formats:
                made.append(Made(f"{output.name}.docx", data))
            if "pdf" in formats:
                made.append(Made(f"{output.name}.pdf", pdf_bytes))
    if "html" in formats:
        for document in ("agenda", "minutes"):
            if document in kinds:
                folder = meeting.web_folder(loaded, document, Path()).name if web_folders else ""
                pages = meeting.html_pages(loaded, document, copy, language, signed)
                made += [
                    Made(f"{folder}/{name}" if folder else name, data)
                    for name, data in pages.items()
                ]
    return made


def build(
    loaded: meeting.Meeting,
    kinds: Sequence[str],
    folder: Path,
    formats: Sequence[str] = ("docx",),
    copy: Copy = FULL,
    *,
    language: str | None = None,
    changes: bool = False,
    converter: warm.Converter | None = None,
    web: bool = False,
    archival: bool = False,
    signed: Sequence[tuple[str, str, _dt.datetime]] = (),
) -> list[Path]:
    """Build a meeting's `kinds` into `folder` (`produce`), all or nothing per folder: DOCX
    and the other `formats` (`archival`: PDF/A); `web`: also the web version of its agenda
    and minutes, each in a folder of its own beside them (always copies.WEB); `signed`: who
    signed the original minutes, which their public copy and web pages say (`produce`). Raises
    meeting.BuildError (every document's problems, each naming its item file); then nothing
    of this build is written."""
    from drafting import meeting

    documents = {"agenda" if kind == "agenda" else "minutes" for kind in kinds}
    found = []
    for document in sorted(documents):
        found += meeting.problems(loaded, document, language)
    if found:
        raise meeting.BuildError(sorted(set(found)))
    made = produce(
        loaded,
        formats,
        copy,
        kinds=kinds,
        language=language,
        changes=changes,
        converter=converter,
        archival=archival,
        signed=signed,
    )
    if web:
        made += produce(
            loaded,
            ("html",),
            WEB,
            kinds=kinds,
            language=language,
            web_folders=True,
            signed=signed,
        )
    meeting.refuse_inputs(loaded, [folder / m.name for m in made])
    by_folder: dict[Path, list[tuple[str, bytes]]] = {}
    for m in made:
        target = folder / m.name
        by_folder.setdefault(target.parent, []).append((target.name, m.data))
    written = []
    for where, files in by_folder.items():
        written += meeting.write_all(where, files)
    return written
