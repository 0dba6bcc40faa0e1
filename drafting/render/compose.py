"""Several rendered documents → one Word file, each part a section of its own.

Every part keeps its own page header (its own "Asia/N"), restarts page numbering, and counts
its own pages ("3 (7)"): the header's NUMPAGES becomes SECTIONPAGES. Word computes that field;
LibreOffice does not, so it shows the field's stored result, which is the part's page count
when the caller knows it. A `marked` document is for the warm LibreOffice to count them in
the layout it converts (drafting.render.warm.Converter.convert_sections): each part's text
starts with the bookmark SECTION_MARK, and each header's stored result is in a bookmark
PAGES_MARK, where the count is written before the PDF is made.
"""

from __future__ import annotations

import copy
import gc
import io
import posixpath
import zipfile
from collections.abc import Sequence

from docx import Document
from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.hdrftr import FooterPart, HeaderPart

_REFERENCES = {
    qn("w:headerReference"): (RT.HEADER, HeaderPart, "/word/header%d.xml", CT.WML_HEADER),
    qn("w:footerReference"): (RT.FOOTER, FooterPart, "/word/footer%d.xml", CT.WML_FOOTER),
}
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

# Bookmarks of a marked document, by part index (and for PAGES_MARK, the header's number);
# drafting/render/uno_bridge.py knows them by these names.
SECTION_MARK = "PykalaSection%d"
PAGES_MARK = "PykalaPages%d_%d"
_MARK_ID = 0x7FFF0000  # far above the ids Word and the template use


class _Part:
    """What combining takes from a part: its body and the headers and footers it points at.
    Read straight from the zip (a whole python-docx package would also parse the styles,
    numbering, settings and fonts of every part: most of the time combining took)."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.body = parse_xml(archive.read("word/document.xml")).find(qn("w:body"))
            relationships = parse_xml(archive.read("word/_rels/document.xml.rels"))
            self._targets = {
                r.get("Id"): posixpath.normpath(posixpath.join("word", r.get("Target")))
                for r in relationships.iter(_RELATIONSHIP)
                if r.get("Type") in (RT.HEADER, RT.FOOTER)
            }
            self._read = {rid: archive.read(name) for rid, name in self._targets.items()}

    def related(self, rid: str) -> BaseOxmlElement:
        """The header or footer element `rid` names."""
        return parse_xml(self._read[rid])


class _Marks:
    """Names and ids for the bookmarks of a marked document (None: an unmarked one)."""

    def __init__(self) -> None:
        self.next_id = _MARK_ID
        self.headers = 0

    def bookmark(self, name: str) -> tuple:
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self.next_id))
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), str(self.next_id))
        self.next_id += 1
        return start, end


def _section_pages(
    element: BaseOxmlElement, count: int | None, marks: _Marks | None = None, index: int = 0
) -> None:
    """NUMPAGES → SECTIONPAGES, with `count` as the stored result (blank if unknown); with
    `marks`, the stored result is in a bookmark PAGES_MARK for part `index`."""
    for instruction in element.iter(qn("w:instrText")):
        if instruction.text and instruction.text.strip() == "NUMPAGES":
            instruction.text = " SECTIONPAGES "
            run = instruction.getparent()
            separated = False
            result: list = []
            for sibling in run.itersiblings():
                kind = sibling.find(qn("w:fldChar"))
                state = kind.get(qn("w:fldCharType")) if kind is not None else None
                if state == "separate":
                    separated = True
                elif state == "end":
                    if marks is not None and result:
                        marks.headers += 1
                        start, end = marks.bookmark(PAGES_MARK % (index, marks.headers))
                        result[0].addprevious(start)
                        result[-1].addnext(end)
                    break
                elif separated:
                    for text in sibling.iter(qn("w:t")):
                        text.text = "" if count is None else str(count)
                    result.append(sibling)


def _mark_start(elements: list, marks: _Marks | None, index: int) -> None:
    """The part's first paragraph (in a table's first cell, if it starts with one) begins
    with the bookmark SECTION_MARK for part `index`. (At the start only: a bookmark after a
    line's last letter moves that letter by a hair in LibreOffice's PDF.)"""
    if marks is None:
        return
    for element in elements:
        paragraph = next(element.iter(qn("w:p")), None)
        if paragraph is not None:
            start, end = marks.bookmark(SECTION_MARK % index)
            properties = paragraph.find(qn("w:pPr"))
            if properties is not None:
                properties.addnext(start)
            else:
                paragraph.insert(0, start)
            start.addnext(end)
            return


def _restart_numbering(sect_pr: BaseOxmlElement) -> None:
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    # Schema order: pgNumType comes after pgMar/pgSz and before cols.
    cols = sect_pr.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(numbering)
    else:
        sect_pr.append(numbering)


class _Names:
    """The part names and relationship ids python-docx would give the parts added to the
    target (next_partname, relate_to: the lowest number free), without walking the whole
    package and every relationship once per part (which made combining quadratic: most of
    its time at 100 items). Only parts are added while combining, so the lowest free
    number of each kind only grows."""

    def __init__(self, target: WordDocument) -> None:
        self.part = target.part
        self.names = {str(part.partname) for part in self.part.package.iter_parts()}
        self.next: dict[str, int] = {}

    def partname(self, template: str) -> PackURI:
        n = self.next.get(template, 1)
        while template % n in self.names:
            n += 1
        self.next[template] = n + 1
        self.names.add(template % n)
        return PackURI(template % n)

    def relate(self, new: Part, reltype: str) -> str:
        """A new relationship of the target's main part to the new part `new`; its rId."""
        rels = self.part.rels
        n = self.next.get("rId", 1)
        while f"rId{n}" in rels:
            n += 1
        self.next["rId"] = n + 1
        return rels.add_relationship(reltype, new, f"rId{n}").rId


def _adopt_headers(
    names: _Names,
    source: _Part,
    sect_pr: BaseOxmlElement,
    count: int | None,
    marks: _Marks | None,
    index: int,
) -> None:
    """Copy the part's header and footer into the target package; point sect_pr at them."""
    package = names.part.package
    for reference in list(sect_pr):
        if reference.tag not in _REFERENCES:
            continue
        reltype, part_class, template, content_type = _REFERENCES[reference.tag]
        element = source.related(reference.get(qn("r:id")))
        _section_pages(element, count, marks, index)
        new = part_class(names.partname(template), content_type, element, package)
        reference.set(qn("r:id"), names.relate(new, reltype))


def _break_after(
    body_elements: list[BaseOxmlElement], sect_pr: BaseOxmlElement
) -> list[BaseOxmlElement]:
    """Carry the section's properties on its last paragraph, as Word keeps section breaks.
    A part ending in a table gets a hairline paragraph for it."""
    last = body_elements[-1] if body_elements else None
    if last is None or last.tag != qn("w:p"):
        last = OxmlElement("w:p")
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "20")
        spacing.set(qn("w:lineRule"), "exact")
        ppr = last.get_or_add_pPr()
        ppr.append(spacing)
        body_elements.append(last)
    ppr = last.get_or_add_pPr()
    for old in ppr.findall(qn("w:sectPr")):
        ppr.remove(old)
    ppr.append(sect_pr)
    return body_elements


def combine(
    parts: list[bytes], page_counts: Sequence[int | None] | None = None, marked: bool = False
) -> bytes:
    """One DOCX of `parts` (rendered from the same template), each a section of its own;
    `marked`: with the bookmarks the warm LibreOffice counts and writes each section's pages
    by (SECTION_MARK, PAGES_MARK), for a conversion, never for the user.

    Parts are opened one at a time and dropped once moved, so memory stays flat however
    long the meeting is.
    """
    # Rendering the parts leaves cycles behind (python-docx packages, docxtpl templates);
    # collected now, before the combined document grows, they do not add to its peak.
    gc.collect()
    counts = page_counts or [None] * len(parts)
    marks = _Marks() if marked else None
    target = Document(io.BytesIO(parts[0]))
    names = _Names(target)
    body = target.element.body
    last = len(parts) - 1
    for index, count in enumerate(counts):
        document = None if index == 0 else _Part(parts[index])
        source_body = body if document is None else document.body
        original = source_body.find(qn("w:sectPr"))
        sect_pr = copy.deepcopy(original)
        _restart_numbering(sect_pr)
        if index == 0:
            for reference in sect_pr:
                if reference.tag in _REFERENCES:
                    header = target.part.related_parts[reference.get(qn("r:id"))]
                    _section_pages(header.element, count, marks, index)
            body.remove(original)
            elements = list(body)
        else:
            assert document is not None
            _adopt_headers(names, document, sect_pr, count, marks, index)
            elements = [el for el in source_body if el.tag != qn("w:sectPr")]
        if index < last:
            elements = _break_after(elements, sect_pr)
        _mark_start(elements, marks, index)
        for element in elements:
            if element.getparent() is not body:
                body.append(element)
        if index == last:
            body.append(sect_pr)
        del document
    out = io.BytesIO()
    target.save(out)
    return out.getvalue()


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF, read by pypdf (a real parser, not a pattern over its bytes)."""
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
